"""The read-only public API (django-ninja): /api/v1/, schema at /api/v1/openapi.json."""

import re
import unicodedata
from datetime import date, time
from typing import Annotated, Any, Literal

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.http import HttpRequest
from django.urls import re_path, reverse
from django.utils import timezone, translation
from ninja import FilterSchema, NinjaAPI, Path, Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.renderers import JSONRenderer
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from kyodo.api import errors
from kyodo.api.errors import NotFound
from kyodo.api.opendata import (
    APPLICATION_STATES,
    STATES,
    application_state,
    event_state,
    kind_label,
    open_data_licence,
    visible_events,
)
from kyodo.committees.documents import in_writing, meeting_name, version_document
from kyodo.committees.models import Committee, Meeting, Minutes, MinutesEntry, PublishedEntry
from kyodo.core.text import has_control_characters
from kyodo.core.wareki import fiscal_year_range
from kyodo.events.models import Event, EventKind, EventSeries, Guest
from kyodo.events.selectors import PUBLIC_COUNTS, with_counts
from kyodo.organizations import selectors as organization_selectors
from kyodo.organizations.models import ActivityField, Organization, PublishableField
from kyodo.search.models import SearchDocument
from kyodo.search.text import parse_query, speaker_matches

# ``date`` is also a field of the schemas below: the type under another name for them.
Day = date


class JapaneseJSON(JSONRenderer):
    # Japanese as it is, not as \uXXXX escapes: readable where a browser shows the raw JSON.
    json_dumps_params = {"ensure_ascii": False}


class KyodoAPI(NinjaAPI):
    """django-ninja's API, answering a method an address does not take, and an address it does
    not have, in Japanese too; readable from any site (CORS), with HEAD and OPTIONS; and with an
    OpenAPI document that names the center, the licence and says everything in Japanese."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = errors.public_answers(
                errors.japanese_not_allowed(self, pattern.callback)
            )
        # Last, so that it only catches what no operation matched: without it an unknown address
        # under /api/v1/ falls through to the site's HTML 404 page, which a program cannot read.
        unknown = errors.public_answers(errors.unknown_address(self))
        patterns = [*patterns, re_path(r"", unknown, name="unknown")]
        return patterns, app_name, namespace

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return japanese_schema(schema)


api = KyodoAPI(
    title="Kyodo 公開データAPI",
    version="1",
    description="市民活動センターの公開データ（事業・イベント、登録団体、委員会の会議、確定した"
    "会議録とその発言）を返します。読み取り専用で、認証は不要、個人情報は含みません。"
    "どのサイトのウェブアプリからも読めます（CORS）。"
    "一覧は1ページ50件（page_size で100件まで）。"
    "誤った指定には、どの項目をどう直すかを日本語で返します（値を読み取れないときは422、"
    "知らない指定や矛盾する指定は400、ないものは404、使えない操作は405）。",
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


class LicenceOut(Schema):
    name: str = Field(description="ライセンスの名前。")
    short: str = Field(description="ライセンスの略称（例：CC BY 4.0）。")
    url: str = Field(description="ライセンスの本文のアドレス。")
    note: str = Field(description="ライセンスについての注記（政府標準利用規約との関係など）。")


class IndexOut(Schema):
    title: str = Field(description="APIの名前。")
    version: str = Field(description="APIの版。")
    description: str = Field(description="APIの説明。")
    publisher: str = Field(description="データを公開しているセンターの名前。")
    licence: LicenceOut = Field(description="公開データのライセンス。")
    catalogue: str = Field(description="公開データの一覧のページ（列の定義など）。")
    docs: str = Field(description="APIの説明（Swagger UI）。")
    openapi: str = Field(description="OpenAPIスキーマ。")
    endpoints: dict[str, str] = Field(description="各一覧とそのアドレス。")
    files: dict[str, str] = Field(description="APIと並ぶオープンデータのファイル。")


def _center():
    from kyodo.core.models import Center

    return Center.objects.current()


# Not in the schema: a front door for people, not an operation for clients.
@api.get("/", response=IndexOut, include_in_schema=False)
def index(request: HttpRequest):
    """The API's front door: its collections, its documentation and the open data files."""
    errors.refuse_unknown(request, ())
    base = reverse("api-v1:index")
    center = _center()
    return {
        "title": api_title(center),
        "version": api.version,
        "description": api.description,
        "publisher": center.name if center else "",
        "licence": open_data_licence().__dict__,
        "catalogue": reverse("opendata:catalogue"),
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


def api_title(center) -> str:
    """「西東京市市民協働推進センター 公開データAPI」: the API named after its publisher."""
    return f"{center.name} 公開データAPI" if center else api.title


# --- the OpenAPI document in Japanese --------------------------------------------------------

RESPONSES = {
    "200": "成功。",
    "400": "知らない指定、または矛盾する指定（例：開始日が終了日より後）。",
    "404": "指定されたものが見つかりません。",
    "405": "使えない操作です（使えるのは GET、HEAD、OPTIONS）。",
    "422": "指定の値を読み取れません（どの項目をどう直すかを msg で返します）。",
}

# Descriptions of the schemas that are not written beside their fields here (ninja's page
# wrappers, the choices of other apps, whose docstrings are English).
SCHEMA_DESCRIPTIONS = {
    "EventKind": "事業・イベントの種類のコード：",
    "ActivityField": "特定非営利活動促進法の20の活動分野のコード：",
    "LegalForm": "法人格のコード：",
    "GroupOut": "登録団体。名前、読み、法人格はいつも、ほかの項目は団体が公開を選んだときだけ"
    "（公開していない項目は null）。",
    "EventOut": "事業・イベント。",
    "MeetingOut": "委員会の会議。",
    "MinutesOut": "確定した会議録（現在の版）。",
    "StatementOut": "確定した会議録の発言1件。",
    "GuestOut": "事業・イベントのゲスト・講師。",
    "EntryOut": "会議録の発言または○の記載。",
    "DecisionOut": "議題の議決。",
    "ItemOut": "会議録の議題。",
    "SectionOut": "会議録の区分（報告事項、審議事項など）。",
    "SecretariatOut": "出席した事務局の人。",
    "LicenceOut": "公開データのライセンス。",
    "NotFoundOut": "見つからないときの答え（404）。",
    "BadRequestOut": "知らない指定や矛盾する指定への答え（400）。",
    "ValidationErrorOut": "値を読み取れない指定への答え（422）。",
    "Input": "ページの指定。",
    "EventFilter": "事業・イベントの絞り込み。",
    "GroupFilter": "登録団体の絞り込み。",
    "MeetingFilter": "委員会の会議の絞り込み。",
    "StatementFilter": "発言の絞り込み。",
}
PAGE_FIELDS = {"items": "このページの件。", "count": "条件に合う件数の合計（全ページ）。"}
# Schemas that are lists of codes: their description names each code with its Japanese label,
# as the catalogue page does (the labels are translated when the document is built).
CODED_SCHEMAS = {
    "EventKind": EventKind,
    "ActivityField": ActivityField,
    "LegalForm": Organization.LegalForm,
}


def _strip_titles(schema: Any) -> None:
    """Drop pydantic's titles (English, made from field names: 「Name」, 「Kind」): what a field
    is lives in its Japanese description."""
    if not isinstance(schema, dict):
        return
    if isinstance(schema.get("title"), str):
        del schema["title"]
    for key, value in schema.items():
        if key == "properties":
            for sub in value.values():
                _strip_titles(sub)
        elif key in ("items", "additionalProperties", "not"):
            _strip_titles(value)
        elif key in ("anyOf", "allOf", "oneOf", "prefixItems"):
            for sub in value:
                _strip_titles(sub)


def japanese_schema(schema: dict) -> dict:
    """The OpenAPI document with the center's name, the licence and the center's contact in
    ``info``, Japanese descriptions for every answer and schema, and no English titles."""
    center = _center()
    licence = open_data_licence()
    info = schema["info"]
    info["title"] = api_title(center)
    info["license"] = {"name": licence.name, **({"url": licence.url} if licence.url else {})}
    if licence.note:
        info["description"] = f"{info['description']}ライセンス：{licence.name}。{licence.note}"
    contact = {"name": center.name if center else api.title, "url": settings.SITE_URL}
    if center and center.email:
        contact["email"] = center.email
    info["contact"] = contact
    for operations in schema["paths"].values():
        for operation in operations.values():
            for code, answer in operation.get("responses", {}).items():
                answer["description"] = RESPONSES.get(str(code), answer.get("description", ""))
            for parameter in operation.get("parameters", []):
                _strip_titles(parameter.get("schema"))
    for name, component in schema.get("components", {}).get("schemas", {}).items():
        _strip_titles(component)
        if name in SCHEMA_DESCRIPTIONS:
            component["description"] = SCHEMA_DESCRIPTIONS[name]
        elif name.startswith("Paged"):
            component["description"] = "1ページ分の一覧。"
        if name in CODED_SCHEMAS:
            with translation.override("ja"):
                codes = _codes({c: str(label) for c, label in CODED_SCHEMAS[name].choices})
            component["description"] = f"{component.get('description', '')}{codes}。"

        for field_name, field in component.get("properties", {}).items():
            if name.startswith("Paged") and field_name in PAGE_FIELDS:
                field["description"] = PAGE_FIELDS[field_name]
    return schema


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
    type: str = Field(description="種類：いつも not_found。")


class BadRequestOut(Schema):
    detail: str = Field(
        description="どの指定をどう直すか（例:「開始日（date_from）が終了日（date_to）より"
        "後になっています。」）。"
    )
    type: str = Field(description="種類：いつも bad_request。")


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        description="直すべき指定ごとに、場所（loc）、種類（type）、日本語の説明（msg）。"
    )


# Every list answers 400 for a parameter it does not know or a contradiction, 422 for a value it
# cannot read; an operation on one record answers 404 for an id it does not have.
ERRORS = {400: BadRequestOut, 422: ValidationErrorOut}


def _no_control_characters(value: str | None) -> str | None:
    # A NUL byte (?q=%00) reaches PostgreSQL as a 500 otherwise: refused as bad input (422).
    if value is not None and (has_control_characters(value) or "\x00" in value):
        raise ValueError("制御文字（見えない文字）は使えません。")
    return value


def _nfkc(value):
    # 全角 and 半角 mean the same (２０２６-０１-０１, １２): read after NFKC, as the site does.
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


# Free text in a query: no control characters (said in the schema too, for clients and tests).
QueryText = Annotated[str | None, AfterValidator(_no_control_characters)]
NO_CONTROL_CHARACTERS = {"pattern": "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"}
NOT_FOUND = {400: BadRequestOut, 404: NotFoundOut, 422: ValidationErrorOut}
# A number in a query, full-width digits too (the validator outside the union, so that the
# field's limits stay in the schema).
Number = Annotated[int, BeforeValidator(_nfkc)]
OptionalNumber = Annotated[int | None, BeforeValidator(_nfkc)]


class Pages(PageNumberPagination):
    """Page numbers as django-ninja counts them, bounded: a page far beyond any data must be an
    empty page or a 422, never an offset the database cannot take (a 500)."""

    class Input(Schema):
        page: Number = Field(1, ge=1, le=100_000, description="ページ番号（1から。既定は1）。")
        page_size: OptionalNumber = Field(
            None, ge=1, le=100, description="1ページの件数（既定は50、100まで）。"
        )


PAGE_PARAMETERS = ("page", "page_size")


def _iso_date(value):
    # Pydantic would read "0.0" or "1700000000" as a time stamp: a date is written YYYY-MM-DD.
    value = _nfkc(value)
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("日付は YYYY-MM-DD の形で指定してください（例：2010-12-21）。")
    return value


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
IsoDate = Annotated[date | None, BeforeValidator(_iso_date)]


class DateRangeFilter(FilterSchema):
    date_from: IsoDate = Field(None, description="この日以降（YYYY-MM-DD）。")
    date_to: IsoDate = Field(None, description="この日以前（YYYY-MM-DD）。")
    fiscal_year: OptionalNumber = Field(
        None, ge=1900, le=2200, description="年度（4月〜翌年3月、西暦で。例：2010）。"
    )

    def date_bounds(self) -> tuple[date | None, date | None]:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise errors.BadRequest(
                "開始日（date_from）が終了日（date_to）より後になっています。"
                f"（{self.date_from.isoformat()} と {self.date_to.isoformat()}）"
            )
        start, end = self.date_from, self.date_to
        if self.fiscal_year is not None:
            fy_start, fy_end = fiscal_year_range(self.fiscal_year)
            start = max(start, fy_start) if start else fy_start
            end = min(end, fy_end) if end else fy_end
        return start, end


class GuestOut(Schema):
    name: str = Field(description="ゲスト・講師の名前。")
    affiliation: str = Field(description="所属・肩書（ないときは空の文字列）。")
    role: str = Field(
        description="役割のコード：guest（ゲスト）、lecturer（講師）、keynote（基調講演）、"
        "panelist（パネリスト）。"
    )
    role_label: str = Field(description="役割の名前（例：講師）。")

    @staticmethod
    def resolve_role_label(obj: Guest) -> str:
        with translation.override("ja"):
            return str(obj.get_role_display())


def _codes(choices: dict[str, str]) -> str:
    return "、".join(f"{code}（{label}）" for code, label in choices.items())


class EventOut(Schema):
    id: int = Field(description="事業・イベントのID（CSVの NO と同じ）。")
    name: str = Field(
        description="事業・イベントの名前（シリーズのものは「シリーズ名 第N回「題名」」）。"
    )
    series: str | None = Field(description="シリーズの名前（シリーズでないときは null）。")
    series_id: int | None = Field(description="シリーズのID（カレンダーの ?series= に使えます）。")
    series_number: int | None = Field(description="シリーズの第何回か。")
    kind: str = Field(description="種類のコード（lecture＝講座 など。一覧は EventKind）。")
    kind_label: str = Field(description="種類の名前（例：講座）。")
    theme: str = Field(description="テーマ（ないときは空の文字列）。")
    description: str = Field(description="事業・イベントの説明（ページの本文。ないときは空）。")
    date: Day = Field(description="開催日（YYYY-MM-DD）。")
    start_time: LocalTime | None = Field(description="開始時刻（決まっていないときは null）。")
    end_time: LocalTime | None = Field(description="終了時刻（決まっていないときは null）。")
    venue: str = Field(description="会場の名前（決まっていないときは空または「未定」）。")
    capacity_people: int | None = Field(description="定員（人）。決めていないときは null。")
    capacity_groups: int | None = Field(description="定員（団体）。決めていないときは null。")
    status: str = Field(
        description="登録上の状態のコード：published（公開中）、held（開催済み）、"
        "cancelled（中止）。ページの表示は state をお使いください。"
    )
    state: str = Field(description=f"ページが示す状態のコード：{_codes(STATES)}。")
    state_label: str = Field(description="ページが示す状態の名前（例：開催予定）。")
    accepts_applications: bool = Field(description="申し込みを受け付ける事業か。")
    applications_open: bool = Field(description="いま申し込みを受け付けているか。")
    application_state: str = Field(
        description=f"申し込みの受付の状態のコード：{_codes(APPLICATION_STATES)}。"
    )
    application_state_label: str = Field(description="申し込みの受付の状態の名前（例：受付中）。")
    applications_open_on: Day | None = Field(
        description="申し込みの受付開始日（決めていないときは null）。"
    )
    applications_close_on: Day | None = Field(
        description="申し込みの締切日（締切日を決めていない事業は開催日。申し込みを受け付けない"
        "事業は null）。"
    )
    url: str = Field(description="事業・イベントの公開ページ。")
    ics_url: str = Field(description="この事業・イベントだけのカレンダー（iCalendar）。")
    places_left: int | None = Field(
        description="ページが示す残りの席（人）。定員（人）がない、申し込みを受け付けない、中止または"
        "終了した事業・イベントは null。"
    )
    group_places_left: int | None = Field(
        description="ページが示す残りの席（団体）。定員（団体）がないときなどは null（places_left と同じ）。"
    )
    waiting_list: int | None = Field(
        description="キャンセル待ちの申し込みの件数（ページが申し込み状況を示さないときは null）。"
    )
    guests: list[GuestOut] = Field(description="ゲスト・講師（並び順どおり）。")

    @staticmethod
    def resolve_series(obj: Event) -> str | None:
        return obj.series.name if obj.series_id else None

    @staticmethod
    def resolve_kind_label(obj: Event) -> str:
        return kind_label(obj.kind)

    @staticmethod
    def resolve_venue(obj: Event) -> str:
        return obj.venue_name

    @staticmethod
    def resolve_state(obj: Event) -> str:
        return event_state(obj)

    @staticmethod
    def resolve_state_label(obj: Event) -> str:
        return STATES[event_state(obj)]

    @staticmethod
    def resolve_applications_open(obj: Event) -> bool:
        return application_state(obj) == "open"

    @staticmethod
    def resolve_application_state(obj: Event) -> str:
        return application_state(obj)

    @staticmethod
    def resolve_application_state_label(obj: Event) -> str:
        return APPLICATION_STATES[application_state(obj)]

    @staticmethod
    def resolve_applications_close_on(obj: Event) -> Day | None:
        # The period ends on the event's day unless it closes earlier (as the page says).
        if not obj.accepts_applications:
            return None
        return obj.applications_close_on or obj.date

    @staticmethod
    def resolve_url(obj: Event) -> str:
        return settings.SITE_URL + obj.get_absolute_url()

    @staticmethod
    def resolve_ics_url(obj: Event) -> str:
        return settings.SITE_URL + reverse("opendata:event-ics", args=[obj.pk])

    @staticmethod
    def resolve_places_left(obj: Event) -> int | None:
        return obj.places_left if obj.shows_application_counts else None

    @staticmethod
    def resolve_group_places_left(obj: Event) -> int | None:
        return obj.group_places_left if obj.shows_application_counts else None

    @staticmethod
    def resolve_waiting_list(obj: Event) -> int | None:
        return obj.waitlisted_count if obj.shows_application_counts else None

    @staticmethod
    def resolve_guests(obj: Event) -> list:
        return list(obj.guests.all())


def _api_events() -> QuerySet[Event]:
    """The visible events with their guests and the counts their pages show (places left,
    waiting list)."""
    return with_counts(visible_events(), *PUBLIC_COUNTS).prefetch_related("guests")


class EventFilter(DateRangeFilter):
    kind: EventKind | None = Field(
        None, description="種類のコード（lecture＝講座、salon＝サロン など。一覧は EventKind）。"
    )
    series: OptionalNumber = Field(None, ge=1, le=MAX_ID, description="シリーズのID。")
    state: Literal["scheduled", "ended", "cancelled"] | None = Field(
        None, description=f"ページが示す状態のコード：{_codes(STATES)}。"
    )


def _events(filters: EventFilter):
    events = _api_events()
    start, end = filters.date_bounds()
    if start:
        events = events.filter(date__gte=start)
    if end:
        events = events.filter(date__lte=end)
    if filters.kind:
        events = events.filter(kind=filters.kind.value)
    if filters.series is not None:
        if not EventSeries.objects.filter(pk=filters.series).exists():
            raise errors.BadRequest(f"シリーズのID（series）{filters.series} はありません。")
        events = events.filter(series_id=filters.series)
    if filters.state:
        # The page's words, in the queryset's terms (opendata.event_state).
        today = timezone.localdate()
        cancelled = Q(status=Event.Status.CANCELLED)
        ended = ~cancelled & (Q(status=Event.Status.HELD) | Q(date__lt=today))
        events = events.filter(
            {"cancelled": cancelled, "ended": ended, "scheduled": ~cancelled & ~ended}[
                filters.state
            ]
        )
    return events


@api.get(
    "/events",
    response={200: list[EventOut], **ERRORS},
    tags=["events"],
    summary="事業・イベントの一覧",
    description="公開中・開催済み・中止の事業・イベントを日付順に返します。"
    "kind は種類のコード（lecture＝講座、salon＝サロン など）、series はシリーズのID、"
    f"state はページが示す状態（{_codes(STATES)}）。",
)
@paginate(Pages, page_size=50, max_page_size=100)
def list_events(request: HttpRequest, filters: Query[EventFilter]):
    """Every event the public may see (published, held and cancelled ones), by date."""
    errors.refuse_unknown(request, [*EventFilter.model_fields, *PAGE_PARAMETERS])
    return _events(filters)


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
    errors.refuse_unknown(request, ())
    return _one(
        _api_events(),
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
    id: int = Field(description="登録団体のID。")
    name: str = Field(description="団体名。")
    name_reading: str = Field(description="団体名の読み（ひらがな）。")
    legal_form: str = Field(description="法人格のコード（LegalForm）。")
    legal_form_label: str = Field(description="法人格の名前（例：NPO法人）。")
    description: str | None = Field(description="団体の紹介（公開していないときは null）。")
    activity_fields: list[str] | None = Field(
        description="活動分野のコード（ActivityField。公開していないときは null）。"
    )
    activity_field_labels: list[str] | None = Field(
        description="活動分野の名前（公開していないときは null）。"
    )
    area: str | None = Field(description="活動地域（公開していないときは null）。")
    member_count: int | None = Field(description="会員数（公開していないときは null）。")
    founded_year: int | None = Field(description="設立年（西暦。公開していないときは null）。")
    website: str | None = Field(description="ウェブサイト（公開していないときは null）。")
    representative_name: str | None = Field(description="代表者名（公開していないときは null）。")
    email: str | None = Field(description="連絡先のメールアドレス（公開していないときは null）。")
    phone: str | None = Field(description="連絡先の電話番号（公開していないときは null）。")
    address: str | None = Field(description="所在地（公開していないときは null）。")
    url: str = Field(description="団体名簿での団体のページ。")

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
    "activity_field は活動分野を公開している団体だけに当たります。"
    "q は全角・半角、ひらがな・カタカナを区別しません。",
)
@paginate(Pages, page_size=50, max_page_size=100)
def list_groups(request: HttpRequest, filters: Query[GroupFilter]):
    """Registered groups as the public directory lists them, in gojūon order of their reading.

    ``activity_field`` matches only groups that publish their fields of activity."""
    errors.refuse_unknown(request, [*GroupFilter.model_fields, *PAGE_PARAMETERS])
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
    errors.refuse_unknown(request, ())
    organization = organization_selectors.public_organization(pk=group_id)
    if organization is None:
        raise NotFound("指定された登録団体は見つかりません。")
    return organization


# --- committee meetings ---------------------------------------------------------------------


class MeetingFilter(DateRangeFilter):
    committee: str | None = Field(
        None, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$", description="委員会の略称（例：unei）。"
    )


def _committee(slug: str) -> Committee:
    """The committee of ``slug``; a slug no committee has is a 400 listing those there are."""
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        known = "、".join(
            f"{c.slug}（{c.name}）" for c in Committee.objects.order_by("pk").only("slug", "name")
        )
        raise errors.BadRequest(
            f"委員会の略称（committee）「{slug}」はありません。"
            + (f"使える略称：{known}。" if known else "")
        )
    return committee


def _confirmed(meeting: Meeting) -> Minutes | None:
    minutes = getattr(meeting, "minutes", None)  # a missing reverse one-to-one raises → None
    return minutes if minutes is not None and minutes.is_published else None


def _minutes_url(minutes: Minutes) -> str:
    return settings.SITE_URL + reverse("committees:minutes", args=[minutes.pk])


class MeetingOut(Schema):
    id: int = Field(description="会議のID（/api/v1/minutes/{会議のID} に使います）。")
    committee: str = Field(description="委員会の名前（例：運営委員会）。")
    committee_slug: str = Field(description="委員会の略称（例：unei。?committee= に使います）。")
    fiscal_year: int = Field(description="年度（西暦）。")
    number: int = Field(description="その年度の第何回か。")
    title: str = Field(description="会議の名前（例:「平成22年度第9回運営委員会」）。")
    date: Day = Field(description="開催日（YYYY-MM-DD）。")
    start_time: LocalTime | None = Field(description="開始時刻（決まっていないときは null）。")
    end_time: LocalTime | None = Field(description="終了時刻（決まっていないときは null）。")
    venue: str = Field(
        description="会場名（決まっていないときは「未定」、書面開催のときは空文字）。"
    )
    held_in_writing: bool = Field(
        description="書面開催（会場に集まらず、委員が書面で表決する）なら true。"
    )
    votes_close_on: Day | None = Field(
        description="書面開催の書面表決の締切日（YYYY-MM-DD。書面開催でない、"
        "または決まっていないときは null）。"
    )
    status: str = Field(
        description="会議の状態のコード：scheduled（予定）、held（開催済み）、cancelled（中止）。"
    )
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
        # Where confirmed minutes say it was held (renaming the venue later changes no past
        # meeting), else the venue as it is.
        frozen = getattr(obj, "frozen_venue", None)
        if frozen:
            return frozen
        if obj.held_in_writing:
            return ""
        return obj.venue.name if obj.venue_id else "未定"

    @staticmethod
    def resolve_minutes_url(obj: Meeting) -> str | None:
        minutes = _confirmed(obj)
        return _minutes_url(minutes) if minutes else None


def _meetings() -> QuerySet[Meeting]:
    # The venue the current version of confirmed minutes froze: a key of the stored document,
    # read by the database (no document loaded).
    return (
        Meeting.objects.select_related("committee", "venue", "minutes")
        .annotate(frozen_venue=KeyTextTransform("venue", "minutes__current_version__document"))
        .order_by("date", "pk")
    )


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
    description="委員会の会議を日付順に返します。committee は委員会の略称（ない略称は400）。",
)
@paginate(Pages, page_size=50, max_page_size=100)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilter]):
    """Committee meetings, by date."""
    errors.refuse_unknown(request, [*MeetingFilter.model_fields, *PAGE_PARAMETERS])
    meetings = _in_range(_meetings(), filters, "date")
    if filters.committee:
        meetings = meetings.filter(committee=_committee(filters.committee))
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
    errors.refuse_unknown(request, ())
    return _one(_meetings(), meeting_id, "指定された会議は見つかりません。")


# --- confirmed minutes ----------------------------------------------------------------------


class EntryOut(Schema):
    kind: str = Field(description="statement（発言）または note（○の記載）。")
    speaker: str | None = Field(description="公開された会議録での発言者の表記。")
    text: str = Field(description="発言または記載の本文。")


class DecisionOut(Schema):
    outcome: str = Field(
        description="approved（承認）、acknowledged（了承）、rejected（否決）、"
        "deferred（継続審議）または report_only（報告のみ）。"
    )
    method: str = Field(
        description="unanimous（満場一致）、majority（多数決）または none（採決なし）。"
    )
    votes_for: int | None = Field(None, description="賛成の数（記録がないときは null）。")
    votes_against: int | None = Field(None, description="反対の数（記録がないときは null）。")
    abstentions: int | None = Field(None, description="棄権の数（記録がないときは null）。")
    entry: int | None = Field(
        description="議決を記した○の行の、その議題の entries での位置（0から）。"
    )


class ItemOut(Schema):
    number: int = Field(description="議題の番号。")
    title: str = Field(description="議題の題名。")
    entries: list[EntryOut] = Field(description="議題の発言と記載（会議録の順）。")
    decision: DecisionOut | None = Field(None, description="議決（ないときは null）。")


class SectionOut(Schema):
    number: int = Field(description="区分の番号。")
    category: str = Field(description="報告事項、審議事項、協議事項またはその他。")
    items: list[ItemOut] = Field(description="区分の議題。")


class SecretariatOut(Schema):
    name: str = Field(description="事務局の人の名前。")
    title: str = Field(description="その役職（例：センター長）。")


class MinutesOut(Schema):
    meeting_id: int = Field(description="会議のID。")
    organization: str | None = Field(description="会議録を作った団体（センター）の名前。")
    title: str = Field(description="会議録の題名。")
    status: str = Field(description="会議録に書かれた状態（例：確定稿）。")
    fiscal_year: int = Field(description="年度（西暦）。")
    meeting_number: int = Field(description="その年度の第何回か。")
    date: Day = Field(description="開催日（YYYY-MM-DD）。")
    start_time: LocalTime | None = Field(description="開始時刻（記録がないときは null）。")
    end_time: LocalTime | None = Field(description="終了時刻（記録がないときは null）。")
    venue: str = Field(description="会場（書面開催のときは空文字）。")
    held_in_writing: bool = Field(description="会議録が書面開催の会議のものなら true。")
    attendees: list[str] = Field(description="出席した委員（会議録の表記と順のとおり）。")
    attendee_count: int = Field(description="出席した委員の数。")
    online: list[str] = Field(description="オンラインで出席した人（attendees にも含む）。")
    absentees: list[str] = Field(description="欠席した委員。")
    observers: list[str] = Field(description="傍聴者など、委員でない出席者。")
    secretariat: list[SecretariatOut] = Field(description="出席した事務局。")
    sections: list[SectionOut] = Field(description="会議録の区分（報告事項、審議事項など）。")
    closing: str | None = Field(description="結びの記載（次回の予定など。ないときは null）。")
    version: int = Field(description="現在の版（訂正のあとは2以上）。")
    content_hash: str = Field(description="現在の版の正規化JSONのSHA-256。")
    url: str = Field(description="会議録の公開ページ。")


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
    errors.refuse_unknown(request, ())
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
        venue=document.venue or "",
        held_in_writing=in_writing(document),
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
        .select_related("version__minutes", "meeting__committee")
        .order_by("meeting__date", "meeting__pk", "ordinal")
    )


def _speaker_labels(wanted: str) -> list[str]:
    """The published labels a speaker filter finds, by the site search's rule
    (``kyodo.search.text.speaker_matches``): a role word the labels of that role, anything else
    part of a name or label as the confirmed minutes printed it (「熊田」 finds 「熊田委員長」,
    「坂口委員」 and 「坂口 美和」 find 「坂口　美和委員」). Read from the frozen rows' labels, of
    which there are few."""
    labels = (
        PublishedEntry.objects.filter(kind=MinutesEntry.Kind.STATEMENT)
        .order_by()
        .values_list("speaker", flat=True)
        .distinct()
    )
    return [label for label in labels if speaker_matches(wanted, label)]


def _matching_statement_refs(q: str) -> QuerySet | None:
    """The refs of the public statements the site search finds for ``q`` (None: ``q`` has no
    word). The same rule as the site search (kyodo.search.text.scan_match): full and half width,
    katakana and hiragana, and spelling variants (申込 / 申し込み) meet, ``-word`` excludes and
    ``OR`` joins, all on the search index's normalised text of each statement."""
    query = parse_query(q)
    if not query:
        return None

    def has(term) -> Q:
        found = Q()
        for needle in term.needles:
            found |= Q(norm__contains=needle)
        return found

    condition = Q()
    for group in query.groups:
        either = Q()
        for term in group:
            either |= has(term)
        condition &= either
    for term in query.exclude:
        condition &= ~has(term)
    return SearchDocument.objects.filter(
        condition, kind=SearchDocument.Kind.ENTRY, audience=SearchDocument.Audience.PUBLIC
    ).values("object_id")


class StatementFilter(DateRangeFilter):
    meeting: OptionalNumber = Field(None, ge=1, le=MAX_ID, description="会議のID。")
    committee: str | None = Field(
        None, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$", description="委員会の略称（例：unei）。"
    )
    speaker: QueryText = Field(
        None,
        max_length=100,
        description="発言者。役職（委員長・副委員長・委員）はその役職の発言、ほかは公開された"
        "表記または名前の一部（例：熊田、坂口委員）。サイト内検索と同じく、全角・半角や空白は"
        "区別しません。",
        json_schema_extra=NO_CONTROL_CHARACTERS,
    )
    q: QueryText = Field(
        None,
        max_length=200,
        description="発言に含まれる語。サイト内検索と同じく、全角・半角、ひらがな・カタカナ、"
        "送り仮名の違い（申込・申し込み）を区別しません。空白で区切るとすべてを含む発言、"
        "OR でいずれか、-語 でその語を含まない発言。",
        json_schema_extra=NO_CONTROL_CHARACTERS,
    )


class StatementOut(Schema):
    id: int = Field(description="会議録ページのアンカーに使われる発言のID。")
    meeting_id: int = Field(description="会議のID。")
    committee_slug: str = Field(description="委員会の略称（例：unei。?committee= に使います）。")
    meeting: str = Field(
        description="会議録の題名（例：「平成22(2010)年度第9回運営委員会会議録」）。"
    )
    date: Day = Field(description="会議の開催日（YYYY-MM-DD）。")
    order: int = Field(description="会議録の中での発言の番号（1, 2, …）。")
    category: str = Field(
        description="報告事項、審議事項、協議事項またはその他（会議録の表記どおり）。"
    )
    item_number: int = Field(description="議題の番号。")
    item_title: str = Field(description="議題の題名。")
    speaker: str = Field(description="公開された会議録での発言者の表記。")
    speaker_position: str | None = Field(
        description="委員長、副委員長、委員または事務局（わかるとき）。"
    )
    text: str = Field(description="発言の本文。")
    url: str = Field(
        description="公開の会議録ページでのその発言：…/committee/minutes/<会議録ID>/"
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
    def resolve_committee_slug(obj: PublishedEntry) -> str:
        return obj.meeting.committee.slug

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
    "にならいました）。現在の版のとおりで、○の記載と未確定の会議録は含みません。"
    "q はサイト内検索と同じ規則で探します。",
)
@paginate(Pages, page_size=50, max_page_size=100)
def list_statements(request: HttpRequest, filters: Query[StatementFilter]):
    """One record per statement of confirmed minutes, in the order of the minutes (after the
    National Diet Library's minutes API), as their current version froze them. Notes (○) and
    unconfirmed minutes are left out."""
    errors.refuse_unknown(request, [*StatementFilter.model_fields, *PAGE_PARAMETERS])
    statements = _in_range(_statements(), filters, "meeting__date")
    if filters.meeting is not None:
        if not Meeting.objects.filter(pk=filters.meeting).exists():
            raise errors.BadRequest(f"会議のID（meeting）{filters.meeting} の会議はありません。")
        statements = statements.filter(meeting_id=filters.meeting)
    if filters.committee:
        statements = statements.filter(meeting__committee=_committee(filters.committee))
    if filters.speaker:
        statements = statements.filter(speaker__in=_speaker_labels(filters.speaker))
    if filters.q:
        refs = _matching_statement_refs(filters.q)
        if refs is not None:
            statements = statements.filter(ref__in=refs)
    return statements
