"""The read-only public API (django-ninja): /api/v1/, schema at /api/v1/openapi.json."""

import re
from datetime import date, time
from typing import Annotated, Any

from django.conf import settings
from django.db.models import (
    F,
    QuerySet,
)
from django.http import HttpRequest
from django.urls import re_path, reverse
from ninja import FilterSchema, NinjaAPI, Path, Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.renderers import JSONRenderer
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from kyodo.api import errors
from kyodo.api.errors import NotFound
from kyodo.api.opendata import visible_events
from kyodo.committees.documents import meeting_name, version_document
from kyodo.committees.models import Meeting, Minutes, MinutesEntry, PublishedEntry
from kyodo.core.text import has_control_characters
from kyodo.core.wareki import fiscal_year_range
from kyodo.events.models import Event, EventKind
from kyodo.organizations import selectors as organization_selectors
from kyodo.organizations.models import ActivityField, Organization, PublishableField


class JapaneseJSON(JSONRenderer):
    # Japanese as it is, not as \uXXXX escapes: readable where a browser shows the raw JSON.
    json_dumps_params = {"ensure_ascii": False}


class KyodoAPI(NinjaAPI):
    """django-ninja's API, answering a method an address does not take, and an address it does
    not have, in Japanese too."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = errors.japanese_not_allowed(self, pattern.callback)
        # Last, so that it only catches what no operation matched: without it an unknown address
        # under /api/v1/ falls through to the site's HTML 404 page, which a program cannot read.
        patterns = [*patterns, re_path(r"", errors.unknown_address(self), name="unknown")]
        return patterns, app_name, namespace


api = KyodoAPI(
    title="Kyodo 公開データAPI",
    version="1",
    description="市民活動センターの公開データ（事業・イベント、登録団体、委員会の会議、確定した"
    "会議録とその発言）を返します。読み取り専用で、個人情報は含みません。"
    "誤った指定には、どの項目をどう直すかを日本語で返します（422、404、405）。",
    urls_namespace="api-v1",
    docs_url="/docs",
    renderer=JapaneseJSON(),
    openapi_extra={
        "tags": [
            {"name": "events", "description": "事業・イベント"},
            {"name": "groups", "description": "登録団体"},
            {"name": "committees", "description": "委員会の会議・会議録・発言"},
        ]
    },
)
errors.install(api)


class IndexOut(Schema):
    title: str
    version: str
    description: str
    docs: str = Field(description="APIの説明（Swagger UI）。")
    openapi: str = Field(description="OpenAPIスキーマ。")
    endpoints: dict[str, str] = Field(description="各一覧とそのアドレス。")
    files: dict[str, str] = Field(description="APIと並ぶオープンデータのファイル。")


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
            "description": "日本時間（Asia/Tokyo）の時刻、hh:mm:ss。",
            "examples": ["19:00:00"],
        }
    ),
]


# Ids are bigint: a larger number in a path or filter would overflow the database, not miss.
MAX_ID = 2**63 - 1


class NotFoundOut(Schema):
    detail: str = Field(
        description="何が見つからないか（例:「指定された事業・イベントは見つかりません。」）。"
    )
    type: str = Field(description="not_found")


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        description="直すべき指定ごとに、場所（loc）、種類（type）、日本語の説明（msg）。"
    )


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
        page: int = Field(1, ge=1, le=100_000, description="ページ番号（1から）。")
        page_size: int | None = Field(None, ge=1, le=100, description="1ページの件数（100まで）。")


def _iso_date(value):
    # Pydantic would read "0.0" or "1700000000" as a time stamp: a date is written YYYY-MM-DD.
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("日付は YYYY-MM-DD の形で指定してください（例: 2010-12-21）。")
    return value


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[date | None, BeforeValidator(_iso_date)]


class DateRangeFilter(FilterSchema):
    date_from: IsoDate = Field(None, description="この日以降（YYYY-MM-DD）。")
    date_to: IsoDate = Field(None, description="この日以前（YYYY-MM-DD）。")
    fiscal_year: int | None = Field(
        None, ge=1900, le=2200, description="年度（4月〜翌年3月、西暦で。例: 2010）。"
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


class EventFilter(DateRangeFilter):
    kind: EventKind | None = Field(
        None, description="種類のコード（lecture＝講座、salon＝サロン など。一覧は EventKind）。"
    )


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


@api.get(
    "/events",
    response={200: list[EventOut], **ERRORS},
    tags=["events"],
    summary="事業・イベントの一覧",
    description="公開中・開催済み・中止の事業・イベントを日付順に返します。"
    "kind は種類のコード（lecture＝講座、salon＝サロン など）。",
)
@paginate(Pages, page_size=50, max_page_size=100)
def list_events(request: HttpRequest, filters: Query[EventFilter]):
    """Every event the public may see (published, held and cancelled ones), by date."""
    return _events(filters, filters.kind)


@api.get(
    "/events/{event_id}",
    response={200: EventOut, **NOT_FOUND},
    tags=["events"],
    summary="事業・イベント1件",
    description="公開されている事業・イベントをIDで返します（ないときは404）。",
)
def get_event(
    request: HttpRequest,
    event_id: int = Path(..., ge=1, le=MAX_ID, description="事業・イベントのID。"),
):
    return _one(
        visible_events().prefetch_related("guests"),
        event_id,
        "指定された事業・イベントは見つかりません。",
    )


def _one(queryset: QuerySet, pk: int, missing: str):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound(missing)
    return found


# --- registered groups ----------------------------------------------------------------------


class GroupFilter(Schema):
    q: QueryText = Field(
        None,
        max_length=200,
        description="団体名またはその読みの一部。",
        json_schema_extra=NO_CONTROL_CHARACTERS,
    )
    activity_field: ActivityField | None = Field(None, description="活動分野（コード）。")
    legal_form: Organization.LegalForm | None = Field(None, description="法人格（コード）。")


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


@api.get(
    "/groups",
    response={200: list[GroupOut], **ERRORS},
    tags=["groups"],
    summary="登録団体の一覧",
    description="団体名簿と同じ登録団体を読みの五十音順に返します。"
    "団体が公開を選んだ項目だけを含み、ほかは null です。"
    "activity_field は活動分野を公開している団体だけに当たります。",
)
@paginate(Pages, page_size=50, max_page_size=100)
def list_groups(request: HttpRequest, filters: Query[GroupFilter]):
    """Registered groups as the public directory lists them, in gojūon order of their reading.

    ``activity_field`` matches only groups that publish their fields of activity."""
    return organization_selectors.directory(
        q=filters.q or "",
        activity_field=filters.activity_field.value if filters.activity_field else "",
        legal_form=filters.legal_form.value if filters.legal_form else "",
    )


@api.get(
    "/groups/{group_id}",
    response={200: GroupOut, **NOT_FOUND},
    tags=["groups"],
    summary="登録団体1件",
    description="登録団体をIDで返します（登録団体でないときは404）。",
)
def get_group(
    request: HttpRequest, group_id: int = Path(..., ge=1, le=MAX_ID, description="登録団体のID。")
):
    organization = organization_selectors.public_organization(pk=group_id)
    if organization is None:
        raise NotFound("指定された登録団体は見つかりません。")
    return organization


# --- committee meetings ---------------------------------------------------------------------


class MeetingFilter(DateRangeFilter):
    committee: str | None = Field(
        None, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$", description="委員会の略称（例: unei）。"
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
    venue: str = Field(description="会場名（決まっていないときは「未定」）。")
    status: str
    minutes_url: str | None = Field(description="確定した会議録の公開ページ（確定前は null）。")

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


@api.get(
    "/meetings",
    response={200: list[MeetingOut], **ERRORS},
    tags=["committees"],
    summary="委員会の会議の一覧",
    description="委員会の会議を日付順に返します。",
)
@paginate(Pages, page_size=50, max_page_size=100)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilter]):
    """Committee meetings, by date."""
    meetings = _in_range(_meetings(), filters, "date")
    if filters.committee:
        meetings = meetings.filter(committee__slug=filters.committee)
    return meetings


@api.get(
    "/meetings/{meeting_id}",
    response={200: MeetingOut, **NOT_FOUND},
    tags=["committees"],
    summary="委員会の会議1件",
    description="委員会の会議をIDで返します（ないときは404）。",
)
def get_meeting(
    request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID, description="会議のID。")
):
    return _one(_meetings(), meeting_id, "指定された会議は見つかりません。")


# --- confirmed minutes ----------------------------------------------------------------------


class EntryOut(Schema):
    kind: str = Field(description="statement（発言）または note（○の記載）。")
    speaker: str | None = Field(description="公開された会議録での発言者の表記。")
    text: str


class DecisionOut(Schema):
    outcome: str = Field(
        description="approved（承認）、acknowledged（了承）、rejected（否決）、"
        "deferred（継続審議）または report_only（報告のみ）。"
    )
    method: str = Field(description="unanimous（満場一致）、majority（多数決）または none。")
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    entry: int | None = Field(
        description="議決を記した○の行の、その議題の entries での位置（0から）。"
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
    online: list[str] = Field(description="オンラインで出席した人（attendees にも含む）。")
    absentees: list[str]
    observers: list[str]
    secretariat: list[SecretariatOut]
    sections: list[SectionOut]
    closing: str | None
    version: int = Field(description="現在の版（訂正のあとは2以上）。")
    content_hash: str = Field(description="現在の版の正規化JSONのSHA-256。")
    url: str


def _public_minutes(meeting_id: int) -> Minutes:
    minutes = (
        Minutes.objects.published()
        .select_related("current_version")
        .filter(meeting_id=meeting_id)
        .first()
    )
    if minutes is None:
        raise NotFound("この会議の確定した会議録はありません（会議がないか、会議録が未確定です）。")
    return minutes


@api.get(
    "/minutes/{meeting_id}",
    response={200: MinutesOut, **NOT_FOUND},
    tags=["committees"],
    summary="確定した会議録",
    description="会議の確定した会議録を、現在の版のとおりに返します（確定前は404）。",
)
def get_minutes(
    request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID, description="会議のID。")
):
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
    meeting: int | None = Field(None, ge=1, le=MAX_ID, description="会議のID。")
    speaker: QueryText = Field(
        None,
        max_length=100,
        description="公開された表記どおりの発言者（例: 委員長）。",
        json_schema_extra=NO_CONTROL_CHARACTERS,
    )
    q: QueryText = Field(
        None,
        max_length=200,
        description="発言に含まれる語。",
        json_schema_extra=NO_CONTROL_CHARACTERS,
    )


class StatementOut(Schema):
    id: int = Field(description="会議録ページのアンカーに使われる発言のID。")
    meeting_id: int
    meeting: str = Field(
        description="会議録の題名（例:「平成22(2010)年度第9回運営委員会会議録」）。"
    )
    date: date
    order: int = Field(description="会議録の中での発言の番号（1, 2, …）。")
    category: str = Field(
        description="報告事項、審議事項、協議事項またはその他（会議録の表記どおり）。"
    )
    item_number: int
    item_title: str
    speaker: str = Field(description="公開された会議録での発言者の表記。")
    speaker_position: str | None = Field(
        description="委員長、副委員長、委員または事務局（わかるとき）。"
    )
    text: str
    url: str = Field(
        description="公開の会議録ページでのその発言: …/committee/minutes/<会議録ID>/"
        "#entry-<発言ID>。"
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


@api.get(
    "/statements",
    response={200: list[StatementOut], **ERRORS},
    tags=["committees"],
    summary="確定した会議録の発言",
    description="確定した会議録の発言を1件ずつ、会議録の順に返します（国立国会図書館の会議録API"
    "にならいました）。現在の版のとおりで、○の記載と未確定の会議録は含みません。",
)
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
