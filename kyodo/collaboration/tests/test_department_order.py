"""Departments in gojūon order of their readings wherever they are listed, as on the departments
page: 児童福祉課 (じどうふくしか) before 職員課 (しょくいんか), although the database, comparing code
points, puts し (U+3057) before じ (U+3058)."""

from __future__ import annotations

import pytest

from kyodo.collaboration import selectors
from kyodo.collaboration.forms import ProposalForm, RecordFilterForm, RecordForm
from kyodo.collaboration.models import Collaboration, Department

pytestmark = pytest.mark.django_db

GOJUON = ["協働コミュニティ課", "児童福祉課", "職員課"]


@pytest.fixture
def departments():
    made = {
        name: Department.objects.create(name=name, name_reading=reading)
        for name, reading in [
            ("職員課", "しょくいんか"),
            ("協働コミュニティ課", "きょうどうこみゅにてぃか"),
            ("児童福祉課", "じどうふくしか"),
        ]
    }
    # SQLite (and PostgreSQL under the C collation) order the readings きょう…, しょ…, じど….
    return made


def _labels(field) -> list[str]:
    return [str(label) for value, label in field.choices if value != ""]


def test_the_forms_offer_the_departments_in_gojuon_order(departments):
    assert [d.name for d in selectors.departments()] == GOJUON
    assert _labels(RecordForm().fields["departments"]) == GOJUON
    assert _labels(RecordFilterForm().fields["department"]) == GOJUON
    assert _labels(ProposalForm().fields["department"]) == GOJUON
    # The first option of the filter stays 「すべて」.
    first_value, first_label = next(iter(RecordFilterForm().fields["department"].choices))
    assert (first_value, str(first_label)) == ("", "すべて")


def test_a_department_chosen_in_the_filter_is_still_found(departments):
    form = RecordFilterForm({"department": str(departments["職員課"].pk)})
    assert form.is_valid()
    assert form.cleaned_data["department"] == departments["職員課"]


def test_the_record_pages_list_a_records_departments_in_gojuon_order(client, staff, departments):
    record = Collaboration.objects.create(
        title="職員研修の協働", form="consignment", first_fiscal_year=2010, last_fiscal_year=2010,
        is_published=True,
    )  # fmt: skip
    record.departments.set(departments.values())
    client.force_login(staff)
    listed = "、".join(GOJUON)
    assert listed in client.get("/staff/collaboration/").text
    assert listed in client.get(f"/staff/collaboration/records/{record.pk}/").text
    public = client.get("/collaboration/").text
    assert listed in public
    assert public.index(">協働コミュニティ課</a>") < public.index(">児童福祉課</a>")
    assert public.index(">児童福祉課</a>") < public.index(">職員課</a>")
    assert listed in client.get(f"/collaboration/{record.pk}/").text
