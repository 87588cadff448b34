"""The iCalendar feed and the open-data CSV parse back (icalendar, csv) to exactly the demo's
events: every published or held event, in date order, with its day, times, place and link."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar

from kyodo.events.models import Event

SITE = "http://127.0.0.1:8000"
TOKYO = ZoneInfo("Asia/Tokyo")
ROOM_1, ROOM_2 = "イングビル3階 第1会議室", "イングビル3階 第2会議室"
HOW = "ウェブサイトの申し込みフォーム、電話または窓口"

# name, date, start, end, place, capacity, applications close, how to apply, description
DEMO = [
    ("企業懇談会 第2回", "2010-12-02", "14:00", "16:00", ROOM_1, "", "", "", ""),
    ("行政職員と市民活動団体の懇談会に向けての登録団体間の意見交換会", "2010-12-04", "13:30", "16:00", ROOM_1, "", "", "", ""),
    ("NPO市民フェスティバル実行委員会 第3回", "2010-12-09", "19:00", "21:00", ROOM_2, "", "", "", ""),
    ("NPO市民フェティバル事前説明会", "2010-12-18", "14:00", "16:00", ROOM_1, "", "", "", ""),
    ("トークサロン「報道からみた冤罪（えんざい）・再審事件」", "2011-01-15", "14:00", "16:00", ROOM_1, "20名", "", HOW, ""),
    ("NPO市民フェスティバル実行委員会 第4回", "2011-01-20", "19:00", "21:00", ROOM_2, "", "", "", ""),
    ("行政職員と市民活動団体の懇談会", "2011-01-26", "18:30", "20:30", "保谷庁舎", "20団体", "2011-01-21", HOW, ""),
    ("NPO市民活動ネットワーク 第3回", "2011-01-29", "14:00", "16:30", ROOM_1, "30名", "", HOW, "地域に根付くネットワークとは"),
    ("会計講座中級編", "2011-02-05", "13:30", "16:30", ROOM_2, "16名", "", HOW, ""),
    ("協働を考えるシンポジウム", "2011-02-09", "18:30", "20:30", "田無庁舎", "60名", "", HOW, ""),
]  # fmt: skip


def _pks() -> dict[str, int]:
    return {event.name: event.pk for event in Event.objects.all()}


def _at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TOKYO)


def test_the_ical_feed_is_the_demo_events(client, demo):
    pks = _pks()
    calendar = icalendar.Calendar.from_ical(client.get("/calendar/events.ics").content)
    assert str(calendar["x-wr-timezone"]) == "Asia/Tokyo"
    assert str(calendar["x-wr-calname"]) == "西東京市市民協働推進センター 事業・イベント"
    parsed = [
        (
            str(entry["summary"]),
            entry.decoded("dtstart"),
            entry.decoded("dtend"),
            str(entry["location"]),
            str(entry.get("description", "")),
            str(entry["url"]),
            str(entry["uid"]),
        )
        for entry in calendar.walk("VEVENT")
    ]
    assert parsed == [
        (
            name,
            _at(day, start),
            _at(day, end),
            place,
            # The page's address after the text (calendars show the description, not URL).
            f"{description}\n\n{SITE}/events/{pks[name]}/"
            if description
            else f"{SITE}/events/{pks[name]}/",
            f"{SITE}/events/{pks[name]}/",
            f"event-{pks[name]}@127.0.0.1:8000",
        )
        for name, day, start, end, place, _cap, _close, _how, description in DEMO
    ]


def test_the_open_data_csv_is_the_demo_events(client, demo):
    pks = _pks()
    response = client.get("/opendata/events.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in response.content
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    columns = ["NO", "イベント名", "開始日", "終了日", "開始時間", "終了時間", "場所名称", "定員",
               "参加申込終了日", "参加申込方法", "URL", "説明"]  # fmt: skip
    assert [tuple(row[c] for c in columns) for row in rows] == [
        (str(pks[name]), name, day, day, start, end, place, capacity, close, how,
         f"{SITE}/events/{pks[name]}/", description)
        for name, day, start, end, place, capacity, close, how, description in DEMO
    ]  # fmt: skip
    assert {(row["都道府県名"], row["市区町村名"], row["連絡先名称"]) for row in rows} == {
        ("東京都", "西東京市", "西東京市市民協働推進センター")
    }
