"""The website's HTML written in Python (kyodo/website/rendering.py) is the HTML of the templates it
replaces, which stay the reference: on the demo's data, on awkward values, in both languages."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kyodo.core.models import Venue
from kyodo.events import selectors as event_selectors
from kyodo.events.models import Event, EventSeries
from kyodo.website.models import NewsPost
from kyodo.website.rendering import home_events_html, news_items_html
from kyodo.website.selectors import news_titles

pytestmark = pytest.mark.django_db


def _awkward_events() -> list[Event]:
    today = timezone.localdate()
    series = EventSeries.objects.create(name="A & B <連続講座>", next_number=1)
    venue = Venue.objects.create(name="会議室 <1> & 2")
    Event.objects.create(
        title='"引用" & <b>', kind="lecture", date=today, status=Event.Status.PUBLISHED
    )
    Event.objects.create(
        series=series,
        series_number=3,
        kind="lecture",
        date=today + timedelta(days=1),
        start_time=time(0, 0),
        venue=venue,
        status=Event.Status.PUBLISHED,
    )
    Event.objects.create(
        series=series,
        series_number=4,
        title="まちづくり",
        kind="salon",
        date=today + timedelta(days=2),
        start_time=time(13, 30),
        venue_text="未定 & <会場>",
        status=Event.Status.PUBLISHED,
    )
    return event_selectors.upcoming_events(limit=5)


def _awkward_news() -> list[NewsPost]:
    tokyo = ZoneInfo("Asia/Tokyo")
    for title, published_at in [
        ("<script>alert(1)</script> & お知らせ", datetime(2011, 1, 11, 23, 30, tzinfo=tokyo)),
        # 2011-01-05 20:00 UTC is already the 6th in Tokyo.
        ('"引用"', datetime(2011, 1, 5, 20, 0, tzinfo=ZoneInfo("UTC"))),
    ]:
        NewsPost.objects.create(
            title=title, body="本文", is_published=True, published_at=published_at
        )
    return news_titles(100)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_home_pages_lists_are_the_templates(demo, language):
    recent = event_selectors.recent_events(limit=5)
    shown = [recent, _awkward_events(), []]
    news = [news_titles(100), _awkward_news(), []]
    with translation.override(language):
        for events in shown:
            expected = render_to_string("website/_home_events.html", {"events": events})
            assert home_events_html(events) == expected
        for posts in news:
            expected = render_to_string("website/_news_items.html", {"posts": posts})
            assert news_items_html(posts) == expected
    assert recent and news[0] and "&lt;b&gt;" in home_events_html(shown[1])


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_breadcrumbs_are_the_template(rf, language):
    from django.utils.safestring import mark_safe

    from kyodo.website.breadcrumbs import Crumb, structured_data, trail
    from kyodo.website.rendering import breadcrumbs_html

    request = rf.get("/events/3/?a=1&b=<2>")
    with translation.override(language):
        for crumbs in (
            [],
            [Crumb("ホーム", None)],
            trail(request, '講座 & <まちづくり> "2"', [("親 & <子>", "/events/?a=1&b=2")]),
        ):
            data = mark_safe(structured_data(request, crumbs) if len(crumbs) > 1 else "")
            expected = render_to_string(
                "website/_breadcrumbs.html", {"crumbs": crumbs, "structured_data": data}
            )
            assert breadcrumbs_html(crumbs, data) == expected
