"""Session 19: a web address typed in full-width is the same address; the letter's sign-in page
lets the browser fill in the user name and the one-time code."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kyodo.core.forms import URLField
from kyodo.organizations.forms import ApplicationForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ｈｔｔｐｓ：／／ｋａｚｅ．ｅｘａｍｐｌｅ．ｊｐ／", "https://kaze.example.jp/"),
        ("ｋａｚｅ．ｅｘａｍｐｌｅ．ｊｐ", "https://kaze.example.jp"),
        ("  http://kaze.example.jp/katsudou  ", "http://kaze.example.jp/katsudou"),
        ("", ""),
    ],
)
def test_a_full_width_web_address_is_the_same_address(typed, stored):
    assert URLField(required=False).clean(typed) == stored


def test_a_web_address_that_is_not_one_is_refused_in_japanese():
    field = URLField(required=False)
    with pytest.raises(ValidationError) as raised:
        field.clean("ホームページはありません")
    assert raised.value.messages == ["URLを正しく入力してください。"]


def test_the_group_application_form_takes_a_full_width_address():
    field = ApplicationForm.base_fields["website"]
    assert isinstance(field, URLField)
    assert field.widget.attrs["autocomplete"] == "url"


def test_the_letter_page_lets_the_browser_fill_in_the_name_and_code(client):
    page = client.get("/accounts/start/").text
    assert 'autocomplete="username"' in page
    assert 'autocomplete="one-time-code"' in page


def test_the_renewal_form_refuses_an_id_beyond_64_bits_in_japanese():
    # Found by the forms' fuzz test: SQLite raised OverflowError on the `__in` lookup.
    from kyodo.organizations.forms import RenewalForm
    from kyodo.organizations.models import Organization

    form = RenewalForm(
        data={"organizations": ["-9999999999999999999999999999999"],
              "effective_date": "令和8年4月1日"},
        candidates=Organization.objects.all(),
    )  # fmt: skip
    assert not form.is_valid()
    assert form.errors["organizations"] == [
        "チェックした団体の中に、この年度更新の対象でなくなった団体があります（その間に年度更新が"
        "記録されたか、状態が変わりました）。一覧を確かめてください。"
    ]
