"""The read-only public API (django-ninja): /api/v1/, schema at /api/v1/openapi.json."""

import re
from datetime import date, time
from typing import Annotated, Any

from django.conf import settings
from django.db.models import (
    F,
    QuerySet,
)
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import FilterSchema, NinjaAPI, Path, Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from kyodo.api.opendata import visible_events
from kyodo.committees.documents import meeting_name, version_document
from kyodo.committees.models import Meeting, Minutes, MinutesEntry, PublishedEntry
from kyodo.core.text import has_control_characters
from kyodo.core.wareki import fiscal_year_range
from kyodo.events.models import Event, EventKind
from kyodo.organizations import selectors as organization_selectors
from kyodo.organizations.models import ActivityField, Organization, PublishableField

api = NinjaAPI(
    title="Kyodo API",
    version="1",
    description="Public data of the center: events, registered groups, committee meetings, "
    "confirmed minutes and their statements. Read-only; no personal data.",
    urls_namespace="api-v1",
    docs_url="/docs",
)


class IndexOut(Schema):
    title: str
    version: str
    description: str
    docs: str = Field(description="Swagger UI.")
    openapi: str = Field(description="The OpenAPI schema.")
    endpoints: dict[str, str] = Field(description="Each collection and its address.")
    files: dict[str, str] = Field(description="Open data files beside the API.")


# Not in the schema: a front door for people, not an operation for clients.
@api.get("/", response=IndexOut, include_in_schema=False)
def index(request: HttpRequest):
    """The API's front door: its collections, its documentation and the open data files."""
    base = reverse("api-v1:index")
    return {
        "title": api.title,
        "version": api.version,
        "description": api.description,
        "docs": f"{base}docs",
        "openapi": f"{base}openapi.json",
        "endpoints": {
            name: f"{base}{name}" for name in ("events", "groups", "meetings", "statements")
        },
        "files": {
            "events.csv": reverse("opendata:events-csv"),
            "events.ics": reverse("opendata:events-ics"),
        },
    }


# A wall-clock time in Japan. JSON Schema's "time" format is RFC 3339's full-time, which needs a
# UTC offset; the times here have none (they are local to the center), so say what they are.
LocalTime = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
            "description": "Local time in Japan (Asia/Tokyo), hh:mm:ss.",
            "examples": ["19:00:00"],
        }
    ),
]


# Ids are bigint: a larger number in a path or filter would overflow the database, not miss.
MAX_ID = 2**63 - 1


class NotFoundOut(Schema):
    detail: str = Field(description="「Not Found」")


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(description="What was wrong with which parameter.")


# Every operation answers 422 for a parameter it cannot read, and 404 for an id it does not have.
ERRORS = {422: ValidationErrorOut}


def _no_control_characters(value: str | None) -> str | None:
    # A NUL byte (?q=%00) reaches PostgreSQL as a 500 otherwise: refused as bad input (422).
    if value is not None and (has_control_characters(value) or "\x00" in value):
        raise ValueError("制御文字（見えない文字）は使えません。")
    return value


# Free text in a query: no control characters (said in the schema too, for clients and tests).
QueryText = Annotated[str | None, AfterValidator(_no_control_characters)]
NO_CONTROL_CHARACTERS = {"pattern": "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"}
NOT_FOUND = {404: NotFoundOut, 422: ValidationErrorOut}


class Pages(PageNumberPagination):
    """Page numbers as django-ninja counts them, bounded: a page far beyond any data must be an
    empty page or a 422, never an offset the database cannot take (a 500)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
        page_size: int | None = Field(None, ge=1, le=100, description="Items per page (≤ 100).")


def _iso_date(value):
    # Pydantic would read "0.0" or "1700000000" as a time stamp: a date is written YYYY-MM-DD.
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("日付は YYYY-MM-DD の形で指定してください（例: 2010-12-21）。")
    return value


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[date | None, BeforeValidator(_iso_date)]


class DateRangeFilter(FilterSchema):
    date_from: IsoDate = Field(None, description="On or after this date (YYYY-MM-DD).")
    date_to: IsoDate = Field(None, description="On or before this date (YYYY-MM-DD).")
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
    start_time: LocalTime | None
    end_time: LocalTime | None
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


def _events(filters: DateRangeFilter, kind: EventKind | None):
    events = visible_events().prefetch_related("guests")
    start, end = filters.date_bounds()
    if start:
        events = events.filter(date__gte=start)
    if end:
        events = events.filter(date__lte=end)
    if kind:
        events = events.filter(kind=kind.value)
    return events


@api.get("/events", response={200: list[EventOut], **ERRORS}, tags=["events"])
@paginate(Pages, page_size=50, max_page_size=100)
def list_events(
    request: HttpRequest, filters: Query[DateRangeFilter], kind: EventKind | None = None
):
    """Every event the public may see (published, held and cancelled ones), by date."""
    return _events(filters, kind)


@api.get("/events/{event_id}", response={200: EventOut, **NOT_FOUND}, tags=["events"])
def get_event(request: HttpRequest, event_id: int = Path(..., ge=1, le=MAX_ID)):
    return get_object_or_404(visible_events().prefetch_related("guests"), pk=event_id)


# --- registered groups ----------------------------------------------------------------------


class GroupFilter(Schema):
    q: QueryText = Field(
        None,
        max_length=200,
        description="Part of the name or its reading.",
        json_schema_extra=NO_CONTROL_CHARACTERS,
    )
    activity_field: ActivityField | None = Field(None, description="A field of activity (code).")
    legal_form: Organization.LegalForm | None = Field(None, description="Legal form (code).")


def _published(obj: Organization, code: str):
    # The same choice as the public group page: Organization.public_fields (published and set).
    for shown, _label, _value in obj.public_fields:
        if shown == code:
            return getattr(obj, code)
    return None


class GroupOut(Schema):
    """A registered group: name, reading and legal form always; every other field only if the
    group chose to publish it (null otherwise)."""

    id: int
    name: str
    name_reading: str
    legal_form: str
    legal_form_label: str
    description: str | None
    activity_fields: list[str] | None
    activity_field_labels: list[str] | None
    area: str | None
    member_count: int | None
    founded_year: int | None
    website: str | None
    representative_name: str | None
    email: str | None
    phone: str | None
    address: str | None
    url: str

    @staticmethod
    def resolve_legal_form_label(obj: Organization) -> str:
        return str(obj.get_legal_form_display())

    @staticmethod
    def resolve_description(obj: Organization) -> str | None:
        return _published(obj, PublishableField.DESCRIPTION)

    @staticmethod
    def resolve_activity_fields(obj: Organization) -> list[str] | None:
        if _published(obj, PublishableField.ACTIVITY_FIELDS) is None:
            return None
        return obj.activity_field_list

    @staticmethod
    def resolve_activity_field_labels(obj: Organization) -> list[str] | None:
        if _published(obj, PublishableField.ACTIVITY_FIELDS) is None:
            return None
        return obj.activity_field_labels

    @staticmethod
    def resolve_area(obj: Organization) -> str | None:
        return _published(obj, PublishableField.AREA)

    @staticmethod
    def resolve_member_count(obj: Organization) -> int | None:
        return _published(obj, PublishableField.MEMBER_COUNT)

    @staticmethod
    def resolve_founded_year(obj: Organization) -> int | None:
        return _published(obj, PublishableField.FOUNDED_YEAR)

    @staticmethod
    def resolve_website(obj: Organization) -> str | None:
        return _published(obj, PublishableField.WEBSITE)

    @staticmethod
    def resolve_representative_name(obj: Organization) -> str | None:
        return _published(obj, PublishableField.REPRESENTATIVE_NAME)

    @staticmethod
    def resolve_email(obj: Organization) -> str | None:
        return _published(obj, PublishableField.EMAIL)

    @staticmethod
    def resolve_phone(obj: Organization) -> str | None:
        return _published(obj, PublishableField.PHONE)

    @staticmethod
    def resolve_address(obj: Organization) -> str | None:
        return _published(obj, PublishableField.ADDRESS)

    @staticmethod
    def resolve_url(obj: Organization) -> str:
        return settings.SITE_URL + reverse("organizations:detail", args=[obj.pk])


@api.get("/groups", response={200: list[GroupOut], **ERRORS}, tags=["groups"])
@paginate(Pages, page_size=50, max_page_size=100)
def list_groups(request: HttpRequest, filters: Query[GroupFilter]):
    """Registered groups as the public directory lists them, in gojūon order of their reading.

    ``activity_field`` matches only groups that publish their fields of activity."""
    return organization_selectors.directory(
        q=filters.q or "",
        activity_field=filters.activity_field.value if filters.activity_field else "",
        legal_form=filters.legal_form.value if filters.legal_form else "",
    )


@api.get("/groups/{group_id}", response={200: GroupOut, **NOT_FOUND}, tags=["groups"])
def get_group(request: HttpRequest, group_id: int = Path(..., ge=1, le=MAX_ID)):
    organization = organization_selectors.public_organization(pk=group_id)
    if organization is None:
        raise Http404
    return organization


# --- committee meetings ---------------------------------------------------------------------


class MeetingFilter(DateRangeFilter):
    committee: str | None = Field(
        None, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$", description="Committee (short name)."
    )


def _confirmed(meeting: Meeting) -> Minutes | None:
    minutes = getattr(meeting, "minutes", None)  # a missing reverse one-to-one raises → None
    return minutes if minutes is not None and minutes.is_published else None


def _minutes_url(minutes: Minutes) -> str:
    return settings.SITE_URL + reverse("committees:minutes", args=[minutes.pk])


class MeetingOut(Schema):
    id: int
    committee: str
    committee_slug: str
    fiscal_year: int
    number: int
    title: str = Field(description="「平成22年度第9回運営委員会」")
    date: date
    start_time: LocalTime | None
    end_time: LocalTime | None
    venue: str = Field(description="The venue's name, or 未定 while not decided.")
    status: str
    minutes_url: str | None = Field(description="The public minutes, once confirmed.")

    @staticmethod
    def resolve_committee(obj: Meeting) -> str:
        return obj.committee.name

    @staticmethod
    def resolve_committee_slug(obj: Meeting) -> str:
        return obj.committee.slug

    @staticmethod
    def resolve_title(obj: Meeting) -> str:
        return str(obj)

    @staticmethod
    def resolve_venue(obj: Meeting) -> str:
        return obj.venue.name if obj.venue_id else "未定"

    @staticmethod
    def resolve_minutes_url(obj: Meeting) -> str | None:
        minutes = _confirmed(obj)
        return _minutes_url(minutes) if minutes else None


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("committee", "venue", "minutes").order_by("date", "pk")


def _in_range(qs: QuerySet, filters: DateRangeFilter, field: str) -> QuerySet:
    start, end = filters.date_bounds()
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


@api.get("/meetings", response={200: list[MeetingOut], **ERRORS}, tags=["committees"])
@paginate(Pages, page_size=50, max_page_size=100)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilter]):
    """Committee meetings, by date."""
    meetings = _in_range(_meetings(), filters, "date")
    if filters.committee:
        meetings = meetings.filter(committee__slug=filters.committee)
    return meetings


@api.get("/meetings/{meeting_id}", response={200: MeetingOut, **NOT_FOUND}, tags=["committees"])
def get_meeting(request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    return get_object_or_404(_meetings(), pk=meeting_id)


# --- confirmed minutes ----------------------------------------------------------------------


class EntryOut(Schema):
    kind: str = Field(description="statement or note (○).")
    speaker: str | None = Field(description="As the published minutes label it.")
    text: str


class DecisionOut(Schema):
    outcome: str = Field(
        description="approved, acknowledged, rejected, deferred (継続審議) or report_only."
    )
    method: str = Field(description="unanimous (満場一致), majority or none.")
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    entry: int | None = Field(
        description="Index in the item's entries of the ○ line that states the decision."
    )


class ItemOut(Schema):
    number: int
    title: str
    entries: list[EntryOut]
    decision: DecisionOut | None = None


class SectionOut(Schema):
    number: int
    category: str
    items: list[ItemOut]


class SecretariatOut(Schema):
    name: str
    title: str


class MinutesOut(Schema):
    meeting_id: int
    organization: str | None
    title: str
    status: str
    fiscal_year: int
    meeting_number: int
    date: date
    start_time: LocalTime | None
    end_time: LocalTime | None
    venue: str
    attendees: list[str]
    attendee_count: int
    online: list[str] = Field(description="Attendees who took part online (also in attendees).")
    absentees: list[str]
    observers: list[str]
    secretariat: list[SecretariatOut]
    sections: list[SectionOut]
    closing: str | None
    version: int = Field(description="The current version (2 and more after corrections).")
    content_hash: str = Field(description="SHA-256 of the current version's canonical JSON.")
    url: str


def _public_minutes(meeting_id: int) -> Minutes:
    return get_object_or_404(
        Minutes.objects.published().select_related("current_version"),
        meeting_id=meeting_id,
    )


@api.get("/minutes/{meeting_id}", response={200: MinutesOut, **NOT_FOUND}, tags=["committees"])
def get_minutes(request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    """Confirmed minutes of a meeting as their current version froze them (404 until then)."""
    minutes = _public_minutes(meeting_id)
    document = version_document(minutes.current_version)
    return dict(
        meeting_id=minutes.meeting_id,
        organization=document.organization,
        title=document.title,
        status=document.status,
        fiscal_year=document.fiscal_year,
        meeting_number=document.meeting_number,
        date=document.date,
        start_time=document.start_time,
        end_time=document.end_time,
        venue=document.venue,
        attendees=document.attendees,
        attendee_count=document.attendee_count,
        online=document.online,
        absentees=document.absentees,
        observers=document.observers,
        secretariat=document.secretariat,
        sections=document.sections,
        closing=document.closing,
        version=minutes.current_version.number,
        content_hash=minutes.current_version.sha256,
        url=_minutes_url(minutes),
    )


# --- statements -----------------------------------------------------------------------------

_POSITIONS = ("委員長", "副委員長", "委員", "事務局")


def _statements() -> QuerySet[PublishedEntry]:
    """Statements of the current versions of confirmed minutes, in the order of the minutes."""
    return (
        PublishedEntry.objects.filter(
            kind=MinutesEntry.Kind.STATEMENT,
            version__minutes__in=Minutes.objects.published(),
            version__minutes__current_version=F("version"),
        )
        .select_related("version__minutes", "meeting")
        .order_by("meeting__date", "meeting__pk", "ordinal")
    )


class StatementFilter(DateRangeFilter):
    meeting: int | None = Field(None, ge=1, le=MAX_ID, description="Meeting id.")
    speaker: QueryText = Field(
        None,
        max_length=100,
        description="Exactly the speaker as published (e.g. 委員長).",
        json_schema_extra=NO_CONTROL_CHARACTERS,
    )
    q: QueryText = Field(
        None,
        max_length=200,
        description="Words in the statement.",
        json_schema_extra=NO_CONTROL_CHARACTERS,
    )


class StatementOut(Schema):
    id: int = Field(description="The statement's id in the minutes page's anchors.")
    meeting_id: int
    meeting: str = Field(
        description="「平成22(2010)年度第9回運営委員会会議録」: the minutes' title."
    )
    date: date
    order: int = Field(description="The statement's number within its minutes (1, 2, …).")
    category: str = Field(description="報告事項, 審議事項, 協議事項 or その他, as printed.")
    item_number: int
    item_title: str
    speaker: str = Field(description="As the published minutes label it.")
    speaker_position: str | None = Field(description="委員長, 副委員長, 委員 or 事務局, if known.")
    text: str
    url: str = Field(
        description="The statement in the public minutes page: …/committee/minutes/<minutes id>/"
        "#entry-<statement id>."
    )

    @staticmethod
    def resolve_id(obj: PublishedEntry) -> int:
        return obj.ref or obj.pk

    @staticmethod
    def resolve_meeting(obj: PublishedEntry) -> str:
        return meeting_name(obj.version.document)

    @staticmethod
    def resolve_date(obj: PublishedEntry) -> date:
        return obj.meeting.date

    @staticmethod
    def resolve_order(obj: PublishedEntry) -> int:
        return obj.statement_number

    @staticmethod
    def resolve_category(obj: PublishedEntry) -> str:
        return obj.heading

    @staticmethod
    def resolve_speaker_position(obj: PublishedEntry) -> str | None:
        return obj.speaker if obj.speaker in _POSITIONS else None

    @staticmethod
    def resolve_url(obj: PublishedEntry) -> str:
        # The minutes document marks every entry with id="entry-<pk>".
        return f"{_minutes_url(obj.version.minutes)}#entry-{obj.ref or obj.pk}"


@api.get("/statements", response={200: list[StatementOut], **ERRORS}, tags=["committees"])
@paginate(Pages, page_size=50, max_page_size=100)
def list_statements(request: HttpRequest, filters: Query[StatementFilter]):
    """One record per statement of confirmed minutes, in the order of the minutes (after the
    National Diet Library's minutes API), as their current version froze them. Notes (○) and
    unconfirmed minutes are left out."""
    statements = _in_range(_statements(), filters, "meeting__date")
    if filters.meeting is not None:
        statements = statements.filter(meeting_id=filters.meeting)
    if filters.speaker:
        statements = statements.filter(speaker=filters.speaker)
    if filters.q:
        statements = statements.filter(text__contains=filters.q)
    return statements
