"""The public event list's filters (kind, month in 和暦, open for applications now) on the demo."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyodo.core.months import Month
from kyodo.events import selectors
from kyodo.events.filters import EventFilterForm
from kyodo.events.models import Event, EventKind

pytestmark = pytest.mark.django_db

SALON = "トークサロン「報道からみた冤罪（えんざい）・再審事件」"
FESTIVAL_4 = "NPO市民フェスティバル実行委員会 第4回"
ROUND_TABLE = "行政職員と市民活動団体の懇談会"
NETWORK_3 = "NPO市民活動ネットワーク 第3回"
ACCOUNTING = "会計講座中級編"
SYMPOSIUM = "協働を考えるシンポジウム"


def listed(response) -> list[str]:
    return re.findall(r'<h3 id="event-\d+"><a href="/events/\d+/">([^<]+)</a>', response.text)


def names(events) -> list[str]:
    return [event.name for event in events]


# --- months ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "label"),
    [
        (Month(2026, 11), "令和8年11月"),
        (Month(2011, 1), "平成23年1月"),
        (Month(2019, 4), "平成31年4月"),
        (Month(2019, 5), "令和元年5月"),
        (Month(1989, 1), "昭和64年1月"),
    ],
)
def test_month_labels_are_in_the_japanese_calendar(month, label):
    assert month.label == label


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2011-02", Month(2011, 2)),
        ("2011-2", Month(2011, 2)),
        ("２０１１－０２", Month(2011, 2)),
        (" 2011-12 ", Month(2011, 12)),
        ("2011-13", None),
        ("2011-00", None),
        ("1872-12", None),
        ("9999-12", None),
        ("201-01", None),
        ("令和8年11月", None),
        ("", None),
    ],
)
def test_month_parse(text, month):
    assert Month.parse(text) == month


def test_previous_and_next_month_cross_the_year():
    assert Month(2011, 1).previous() == Month(2010, 12)
    assert Month(2010, 12).next() == Month(2011, 1)
    assert Month(1873, 1).previous() is None
    assert Month(9998, 12).next() is None


# --- the selector on the demo ---------------------------------------------------------------------


def test_months_with_public_events_on_the_demo(demo):
    assert selectors.public_event_months() == [Month(2010, 12), Month(2011, 1), Month(2011, 2)]


def test_filters_on_the_demo_as_on_the_day_of_the_seed_meeting(demo):
    seed_day = date(2011, 1, 18)
    assert names(selectors.public_event_list(today=seed_day)) == [
        FESTIVAL_4, ROUND_TABLE, NETWORK_3, ACCOUNTING, SYMPOSIUM
    ]  # fmt: skip
    # The executive committee takes no applications; the round table closes on the 21st.
    assert names(selectors.public_event_list(open_now=True, today=seed_day)) == [
        ROUND_TABLE, NETWORK_3, ACCOUNTING, SYMPOSIUM
    ]  # fmt: skip
    assert names(selectors.public_event_list(open_now=True, today=date(2011, 1, 22))) == [
        NETWORK_3, ACCOUNTING, SYMPOSIUM
    ]  # fmt: skip
    assert names(
        selectors.public_event_list(month=Month(2011, 1), open_now=True, today=seed_day)
    ) == [ROUND_TABLE, NETWORK_3]
    assert names(
        selectors.public_event_list(kind=EventKind.LECTURE, open_now=True, today=seed_day)
    ) == [ACCOUNTING]
    assert names(selectors.public_event_list(open_now=True, today=date(2011, 2, 10))) == []


# --- the page on the demo -------------------------------------------------------------------------


def test_a_month_lists_every_public_event_of_that_month_held_ones_too(client, demo):
    response = client.get("/events/", {"month": "2011-01"})
    assert response.status_code == 200
    assert listed(response) == [SALON, FESTIVAL_4, ROUND_TABLE, NETWORK_3]
    assert '<h2 id="results-heading">平成23年1月の事業</h2>' in response.text
    assert "4件の事業があります。" in response.text
    assert '<option value="2011-01" selected>平成23年1月</option>' in response.text


def test_kind_and_month_combine(client, demo):
    assert listed(client.get("/events/", {"month": "2010-12", "kind": "round_table"})) == [
        "企業懇談会 第2回",
        "行政職員と市民活動団体の懇談会に向けての登録団体間の意見交換会",
    ]
    assert listed(client.get("/events/", {"month": "2011-01", "kind": "round_table"})) == [
        ROUND_TABLE
    ]
    assert listed(client.get("/events/", {"month": "2011-02", "kind": "salon"})) == []
    empty = client.get("/events/", {"month": "2011-02", "kind": "salon"})
    assert "条件に合う事業はありません。" in empty.text


def test_the_form_is_a_labelled_get_form_with_months_in_wareki(client, demo):
    response = client.get("/events/")
    text = response.text
    assert '<form method="get" action="/events/" class="filters" novalidate>' in text
    assert '<label for="id_kind">事業の種類</label>' in text
    assert '<label for="id_month">月</label>' in text
    assert '<label for="id_open">いま申し込みを受け付けている事業のみ</label>' in text
    assert re.findall(r'<option value="(\d{4}-\d{2})">([^<]+)</option>', text) == [
        ("2010-12", "平成22年12月"),
        ("2011-01", "平成23年1月"),
        ("2011-02", "平成23年2月"),
    ]
    assert '<option value="lecture">講座</option>' in text
    # The calendar of this month, and the open data, are linked from the list.
    today = timezone.localdate()
    assert f'href="/events/calendar/{today.year}/{today.month}/"' in text
    assert 'href="/calendar/events.ics"' in text


def test_a_month_without_events_is_kept_in_the_choices(client, db):
    response = client.get("/events/", {"month": "2026-11"})
    assert response.status_code == 200
    assert '<option value="2026-11" selected>令和8年11月</option>' in response.text
    assert listed(response) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"month": "2011-13"}, "月は 2011-02 のように年と月で指定してください。"),
        ({"month": "令和8年11月"}, "月は 2011-02 のように年と月で指定してください。"),
        ({"month": "x" * 500}, "月は 2011-02 のように年と月で指定してください。"),
        ({"kind": "party"}, "その種類の事業はありません。一覧から選んでください。"),
        ({"kind": "<script>"}, "その種類の事業はありません。一覧から選んでください。"),
    ],
)
def test_bad_filter_values_get_a_japanese_message(client, db, params, message):
    response = client.get("/events/", params)
    assert response.status_code == 400
    assert message in response.text
    assert "条件の一部を使えませんでした。直してください。" in response.text
    assert "<script>" not in response.text.split('<main id="main"', 1)[1]


def test_a_bad_filter_is_left_out_and_the_good_ones_still_apply(client, demo):
    response = client.get("/events/", {"month": "2011-01", "kind": "party"})
    assert response.status_code == 400
    assert listed(response) == [SALON, FESTIVAL_4, ROUND_TABLE, NETWORK_3]


def test_form_filters_of_an_unbound_form():
    assert EventFilterForm().filters() == {"kind": "", "month": None, "open_now": False}


# --- open now, from today's point of view -----------------------------------------------------------


def test_open_now_keeps_only_events_taking_applications_today(client, make_event):
    today = timezone.localdate()
    make_event(title="受付中の講座")
    make_event(title="受付前の講座", applications_open_on=today + timedelta(days=3))
    make_event(
        title="締切済みの講座",
        applications_open_on=today - timedelta(days=10),
        applications_close_on=today - timedelta(days=1),
    )
    make_event(title="申込不要の交流会", kind=EventKind.SOCIAL, accepts_applications=False)
    make_event(title="中止の講座", status=Event.Status.CANCELLED)
    make_event(title="今日が締切の講座", applications_close_on=today)

    everything = client.get("/events/")
    assert len(listed(everything)) == 6
    response = client.get("/events/", {"open": "on"})
    assert response.status_code == 200
    assert listed(response) == ["受付中の講座", "今日が締切の講座"]
    assert listed(client.get("/events/", {"open": "on", "kind": "social"})) == []
    assert 'id="id_open" checked' in response.text


def test_pagination_keeps_the_filters(client, make_event):
    for n in range(23):
        make_event(title=f"講座{n + 1:02d}", date=timezone.localdate() + timedelta(days=n + 1))
    make_event(title="交流会", kind=EventKind.SOCIAL)

    first = client.get("/events/", {"kind": "lecture"})
    assert len(listed(first)) == 20
    assert '<a href="?kind=lecture&amp;page=2">次へ</a>' in first.text
    second = client.get("/events/", {"kind": "lecture", "page": "2"})
    assert listed(second) == ["講座21", "講座22", "講座23"]
    assert client.get("/events/", {"kind": "lecture", "page": "abc"}).status_code == 200
