"""年度 at its edges (31 March / 1 April): a cancellation (中止) falls in the fiscal year of its
day, and no later than the last day of the record's last fiscal year."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.models import Collaboration
from kyodo.collaboration.statistics import compute
from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _fields(**changed):
    data = {
        "title": "見守り委託",
        "form": "consignment",
        "first_fiscal_year": 2023,
        "last_fiscal_year": 2024,
        "budget": 600_000,
        "yearly_budgets": {2023: 300_000, 2024: 300_000},
    }
    return services.CollaborationFields(**{**data, **changed})


@pytest.mark.parametrize(
    ("day", "counted", "budget_2023"),
    [
        # The last day of 令和5年度: it stopped in its first fiscal year, counted nowhere.
        (date(2024, 3, 31), [], 0),
        # The first day of 令和6年度: 令和5年度 ran in full and is counted.
        (date(2024, 4, 1), [2023], 300_000),
        # The last day of its last fiscal year: still a 中止 in 令和6年度.
        (date(2025, 3, 31), [2023], 300_000),
    ],
)
def test_a_cancellation_counts_by_the_fiscal_year_of_its_day(staff, day, counted, budget_2023):
    record = services.collaboration_create(
        actor=staff, fields=_fields(cancelled_on=day, cancellation_reason="団体の解散")
    )

    assert record.counted_years == counted
    assert (compute(fiscal_year=2023).total, compute(fiscal_year=2023).budget) == (
        len(counted),
        budget_2023,
    )
    assert (compute(fiscal_year=2024).total, compute(fiscal_year=2024).budget) == (0, 0)


@pytest.mark.parametrize("day", [date(2025, 4, 1), date(2025, 12, 1)])
def test_a_cancellation_after_the_last_fiscal_year_is_refused(staff, day):
    with pytest.raises(InvalidInput) as refused:
        services.collaboration_create(
            actor=staff, fields=_fields(cancelled_on=day, cancellation_reason="団体の解散")
        )

    assert (str(refused.value.message), refused.value.field) == (
        "中止日は終了年度の末日（令和7年3月31日）より後にはできません。期間を終えた協働は中止では"
        "ありません。",
        "cancelled_on",
    )
    assert not Collaboration.objects.exists()
    assert not AuditEntry.objects.exists()


def test_shortening_the_period_before_its_cancellation_is_refused(staff):
    record = services.collaboration_create(
        actor=staff,
        fields=_fields(cancelled_on=date(2024, 10, 1), cancellation_reason="団体の解散"),
    )
    rows = AuditEntry.objects.count()

    with pytest.raises(InvalidInput) as refused:
        services.collaboration_update(
            actor=staff,
            record=record,
            fields=_fields(
                last_fiscal_year=2023,
                yearly_budgets={},
                budget=300_000,
                cancelled_on=date(2024, 10, 1),
                cancellation_reason="団体の解散",
            ),
        )

    assert (str(refused.value.message), refused.value.field) == (
        "中止日は終了年度の末日（令和6年3月31日）より後にはできません。期間を終えた協働は中止では"
        "ありません。",
        "cancelled_on",
    )
    record.refresh_from_db()
    assert (record.last_fiscal_year, record.budget) == (2024, 600_000)
    assert AuditEntry.objects.count() == rows


def test_the_record_form_says_so_beside_the_field(client, staff):
    client.force_login(staff)

    response = client.post(
        "/staff/collaboration/records/new/",
        {
            "title": "見守り委託",
            "form": "consignment",
            "first_fiscal_year": "令和5年度",
            "last_fiscal_year": "令和5年度",
            "budget": "300000",
            "cancelled_on": "2024-04-01",
            "cancellation_reason": "団体の解散",
        },
    )

    assert response.status_code == 200
    assert "中止日は終了年度の末日（令和6年3月31日）より後にはできません。" in response.text
    assert not Collaboration.objects.exists()
