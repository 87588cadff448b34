"""Open data for reusers (session 18): the licence and the catalogue, CORS with HEAD and OPTIONS,
the events' description, state and deadline, calendars per event, kind and series, the OpenAPI
document in Japanese, full-width parameters, and 400 for what the API will not guess at."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, time, timedelta

import icalendar
import pytest
from django.utils import timezone

from kyodo.api import opendata
from kyodo.events import services
from kyodo.events.models import Event, EventSeries

pytestmark = pytest.mark.django_db

CENTER = "西東京市市民協働推進センター"
CC_BY = "クリエイティブ・コモンズ 表示 4.0 国際 ライセンス"
CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"


def _event(actor, **values) -> Event:
    values = {"kind": "lecture", "status": Event.Status.PUBLISHED, **values}
    return services.event_create(actor=actor, **values)


def _calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.content
    return icalendar.Calendar.from_ical(response.content)


# --- 2. licence, publisher, catalogue --------------------------------------------------------


def test_the_catalogue_lists_every_dataset_with_its_licence_and_columns(client, demo):
    response = client.get("/opendata/")
    assert response.status_code == 200
    page = response.text
    assert "<h1>公開データ（オープンデータ）</h1>" in page
    assert f'<a href="{CC_BY_URL}" rel="license">{CC_BY}</a>' in page
    assert "政府標準利用規約（第2.0版）と互換性があります" in page
    assert f"出典：{CENTER}「公開データ」（http://127.0.0.1:8000/opendata/）" in page
    for link in ('href="/opendata/events.csv" download="132292_event.csv"',
                 'href="/calendar/events.ics"', 'href="/calendar/events.ics?kind=lecture"',
                 'href="/api/v1/"', 'href="/api/v1/docs"', 'href="/api/v1/openapi.json"'):  # fmt: skip
        assert link in page, link
    # Every column of the CSV, in its order, with what it holds.
    columns = re.findall(r"<dt>(\d+)\. <code>([^<]+)</code></dt><dd>(.*?)</dd>", page)
    # The events' columns, then those of the calls' results (kyodo.collaboration).
    from kyodo.collaboration.views.public import RESULT_COLUMNS

    assert [name for _n, name, _d in columns] == opendata.EVENT_COLUMNS + RESULT_COLUMNS
    assert 'href="/collaboration/calls/results.csv"' in page
    assert dict((name, d) for _n, name, d in columns)["定員"] == (
        "定員。ページと同じ書き方（「20人」「10団体」、両方あるときは「20人 / 10団体」）。"
    )
    assert "更新頻度" in page and "随時" in page


def test_the_api_names_the_center_the_licence_and_the_contact(client, demo):
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert info["title"] == f"{CENTER} 公開データAPI"
    assert info["license"] == {"name": CC_BY, "url": CC_BY_URL}
    assert info["contact"] == {
        "name": CENTER,
        "url": "http://127.0.0.1:8000",
        "email": "center@example.jp",
    }
    index = client.get("/api/v1/").json()
    assert index["title"] == f"{CENTER} 公開データAPI"
    assert index["publisher"] == CENTER
    assert index["catalogue"] == "/opendata/"
    assert index["licence"]["short"] == "CC BY 4.0"


def test_the_licence_is_a_setting(client, demo, settings):
    settings.OPEN_DATA_LICENCE = {
        "name": "公共データ利用規約（第1.0版）",
        "short": "PDL1.0",
        "url": "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
    }
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert info["license"] == {
        "name": "公共データ利用規約（第1.0版）",
        "url": "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
    }
    page = client.get("/opendata/").text
    assert "公共データ利用規約（第1.0版）" in page and CC_BY not in page
    assert "政府標準利用規約（第2.0版）と互換性" not in page


# --- 3. CORS, HEAD, OPTIONS --------------------------------------------------------------------

PUBLIC_DATA = [
    "/api/v1/events",
    "/api/v1/",
    "/api/v1/openapi.json",
    "/opendata/events.csv",
    "/calendar/events.ics",
]


@pytest.mark.parametrize("url", PUBLIC_DATA)
def test_public_data_is_readable_from_any_site_without_credentials(client, demo, url):
    get = client.get(url, HTTP_ORIGIN="https://map.example")
    assert get.status_code == 200
    assert get["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in get
    head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert head["Access-Control-Allow-Origin"] == "*"
    options = client.options(
        url, HTTP_ORIGIN="https://map.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert options.status_code == 204
    assert options["Access-Control-Allow-Origin"] == "*"
    assert options["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in options


def test_the_api_s_head_gives_the_length_of_the_get(client, demo):
    assert client.head("/api/v1/events")["Content-Length"] == str(
        len(client.get("/api/v1/events").content)
    )


def test_staff_and_signed_in_pages_are_not_opened_to_other_sites(client, demo, staff_user):
    client.force_login(staff_user)
    for url in ("/staff/events/", "/staff/groups/export.csv", "/", "/opendata/"):
        response = client.get(url, HTTP_ORIGIN="https://evil.example")
        assert "Access-Control-Allow-Origin" not in response, url


# --- 4, 5. the description, the CSV's places and name ----------------------------------------


def test_the_description_is_in_the_api_the_csv_and_the_calendar(client, db, staff_user):
    event = _event(
        staff_user, title="会計講座", theme="決算書の読み方", date=timezone.localdate() + timedelta(days=10),
        description="NPO法人の決算書を一緒に読みます。\n電卓をお持ちください。",
        start_time=time(13, 30), end_time=time(15, 0), capacity_people=20, capacity_groups=5,
    )  # fmt: skip
    item = client.get(f"/api/v1/events/{event.pk}").json()
    assert item["description"] == "NPO法人の決算書を一緒に読みます。\n電卓をお持ちください。"
    assert item["theme"] == "決算書の読み方"
    rows = list(csv.DictReader(io.StringIO(client.get("/opendata/events.csv").content.decode("utf-8-sig"))))  # fmt: skip
    assert rows[0]["説明"] == "NPO法人の決算書を一緒に読みます。\n電卓をお持ちください。"
    assert rows[0]["定員"] == "20人 / 5団体"
    (entry,) = _calendar(client.get("/calendar/events.ics")).walk("VEVENT")
    assert str(entry["description"]) == (
        "テーマ：決算書の読み方\n\nNPO法人の決算書を一緒に読みます。\n電卓をお持ちください。"
        f"\n\nhttp://127.0.0.1:8000/events/{event.pk}/"
    )


def test_without_a_municipality_code_the_csv_is_event_csv(client, db):
    response = client.get("/opendata/events.csv")
    assert response["Content-Disposition"] == 'attachment; filename="event.csv"'


# --- 6. the API's events: state, deadline, kind label ------------------------------------------


def test_an_event_says_its_state_deadline_and_kind_as_the_page_does(client, db, staff_user):
    today = timezone.localdate()
    coming = _event(staff_user, title="来週の講座", date=today + timedelta(days=7),
                    applications_close_on=today + timedelta(days=3))  # fmt: skip
    later = _event(staff_user, kind="salon", title="来月のサロン", date=today + timedelta(days=30),
                   applications_open_on=today + timedelta(days=5))  # fmt: skip
    past = _event(staff_user, title="先月の講座", date=today - timedelta(days=30))
    no_applications = _event(staff_user, kind="festival", title="まつり",
                             date=today + timedelta(days=3), accepts_applications=False)  # fmt: skip
    cancelled = _event(staff_user, title="中止の講座", date=today + timedelta(days=9))
    services.event_cancel(actor=staff_user, event=cancelled)

    def facts(event):
        item = client.get(f"/api/v1/events/{event.pk}").json()
        return tuple(item[k] for k in (
            "state", "state_label", "applications_open", "application_state",
            "application_state_label", "applications_open_on", "applications_close_on",
            "kind", "kind_label", "status",
        ))  # fmt: skip

    iso = date.isoformat
    assert facts(coming) == ("scheduled", "開催予定", True, "open", "受付中", None,
                             iso(today + timedelta(days=3)), "lecture", "講座", "published")  # fmt: skip
    assert facts(later) == ("scheduled", "開催予定", False, "not_yet", "受付開始前",
                            iso(today + timedelta(days=5)), iso(today + timedelta(days=30)),
                            "salon", "サロン", "published")  # fmt: skip
    assert facts(past) == ("ended", "終了", False, "closed", "受付終了", None,
                           iso(today - timedelta(days=30)), "lecture", "講座", "published")  # fmt: skip
    assert facts(no_applications)[:7] == ("scheduled", "開催予定", False, "none", "申し込み不要",
                                          None, None)  # fmt: skip
    assert facts(cancelled)[:5] == ("cancelled", "中止", False, "closed", "受付終了")
    item = client.get(f"/api/v1/events/{coming.pk}").json()
    assert item["ics_url"] == f"http://127.0.0.1:8000/calendar/events/{coming.pk}.ics"

    def titles(**params):
        response = client.get("/api/v1/events", params)
        assert response.status_code == 200, response.json()
        return [item["name"] for item in response.json()["items"]]

    assert titles(state="ended") == ["先月の講座"]
    assert titles(state="cancelled") == ["中止の講座"]
    assert titles(state="scheduled") == ["まつり", "来週の講座", "来月のサロン"]


# --- 7. the OpenAPI document in Japanese -----------------------------------------------------

ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def _descriptions(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield path, value
            else:
                yield from _descriptions(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _descriptions(value, f"{path}/{i}")


def test_every_field_and_answer_of_the_schema_is_described_in_japanese(client, demo):
    schema = client.get("/api/v1/openapi.json").json()
    for operations in schema["paths"].values():
        for operation in operations.values():
            for code, answer in operation["responses"].items():
                assert answer["description"] == opendata_responses()[code]
    for name, component in schema["components"]["schemas"].items():
        assert component.get("description"), name
        assert "title" not in component, name
        for field, spec in component.get("properties", {}).items():
            assert spec.get("description"), (name, field)
            assert "title" not in spec, (name, field)
    for path, text in _descriptions(schema):
        assert re.search(r"[ぁ-んァ-ン一-龥]", text), (path, text)
        assert not ENGLISH_PHRASE.search(text), (path, text)
    assert "OK" not in str(schema) and "Unprocessable" not in str(schema)
    page_size = schema["paths"]["/api/v1/events"]["get"]["parameters"]
    assert {p["name"]: p["description"] for p in page_size}["page_size"] == (
        "1ページの件数（既定は50、100まで）。"
    )


def opendata_responses():
    from kyodo.api.api import RESPONSES

    return RESPONSES


# --- 8, 9. full-width and half-width parameters ----------------------------------------------


def _count(client, url, **params) -> int:
    response = client.get(url, params)
    assert response.status_code == 200, response.json()
    return response.json()["count"]


def test_statements_are_found_as_the_site_search_finds_them(client, demo):
    from kyodo.search.selectors import Filters, search

    def site(q):
        return search(q, filters=Filters(kinds=["entry"])).count()

    for narrow, wide in (("NPO", "ＮＰＯ"), ("ワークショップ", "ﾜｰｸｼｮｯﾌﾟ"),
                         ("ワークショップ", "わーくしょっぷ"), ("申し込み", "申込")):  # fmt: skip
        count = _count(client, "/api/v1/statements", q=narrow)
        assert count > 0, narrow
        assert _count(client, "/api/v1/statements", q=wide) == count, wide
        assert site(wide) == count, wide
    both = _count(client, "/api/v1/statements", q="NPO 協働")
    either = _count(client, "/api/v1/statements", q="NPO OR 協働")
    without = _count(client, "/api/v1/statements", q="NPO -協働")
    assert (both, either, without) == (site("NPO 協働"), site("NPO OR 協働"), site("NPO -協働"))
    assert both + without == _count(client, "/api/v1/statements", q="NPO")
    only_without = _count(client, "/api/v1/statements", q="-NPO")
    assert only_without + _count(client, "/api/v1/statements", q="NPO") == _count(
        client, "/api/v1/statements"
    )


def test_full_width_dates_and_numbers_are_read_as_half_width(client, demo):
    half = client.get("/api/v1/events", {"date_from": "2011-01-01", "fiscal_year": "2010"}).json()
    full = client.get(
        "/api/v1/events",
        {"date_from": "２０１１-０１-０１", "fiscal_year": "２０１０", "page": "１"},
    ).json()
    assert full == half and full["count"] == 6
    assert _count(client, "/api/v1/statements", speaker="委員長") == _count(
        client, "/api/v1/statements", speaker="委員長"
    )


# --- 17, 18. calendars -------------------------------------------------------------------------


def test_one_event_has_its_own_calendar_file(client, db, staff_user):
    event = _event(staff_user, title="会計講座", date=date(2011, 2, 5), start_time=time(13, 30))
    calendar = _calendar(client.get(f"/calendar/events/{event.pk}.ics"))
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "会計講座"
    assert str(entry["uid"]) == f"event-{event.pk}@127.0.0.1:8000"
    draft = _event(staff_user, title="下書き", date=date(2011, 2, 6), status=Event.Status.DRAFT)
    assert client.get(f"/calendar/events/{draft.pk}.ics").status_code == 404


def test_the_feed_is_narrowed_by_kind_and_series_and_refuses_what_it_cannot_take(
    client, db, staff_user
):
    day = timezone.localdate() + timedelta(days=5)
    series = services.series_create(actor=staff_user, name="トークサロン", kind="salon")
    _event(staff_user, title="講座", date=day)
    _event(staff_user, kind="salon", series=series, title="第1回の話", date=day)
    _event(staff_user, kind="salon", title="単発のサロン", date=day)

    def summaries(query):
        return [str(e["summary"]) for e in _calendar(client.get(f"/calendar/events.ics{query}")).walk("VEVENT")]  # fmt: skip

    assert summaries("") == ["講座", "トークサロン 第1回「第1回の話」", "単発のサロン"]
    assert summaries("?kind=salon") == ["トークサロン 第1回「第1回の話」", "単発のサロン"]
    assert summaries(f"?series={series.pk}") == ["トークサロン 第1回「第1回の話」"]
    assert summaries(f"?series={str(series.pk).translate(str.maketrans('0123456789', '０１２３４５６７８９'))}") == ["トークサロン 第1回「第1回の話」"]  # fmt: skip
    calendar = _calendar(client.get(f"/calendar/events.ics?series={series.pk}"))
    assert str(calendar["x-wr-calname"]) == "Kyodo 事業・イベント（トークサロン）"

    bad_kind = client.get("/calendar/events.ics?kind=講座")
    assert bad_kind.status_code == 400
    assert bad_kind["Content-Type"] == "text/plain; charset=utf-8"
    assert bad_kind.content.decode().startswith(
        "kind（種類）は次のいずれかを指定してください：lecture（講座）、salon（サロン）、"
    )
    missing = EventSeries.objects.order_by("-pk").first().pk + 1
    for value in (str(missing), "abc", ""):
        bad_series = client.get("/calendar/events.ics", {"series": value})
        assert bad_series.status_code == 400, value
        assert bad_series.content.decode().startswith(
            "series（シリーズ）には、あるシリーズのID（半角数字）を指定してください"
        )


def test_the_feed_reaches_back_a_year_and_no_further(client, db, staff_user):
    today = timezone.localdate()
    _event(staff_user, title="366日前", date=today - timedelta(days=366))
    _event(staff_user, title="365日前", date=today - timedelta(days=365))
    old = _event(staff_user, title="2年前", date=today - timedelta(days=730))
    summaries = [str(e["summary"]) for e in _calendar(client.get("/calendar/events.ics")).walk("VEVENT")]  # fmt: skip
    assert summaries == ["365日前"]
    # The event's own file is there whatever its date.
    assert client.get(f"/calendar/events/{old.pk}.ics").status_code == 200


def test_a_changed_event_gets_a_higher_sequence_and_a_cancelled_one_says_so(client, db, staff_user):
    event = _event(staff_user, title="会計講座", date=timezone.localdate() + timedelta(days=3),
                   start_time=time(13, 30))  # fmt: skip

    def entry():
        (found,) = _calendar(client.get(f"/calendar/events/{event.pk}.ics")).walk("VEVENT")
        return found

    first = int(entry()["sequence"])
    Event.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - timedelta(hours=1), updated_at=timezone.now() - timedelta(hours=1)
    )  # fmt: skip
    event.refresh_from_db()
    assert int(entry()["sequence"]) == 0 <= first
    services.event_update(actor=staff_user, event=event, start_time=time(14, 0))
    changed = entry()
    assert int(changed["sequence"]) >= 3599
    assert str(changed["summary"]) == "会計講座"
    services.event_cancel(actor=staff_user, event=Event.objects.get(pk=event.pk))
    cancelled = entry()
    assert str(cancelled["summary"]) == "【中止】会計講座"
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) >= int(changed["sequence"])


def test_the_time_zone_carries_no_english_comment(client, db, staff_user):
    _event(staff_user, title="講座", date=timezone.localdate(), start_time=time(19, 0))
    text = client.get("/calendar/events.ics").content.decode()
    assert "BEGIN:VTIMEZONE" in text and "COMMENT" not in text


# --- 20. 400 for what the API will not guess at ------------------------------------------------


@pytest.mark.parametrize(
    ("url", "params", "detail"),
    [
        (
            "/api/v1/events",
            {"status": "held"},
            "この指定はありません：status。使える指定は date_from、date_to、fiscal_year、kind、"
            "series、state、page、page_size です。事業・イベントの状態で絞り込むには state"
            "（scheduled、ended、cancelled）を使ってください。",
        ),
        (
            "/api/v1/meetings",
            {"date_from": "2011-02-01", "date_to": "2011-01-01"},
            "開始日（date_from）が終了日（date_to）より後になっています。"
            "（2011-02-01 と 2011-01-01）",
        ),
        (
            "/api/v1/meetings",
            {"committee": "xyz"},
            "委員会の略称（committee）「xyz」はありません。使える略称：unei（運営委員会）。",
        ),
        ("/api/v1/events", {"series": "999999"}, "シリーズのID（series）999999 はありません。"),
        (
            "/api/v1/statements",
            {"meeting": "999999"},
            "会議のID（meeting）999999 の会議はありません。",
        ),
        ("/api/v1/events/1", {"x": "1"}, "この指定はありません：x。指定は使えません。"),
    ],
)
def test_unknown_and_contradictory_parameters_are_400_in_japanese(
    client, demo, url, params, detail
):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": detail, "type": "bad_request"}


def test_the_catalogue_page_takes_get_and_head_only(client, db):
    assert client.head("/opendata/").status_code == 200
    assert client.options("/opendata/").status_code == 405
    assert "Access-Control-Allow-Origin" not in client.get("/opendata/")


def test_a_cache_buster_is_taken(client, demo):
    assert client.get("/api/v1/events", {"_": "1700000000"}).status_code == 200
