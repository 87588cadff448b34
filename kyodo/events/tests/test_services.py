"""The events services: numbering, places and the waiting list, cancellation, attendance,
anonymisation, and refusals that change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.roles import Role
from kyodo.events import services
from kyodo.events.exceptions import (
    ApplicationsClosed,
    ApplicationsNotOpenYet,
    EventCancelled,
    InvalidApplication,
    InvalidEvent,
)
from kyodo.events.models import Application, Event, EventNote
from kyodo.events.tests.conftest import apply, long_ago

pytestmark = pytest.mark.django_db


# --- series numbering ----------------------------------------------------------------------------


def test_events_in_a_series_are_numbered_in_turn_from_the_series_next_number(staff_user):
    series = services.series_create(
        actor=staff_user, name="NPO市民活動ネットワーク", kind="social", next_number=3
    )

    third = services.event_create(
        actor=staff_user, series=series, kind="social", date=timezone.localdate()
    )
    fourth = services.event_create(
        actor=staff_user, series=series, kind="social", date=timezone.localdate()
    )

    assert (third.series_number, fourth.series_number) == (3, 4)
    assert third.name == "NPO市民活動ネットワーク 第3回"
    series.refresh_from_db()
    assert series.next_number == 5


def test_numbering_never_reuses_a_number_even_if_the_counter_is_set_back(staff_user):
    series = services.series_create(actor=staff_user, name="NPO市民フェスティバル実行委員会")
    first = services.event_create(actor=staff_user, series=series, kind="executive_committee",
                                  date=timezone.localdate())  # fmt: skip
    # The counter lags behind (as if edited in the database): the next event still gets 2.
    type(series).objects.filter(pk=series.pk).update(next_number=1)

    second = services.event_create(actor=staff_user, series=series, kind="executive_committee",
                                   date=timezone.localdate())  # fmt: skip

    assert (first.series_number, second.series_number) == (1, 2)


def test_the_series_counter_cannot_be_set_to_a_number_already_used(staff_user):
    series = services.series_create(actor=staff_user, name="企業懇談会", next_number=2)
    services.event_create(actor=staff_user, series=series, kind="round_table",
                          date=timezone.localdate())  # fmt: skip

    with pytest.raises(InvalidEvent):
        services.series_update(actor=staff_user, series=series, next_number=2)

    series.refresh_from_db()
    assert series.next_number == 3


def test_moving_an_event_into_a_series_gives_it_the_next_number(staff_user, make_event):
    series = services.series_create(actor=staff_user, name="トークサロン", next_number=5)
    event = make_event(title="報道からみた冤罪（えんざい）・再審事件")

    services.event_update(actor=staff_user, event=event, series=series)

    event.refresh_from_db()
    assert event.series_number == 5
    assert event.name == "トークサロン 第5回「報道からみた冤罪（えんざい）・再審事件」"


# --- places and the waiting list ------------------------------------------------------------------


def test_past_capacity_applicants_wait_in_order_and_move_up_in_order(make_event):
    event = make_event(capacity_people=2)
    a, b, c, d = (apply(event, n) for n in range(4))

    assert [x.status for x in (a, b, c, d)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    assert (c.waitlist_position, d.waitlist_position) == (1, 2)

    services.application_cancel(actor=None, application=b)

    c.refresh_from_db()
    d.refresh_from_db()
    assert (c.status, c.waitlist_position) == ("confirmed", None)
    assert (d.status, d.waitlist_position) == ("waitlisted", 1)
    promoted = OutboxMessage.objects.get(kind="events.application_promoted")
    assert promoted.to == c.email
    assert "キャンセル" in promoted.body


def test_a_waiting_group_is_not_overtaken_by_a_smaller_application(make_event):
    event = make_event(capacity_people=5)
    first = apply(event, 1, kind="group", group_name="西東京風の会", people=4)
    big = apply(event, 2, kind="group", group_name="西東京シネマ倶楽部", people=3)
    small = apply(event, 3)  # one person would fit, but a group is already waiting

    assert (first.status, big.status, small.status) == ("confirmed", "waitlisted", "waitlisted")
    assert (big.waitlist_position, small.waitlist_position) == (1, 2)

    services.application_cancel(actor=None, application=first)

    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == ("confirmed", "confirmed")


def test_group_capacity_counts_groups_not_people(make_event):
    event = make_event(capacity_groups=2)
    one = apply(event, 1, kind="group", group_name="西東京風の会", people=8)
    two = apply(event, 2, kind="group", group_name="西東京シネマ倶楽部", people=1)
    three = apply(event, 3, kind="group", group_name="健康未来わいわいクラブ", people=1)
    person = apply(event, 4)  # individuals are not limited by the group capacity

    assert [x.status for x in (one, two, three)] == ["confirmed", "confirmed", "waitlisted"]
    assert person.status == "waitlisted"  # … but do not overtake the waiting group


def test_raising_the_capacity_moves_people_up_at_once(make_event, staff_user):
    event = make_event(capacity_people=1)
    apply(event, 1)
    waiting = apply(event, 2)

    services.event_update(actor=staff_user, event=event, capacity_people=2)

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_the_confirmation_mail_carries_a_personal_cancel_link(make_event, settings):
    settings.SITE_URL = "https://kyodo.example.jp"
    event = make_event(capacity_people=10)
    application = apply(event, 1, name="青木 陽子")

    mail = OutboxMessage.objects.get(kind="events.application_received")
    assert mail.to == "person1@example.jp"
    assert mail.subject == "お申し込みありがとうございます：会計講座中級編"
    assert f"https://kyodo.example.jp/events/applications/{application.token}/cancel/" in mail.body
    assert "青木 陽子 様" in mail.body
    assert len(application.token) >= 40


def test_a_waitlisted_applicant_is_told_their_place(make_event):
    event = make_event(capacity_people=1)
    apply(event, 1)
    apply(event, 2)

    mail = OutboxMessage.objects.get(to="person2@example.jp")
    assert "キャンセル待ちの1番目" in mail.body


# --- the confirmation written before the lock ------------------------------------------------


@pytest.fixture
def steps(monkeypatch):
    """What this process last locked forgotten, and the order of the event's lock and of the
    confirmation's composition, as they happen: "lock", "mail"."""
    from django.test.signals import template_rendered

    monkeypatch.setattr(services, "_LOCKED", {})
    monkeypatch.setattr(services, "_LETTERS", {})
    order: list[str] = []

    def rendered(sender, template, **kwargs):
        if template.name == "events/mail/application_received.txt":
            order.append("mail")

    lock = services._lock_event_to_apply

    def locked(pk):
        order.append("lock")
        return lock(pk)

    monkeypatch.setattr(services, "_lock_event_to_apply", locked)
    template_rendered.connect(rendered)
    yield order
    template_rendered.disconnect(rendered)


def test_the_confirmation_is_composed_before_the_lock_from_the_event_as_last_locked(
    make_event, steps
):
    event = make_event(capacity_people=10)
    first = apply(event, 1)
    assert steps == ["lock", "mail"]  # nothing locked before: composed under the lock

    steps.clear()
    second = apply(event, 2, name="青木 陽子")

    assert steps == ["mail", "lock"]
    mail = OutboxMessage.objects.get(to="person2@example.jp")
    assert (mail.object_id, first.status, second.status) == (
        str(second.pk),
        "confirmed",
        "confirmed",
    )
    assert mail.subject == "お申し込みありがとうございます：会計講座中級編"
    assert "青木 陽子 様" in mail.body
    assert f"/events/applications/{second.token}/cancel/" in mail.body
    assert "お申し込みありがとうございます。受付が完了しました。" in mail.body


def test_an_event_changed_since_it_was_last_locked_is_mailed_as_it_is_now(
    make_event, staff_user, steps
):
    from kyodo.core.models import Venue

    venue = Venue.objects.create(name="イングビル3階 第1会議室")
    event = make_event(capacity_people=10, venue=venue, venue_text="")
    apply(event, 1)
    services.event_update(actor=staff_user, event=event, title="会計講座上級編")
    steps.clear()
    apply(event, 2)
    Venue.objects.filter(pk=venue.pk).update(name="市民会館 集会室")  # the event's row unchanged
    apply(event, 3)

    # Composed before the lock and again under it, each time.
    assert steps == ["mail", "lock", "mail", "mail", "lock", "mail"]
    second = OutboxMessage.objects.get(to="person2@example.jp")
    third = OutboxMessage.objects.get(to="person3@example.jp")
    assert second.subject == "お申し込みありがとうございます：会計講座上級編"
    assert ("イングビル3階 第1会議室" in second.body, "市民会館 集会室" in third.body) == (
        True,
        True,
    )


def test_an_applicant_who_waits_is_not_sent_the_confirmation_composed_early(make_event, steps):
    event = make_event(capacity_people=1)
    apply(event, 1)
    steps.clear()
    second = apply(event, 2)
    third = apply(event, 3)

    # The second was composed as confirmed (the first was) and again once it waited; the third
    # (the second waited) was composed as waiting before the lock, its place put in under it.
    assert steps == ["mail", "lock", "mail", "mail", "lock"]
    assert (second.status, third.waitlist_position) == ("waitlisted", 2)
    mail = OutboxMessage.objects.get(to="person2@example.jp")
    assert "キャンセル待ちの1番目" in mail.body
    assert "受付が完了しました" not in mail.body
    assert mail.object_id == str(second.pk)
    mail = OutboxMessage.objects.get(to="person3@example.jp")
    assert mail.subject == "キャンセル待ちで受け付けました：会計講座中級編"
    assert "キャンセル待ちの2番目" in mail.body
    assert "\x00" not in mail.body
    assert f"/events/applications/{third.token}/cancel/" in mail.body
    assert mail.object_id == str(third.pk)


def test_a_waiting_confirmation_composed_early_names_the_place_counted_under_the_lock(
    make_event, steps
):
    """Another process's applications in between move the place: the one counted is mailed."""
    event = make_event(capacity_people=1)
    apply(event, 1)
    apply(event, 2)  # waits: this process now composes waiting confirmations early
    # Two applications this process did not make (another web worker's) take places 2 and 3.
    for n in (3, 4):
        Application.objects.create(
            event=event, kind="individual", name=f"申込者{n}", email=f"other{n}@example.jp",
            status="waitlisted", waitlist_position=n - 1,
        )  # fmt: skip
    steps.clear()
    fifth = apply(event, 5)

    assert steps == ["mail", "lock"]
    assert fifth.waitlist_position == 4
    body = OutboxMessage.objects.get(to="person5@example.jp").body
    assert "キャンセル待ちの4番目" in body
    assert "キャンセル待ちの1番目" not in body


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"status": Event.Status.DRAFT}, ApplicationsClosed),
        ({"accepts_applications": False}, ApplicationsClosed),
        ({"applications_open_on": timezone.localdate() + timedelta(days=1)}, ApplicationsNotOpenYet),
        ({"applications_close_on": timezone.localdate() - timedelta(days=1),
          "applications_open_on": timezone.localdate() - timedelta(days=5)}, ApplicationsClosed),
        ({"date": timezone.localdate() - timedelta(days=1)}, ApplicationsClosed),
    ],
)  # fmt: skip
def test_applications_outside_the_period_are_refused_and_nothing_is_saved(
    make_event, fields, error
):
    event = make_event(capacity_people=10, **fields)

    with pytest.raises(error):
        apply(event, 1)

    assert Application.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_applications_to_a_cancelled_event_are_refused(make_event, staff_user):
    event = make_event(capacity_people=10)
    services.event_cancel(actor=staff_user, event=event)

    with pytest.raises(EventCancelled):
        apply(event, 1)

    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "group", "people": 0, "group_name": "西東京風の会"},
        {"kind": "group", "people": 2},
        {"name": "  "},
        {"email": ""},
        {"kind": "visitor"},
    ],
)
def test_incomplete_applications_are_refused_by_the_service(make_event, fields):
    event = make_event(capacity_people=10)

    with pytest.raises(InvalidApplication):
        apply(event, 1, **fields)

    assert Application.objects.count() == 0


def test_cancelling_an_event_mails_everyone_who_applied(make_event, staff_user):
    event = make_event(capacity_people=1)
    apply(event, 1)
    apply(event, 2)

    services.event_cancel(actor=staff_user, event=event)

    assert sorted(OutboxMessage.objects.filter(kind="events.event_cancelled").values_list(
        "to", flat=True)) == ["person1@example.jp", "person2@example.jp"]  # fmt: skip
    assert Application.objects.filter(status="confirmed").count() == 1  # nobody moved up


def test_staff_take_telephone_applications_without_an_email(make_event, staff_user):
    event = make_event(capacity_people=10)

    application = services.application_submit(
        actor=staff_user, event=event, kind="individual", name="石井 健一", phone="042-000-0001",
        channel=Application.Channel.PHONE,
    )  # fmt: skip

    assert (application.status, application.channel) == ("confirmed", "phone")
    assert OutboxMessage.objects.count() == 0
    entry = AuditEntry.objects.get(action="kyodo.events.application.submitted")
    assert entry.actor == staff_user


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.GROUP])
def test_only_staff_write_events(make_user, role, make_event):
    event = make_event(capacity_people=10)
    user = make_user("someone", *([role] if role else []))
    before = AuditEntry.objects.count()

    with pytest.raises(PermissionDenied):
        services.event_update(actor=user, event=event, title="乗っ取り")
    with pytest.raises(PermissionDenied):
        services.application_submit(
            actor=user, event=event, kind="individual", name="x", phone="1", channel="phone"
        )
    with pytest.raises(PermissionDenied):
        services.note_add(actor=user, event=event, kind="feedback", text="x")

    event.refresh_from_db()
    assert event.title == "会計講座中級編"
    assert Application.objects.count() == 0
    assert EventNote.objects.count() == 0
    assert AuditEntry.objects.count() == before


# --- after the event ------------------------------------------------------------------------------


def test_attendance_makes_the_event_held_and_marks_each_application(make_event, staff_user):
    event = make_event(capacity_people=10)
    came, absent = apply(event, 1), apply(event, 2)
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate())

    services.event_record_attendance(
        actor=staff_user, event=event, walk_in_people=11,
        attendance={came.pk: "attended", absent.pk: "no_show"},
    )  # fmt: skip

    event.refresh_from_db()
    assert (event.status, event.attendance_people, event.attendance_groups) == ("held", 12, None)
    assert dict(Application.objects.values_list("email", "attendance")) == {
        "person1@example.jp": "attended",
        "person2@example.jp": "no_show",
    }


def test_attendance_is_audited_once_with_each_application_marked(make_event, staff_user):
    event = make_event(capacity_people=10)
    came, absent = apply(event, 1), apply(event, 2)
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate())
    marks = {came.pk: "attended", absent.pk: "no_show"}

    services.event_record_attendance(actor=staff_user, event=event, attendance=marks)
    services.event_record_attendance(actor=staff_user, event=event, attendance=marks)

    rows = AuditEntry.objects.filter(action="kyodo.events.event.attendance_recorded")
    assert [entry.changes for entry in rows] == [
        {
            "status": ["published", "held"],
            "attendance_people": [None, 1],
            f"application {came.pk}": "attended",
            f"application {absent.pk}": "no_show",
        }
    ]  # the second time nothing changed: no row


def test_only_walk_in_groups_leave_the_count_of_people_empty(make_event, staff_user):
    # The seed's briefing: 24 groups at the door, nobody applied, no count of people.
    event = make_event(capacity_groups=30)
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate() - timedelta(days=1))

    services.event_record_attendance(actor=staff_user, event=event, walk_in_groups=24)

    event.refresh_from_db()
    assert (event.attendance_people, event.attendance_groups) == (None, 24)
    entry = AuditEntry.objects.filter(action="kyodo.events.event.attendance_recorded").get()
    assert entry.changes == {
        "status": ["published", "held"],
        "attendance_groups": [None, 24],
        "walk_in_groups": [None, 24],
    }


def test_attendance_cannot_be_recorded_before_the_day(make_event, staff_user):
    event = make_event(capacity_people=10)

    with pytest.raises(InvalidEvent):
        services.event_record_attendance(actor=staff_user, event=event, walk_in_people=3)

    event.refresh_from_db()
    assert (event.status, event.attendance_people) == ("published", None)


# --- anonymisation --------------------------------------------------------------------------------


def _held_event_with_applicants(make_event, staff_user, days_ago: int) -> Event:
    event = make_event(capacity_people=2)
    apply(event, 1, phone="042-000-0001", note="車椅子で参加します")
    apply(event, 2, kind="group", group_name="西東京風の会", people=3)
    apply(event, 3)
    Event.objects.filter(pk=event.pk).update(date=long_ago(days_ago))
    services.event_record_attendance(actor=staff_user, event=event, walk_in_people=2)
    return event


def test_anonymisation_removes_personal_data_and_keeps_the_counts(make_event, staff_user, settings):
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 30
    old = _held_event_with_applicants(make_event, staff_user, days_ago=31)
    recent = _held_event_with_applicants(make_event, staff_user, days_ago=29)

    assert services.personal_data_anonymise() == 3
    assert services.personal_data_anonymise() == 0  # idempotent

    rows = list(
        Application.objects.filter(event=old).values_list(
            "name", "email", "phone", "note", "status", "people", "kind", "group_name"
        )
    )
    assert rows == [
        ("", "", "", "", "confirmed", 1, "individual", ""),
        ("", "", "", "", "waitlisted", 3, "group", "西東京風の会"),
        ("", "", "", "", "waitlisted", 1, "individual", ""),
    ]
    old.refresh_from_db()
    assert old.attendance_people == 2
    assert old.personal_data_removed_at is not None
    old_mail = OutboxMessage.objects.filter(
        object_id__in=[str(a.pk) for a in old.applications.all()]
    )
    assert (
        list(old_mail.values_list("to", "body", "status")) == [("", "（削除済み）", "failed")] * 3
    )
    assert Application.objects.filter(event=recent, name="申込者1").exists()
    assert AuditEntry.objects.filter(action="kyodo.events.event.personal_data_removed").count() == 1


def test_anonymisation_waits_a_year_by_default(make_event, staff_user):
    _held_event_with_applicants(make_event, staff_user, days_ago=364)
    assert services.personal_data_anonymise() == 0
    assert services.personal_data_anonymise(today=timezone.localdate() + timedelta(days=1)) == 3


def test_the_command_and_the_task_anonymise(make_event, staff_user, settings, capsys):
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 10
    _held_event_with_applicants(make_event, staff_user, days_ago=11)

    call_command("events", "anonymise")

    assert "3" in capsys.readouterr().out
    assert Application.objects.exclude(name="").count() == 0

    from kyodo.events.tasks import anonymise_personal_data

    assert anonymise_personal_data.call() == 0


def test_applying_twice_does_not_take_two_places(make_event):
    event = make_event(capacity_people=10)
    first = apply(event, 1)

    with pytest.raises(InvalidApplication):
        apply(event, 1)  # a double click

    assert Application.objects.count() == 1
    services.application_cancel(actor=None, application=first)
    assert apply(event, 1).status == "confirmed"  # once cancelled, they may apply again


# --- the application's transaction on PostgreSQL -------------------------------------------------


TABLES_WRITTEN = ('"events_application"', '"core_outboxmessage"', '"core_auditentry"')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="synchronous_commit: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_an_application_commits_early_with_the_setting_in_its_count(event):
    """The count of places selects the early commit's setting (kyodo.core.transactions): no
    statement of its own, the commit without waiting for the disk, then the flush."""
    from kyodo.core.transactions import ASYNC_COLUMN, ASYNC_SQL, FLUSH_SQL

    seen: list[str] = []
    at_audit: list[str] = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        if 'INSERT INTO "core_auditentry"' in sql:
            # The transaction's last statement: the setting the commit will run with.
            with connection.connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('synchronous_commit')")
                at_audit.append(cursor.fetchone()[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        application = apply(event, 1)
    carried = [sql for sql in seen if ASYNC_COLUMN in sql and sql != ASYNC_SQL]
    assert (ASYNC_SQL in seen, len(carried), seen.count(FLUSH_SQL), at_audit) == (
        False,
        1,
        1,
        ["off"],
    )
    assert "waitlist_position" in carried[0]  # the count of places, not a statement of its own
    # The application, its mail and its audit row: one statement, with the id the count drew.
    (written,) = [sql for sql in seen if "INSERT INTO" in sql]
    assert [table in written for table in TABLES_WRITTEN] == [True, True, True]
    assert "nextval" in carried[0]
    assert Application.objects.get(pk=application.pk).status == Application.Status.CONFIRMED
