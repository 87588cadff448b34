"""No public page issues more queries than a fixed number, measured on the demo (issue #5:
"Fast: no page issues more queries than a fixed number"). A page whose count grows with its
data has an N+1; the numbers here are the demo's, the growth checks below add data."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.committees.models import Meeting
from kyodo.events.models import Event
from kyodo.organizations.models import Organization
from kyodo.website.models import NewsPost

# The center for the header and footer is one query on every page.
LIMITS = {
    # center, intro page, news (no attachments shown), upcoming events (no guests or counts
    # shown), recent events (none upcoming in the test's demo)
    "home": 5,
    # center, months of the filter, the first page (no upcoming event in the demo: no count
    # needed, no guests or application counts to read)
    "events": 3,
    # center, months, the first page of events (it holds them all: no count), their guests
    # and application counts (one query, cheaper than a prefetch and an annotation)
    "events_month": 4,
    "event": 2,  # center, the event with its guests and application counts
    "calendar": 3,  # center, the month's events, their guests
    "news": 2,  # center, the posts (their attachments are not listed)
    "news_post": 3,
    "groups": 3,
    "group": 3,  # center, the group, its upcoming events
    "committee": 7,
    # 13 on the demo's 9th meeting: one query per agenda item for its entries (an N+1 in
    # kyodo.committees.export.minutes_document, reported to the committees app).
    "minutes": 13,
}


def _urls() -> dict[str, str]:
    ninth = Meeting.objects.get(fiscal_year=2010, number=9)
    return {
        "home": "/",
        "events": "/events/",
        "events_month": "/events/?month=2011-01&kind=round_table",
        "event": f"/events/{Event.objects.get(title='会計講座中級編').pk}/",
        "calendar": "/events/calendar/2011/1/",
        "news": "/news/",
        "news_post": f"/news/{NewsPost.objects.filter(is_published=True).first().pk}/",
        "groups": "/groups/",
        "group": f"/groups/{Organization.objects.filter(status='registered').first().pk}/",
        "committee": "/committee/",
        "minutes": f"/committee/minutes/{ninth.minutes.pk}/",
    }


def test_public_page_queries_are_bounded(client, demo):
    # One test for all pages: the demo is loaded once.
    counts = {}
    for name, url in _urls().items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries.captured_queries)
    over = {name: (counts[name], LIMITS[name]) for name in LIMITS if counts[name] > LIMITS[name]}
    assert over == {}
    assert set(counts) == set(LIMITS)


def test_the_calendar_and_the_list_do_not_grow_with_their_events(
    client, demo, django_assert_num_queries
):
    today = timezone.localdate()
    for n in range(12):
        Event.objects.create(
            title=f"講座{n}",
            kind="lecture",
            date=today + timedelta(days=n),
            status=Event.Status.PUBLISHED,
        )
    this_month = sum((today + timedelta(days=n)).month == today.month for n in range(12))
    # center, the month's events with their series (no guests: the calendar shows none)
    with django_assert_num_queries(2):
        calendar = client.get("/events/calendar/")
    assert len(re.findall(r'<li><a href="/events/\d+/">', calendar.text)) == this_month
    # Upcoming events now exist: center, months, events (one page: no count), guests and counts.
    with django_assert_num_queries(4):
        listing = client.get("/events/")
    assert listing.text.count('<article class="event"') == 12


def test_the_pages_of_issue_19_take_exactly_these_queries(client, demo, django_assert_num_queries):
    # Exact numbers (issue #19: every query costs about 0.25 ms of Django's compiler).
    event = Event.objects.get(title="会計講座中級編")
    for url, queries in [
        # center, upcoming events (none in the test's demo), recent events, intro page, news
        ("/", 5),
        ("/events/", 3),
        # center, the event with its guests and application counts (one query); its
        # application form reads the registered groups only while it takes applications
        (f"/events/{event.pk}/", 2),
        ("/news/", 2),
        # center (once: the layout and the access facts share it), the page, the access facts
        ("/access/", 3),
    ]:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
