"""The selectors the monthly report calls, with their exact names and fields."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kyodo.events import services
from kyodo.events.models import Event
from kyodo.events.selectors import events_held_between, upcoming_events_with_applications
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db


def test_events_held_between_gives_attendance_in_date_order(demo):
    held = list(events_held_between(date(2010, 12, 1), date(2010, 12, 31)))

    assert [(e.name, e.attendance_people, e.attendance_groups) for e in held] == [
        ("企業懇談会 第2回", None, None),
        ("行政職員と市民活動団体の懇談会に向けての登録団体間の意見交換会", None, None),
        ("NPO市民フェスティバル実行委員会 第3回", 3, None),
        ("NPO市民フェティバル事前説明会", None, 24),
    ]


def test_upcoming_events_with_applications_counts_people_and_groups(demo):
    upcoming = list(upcoming_events_with_applications(date(2011, 1, 18)))

    assert [
        (e.name, e.date.isoformat(), e.confirmed_people, e.confirmed_groups, e.application_count)
        for e in upcoming
    ] == [
        ("NPO市民フェスティバル実行委員会 第4回", "2011-01-20", 0, 0, 0),
        ("行政職員と市民活動団体の懇談会", "2011-01-26", 14, 10, 10),
        ("NPO市民活動ネットワーク 第3回", "2011-01-29", 11, 0, 11),
        ("会計講座中級編", "2011-02-05", 9, 0, 9),
        ("協働を考えるシンポジウム", "2011-02-09", 0, 0, 0),
    ]
    assert [e.name for e in upcoming_events_with_applications(date(2011, 1, 18), 10)] == [
        "NPO市民フェスティバル実行委員会 第4回",
        "行政職員と市民活動団体の懇談会",
    ]


def test_cancelled_and_waiting_applications_are_counted_apart(make_event, staff_user):
    event = make_event(capacity_people=1)
    apply(event, 1)
    apply(event, 2)
    services.application_cancel(actor=None, application=apply(event, 3))

    counted = upcoming_events_with_applications(event.date - timedelta(days=1)).get()

    assert (counted.confirmed_people, counted.application_count, counted.waitlisted_count,
            counted.cancelled_count) == (1, 2, 1, 1)  # fmt: skip
    assert Event.objects.count() == 1


def test_attach_list_details_gives_the_counts_of_with_counts(
    make_event, staff_user, django_assert_num_queries
):
    from kyodo.events.selectors import (
        _COUNTED,
        PUBLIC_COUNTS,
        attach_list_details,
        with_counts,
    )

    full = make_event(title="満席の講座", capacity_people=3, capacity_groups=1)
    apply(full, 1, people=1)
    apply(full, 2, kind="group", group_name="風の会", people=2)
    apply(full, 3, kind="group", group_name="星の会", people=4)  # waiting: no group place
    apply(full, 4, people=1)  # waiting: no place
    services.application_cancel(actor=None, application=apply(full, 5, people=1))
    services.guest_add(actor=staff_user, event=full, name="講師", role="lecturer")
    services.guest_add(actor=staff_user, event=full, name="ゲスト", role="guest")
    quiet = make_event(title="申し込みのない講座")
    closed = make_event(title="受付を締めた講座")
    apply(closed, 6)
    Event.objects.filter(pk=closed.pk).update(accepts_applications=False)
    events = Event.objects.filter(pk__in=[full.pk, quiet.pk, closed.pk]).order_by("pk")

    annotated = {e.pk: {name: getattr(e, name) for name in _COUNTED} for e in with_counts(events)}
    attached = list(events)
    with django_assert_num_queries(1):
        attach_list_details(attached, tuple(_COUNTED), shown_only=False)

    assert {e.pk: {name: getattr(e, name) for name in _COUNTED} for e in attached} == annotated
    assert annotated[full.pk]["waitlisted_groups"] == 1
    assert set(annotated[quiet.pk].values()) == {0}
    assert [[g.name for g in e.guest_list] for e in attached] == [["講師", "ゲスト"], [], []]
    shown = attach_list_details(list(events.all()))
    assert [hasattr(e, "waitlisted_count") for e in shown] == [True, True, False]
    assert not hasattr(shown[0], "cancelled_count")
    assert {name: getattr(shown[0], name) for name in PUBLIC_COUNTS} == {
        name: annotated[full.pk][name] for name in PUBLIC_COUNTS
    }
    assert attach_list_details([]) == []


def test_public_event_reads_the_event_its_guests_and_counts_in_one_query(
    make_event, staff_user, django_assert_num_queries
):
    from kyodo.events.selectors import PUBLIC_COUNTS, _base, public_event, with_counts

    full = make_event(title="満席の講座", capacity_people=3, capacity_groups=1)
    services.guest_add(actor=staff_user, event=full, name="二番目", role="guest", position=2)
    services.guest_add(actor=staff_user, event=full, name="一番目", role="lecturer", position=1)
    apply(full, 1, people=1)
    apply(full, 2, kind="group", group_name="風の会", people=2)
    apply(full, 3, kind="group", group_name="星の会", people=4)  # waiting: no group place
    services.application_cancel(actor=None, application=apply(full, 4, people=1))
    quiet = make_event(title="申し込みのない講座")
    closed = make_event(title="受付なし", accepts_applications=False)
    draft = make_event(title="下書き", status=Event.Status.DRAFT)

    for event in (full, quiet, closed):
        expected = with_counts(_base().filter(pk=event.pk), *PUBLIC_COUNTS).get()
        with django_assert_num_queries(1):
            shown = public_event(event.pk)
            guests = [(g.pk, g.name, g.affiliation, g.get_role_display()) for g in shown.guest_list]
        assert guests == [
            (g.pk, g.name, g.affiliation, g.get_role_display()) for g in expected.guests.all()
        ]
        assert {f.attname: getattr(shown, f.attname) for f in Event._meta.concrete_fields} == {
            f.attname: getattr(expected, f.attname) for f in Event._meta.concrete_fields
        }
        assert (shown.name, shown.venue_name) == (expected.name, expected.venue_name)
        counts = {name: getattr(shown, name, None) for name in PUBLIC_COUNTS}
        if event is closed:  # no counts shown: none read
            assert counts == dict.fromkeys(PUBLIC_COUNTS)
        else:
            assert counts == {name: getattr(expected, name) for name in PUBLIC_COUNTS}
    assert [g.name for g in public_event(full.pk).guest_list] == ["一番目", "二番目"]
    assert public_event(full.pk).confirmed_people == 3
    assert public_event(full.pk).waitlisted_count == 1
    assert public_event(draft.pk) is None
    assert public_event(closed.pk + 1000) is None
    assert public_event(2**63) is None and public_event(-(2**63) - 1) is None


def test_attach_list_details_gives_each_event_its_names_and_guests_in_order(
    make_event, staff_user, django_assert_num_queries
):
    from kyodo.core.models import Venue
    from kyodo.events.models import EventSeries
    from kyodo.events.selectors import attach_list_details

    series = EventSeries.objects.create(name="連続講座", next_number=5)
    venue = Venue.objects.create(name="第1会議室")
    first = make_event(title="一", series=series, venue=venue, venue_text="")
    second, none = make_event(title="二"), make_event(title="三")
    services.guest_add(actor=staff_user, event=second, name="B", role="guest", position=2)
    services.guest_add(actor=staff_user, event=second, name="A", role="panelist", position=1)
    services.guest_add(actor=staff_user, event=first, name="C", affiliation="市民 & 大学")
    events = list(Event.objects.filter(pk__in=[first.pk, second.pk, none.pk]).order_by("pk"))

    with django_assert_num_queries(1):
        attach_list_details(events)
        names = [(e.name, e.venue_name) for e in events]

    assert names == [
        (f"連続講座 第{first.series_number}回「一」", "第1会議室"),
        ("二", "イングビル3階 第1会議室"),
        ("三", "イングビル3階 第1会議室"),
    ]
    assert [[(g.name, g.role, g.affiliation) for g in e.guest_list] for e in events] == [
        [("C", "guest", "市民 & 大学")],
        [("A", "panelist", ""), ("B", "guest", "")],
        [],
    ]
