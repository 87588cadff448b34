import csv
import io
from datetime import date

import icalendar

from kyodo.api import opendata
from kyodo.api.opendata import EVENT_COLUMNS, visible_events
from kyodo.events.models import Event


def test_calendar_parses_back_to_the_visible_events(client, demo, monkeypatch):
    # The demo's events are from 2010 and 2011: a feed reaching back that far.
    monkeypatch.setattr(opendata, "CALENDAR_PAST_DAYS", 366 * 30)
    response = client.get("/calendar/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    expected = list(visible_events())
    assert len(expected) >= 5
    assert [str(e["summary"]) for e in entries] == [event.name for event in expected]
    assert [e.decoded("dtstart").date() if hasattr(e.decoded("dtstart"), "date") else e.decoded("dtstart") for e in entries] == [event.date for event in expected]  # fmt: skip
    assert {str(e["uid"]) for e in entries} == {
        f"event-{event.pk}@127.0.0.1:8000" for event in expected
    }


def test_calendar_leaves_out_drafts(client, demo):
    draft = Event.objects.create(kind="講座", title="未公開の講座", date=date(2011, 3, 1))
    assert draft.status == Event.Status.DRAFT
    assert "未公開の講座" not in client.get("/calendar/events.ics").content.decode()
    assert "未公開の講座" not in client.get("/opendata/events.csv").content.decode("utf-8-sig")


def test_open_data_csv_has_the_standard_columns_and_the_events(client, demo):
    response = client.get("/opendata/events.csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0].keys()) == EVENT_COLUMNS
    expected = list(visible_events())
    assert [row["イベント名"] for row in rows] == [event.name for event in expected]
    assert [row["開始日"] for row in rows] == [event.date.isoformat() for event in expected]
    assert all(row["都道府県コード又は市区町村コード"] == "132292" for row in rows)
    assert all(row["市区町村名"] == "西東京市" for row in rows)
    for row, event in zip(rows, expected, strict=True):
        assert row["開始時間"] == (event.start_time.strftime("%H:%M") if event.start_time else "")


def test_every_calendar_file_carries_its_time_zone_and_cancellations(client, db, staff_user):
    from datetime import time

    from kyodo.events import services

    event = services.event_create(
        actor=staff_user, kind="lecture", title="会計講座", date=date(2027, 1, 10),
        start_time=time(19, 0), end_time=time(21, 0), status=Event.Status.PUBLISHED,
    )  # fmt: skip
    services.event_cancel(actor=staff_user, event=event)
    calendar = icalendar.Calendar.from_ical(client.get("/calendar/events.ics").content)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Asia/Tokyo"
    (entry,) = calendar.walk("VEVENT")
    assert entry["dtstart"].params["TZID"] == "Asia/Tokyo"
    assert str(entry["status"]) == "CANCELLED"
    rows = list(
        csv.DictReader(io.StringIO(client.get("/opendata/events.csv").content.decode("utf-8-sig")))
    )
    assert rows[0]["備考"] == "中止"


def test_the_api_has_a_front_door(client, db):
    index = client.get("/api/v1/").json()
    assert index["docs"] == "/api/v1/docs" and index["openapi"] == "/api/v1/openapi.json"
    assert index["endpoints"]["events"] == "/api/v1/events"
    assert index["files"] == {
        "events.csv": "/opendata/events.csv",
        "events.ics": "/calendar/events.ics",
    }
    docs = client.get("/api/v1/docs").text
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
