"""Sample pages of the reports app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from datetime import date

    from kyodo.committees.models import AgendaItem
    from kyodo.reports.models import PresentedReport

    # The demo attaches no monthly report to an item: one for the first item of the seed's
    # meeting (its 業務報告), December 2010, compiled live.
    item = AgendaItem.objects.order_by("meeting__date", "pk").first()
    presented, _created = PresentedReport.objects.get_or_create(
        item=item, defaults={"month": date(2010, 12, 1)}
    )
    # FY2010 of the demo: the seed's year, its events and consultations.
    return {
        "/staff/reports/fiscal/<int:fy>/": "/staff/reports/fiscal/2010/",
        "/staff/reports/presented/<int:pk>/": f"/staff/reports/presented/{presented.pk}/",
    }
