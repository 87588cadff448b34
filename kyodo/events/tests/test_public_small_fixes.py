"""Small things on the public event pages: an empty list says so once; in English the times are
English beside the English date, the Japanese pages unchanged."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from django.utils import timezone, translation

from kyodo.core.templatetags.kyodo_ja import time_ja, time_range_ja
from kyodo.events.models import Event, EventKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(staff_user):
    from kyodo.events.services import event_create

    return event_create(
        actor=staff_user,
        status=Event.Status.PUBLISHED,
        title="NPO入門講座",
        kind=EventKind.LECTURE,
        date=timezone.localdate() + timedelta(days=10),
        start_time=time(14),
        end_time=time(16),
    )


def _results(response) -> str:
    return response.text.split('id="results-heading"')[1].split("</section>")[0]


def test_an_empty_filtered_list_only_says_nothing_matches(client, event):
    response = client.get("/events/", {"kind": EventKind.ROUND_TABLE})
    results = _results(response)
    assert "条件に合う事業はありません。" in results
    assert "件の事業があります" not in results
    assert results.count('role="status"') == 1


def test_an_empty_list_only_says_nothing_is_planned(client, db):
    results = _results(client.get("/events/"))
    assert "現在予定している事業はありません。" in results
    assert "件の事業があります" not in results


def test_a_list_with_events_gives_their_number(client, event):
    results = _results(client.get("/events/"))
    assert "1件の事業があります。" in results
    assert "事業はありません" not in results


@pytest.mark.parametrize(
    ("start", "end", "japanese", "english"),
    [
        (time(14), time(16), "午後2時～4時", "2 p.m. – 4 p.m."),
        (time(10), time(12, 30), "午前10時～午後0時30分", "10 a.m. – 12:30 p.m."),
        (time(18, 30), None, "午後6時30分", "6:30 p.m."),
    ],
)
def test_times_in_japanese_and_in_english(start, end, japanese, english):
    with translation.override("ja"):
        assert (time_range_ja(start, end) if end else time_ja(start)) == japanese
    with translation.override("en"):
        assert (time_range_ja(start, end) if end else time_ja(start)) == english


def test_the_english_event_page_writes_the_time_in_english(client, event):
    japanese = client.get(f"/events/{event.pk}/").text
    assert "午後2時～4時" in japanese
    client.post("/i18n/setlang/", {"language": "en", "next": "/events/"})
    for url in (f"/events/{event.pk}/", "/events/"):
        page = client.get(url).text
        when = date_format_en(event.date)
        assert re.search(re.escape(when) + r"\s+2 p\.m\. – 4 p\.m\.", page), url
        assert "午後" not in page, url


def date_format_en(day: date) -> str:
    from django.utils.formats import date_format

    with translation.override("en"):
        return date_format(day, "D, j F Y")
