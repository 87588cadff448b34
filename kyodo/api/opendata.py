"""Public data as files: an iCalendar feed and the 自治体標準オープンデータセット 「イベント一覧」 CSV of
the events, confirmed minutes as PDF and DOCX, and the catalogue page (/opendata/) that lists them
with their licence.

Every file here is public and read-only: it carries ``Access-Control-Allow-Origin: *`` (never
with credentials), so that a browser app elsewhere (a map, a city portal's widget) can read it, and
takes HEAD and OPTIONS as well as GET (:func:`public_data`). The catalogue is a page of the site
and is not opened to other sites."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from kyodo.core.exports import CSV_CONTENT_TYPE, csv_bytes
from kyodo.core.models import Center, Venue
from kyodo.core.text import match_key
from kyodo.events.models import Event, EventKind, EventSeries

TOKYO = ZoneInfo("Asia/Tokyo")

# The standard's column names, in its order (推奨データセット「イベント一覧」).
EVENT_COLUMNS = [
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "イベント名",
    "イベント名_カナ", "イベント名_英語", "開始日", "終了日", "開始時間", "終了時間",
    "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号",
    "連絡先内線番号", "主催者", "場所名称", "住所", "方書", "緯度", "経度", "アクセス方法",
    "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
]  # fmt: skip

# What each column holds in this file (the catalogue page shows it beside the column's name).
EVENT_COLUMN_DEFINITIONS = {
    "都道府県コード又は市区町村コード": "センターのある市区町村の全国地方公共団体コード（6桁）。",
    "NO": "事業・イベントのID。APIのID、ページのアドレス /events/<ID>/ と同じ番号です。",
    "都道府県名": "センターのある都道府県。",
    "市区町村名": "センターのある市区町村。",
    "イベント名": "事業・イベントの名前（シリーズのものは「シリーズ名 第N回「題名」」）。",
    "イベント名_カナ": "空欄（読みは登録していません）。",
    "イベント名_英語": "空欄。",
    "開始日": "開催日（年-月-日の形）。",
    "終了日": "開催日（1日で終わる事業だけなので開始日と同じ）。",
    "開始時間": "開始時刻（時:分、日本時間。例：19:00）。決まっていないときは空欄。",
    "終了時間": "終了時刻（時:分、日本時間。例：21:00）。決まっていないときは空欄。",
    "開始日時特記事項": "空欄。",
    "説明": "事業・イベントの説明（ページの本文）。説明のない事業はテーマ。",
    "料金(基本)": "空欄（センターの事業は無料です。有料のときはページに書きます）。",
    "料金(詳細)": "空欄。",
    "連絡先名称": "問い合わせ先（センターの名前）。",
    "連絡先電話番号": "センターの電話番号。",
    "連絡先内線番号": "空欄。",
    "主催者": "センターの名前。",
    "場所名称": "会場の名前。未定のときは「未定」または空欄。",
    "住所": "会場の住所。センターの部屋のときはセンターの所在地（アクセスのページと同じ）。",
    "方書": "空欄（建物名は住所に含みます）。",
    "緯度": "空欄（位置を登録していません）。",
    "経度": "空欄（位置を登録していません）。",
    "アクセス方法": "センターの部屋のとき、最寄り駅と駅からの徒歩の時間。",
    "駐車場情報": "センターの部屋のとき、駐車場についての案内。",
    "定員": "定員。ページと同じ書き方（「20人」「10団体」、両方あるときは「20人 / 10団体」）。",
    "参加申込終了日": "申し込みの締切日（年-月-日）。締切日を決めていない事業は空欄"
    "（開催日まで受け付けます）。",
    "参加申込終了時間": "空欄（締切日の終わりまで受け付けます）。",
    "参加申込方法": "申し込みを受け付ける事業のとき、その方法。",
    "URL": "事業・イベントのページ。",
    "備考": "中止になった事業は「中止」。",
}
# A sample value of a date column: the catalogue shows it as written in the file (a code sample)
# beside the day it means, in 和暦 with its weekday, as every page writes a date.
EVENT_COLUMN_SAMPLES = {"開始日": date(2011, 1, 18)}

# The calendar feed holds the events from this many days ago on: subscribers' calendars keep what
# they already have, and the file does not grow without end. One event's own file has no limit.
CALENDAR_PAST_DAYS = 365

# The state of an event as its page shows it, as codes with their labels (the API's ``state``).
STATES = {
    "scheduled": "開催予定",
    "ended": "終了",
    "cancelled": "中止",
}
# Whether an event takes applications now, as its page says (the API's ``application_state``).
APPLICATION_STATES = {
    "open": "受付中",
    "not_yet": "受付開始前",
    "closed": "受付終了",
    "none": "申し込み不要",
}

PUBLIC_METHODS = "GET, HEAD, OPTIONS"


# --- licence ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Licence:
    """The licence of the open data (setting ``OPEN_DATA_LICENCE``)."""

    name: str
    short: str
    url: str
    note: str = ""


DEFAULT_LICENCE = {
    "name": "クリエイティブ・コモンズ 表示 4.0 国際 ライセンス",
    "short": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.ja",
    "note": "このライセンスは政府標準利用規約（第2.0版）と互換性があります。"
    "同規約に従って利用することもできます。",
}


def open_data_licence() -> Licence:
    """The licence the setting ``OPEN_DATA_LICENCE`` names (a dict of ``name``, ``short``,
    ``url`` and ``note``); CC BY 4.0 by default. Read at each call: settings change in tests."""
    given = getattr(settings, "OPEN_DATA_LICENCE", None) or DEFAULT_LICENCE
    if isinstance(given, str):  # a name alone
        given = {"name": given}
    return Licence(
        name=given["name"],
        short=given.get("short", given["name"]),
        url=given.get("url", ""),
        note=given.get("note", ""),
    )


def attribution(center: Center | None) -> str:
    """What a reuser writes as the source (出典)."""
    publisher = center.name if center else "Kyodo"
    return f"出典：{publisher}「公開データ」（{settings.SITE_URL}{reverse('opendata:catalogue')}）"


# --- answers any site may read ---------------------------------------------------------------


def allow_any_origin(response: HttpResponse) -> HttpResponse:
    """``Access-Control-Allow-Origin: *`` for a public, read-only answer. Never with
    ``Access-Control-Allow-Credentials``: a browser then sends no cookie, and nothing here
    depends on one."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def preflight(response: HttpResponse, methods: str = PUBLIC_METHODS) -> HttpResponse:
    """The answer to a CORS preflight (OPTIONS): which methods and headers may be used."""
    response["Allow"] = methods
    response["Access-Control-Allow-Methods"] = methods
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
    response["Access-Control-Max-Age"] = "86400"
    return allow_any_origin(response)


def public_data(view):
    """A view of public data: GET and HEAD answered (Django drops HEAD's body), OPTIONS with an
    empty 204 saying what may be used, other methods 405; every answer readable from any site."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return preflight(HttpResponse(status=204))
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(
                f"この操作（{request.method}）はできません。使えるのは GET、HEAD、OPTIONS です。",
                status=405,
                content_type="text/plain; charset=utf-8",
            )
            response["Allow"] = PUBLIC_METHODS
            return allow_any_origin(response)
        return allow_any_origin(view(request, *args, **kwargs))

    # Nothing here is changed by a request, so no CSRF token is asked for: a POST is told 405
    # (what it may do), not 403 from the CSRF check that would otherwise answer first.
    return csrf_exempt(wrapped)


def bad_request(message: str) -> HttpResponse:
    """A file's parameter it cannot take, said in Japanese (400)."""
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


# --- events ----------------------------------------------------------------------------------


def visible_events() -> QuerySet[Event]:
    """Every event the public may see (``Event.objects.visible``), by date, for the files and
    the API; a cancelled one says so (STATUS:CANCELLED, 備考 中止)."""
    return (
        Event.objects.visible()
        .select_related("series", "venue")
        .order_by("date", "start_time", "pk")
    )


def event_state(event: Event) -> str:
    """The event's state as its page shows it: a code of :data:`STATES`."""
    if event.status == Event.Status.CANCELLED:
        return "cancelled"
    return "ended" if event.has_ended else "scheduled"


def application_state(event: Event, today: date | None = None) -> str:
    """Whether the event takes applications on ``today``: a code of
    :data:`APPLICATION_STATES` (the rule of ``Event.application_refusal``, as on the page)."""
    if not event.accepts_applications:
        return "none"
    refusal = event.application_refusal(today)
    if refusal is None:
        return "open"
    return "not_yet" if refusal == "opened" else "closed"


def kind_label(kind: str) -> str:
    with translation.override("ja"):
        return str(EventKind(kind).label) if kind in EventKind.values else kind


def capacity_text(event: Event) -> str:
    """The capacity as the event's page writes it: 「20人」, 「10団体」, 「20人 / 10団体」."""
    from kyodo.events.facts import _groups, _people

    people, groups = event.capacity_people, event.capacity_groups
    with translation.override("ja"):
        parts = [_people(people) if people else "", _groups(groups) if groups else ""]
    return " / ".join(str(part) for part in parts if part)


def description_text(event: Event) -> str:
    """The event's description (説明) as its page shows it; the theme when it has none."""
    return event.description.strip() or event.theme


@dataclass(frozen=True)
class CenterPlace:
    """How to reach the center's own rooms, from the access information (/access/)."""

    address: str = ""
    access: str = ""
    parking: str = ""

    def holds(self, venue: Venue | None) -> bool:
        """Whether ``venue`` is one of the center's rooms: a venue with no address of its own
        whose building (or the first word of its name) is in the center's address
        (「イングビル」 in 「東京都西東京市田無町4丁目 イングビル3階」)."""
        if venue is None or venue.address or not self.address:
            return False
        address = match_key(self.address)
        words = [venue.building, venue.name.split()[0] if " " in venue.name else ""]
        return any(len(key) >= 2 and key in address for key in map(match_key, words))


def center_place(center: Center | None) -> CenterPlace:
    from kyodo.website.selectors import site_access

    access = site_access(center)
    route = access.nearest_station
    if route and access.walking_minutes:
        route += f" 徒歩{access.walking_minutes}分"
    # 「バス・駐車場」 is one field: its sentences about parking go to 駐車場情報.
    sentences = [
        s.strip() + "。"
        for line in access.other_transport.splitlines()
        for s in line.split("。")
        if s.strip()
    ]
    parking = "".join(s for s in sentences if "駐車" in s or "駐輪" in s)
    return CenterPlace(address=access.address, access=route, parking=parking)


def events_csv_rows(events, center: Center | None) -> list[list[str]]:
    place = center_place(center)
    rows = []
    for event in events:
        venue = event.venue if event.venue_id else None
        at_center = place.holds(venue)
        rows.append(
            [
                center.municipality_code if center else "",
                str(event.pk),
                center.prefecture if center else "",
                center.city if center else "",
                event.name,
                "",
                "",
                event.date.isoformat(),
                event.date.isoformat(),
                event.start_time.strftime("%H:%M") if event.start_time else "",
                event.end_time.strftime("%H:%M") if event.end_time else "",
                "",
                description_text(event),
                "",
                "",
                center.name if center else "",
                center.phone if center else "",
                "",
                center.name if center else "",
                event.venue_name,
                place.address if at_center else (venue.address if venue else ""),
                "",
                "",
                "",
                place.access if at_center else "",
                place.parking if at_center else "",
                capacity_text(event),
                event.applications_close_on.isoformat() if event.applications_close_on else "",
                "",
                "ウェブサイトの申し込みフォーム、電話または窓口"
                if event.accepts_applications
                else "",
                _absolute(event.get_absolute_url()),
                "中止" if event.status == Event.Status.CANCELLED else "",
            ]
        )
    return rows


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def events_csv_filename(center: Center | None) -> str:
    """「132292_event.csv」 as the 推奨データセット names the file (「event.csv」 without a code)."""
    code = center.municipality_code if center else ""
    return f"{code}_event.csv" if code else "event.csv"


@public_data
def events_csv(request) -> HttpResponse:
    # UTF-8 with a BOM and CRLF line ends: Excel opens it as Japanese text directly.
    center = Center.objects.current()
    rows = events_csv_rows(visible_events(), center)
    response = HttpResponse(csv_bytes([EVENT_COLUMNS, *rows]), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{events_csv_filename(center)}"'
    return response


# --- calendars -------------------------------------------------------------------------------


def sequence(event: Event) -> int:
    """RFC 5545's SEQUENCE: grows each time the event is changed (seconds from its creation to
    its last change), so that a calendar replaces its copy."""
    if event.updated_at is None or event.created_at is None:
        return 0
    return max(int((event.updated_at - event.created_at).total_seconds()), 0)


def calendar_entry(event: Event, host: str, stamp: datetime) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.pk}@{host}")
    entry.add("dtstamp", stamp)
    cancelled = event.status == Event.Status.CANCELLED
    # Not every calendar shows STATUS:CANCELLED: the title says it too, as the RSS feed does.
    entry.add("summary", f"【中止】{event.name}" if cancelled else event.name)
    if event.start_time:
        start = datetime.combine(event.date, event.start_time, tzinfo=TOKYO)
        entry.add("dtstart", start)
        end_time = event.end_time
        entry.add(
            "dtend",
            datetime.combine(event.date, end_time, tzinfo=TOKYO)
            if end_time
            else start + timedelta(hours=2),
        )
    else:
        entry.add("dtstart", event.date)
        entry.add("dtend", event.date + timedelta(days=1))
    if event.venue_name:
        entry.add("location", event.venue_name)
    # The event's page at the end of the description too: Google Calendar and Outlook show
    # the description, not URL, and the page is where to apply or see a change.
    url = _absolute(event.get_absolute_url())
    parts = [f"テーマ：{event.theme}" if event.theme else "", event.description.strip(), url]
    entry.add("description", "\n\n".join(part for part in parts if part))
    entry.add("url", url)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry.add("sequence", sequence(event))
    entry.add("last-modified", event.updated_at)
    return entry


def events_calendar(events, center: Center | None, name: str = "") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kyodo//kyodo//JA")
    calendar.add("version", "2.0")
    title = f"{center.name if center else 'Kyodo'} 事業・イベント"
    calendar.add("x-wr-calname", f"{title}（{name}）" if name else title)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    host = settings.SITE_URL.split("://", 1)[-1]
    stamp = timezone.now()
    for event in events:
        calendar.add_component(calendar_entry(event, host, stamp))
    # TZID=Asia/Tokyo needs its VTIMEZONE in the file (RFC 5545 3.2.19): added from zoneinfo,
    # without the library's English COMMENT (「This timezone only works from …」).
    calendar.add_missing_timezones()
    for zone in calendar.timezones:
        zone.pop("COMMENT", None)
    return calendar


def _calendar_response(calendar: icalendar.Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_since(today: date | None = None) -> date:
    """The first day the calendar feed holds (:data:`CALENDAR_PAST_DAYS` ago)."""
    return (today or timezone.localdate()) - timedelta(days=CALENDAR_PAST_DAYS)


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


@public_data
def events_ics(request) -> HttpResponse:
    """The calendar feed: the visible events from :data:`CALENDAR_PAST_DAYS` days ago on,
    narrowed by ``kind`` (a code of EventKind) and ``series`` (a series' id); a value it cannot
    take is a 400, never ignored."""
    events = visible_events().filter(date__gte=calendar_since())
    names = []
    kind = _nfkc(request.GET.get("kind", ""))
    if "kind" in request.GET:
        if kind not in EventKind.values:
            with translation.override("ja"):
                codes = "、".join(f"{code}（{label}）" for code, label in EventKind.choices)
            return bad_request(f"kind（種類）は次のいずれかを指定してください：{codes}。")
        events = events.filter(kind=kind)
        names.append(kind_label(kind))
    if "series" in request.GET:
        given = _nfkc(request.GET.get("series", ""))
        series = (
            EventSeries.objects.filter(pk=int(given)).first()
            if given.isascii() and given.isdigit() and len(given) <= 18
            else None
        )
        if series is None:
            return bad_request(
                f"series（シリーズ）には、あるシリーズのID（半角数字）を指定してください"
                f"（指定された値：{given[:50]}）。シリーズのIDは API の /api/v1/events の "
                f"series_id にあります。"
            )
        events = events.filter(series=series)
        names.append(series.name)
    calendar = events_calendar(events, Center.objects.current(), "・".join(names))
    return _calendar_response(calendar, "events.ics")


@public_data
def event_ics(request, pk: int) -> HttpResponse:
    """One event's own calendar file (「カレンダーに追加」), whatever its date."""
    event = get_object_or_404(visible_events(), pk=pk)
    calendar = events_calendar([event], Center.objects.current())
    return _calendar_response(calendar, f"event-{event.pk}.ics")


# --- the catalogue ---------------------------------------------------------------------------


@require_safe
def catalogue(request) -> HttpResponse:
    """/opendata/: every dataset (CSV, iCalendar, the API, minutes files) with its format,
    update frequency, licence and, for the CSV, what each column holds. A page of the site
    (with the signed-in person's header): not opened to other sites, unlike the data."""
    center = Center.objects.current()
    updated = visible_events().aggregate(last=Max("updated_at"))["last"]
    series = EventSeries.objects.filter(events__in=visible_events()).distinct().order_by("pk")
    with translation.override("ja"):
        kinds = [(code, str(label)) for code, label in EventKind.choices]
    return render(
        request,
        "api/catalogue.html",
        {
            "licence": open_data_licence(),
            "attribution": attribution(center),
            "csv_filename": events_csv_filename(center),
            "columns": [
                (name, EVENT_COLUMN_DEFINITIONS[name], EVENT_COLUMN_SAMPLES.get(name))
                for name in EVENT_COLUMNS
            ],
            "events_updated": timezone.localtime(updated).date() if updated else None,
            "calendar_past_days": CALENDAR_PAST_DAYS,
            "kinds": kinds,
            "series": series,
            "states": STATES,
            "application_states": APPLICATION_STATES,
            "site_url": settings.SITE_URL,
        },
    )


MINUTES_FILES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@public_data
def minutes_download(request, pk: int, fmt: str) -> HttpResponse:
    """Confirmed minutes as PDF or DOCX, the same document as the public minutes page; minutes
    not confirmed (drafts, in circulation) are 404 as on the page."""
    from kyodo.committees.export import content_disposition, export_minutes
    from kyodo.committees.models import Minutes

    if fmt not in MINUTES_FILES:
        raise Http404
    minutes = get_object_or_404(
        Minutes.objects.published().select_related("meeting__committee__center", "meeting__venue"),
        pk=pk,
    )
    response = HttpResponse(export_minutes(minutes, fmt), content_type=MINUTES_FILES[fmt])
    response["Content-Disposition"] = content_disposition(minutes, fmt)
    return response
