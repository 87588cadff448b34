"""Sample pages of the reports app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from datetime import date

    from kyodo.committees.models import AgendaItem

    # The demo attaches no monthly report to an item: one for the first item of the seed's
    # meeting (its 業務報告), December 2010, compiled live.
    item = AgendaItem.objects.order_by("meeting__date", "pk").first()
    presented = _presented(item, date(2010, 12, 1))
    # The seed's meeting has published minutes: another of its items carries a report handed
    # out, for the public page of the report the meeting heard (報告資料).
    heard_item = seed_meeting_item(besides=item)
    heard = _presented(heard_item, date(2010, 12, 1), frozen=True)
    minutes = heard_item.meeting.minutes
    # FY2010 of the demo: the seed's year, its events and consultations.
    return {
        "/staff/reports/fiscal/<int:fy>/": "/staff/reports/fiscal/2010/",
        "/staff/reports/presented/<int:pk>/": f"/staff/reports/presented/{presented.pk}/",
        "/committee/minutes/<int:pk>/reports/<int:report>/": (
            f"/committee/minutes/{minutes.pk}/reports/{heard.pk}/"
        ),
    }


def seed_meeting_item(*, besides):
    """The last agenda item of the seed's meeting (9th of FY2010, with published minutes) that is
    not ``besides``."""
    from kyodo.committees.models import AgendaItem

    return (
        AgendaItem.objects.filter(
            meeting__committee__slug="unei", meeting__fiscal_year=2010, meeting__number=9
        )
        .exclude(pk=besides.pk)
        .order_by("-pk")
        .first()
    )


def _presented(item, month, *, frozen: bool = False):
    """The report of ``month`` attached to ``item``; ``frozen``: as handed out on the day of its
    meeting (written directly: the demo's minutes are confirmed, and the service refuses to
    attach a report to them)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.utils import translation

    from kyodo.committees.documents import sha256_of
    from kyodo.core.months import Month
    from kyodo.reports.frozen import report_to_dict
    from kyodo.reports.models import PresentedReport
    from kyodo.reports.selectors import monthly_report

    presented, _created = PresentedReport.objects.get_or_create(
        item=item, defaults={"month": month}
    )
    if frozen and not presented.is_frozen:
        held = item.meeting.date
        with translation.override(settings.LANGUAGE_CODE):
            report = monthly_report(month=Month.containing(month), today=held)
            presented.figures = report_to_dict(report)
        presented.sha256 = sha256_of(presented.figures)
        presented.frozen_at = datetime(
            held.year, held.month, held.day, 19, tzinfo=ZoneInfo("Asia/Tokyo")
        )
        presented.save(update_fields=["figures", "sha256", "frozen_at"])
    return presented
