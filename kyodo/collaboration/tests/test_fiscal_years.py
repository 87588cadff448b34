"""The register takes fiscal years from 平成元年度: a start at most in the next fiscal year, an end
at most four fiscal years after that. A mistyped 「令和99年度」 is refused, nothing is saved."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.models import Collaboration, ProposalCall
from kyodo.collaboration.statistics import fiscal_years_in_register
from kyodo.core.models import AuditEntry
from kyodo.core.wareki import fiscal_year, fiscal_year_name

pytestmark = pytest.mark.django_db


def _next_fiscal_year() -> int:
    return fiscal_year(timezone.localdate()) + 1


def _range_message(latest: int) -> str:
    return f"平成元年度から{fiscal_year_name(latest)}までの年度を入力してください。"


def _fields(first: int, last: int | None = None) -> services.CollaborationFields:
    return services.CollaborationFields(
        title="子育てひろばの運営",
        form="consignment",
        first_fiscal_year=first,
        last_fiscal_year=last,
    )


def test_the_bounds_run_from_heisei_1_to_the_next_fiscal_year_and_four_more_for_an_end():
    upcoming = _next_fiscal_year()
    assert services.fiscal_year_bounds() == (1989, upcoming)
    assert services.fiscal_year_bounds(end=True) == (1989, upcoming + 4)


@pytest.mark.parametrize(
    ("first", "last", "field", "end"),
    [
        (2099, None, "first_fiscal_year", False),  # 令和81年度
        (1988, None, "first_fiscal_year", False),  # 昭和63年度
        ("next+1", None, "first_fiscal_year", False),
        ("next", "next+5", "last_fiscal_year", True),
    ],
)
def test_a_fiscal_year_out_of_range_is_refused_and_nothing_is_saved(staff, first, last, field, end):
    upcoming = _next_fiscal_year()
    years = {"next": upcoming, "next+1": upcoming + 1, "next+5": upcoming + 5}
    first, last = years.get(first, first), years.get(last, last)
    with pytest.raises(InvalidInput) as refused:
        services.collaboration_create(actor=staff, fields=_fields(first, last))
    latest = upcoming + 4 if end else upcoming
    assert (str(refused.value.message), refused.value.field) == (_range_message(latest), field)
    assert Collaboration.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_edges_of_the_range_are_accepted(staff):
    upcoming = _next_fiscal_year()
    services.collaboration_create(actor=staff, fields=_fields(1989))
    services.collaboration_create(actor=staff, fields=_fields(upcoming, upcoming + 4))
    assert sorted(Collaboration.objects.values_list("first_fiscal_year", "last_fiscal_year")) == [
        (1989, 1989),
        (upcoming, upcoming + 4),
    ]


def test_an_edit_to_reiwa_99_is_refused_and_the_statistics_never_see_it(staff):
    record = services.collaboration_create(actor=staff, fields=_fields(2010, 2011))
    with pytest.raises(InvalidInput):
        services.collaboration_update(actor=staff, record=record, fields=_fields(2010, 2117))
    record.refresh_from_db()
    assert (record.first_fiscal_year, record.last_fiscal_year) == (2010, 2011)
    assert fiscal_years_in_register() == [2011, 2010]
    assert not AuditEntry.objects.filter(action="kyodo.collaboration.record.updated").exists()


def test_the_record_form_says_so_beside_the_field_in_japanese(client, staff):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/records/new/",
        {"title": "x", "form": "subsidy", "first_fiscal_year": "令和99年度"},
    )
    assert response.status_code == 200
    message = _range_message(_next_fiscal_year())
    assert f'id="id_first_fiscal_year_error">{message}</p>' in response.text
    assert Collaboration.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_a_call_for_projects_after_the_next_fiscal_year_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/calls/",
        {
            "title": "NPO等企画提案事業",
            "fiscal_year": str(_next_fiscal_year() + 1),
            "opens_on": "2026-11-01",
            "closes_on": "2026-12-25",
        },
    )
    assert response.status_code == 200
    assert _range_message(_next_fiscal_year()) in response.text
    assert ProposalCall.objects.count() == 0
    with pytest.raises(InvalidInput) as refused:
        services.call_create(
            actor=staff,
            fields=services.CallFields(
                title="NPO等企画提案事業",
                fiscal_year=2099,
                opens_on=timezone.localdate(),
                closes_on=timezone.localdate(),
            ),
        )
    assert refused.value.field == "fiscal_year"
    assert ProposalCall.objects.count() == 0
    assert not AuditEntry.objects.exists()
