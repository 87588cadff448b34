"""One definition of a public event, asked by every place that shows events to the public.

The definitions once differed (the list: published or cancelled from today; open data: published
or held; the feed and search: anything but a draft). What a citizen expects, and what they share
now: every event but a draft has a public page (a cancelled or held one keeps it, so links,
calendars and feeds do not break); the list of what is coming shows those from today on; only a
published event inside its application period takes applications.
"""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from kyodo.events.models import Event


def _events(make_event):
    today = timezone.localdate()
    return {
        "draft": make_event(title="下書きの講座", status=Event.Status.DRAFT),
        "coming": make_event(title="来週の講座"),
        "cancelled": make_event(title="中止の講座", status=Event.Status.CANCELLED),
        "held": make_event(
            title="先月の講座", status=Event.Status.HELD, date=today - timedelta(days=30)
        ),
        "closed": make_event(title="締切済みの講座", accepts_applications=False),
    }


def _titles(queryset) -> set[str]:
    return set(queryset.values_list("title", flat=True))


def test_the_queryset_says_what_public_means(make_event):
    _events(make_event)

    assert _titles(Event.objects.visible()) == {
        "来週の講座",
        "中止の講座",
        "先月の講座",
        "締切済みの講座",
    }
    assert _titles(Event.objects.listed()) == {"来週の講座", "中止の講座", "締切済みの講座"}
    assert _titles(Event.objects.open_for_applications()) == {"来週の講座"}


def test_the_page_feed_open_data_and_sitemap_show_the_same_events(client, make_event):
    events = _events(make_event)
    rss = client.get("/events/feed/rss/").text
    csv = client.get("/opendata/events.csv").content.decode("utf-8-sig")
    sitemap = client.get("/sitemap.xml").text

    for name, event in events.items():
        public = name != "draft"
        assert (client.get(f"/events/{event.pk}/").status_code == 200) is public, name
        assert (event.title in rss) is public, name
        assert (event.title in csv) is public, name
        assert (f"/events/{event.pk}/</loc>" in sitemap) is public, name


def test_open_for_applications_and_the_application_check_agree(make_event):
    # The queryset filters the list; services.check_accepting refuses an application with its
    # reason. They state one rule and must agree on every combination.
    import itertools

    from kyodo.core.exceptions import DomainError
    from kyodo.events.services import check_accepting

    today = timezone.localdate()
    day = timedelta(days=1)
    events = []
    for status, accepts, opens, closes, when in itertools.product(
        [Event.Status.PUBLISHED, Event.Status.CANCELLED, Event.Status.DRAFT],
        [True, False],
        [None, today, today + day],
        [None, today - day, today],
        [today, today + 7 * day, today - day],
    ):
        if (
            (closes and opens and closes < opens)
            or (closes and closes > when)
            or (opens and opens > when)
        ):
            continue  # refused by event_create
        events.append(
            make_event(
                status=status,
                accepts_applications=accepts,
                applications_open_on=opens,
                applications_close_on=closes,
                date=when,
                # Without times: the same events are open whatever the hour the test runs.
                start_time=None,
                end_time=None,
            )
        )
    open_now = set(Event.objects.open_for_applications(today).values_list("pk", flat=True))

    def accepted(event) -> bool:
        try:
            check_accepting(event, today=today)
        except DomainError:
            return False
        return True

    assert {e.pk for e in events if accepted(e)} == open_now
    # published and accepting, opened (no date or today), not closed: 2 × (2 + 2)
    assert len(open_now) == 8


def test_on_its_day_an_event_that_has_begun_takes_no_applications_in_the_list_either(make_event):
    from kyodo.events.exceptions import ApplicationsClosed
    from kyodo.events.services import check_accepting

    today = timezone.localdate()
    begun = make_event(date=today, start_time=time(0, 0), end_time=None)
    untimed = make_event(date=today, start_time=None, end_time=None)

    assert set(Event.objects.open_for_applications().values_list("pk", flat=True)) == {untimed.pk}
    with pytest.raises(ApplicationsClosed):
        check_accepting(begun)
    check_accepting(untimed)
