"""The iCalendar feed and the open-data CSV parse back (icalendar, csv) to exactly the demo's
events: every published or held event, in date order, with its day, times, place and link."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar

from kyodo.api import opendata
from kyodo.events.models import Event

SITE = "http://127.0.0.1:8000"
TOKYO = ZoneInfo("Asia/Tokyo")
ROOM_1, ROOM_2 = "イングビル3階 第1会議室", "イングビル3階 第2会議室"
HOW = "ウェブサイトの申し込みフォーム、電話または窓口"

# name, date, start, end, place, capacity, applications close, how to apply, theme
DEMO = [
    ("企業懇談会 第2回", "2010-12-02", "14:00", "16:00", ROOM_1, "", "", "", ""),
    ("行政職員と市民活動団体の懇談会に向けての登録団体間の意見交換会", "2010-12-04", "13:30", "16:00", ROOM_1, "", "", "", ""),
    ("NPO市民フェスティバル実行委員会 第3回", "2010-12-09", "19:00", "21:00", ROOM_2, "", "", "", ""),
    ("NPO市民フェティバル事前説明会", "2010-12-18", "14:00", "16:00", ROOM_1, "", "", "", ""),
    ("トークサロン「報道からみた冤罪（えんざい）・再審事件」", "2011-01-15", "14:00", "16:00", ROOM_1, "20人", "", HOW, ""),
    ("NPO市民フェスティバル実行委員会 第4回", "2011-01-20", "19:00", "21:00", ROOM_2, "", "", "", ""),
    ("行政職員と市民活動団体の懇談会", "2011-01-26", "18:30", "20:30", "保谷庁舎", "20団体", "2011-01-21", HOW, ""),
    ("NPO市民活動ネットワーク 第3回", "2011-01-29", "14:00", "16:30", ROOM_1, "30人", "", HOW, "地域に根付くネットワークとは"),
    ("会計講座中級編", "2011-02-05", "13:30", "16:30", ROOM_2, "16人", "", HOW, ""),
    ("協働を考えるシンポジウム", "2011-02-09", "18:30", "20:30", "田無庁舎", "60人", "", HOW, ""),
]  # fmt: skip
# The description the event's page shows (the demo gives one event a text besides its theme).
DESCRIPTIONS = {
    "NPO市民活動ネットワーク 第3回": "それぞれのNPOを取り巻く関係者と良好なネットワークをどう構築"
    "するかについてお話しいただきます。",
}
# Where the center's rooms are, from the demo's access information (/access/).
CENTER_ADDRESS = "東京都西東京市田無町4丁目 イングビル3階"
CENTER_ACCESS = "西武新宿線 田無駅 北口 徒歩3分"
CENTER_PARKING = "駐車場はありません。お車の方は近くの有料駐車場をご利用ください。"


def _pks() -> dict[str, int]:
    return {event.name: event.pk for event in Event.objects.all()}


def _at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TOKYO)


def test_the_ical_feed_is_the_demo_events(client, demo, monkeypatch):
    # The demo's events are from 2010 and 2011: a feed reaching back that far.
    monkeypatch.setattr(opendata, "CALENDAR_PAST_DAYS", 366 * 30)
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
            # The theme, the description, then the page's address (calendars show the
            # description, not URL).
            "\n\n".join(
                [
                    *([f"テーマ：{theme}"] if theme else []),
                    *([DESCRIPTIONS[name]] if name in DESCRIPTIONS else []),
                    f"{SITE}/events/{pks[name]}/",
                ]
            ),
            f"{SITE}/events/{pks[name]}/",
            f"event-{pks[name]}@127.0.0.1:8000",
        )
        for name, day, start, end, place, _cap, _close, _how, theme in DEMO
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
         f"{SITE}/events/{pks[name]}/", DESCRIPTIONS.get(name, theme))
        for name, day, start, end, place, capacity, close, how, theme in DEMO
    ]  # fmt: skip
    # The center's own rooms are where the access page says; the city's halls have no address
    # in the demo, so nothing is made up for them.
    places = ["住所", "アクセス方法", "駐車場情報", "緯度", "経度"]
    assert [tuple(row[c] for c in places) for row in rows] == [
        (CENTER_ADDRESS, CENTER_ACCESS, CENTER_PARKING, "", "")
        if place in (ROOM_1, ROOM_2)
        else ("", "", "", "", "")
        for _name, _day, _start, _end, place, *_rest in DEMO
    ]
    assert response["Content-Disposition"] == 'attachment; filename="132292_event.csv"'
    assert {(row["都道府県名"], row["市区町村名"], row["連絡先名称"]) for row in rows} == {
        ("東京都", "西東京市", "西東京市市民協働推進センター")
    }
