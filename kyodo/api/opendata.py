"""Public data as files: an iCalendar feed and the 自治体標準オープンデータセット 「イベント一覧」 CSV of
the events, and confirmed minutes as PDF and DOCX."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyodo.core.exports import CSV_CONTENT_TYPE, csv_bytes
from kyodo.core.models import Center
from kyodo.events.models import Event

TOKYO = ZoneInfo("Asia/Tokyo")

# The standard's column names, in its order (推奨データセット「イベント一覧」).
EVENT_COLUMNS = [
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "イベント名",
    "イベント名_カナ", "イベント名_英語", "開始日", "終了日", "開始時間", "終了時間",
    "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号",
    "連絡先内線番号", "主催者", "場所名称", "住所", "方書", "緯度", "経度", "アクセス方法",
    "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
]  # fmt: skip


def visible_events() -> QuerySet[Event]:
    """Every event the public may see (``Event.objects.visible``), by date, for the files and
    the API; a cancelled one says so (STATUS:CANCELLED, 備考 中止)."""
    return (
        Event.objects.visible()
        .select_related("series", "venue")
        .order_by("date", "start_time", "pk")
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _capacity(event: Event) -> str:
    parts = []
    if event.capacity_people:
        parts.append(f"{event.capacity_people}名")
    if event.capacity_groups:
        parts.append(f"{event.capacity_groups}団体")
    return "、".join(parts)


def events_csv_rows(events, center: Center | None) -> list[list[str]]:
    rows = []
    for event in events:
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
                event.theme or event.description,
                "",
                "",
                center.name if center else "",
                center.phone if center else "",
                "",
                center.name if center else "",
                event.venue_name,
                event.venue.address if event.venue_id else "",
                "",
                "",
                "",
                "",
                "",
                _capacity(event),
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


def events_csv(request) -> HttpResponse:
    # UTF-8 with a BOM and CRLF line ends: Excel opens it as Japanese text directly.
    rows = events_csv_rows(visible_events(), Center.objects.current())
    response = HttpResponse(csv_bytes([EVENT_COLUMNS, *rows]), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="event.csv"'
    return response


def events_calendar(events, center: Center | None) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kyodo//kyodo//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{center.name if center else 'Kyodo'} 事業・イベント")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    host = settings.SITE_URL.split("://", 1)[-1]
    stamp = timezone.now()
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.name)
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
        description = event.theme or event.description
        entry.add("description", f"{description}\n\n{url}" if description else url)
        entry.add("url", url)
        entry.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
        entry.add("last-modified", event.updated_at)
        calendar.add_component(entry)
    # TZID=Asia/Tokyo needs its VTIMEZONE in the file (RFC 5545 3.2.19): added from zoneinfo.
    calendar.add_missing_timezones()
    return calendar


def events_ics(request) -> HttpResponse:
    calendar = events_calendar(visible_events(), Center.objects.current())
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


MINUTES_FILES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


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
