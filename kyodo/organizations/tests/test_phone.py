"""The group application takes telephone numbers as the other public forms do (events,
お問い合わせ): one field, kyodo.core.forms.PhoneField, so that all agree."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kyodo.contact.forms import InquiryForm
from kyodo.core.forms import PhoneField
from kyodo.events.forms import ApplicationForm as EventApplicationForm
from kyodo.organizations.forms import ApplicationForm, ImportRowForm, ProfileForm
from kyodo.organizations.models import Organization
from kyodo.organizations.tests.factories import application_post
from kyodo.organizations.tests.test_forms import nothing_saved

NOT_DIGITS = "電話番号は数字とハイフンで入力してください（例：042-000-0000）。"
DIGITS = "電話番号は10桁か11桁の数字で入力してください（例：042-000-0000）。"


def test_every_form_of_a_group_uses_the_shared_telephone_field():
    for form in (ApplicationForm, ProfileForm, ImportRowForm):
        assert type(form.base_fields["phone"]) is PhoneField


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("042-461-0001", "042-461-0001"),
        ("０４２ー４６１ー０００１", "042-461-0001"),
        ("042−461−0001", "042-461-0001"),
        (" 0424610001 ", "0424610001"),
        ("090-1234-5678", "090-1234-5678"),
    ],
)
def test_a_telephone_number_is_stored_with_half_width_digits_and_hyphens(typed, stored):
    form = ApplicationForm(data=application_post(phone=typed))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("042-461", DIGITS),
        ("042-461-0001-2345", DIGITS),
        ("+81-42-461-0001", NOT_DIGITS),
        ("電話してね", NOT_DIGITS),
    ],
)
def test_a_bad_telephone_number_is_refused_beside_the_field(client, typed, message):
    response = client.post("/groups/apply/", application_post(phone=typed))
    assert response.status_code == 200
    assert f'id="id_phone_error">{message}</p>' in response.text
    nothing_saved()
    assert Organization.objects.count() == 0


# Parentheses included: whatever the shared field decides about them (today it refuses them),
# the group application decides the same.
@pytest.mark.parametrize(
    "typed",
    [
        "042-461-0001",
        "０４２ー４６１ー０００１",
        "042-461",
        "０４２（４６１）０００１",
        "03(1234)5678",
        "x",
    ],
)
def test_the_group_application_agrees_with_the_event_and_contact_forms(typed):
    def verdict(form_class) -> tuple:
        field = form_class.base_fields["phone"]
        try:
            return ("ok", field.clean(typed))
        except ValidationError as error:
            return ("refused", [str(m) for m in error.messages])

    group = verdict(ApplicationForm)
    assert verdict(EventApplicationForm) == group
    assert verdict(InquiryForm) == group
