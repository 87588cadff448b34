"""A department's reading (ふりがな) orders the lists in gojūon: hiragana or katakana only, as
for groups. 「road」 would sort before every kana; it is refused, nothing saved."""

from __future__ import annotations

import pytest

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.models import Department
from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db

REFUSED = "ふりがなは、ひらがなまたはカタカナで入力してください。"


def _fields(reading: str, name: str = "道路課") -> services.DepartmentFields:
    return services.DepartmentFields(name=name, name_reading=reading, bureau="都市整備部")


def test_a_reading_in_katakana_is_stored_in_hiragana(staff):
    department = services.department_create(actor=staff, fields=_fields("ドウロカ"))
    assert department.name_reading == "どうろか"


def test_the_service_refuses_a_reading_in_latin_letters(staff):
    with pytest.raises(InvalidInput) as refused:
        services.department_create(actor=staff, fields=_fields("road"))
    assert (str(refused.value.message), refused.value.field) == (REFUSED, "name_reading")
    assert not Department.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_form_refuses_a_reading_in_kanji(client, staff):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/departments/",
        {"name": "道路課", "name_reading": "道路課", "bureau": "都市整備部", "is_active": "on"},
    )
    assert response.status_code == 200
    assert f'id="id_name_reading_error">{REFUSED}</p>' in response.text
    assert not Department.objects.exists()


def test_an_older_reading_left_as_it_was_does_not_stop_another_change(staff):
    department = Department.objects.create(name="第1課", name_reading="だい1か", bureau="総務部")
    services.department_update(
        actor=staff,
        department=department,
        fields=services.DepartmentFields(
            name="第1課", name_reading="だい1か", bureau="総務部", contact_name="西口"
        ),
    )
    department.refresh_from_db()
    assert (department.name_reading, department.contact_name) == ("だい1か", "西口")
