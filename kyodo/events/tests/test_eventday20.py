"""The event day as applicants and reception see it (session 20 audit): reception enters a
walk-in (当日参加) after the start, marked as attended, without touching the waiting list; the
applicant's own page says what happened once the event is over and offers nothing the service
would refuse; the public form's hourly limit counts applications, not the 確認 step."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.tests.test_no_english import page_words
from kyodo.events import services
from kyodo.events.exceptions import ApplicationsClosed, EventCancelled, InvalidApplication
from kyodo.events.models import Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db

# Today, begun at midnight; today, not begun whenever the tests run before 23:58.
BEGUN = {"start_time": time(0, 0), "end_time": time(23, 59)}
LATE = {"start_time": time(23, 58), "end_time": time(23, 59)}


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _move(event, days: int = 0, **fields) -> Event:
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate() + timedelta(days=days), **fields
    )
    event.refresh_from_db()
    return event


@pytest.fixture
def begun(make_event):
    """「会計講座中級編」 today, begun: capacity 2, both places taken, two waiting."""
    event = make_event(capacity_people=2)
    for n in (1, 2, 3, 4):
        apply(event, n)
    return _move(event, **BEGUN)


def _waiting(event) -> list[tuple[str, str, int | None]]:
    return list(
        event.applications.order_by("pk").values_list("name", "status", "waitlist_position")
    )


WALK_IN = {
    "kind": "individual",
    "name": "当日 花子",
    "name_reading": "とうじつ はなこ",
    "email": "",
    "phone": "",
    "note": "",
}


# --- 1. walk-ins -------------------------------------------------------------------------------


def test_after_the_start_reception_enters_a_walk_in_marked_as_attended(
    staff_client, staff_user, begun
):
    before = _waiting(begun)
    mails = OutboxMessage.objects.count()
    # The public cannot apply any more, and the staff's telephone form is refused too.
    with pytest.raises(ApplicationsClosed):
        apply(begun, 5)
    page = staff_client.get(f"/staff/events/{begun.pk}/applications/new/").text
    assert f'<a href="/staff/events/{begun.pk}/applications/walk-in/">当日参加を入力</a>' in page

    response = staff_client.post(f"/staff/events/{begun.pk}/applications/walk-in/", WALK_IN)

    assert response.status_code == 302
    assert response["Location"] == f"/staff/events/{begun.pk}/"
    walk_in = begun.applications.get(name="当日 花子")
    assert (
        walk_in.status,
        walk_in.attendance,
        walk_in.channel,
        walk_in.people,
        walk_in.waitlist_position,
        walk_in.name_reading,
    ) == ("confirmed", "attended", "walk_in", 1, None, "とうじつ はなこ")
    # Nobody on the waiting list moved, and nobody was mailed (the walk-in neither).
    assert _waiting(begun)[:4] == before
    assert OutboxMessage.objects.count() == mails
    begun.refresh_from_db()
    assert (begun.status, begun.attendance_people, begun.attendance_groups) == ("held", 1, None)
    entries = AuditEntry.objects.filter(actor=staff_user).order_by("pk")
    assert [(e.action, e.changes) for e in entries.reverse()[:2]][::-1] == [
        (
            "kyodo.events.application.walk_in",
            {
                "event": begun.pk,
                "status": "confirmed",
                "kind": "individual",
                "people": 1,
                "channel": "walk_in",
                "attendance": "attended",
            },
        ),
        (
            "kyodo.events.event.attendance_recorded",
            {"status": ["published", "held"], "attendance_people": [None, 1]},
        ),
    ]
    detail = staff_client.get(f"/staff/events/{begun.pk}/").text
    assert "「当日 花子」を当日参加として入力し、参加として記録しました。" in detail
    assert "<td>当日参加</td>" in detail


def test_a_walk_in_is_seated_beyond_the_capacity_and_counts_with_the_numbers_at_the_door(
    staff_user, begun
):
    # Two confirmed of two places, marked; three came without applying (a number).
    confirmed = list(begun.applications.filter(status="confirmed"))
    services.event_record_attendance(
        actor=staff_user,
        event=begun,
        attendance={confirmed[0].pk: "attended", confirmed[1].pk: "no_show"},
        walk_in_people=3,
    )
    group = services.walk_in_add(
        actor=staff_user, event=begun, kind="group", name="山田 太郎", group_name="風の会", people=4
    )

    begun.refresh_from_db()
    assert (group.status, group.attendance, group.channel) == ("confirmed", "attended", "walk_in")
    # 1 applicant + 4 of the group + 3 at the door; the group is the one group.
    assert (begun.attendance_people, begun.attendance_groups, begun.walk_in_people) == (8, 1, 3)
    assert _waiting(begun)[2:4] == [("申込者3", "waitlisted", 1), ("申込者4", "waitlisted", 2)]
    # Recording attendance again keeps the walk-in (it is confirmed and attended).
    services.event_record_attendance(actor=staff_user, event=begun, walk_in_people=3)
    begun.refresh_from_db()
    assert (begun.attendance_people, begun.attendance_groups) == (8, 1)


def test_walk_ins_are_refused_before_the_day_for_a_cancelled_event_and_twice(
    staff_client, staff_user, make_event
):
    coming = make_event()
    response = staff_client.post(f"/staff/events/{coming.pk}/applications/walk-in/", WALK_IN)
    assert response.status_code == 400
    assert "当日参加は、公開中の事業について開催日から入力できます。" in response.text
    assert coming.applications.count() == 0
    assert "当日参加を入力" not in staff_client.get(f"/staff/events/{coming.pk}/").text

    event = _move(make_event(), **BEGUN)
    services.walk_in_add(actor=staff_user, event=event, **WALK_IN | {"email": "h@example.jp"})
    with pytest.raises(InvalidApplication) as again:
        services.walk_in_add(
            actor=staff_user,
            event=event,
            **WALK_IN | {"name": "当日　花子", "email": "H@example.jp"},
        )
    assert str(again.value.message) == (
        "この方はすでにこの事業に申し込んでいます。申し込みの一覧から探してください。"
    )
    services.event_cancel(actor=staff_user, event=make_event())
    cancelled = Event.objects.get(status="cancelled")
    response = staff_client.post(f"/staff/events/{cancelled.pk}/applications/walk-in/", WALK_IN)
    assert response.status_code == 400
    assert "当日参加は、公開中の事業について開催日から入力できます。" in response.text
    with pytest.raises(EventCancelled):
        services.walk_in_add(actor=staff_user, event=cancelled, **WALK_IN)
    assert event.applications.count() == 1 and cancelled.applications.count() == 0


def test_the_walk_in_page_has_no_english_at_360_px(staff_client, begun):
    page = staff_client.get(
        f"/staff/events/{begun.pk}/applications/walk-in/", HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert page.status_code == 200
    assert page_words(page.text) == []
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page.text


# --- 2. the applicant's own page after the event -----------------------------------------------


def test_after_the_event_a_waiting_applicant_is_told_no_place_freed_up(client, make_event):
    event = make_event(capacity_people=1)
    seated, waiting = apply(event, 1), apply(event, 2)
    _move(event, days=-1)

    page = client.get(f"/events/applications/{waiting.token}/").text

    assert (
        "この事業は終了しました。キャンセル待ちでお申し込みいただいていましたが、"
        "空きが出なかったため、ご参加いただけませんでした。"
    ) in page
    for gone in ("待ちの", "番目", "参加できない場合", "/cancel/", "カレンダーに追加"):
        assert gone not in page, gone
    assert page_words(page) == []
    cancel = client.get(f"/events/applications/{waiting.token}/cancel/").text
    assert "この事業は終了しました。キャンセル待ちでお申し込み" in cancel
    assert "<form" not in cancel.split("<main", 1)[1]
    # The confirmed one is told it is over, without an offer to cancel.
    page = client.get(f"/events/applications/{seated.token}/").text
    assert '<div class="message" role="status">\n<p>この事業は終了しました。</p>' in page
    assert "/cancel/" not in page


def test_after_the_end_time_on_the_day_the_page_and_the_service_agree(
    client, staff_user, make_event
):
    event = make_event(capacity_people=1)
    seated, waiting = apply(event, 1), apply(event, 2)
    now = timezone.localtime()
    if now.time() < time(0, 2):
        pytest.skip("needs a minute of today behind it")
    _move(event, start_time=time(0, 0), end_time=time(0, 1))
    services.event_record_attendance(
        actor=staff_user, event=event, attendance={seated.pk: "attended"}
    )

    page = client.get(f"/events/applications/{seated.token}/").text
    assert "この事業は終了しました。ご参加いただき、ありがとうございました。" in page
    assert "/cancel/" not in page
    response = client.post(f"/events/applications/{waiting.token}/cancel/")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"
    with pytest.raises(InvalidApplication):
        services.application_cancel(actor=None, application=waiting)


def test_before_the_end_the_page_still_offers_cancelling(client, make_event):
    event = make_event(capacity_people=1)
    apply(event, 1)
    waiting = apply(event, 2)
    _move(event, **LATE)

    page = client.get(f"/events/applications/{waiting.token}/").text

    assert "キャンセル待ちの1番目としてお受けしました。" in page
    assert f"/events/applications/{waiting.token}/cancel/" in page


def test_an_application_to_a_cancelled_event_says_so_without_an_offer(
    client, staff_user, make_event
):
    event = make_event()
    application = apply(event, 1)
    services.event_cancel(actor=staff_user, event=event)

    page = client.get(f"/events/applications/{application.token}/").text

    assert '<div class="message" role="status">\n<p>この事業は中止になりました。</p>' in page
    assert "/cancel/" not in page


# --- 3. the hourly limit of the public form ----------------------------------------------------


def _form(n: int) -> dict:
    return {
        "kind": "individual",
        "name": f"申込者{n}",
        "email": f"person{n}@example.jp",
        "consent": "on",
    }


def test_twenty_applications_an_hour_each_with_its_confirmation_step(
    client, database_counters, make_event, settings
):
    settings.RATE_LIMITS = {"events:detail": "20/h", "default": "30/h"}
    event = make_event(capacity_people=100)
    url = f"/events/{event.pk}/"
    statuses = []
    for n in range(21):
        confirm = client.post(url, _form(n) | {"step": "confirm"})
        if n == 3:  # 「修正する」 and back: not counted either
            client.post(url, _form(n) | {"step": "edit"})
            confirm = client.post(url, _form(n) | {"step": "confirm"})
        statuses.append(
            (confirm.status_code, client.post(url, _form(n) | {"step": "send"}).status_code)
        )

    assert statuses == [(200, 302)] * 20 + [(200, 429)]
    assert event.applications.count() == 20
    refused = client.post(url, _form(30) | {"step": "send"})
    assert refused.status_code == 429
    assert "短い間にお使いの接続から多くの送信があったため" in refused.text
    assert page_words(refused.text) == []
