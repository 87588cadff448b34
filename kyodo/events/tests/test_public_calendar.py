"""The public month calendar: a server-rendered table, weeks from Sunday, 和暦 titles."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from kyodo.core.months import Month
from kyodo.events.models import Event

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    """Each week row of the table as the day numbers of its cells ("" outside the month)."""
    body = response.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    weeks = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        weeks.append(
            [
                (m.group(1) if (m := re.search(r'<span class="day-number">(\d+)', c)) else "")
                for c in cells
            ]
        )
    return weeks


def day_links(response) -> dict[str, list[str]]:
    """Day number → the texts of the event links in that day's cell."""
    body = response.text.split("<tbody>", 1)[1]
    found = {}
    for cell in re.findall(r"<td[^>]*>(.*?)</td>", body, flags=re.S):
        number = re.search(r'<span class="day-number">(\d+)', cell)
        links = re.findall(r'<a href="/events/\d+/">([^<]+)</a>', cell)
        if number and links:
            found[number.group(1)] = links
    return found


def test_january_2011_on_the_demo(client, demo):
    response = client.get("/events/calendar/2011/1/")
    assert response.status_code == 200
    text = response.text
    assert "<h1>平成23年1月の事業カレンダー</h1>" in text
    assert "<title>平成23年1月の事業カレンダー | 西東京市市民協働推進センター</title>" in text
    assert "<caption>平成23年1月の事業（4件）</caption>" in text
    headers = re.findall(r'<th scope="col" class="(\w+)">.*?<span class="visually-hidden">(\S+)</span></th>', text)  # fmt: skip
    assert headers == [
        ("sun", "日曜日"), ("mon", "月曜日"), ("tue", "火曜日"), ("wed", "水曜日"),
        ("thu", "木曜日"), ("fri", "金曜日"), ("sat", "土曜日"),
    ]  # fmt: skip
    # 2011-01-01 was a Saturday: six empty cells first; six weeks in all.
    assert rows(response) == [
        ["", "", "", "", "", "", "1"],
        ["2", "3", "4", "5", "6", "7", "8"],
        ["9", "10", "11", "12", "13", "14", "15"],
        ["16", "17", "18", "19", "20", "21", "22"],
        ["23", "24", "25", "26", "27", "28", "29"],
        ["30", "31", "", "", "", "", ""],
    ]
    assert day_links(response) == {
        "15": ["午後2時 トークサロン「報道からみた冤罪（えんざい）・再審事件」"],
        "20": ["午後7時 NPO市民フェスティバル実行委員会 第4回"],
        "26": ["午後6時30分 行政職員と市民活動団体の懇談会"],
        "29": ["午後2時 NPO市民活動ネットワーク 第3回"],
    }
    assert '<a href="/events/calendar/2010/12/" rel="prev">前の月（平成22年12月）</a>' in text
    assert '<a href="/events/calendar/2011/2/" rel="next">次の月（平成23年2月）</a>' in text
    assert '<a href="/events/?month=2011-01">平成23年1月の事業を一覧で見る</a>' in text
    # Not this month: nothing is marked as today.
    assert 'aria-current="date"' not in text


def test_december_2010_and_february_2011(client, demo):
    december = client.get("/events/calendar/2010/12/")
    assert day_links(december) == {
        "2": ["午後2時 企業懇談会 第2回"],
        "4": ["午後1時30分 行政職員と市民活動団体の懇談会に向けての登録団体間の意見交換会"],
        "9": ["午後7時 NPO市民フェスティバル実行委員会 第3回"],
        "18": ["午後2時 NPO市民フェティバル事前説明会"],
    }
    february = client.get("/events/calendar/2011/2/")
    assert day_links(february) == {
        "5": ["午後1時30分 会計講座中級編"],
        "9": ["午後6時30分 協働を考えるシンポジウム"],
    }
    assert "<caption>平成23年2月の事業（2件）</caption>" in february.text
    assert len(rows(february)) == 5


def test_era_names_in_titles(client, db):
    assert "<h1>令和元年5月の事業カレンダー</h1>" in client.get("/events/calendar/2019/5/").text
    assert "<h1>平成31年4月の事業カレンダー</h1>" in client.get("/events/calendar/2019/4/").text
    assert "<h1>令和8年11月の事業カレンダー</h1>" in client.get("/events/calendar/2026/11/").text
    assert (
        "<caption>令和8年11月の事業（0件）</caption>"
        in client.get("/events/calendar/2026/11/").text
    )


def test_this_month_marks_today_and_drafts_stay_out(client, make_event):
    today = timezone.localdate()
    make_event(title="今日の講座", date=today, start_time=time(10, 0), end_time=time(12, 0))
    make_event(title="下書きの講座", date=today, status=Event.Status.DRAFT)
    make_event(title="中止の講座", date=today, status=Event.Status.CANCELLED)

    response = client.get("/events/calendar/")
    assert response.status_code == 200
    text = response.text
    assert f"<h1>{Month.containing(today).label}の事業カレンダー</h1>" in text
    marked = re.findall(r'<td class="[^"]*today[^"]*" aria-current="date">(.*?)</td>', text, re.S)
    assert len(marked) == 1
    assert f'<span class="day-number">{today.day}<' in marked[0]
    assert '<strong class="today-label">今日</strong>' in marked[0]
    assert re.findall(r'<a href="/events/\d+/">([^<]+)</a>', marked[0]) == [
        "午前10時 今日の講座",
        "午後7時 中止の講座",
    ]
    assert '中止の講座</a><span class="status-failed">（中止）</span>' in marked[0]
    assert "下書きの講座" not in text
    # The current month offers no "this month" link, other months do.
    assert "今月（" not in text
    other = today.replace(day=1) - timedelta(days=1)
    assert "今月（" in client.get(f"/events/calendar/{other.year}/{other.month}/").text


@pytest.mark.parametrize(
    "path",
    [
        "/events/calendar/2011/13/",
        "/events/calendar/2011/0/",
        "/events/calendar/1872/12/",
        "/events/calendar/99999/1/",
        "/events/calendar/9999/12/",
    ],
)
def test_months_that_cannot_be_shown_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_the_first_and_last_months_have_no_link_beyond(client, db):
    first = client.get("/events/calendar/1873/1/")
    assert first.status_code == 200
    assert 'rel="prev"' not in first.text
    assert "<h1>明治6年1月の事業カレンダー</h1>" in first.text
    last = client.get("/events/calendar/9998/12/")
    assert 'rel="next"' not in last.text
