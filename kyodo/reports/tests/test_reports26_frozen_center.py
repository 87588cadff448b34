"""The PDF of a report handed out prints the center's name as it was that day: the name is frozen
with the figures (frozen format 3), so renaming the center later leaves the old report's PDF as
it was handed out. A report frozen before (format 1 or 2, without the name) takes the name the
center had then from the audit log of its renames, today's when it was not renamed since."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pdfplumber
import pytest

from kyodo.core.months import Month
from kyodo.reports.models import PresentedReport

pytestmark = pytest.mark.django_db

OLD = "西東京市市民協働推進センター"
NEW = "西東京市市民協働推進センター ゆめこらぼ"
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def center():
    from kyodo.core.models import Center

    return Center.objects.create(name=OLD)


@pytest.fixture
def item(center):
    from kyodo.committees.models import AgendaItem, Committee, Meeting, Minutes

    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    meeting = Meeting.objects.create(
        committee=committee, fiscal_year=2010, number=9, date=date(2011, 1, 18), start_time=time(19)
    )
    Minutes.objects.create(meeting=meeting)
    return AgendaItem.objects.create(
        meeting=meeting, category=AgendaItem.Category.REPORT, number=1, title="業務報告について"
    )


def _handed_out(item, staff_user) -> PresentedReport:
    from kyodo.reports.services import presented_report_attach, presented_report_freeze

    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    presented_report_freeze(
        actor=staff_user, presented=presented, now=datetime(2011, 1, 18, 19, tzinfo=TOKYO)
    )
    return PresentedReport.objects.get(pk=presented.pk)


def _rename(staff_user, name: str) -> None:
    from kyodo.core.center import center_update
    from kyodo.core.models import Center

    center_update(actor=staff_user, center=Center.objects.get(), name=name)


def _as_format_2(presented: PresentedReport, *, frozen_at: datetime | None = None) -> None:
    """Make ``presented`` a report handed out before the center's name was frozen with it."""
    figures = dict(presented.figures)
    del figures["center"]
    PresentedReport.objects.filter(pk=presented.pk).update(
        figures=figures | {"format": 2}, frozen_at=frozen_at or presented.frozen_at
    )


def _pdf(client, staff_user, presented) -> tuple[list[str], str]:
    """The first lines of the report's PDF as staff download it, and its author."""
    client.force_login(staff_user)
    response = client.get(f"/staff/reports/presented/{presented.pk}/report.pdf")
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.content)) as document:
        lines = (document.pages[0].extract_text() or "").splitlines()
        return lines[:3], document.metadata["Author"]


def test_the_center_s_name_is_frozen_with_the_figures(december, item, staff_user):
    from kyodo.committees.documents import sha256_of

    presented = _handed_out(item, staff_user)

    assert presented.figures["format"] == 3
    assert presented.figures["center"] == {"name": OLD}
    assert presented.sha256 == sha256_of(presented.figures)


def test_renaming_the_center_leaves_the_pdf_of_a_report_handed_out_as_it_was(
    december, item, staff_user, client
):
    presented = _handed_out(item, staff_user)
    before = PresentedReport.objects.values().get()

    _rename(staff_user, NEW)

    assert _pdf(client, staff_user, presented) == (
        ["作成日：平成23年1月18日(火)", OLD, "平成22年12月 月次報告"],
        OLD,
    )
    # Nothing frozen was touched; the live report of the month prints the new name.
    assert PresentedReport.objects.values().get() == before
    live = client.get("/staff/reports/monthly/2010-12/report.pdf").content
    with pdfplumber.open(io.BytesIO(live)) as document:
        assert document.pages[0].extract_text().splitlines()[1] == NEW
        assert document.metadata["Author"] == NEW


def test_a_report_of_format_2_takes_the_name_the_center_had_when_it_was_handed_out(
    december, item, staff_user, client
):
    presented = _handed_out(item, staff_user)
    _as_format_2(presented)

    _rename(staff_user, NEW)
    _rename(staff_user, "市民協働センター")

    assert _pdf(client, staff_user, presented) == (
        ["作成日：平成23年1月18日(火)", OLD, "平成22年12月 月次報告"],
        OLD,
    )


def test_a_report_of_format_2_handed_out_after_a_rename_takes_the_new_name(
    december, item, staff_user, client
):
    from django.utils import timezone

    presented = _handed_out(item, staff_user)
    _rename(staff_user, NEW)
    # Handed out after the rename (the audit row's time), as a report of format 2.
    _as_format_2(presented, frozen_at=timezone.now())

    assert _pdf(client, staff_user, presented)[0][1] == NEW


def test_a_report_of_format_2_without_a_rename_since_takes_today_s_name(
    december, item, staff_user, client
):
    presented = _handed_out(item, staff_user)
    _as_format_2(presented)

    assert _pdf(client, staff_user, presented)[0][1] == OLD


def test_a_rename_refused_changes_nothing_and_the_pdf_keeps_the_name(
    december, item, staff_user, client
):
    from kyodo.core.exceptions import DomainError
    from kyodo.core.models import AuditEntry, Center

    presented = _handed_out(item, staff_user)
    _as_format_2(presented)
    audit = AuditEntry.objects.count()

    with pytest.raises(DomainError):
        _rename(staff_user, "名" * 201)  # longer than the center's name can be

    assert (Center.objects.get().name, AuditEntry.objects.count()) == (OLD, audit)
    assert _pdf(client, staff_user, presented)[0][1] == OLD


def test_the_report_read_back_carries_the_frozen_name(december, item, staff_user):
    from kyodo.reports.selectors import presented_monthly_report

    presented = _handed_out(item, staff_user)
    _rename(staff_user, NEW)

    assert presented_monthly_report(presented).center_name == OLD
    _as_format_2(presented)
    assert presented_monthly_report(PresentedReport.objects.get()).center_name == OLD
