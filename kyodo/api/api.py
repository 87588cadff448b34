"""The read-only public API (django-ninja): /api/v1/, schema at /api/v1/openapi.json."""

from datetime import date, time

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import FilterSchema, NinjaAPI, Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from kyodo.api.opendata import public_events
from kyodo.core.wareki import fiscal_year_range
from kyodo.events.models import Event

api = NinjaAPI(
    title="Kyodo API",
    version="1",
    description="Public data of the center: events, registered groups, committee meetings, "
    "confirmed minutes and their statements. Read-only; no personal data.",
    urls_namespace="api-v1",
    docs_url="/docs",
)


class DateRangeFilter(FilterSchema):
    date_from: date | None = Field(None, description="On or after this date (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="On or before this date (YYYY-MM-DD).")
    fiscal_year: int | None = Field(
        None, ge=1900, le=2200, description="Japanese fiscal year (April–March), e.g. 2010."
    )

    def date_bounds(self) -> tuple[date | None, date | None]:
        start, end = self.date_from, self.date_to
        if self.fiscal_year is not None:
            fy_start, fy_end = fiscal_year_range(self.fiscal_year)
            start = max(start, fy_start) if start else fy_start
            end = min(end, fy_end) if end else fy_end
        return start, end


class GuestOut(Schema):
    name: str
    affiliation: str
    role: str


class EventOut(Schema):
    id: int
    name: str
    series: str | None
    series_number: int | None
    kind: str
    theme: str
    date: date
    start_time: time | None
    end_time: time | None
    venue: str
    capacity_people: int | None
    capacity_groups: int | None
    status: str
    url: str
    guests: list[GuestOut]

    @staticmethod
    def resolve_series(obj: Event) -> str | None:
        return obj.series.name if obj.series_id else None

    @staticmethod
    def resolve_venue(obj: Event) -> str:
        return obj.venue_name

    @staticmethod
    def resolve_url(obj: Event) -> str:
        from django.conf import settings

        return settings.SITE_URL + obj.get_absolute_url()

    @staticmethod
    def resolve_guests(obj: Event) -> list:
        return list(obj.guests.all())


def _events(filters: DateRangeFilter, kind: str | None):
    events = public_events().prefetch_related("guests")
    start, end = filters.date_bounds()
    if start:
        events = events.filter(date__gte=start)
    if end:
        events = events.filter(date__lte=end)
    if kind:
        events = events.filter(kind=kind)
    return events


@api.get("/events", response=list[EventOut], tags=["events"])
@paginate(PageNumberPagination, page_size=50)
def list_events(request: HttpRequest, filters: Query[DateRangeFilter], kind: str | None = None):
    """Published and held events, by date."""
    return _events(filters, kind)


@api.get("/events/{event_id}", response=EventOut, tags=["events"])
def get_event(request: HttpRequest, event_id: int):
    return get_object_or_404(public_events().prefetch_related("guests"), pk=event_id)
