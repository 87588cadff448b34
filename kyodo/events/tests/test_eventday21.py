"""The event day's loose ends (session 21): someone on the waiting list who turns up is seated
(「当日参加として受け付ける」), confirmed and marked as attended beyond the capacity, the waiting
places behind them closed up and nobody else moved or mailed; a walk-in refused because the
person waits already is pointed to that button; walk-ins are marked as such in the staff's CSV and
on the printed reception list."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.tests.test_no_english import page_words
from kyodo.events import services
from kyodo.events.exceptions import EventCancelled, InvalidApplication
from kyodo.events.models import Application, Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db

# Today, begun at midnight (applications closed, the desk open).
BEGUN = {"start_time": time(0, 0), "end_time": time(23, 59)}


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _move(event: Event, days: int = 0, **fields) -> Event:
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate() + timedelta(days=days), **fields
    )
    event.refresh_from_db()
    return event


@pytest.fixture
def begun(make_event):
    """「会計講座中級編」 today, begun: capacity 2, both places taken, three waiting (1, 2, 3)."""
    event = make_event(capacity_people=2)
    for n in (1, 2, 3, 4, 5):
        apply(event, n)
    return _move(event, **BEGUN)


def _list(event: Event) -> list[tuple[str, str, int | None, str]]:
    return list(
        event.applications.order_by("pk").values_list(
            "name", "status", "waitlist_position", "attendance"
        )
    )


def _seat_url(application: Application) -> str:
    return f"/staff/events/applications/{application.pk}/seat/"


# --- 1. seating someone from the waiting list --------------------------------------------------


def test_someone_waiting_who_came_is_seated_and_the_places_behind_close_up(
    staff_client, staff_user, begun
):
    fourth = begun.applications.get(name="申込者4")  # second on the waiting list
    mails, entries = OutboxMessage.objects.count(), AuditEntry.objects.count()

    response = staff_client.post(_seat_url(fourth))

    assert response.status_code == 302
    assert response["Location"] == f"/staff/events/{begun.pk}/"
    # Confirmed beyond the capacity of 2, attended; 申込者3 stays first, 申込者5 moves to 2.
    assert _list(begun) == [
        ("申込者1", "confirmed", None, ""),
        ("申込者2", "confirmed", None, ""),
        ("申込者3", "waitlisted", 1, ""),
        ("申込者4", "confirmed", None, "attended"),
        ("申込者5", "waitlisted", 2, ""),
    ]
    fourth.refresh_from_db()
    assert fourth.promoted_at is not None and fourth.channel == "online"
    # Nobody mailed: not the person (here), not the others (not moved).
    assert OutboxMessage.objects.count() == mails
    begun.refresh_from_db()
    assert (begun.status, begun.attendance_people, begun.attendance_groups) == ("held", 1, None)
    new = AuditEntry.objects.filter(pk__gt=0).order_by("pk")[entries:]
    assert [(e.action, e.actor_id, e.changes) for e in new] == [
        (
            "kyodo.events.application.seated",
            staff_user.pk,
            {
                "event": begun.pk,
                "status": ["waitlisted", "confirmed"],
                "waitlist_position": [2, None],
                "attendance": ["", "attended"],
            },
        ),
        (
            "kyodo.events.event.attendance_recorded",
            staff_user.pk,
            {"status": ["published", "held"], "attendance_people": [None, 1]},
        ),
    ]
    page = staff_client.get(f"/staff/events/{begun.pk}/").text
    assert "キャンセル待ちの「申込者4」を当日参加として受け付け、参加として記録しました。" in page
    assert "当日参加として受付、メールなし" in page
    # The button is offered on the two still waiting only.
    assert page.count(">当日参加として受け付ける<span") == 2
    third = begun.applications.get(name="申込者3")
    assert f'action="{_seat_url(third)}"' in page
    assert f'action="{_seat_url(fourth)}"' not in page


def test_seating_from_the_attendance_page_goes_back_there_and_counts_with_the_marks(
    staff_client, staff_user, begun
):
    confirmed = list(begun.applications.filter(status="confirmed").order_by("pk"))
    services.event_record_attendance(
        actor=staff_user,
        event=begun,
        attendance={confirmed[0].pk: "attended", confirmed[1].pk: "no_show"},
        walk_in_people=2,
    )
    page = staff_client.get(f"/staff/events/{begun.pk}/attendance/").text
    waiting = page[page.index('id="waiting-heading"') :]
    assert waiting.index("申込者3") < waiting.index("申込者4") < waiting.index("申込者5")
    assert '<input type="hidden" name="back" value="attendance">' in waiting
    assert page_words(page) == []

    first = begun.applications.get(name="申込者3")
    response = staff_client.post(_seat_url(first), {"back": "attendance"})

    assert response.status_code == 302
    assert response["Location"] == f"/staff/events/{begun.pk}/attendance/"
    begun.refresh_from_db()
    # 申込者1 + 申込者3 + the 2 at the door; the marks and the number at the door are kept.
    assert (begun.attendance_people, begun.walk_in_people) == (4, 2)
    assert [row[1:] for row in _list(begun)] == [
        ("confirmed", None, "attended"),
        ("confirmed", None, "no_show"),
        ("confirmed", None, "attended"),
        ("waitlisted", 1, ""),
        ("waitlisted", 2, ""),
    ]
    # The seated person is now among the confirmed to mark (already marked as attended).
    page = staff_client.get(f"/staff/events/{begun.pk}/attendance/").text
    assert "参加 2件（2人）、欠席 1件、未記録 0件" in page


def test_seating_is_refused_before_the_day_when_confirmed_cancelled_or_the_event_cancelled(
    staff_client, staff_user, make_event, begun
):
    coming = make_event(capacity_people=1)
    apply(coming, 1)
    waiting = apply(coming, 2)
    before, entries = _list(coming), AuditEntry.objects.count()
    page = staff_client.get(f"/staff/events/{coming.pk}/").text
    assert "当日参加として受け付ける" not in page

    response = staff_client.post(_seat_url(waiting), follow=True)

    assert response.redirect_chain == [(f"/staff/events/{coming.pk}/", 302)]
    assert (
        "キャンセル待ちの方の当日参加の受け付けは、公開中の事業について開催日からできます。"
        in response.text
    )
    assert _list(coming) == before

    confirmed = begun.applications.get(name="申込者1")
    with pytest.raises(InvalidApplication) as refused:
        services.application_seat(actor=staff_user, application=confirmed)
    assert str(refused.value.message) == (
        "この申し込みはすでに確定しています。出欠の画面で参加として記録してください。"
    )
    gone = begun.applications.get(name="申込者5")
    services.application_cancel(actor=staff_user, application=gone)
    entries = AuditEntry.objects.count()
    with pytest.raises(InvalidApplication) as refused:
        services.application_seat(actor=staff_user, application=gone)
    assert str(refused.value.message) == (
        "この申し込みは取り消されています。当日参加として入力してください。"
    )
    assert AuditEntry.objects.count() == entries

    services.event_cancel(actor=staff_user, event=coming)
    with pytest.raises(EventCancelled):
        services.application_seat(actor=staff_user, application=waiting)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.waitlist_position, waiting.attendance) == (
        "waitlisted",
        1,
        "",
    )


def test_only_staff_seat_anyone(client, make_user, member_user, begun):
    from kyodo.core.roles import Role

    waiting = begun.applications.get(name="申込者3")
    with pytest.raises(PermissionDenied):
        services.application_seat(actor=member_user, application=waiting)
    client.force_login(make_user("kazenokai", Role.GROUP))
    assert client.post(_seat_url(waiting)).status_code == 403
    assert client.get(_seat_url(waiting)).status_code == 403
    waiting.refresh_from_db()
    assert (waiting.status, waiting.waitlist_position) == ("waitlisted", 1)


def test_a_get_is_not_a_seat(staff_client, begun):
    waiting = begun.applications.get(name="申込者3")
    assert staff_client.get(_seat_url(waiting)).status_code == 405
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"


# --- 2. a walk-in who is on the waiting list already --------------------------------------------


def test_a_walk_in_already_waiting_is_pointed_to_the_seat_button(staff_client, staff_user, begun):
    data = {"kind": "individual", "name": "申込者3", "name_reading": "", "email": "person3@example.jp",
            "phone": "", "note": ""}  # fmt: skip
    before = _list(begun)

    response = staff_client.post(f"/staff/events/{begun.pk}/applications/walk-in/", data)

    assert response.status_code == 400
    assert (
        "この申込者はこの事業のキャンセル待ちに入っています。申し込みの一覧でその申し込みの"
        "「当日参加として受け付ける」を押してください。" in response.text
    )
    assert _list(begun) == before
    # However the name is spaced, whatever the address's case.
    with pytest.raises(InvalidApplication) as refused:
        services.walk_in_add(
            actor=staff_user, event=begun, kind="individual", name="申込者　3",
            email="PERSON3@example.jp",
        )  # fmt: skip
    assert str(refused.value.message).endswith("「当日参加として受け付ける」を押してください。")
    # Someone confirmed is still told to find the application in the list.
    with pytest.raises(InvalidApplication) as refused:
        services.walk_in_add(
            actor=staff_user, event=begun, kind="individual", name="申込者1",
            email="person1@example.jp",
        )  # fmt: skip
    assert str(refused.value.message) == (
        "この方はすでにこの事業に申し込んでいます。申し込みの一覧から探してください。"
    )
    assert _list(begun) == before


def test_a_registered_group_waiting_is_pointed_to_the_seat_button(staff_user, make_event):
    from kyodo.organizations.models import Organization

    kaze = Organization.objects.create(
        name="西東京風の会", name_reading="にしとうきょうかぜのかい", legal_form="voluntary",
        status="registered",
    )  # fmt: skip
    event = make_event(capacity_people=1)
    apply(event, 1)
    apply(event, 2, kind="group", organization=kaze, people=2)
    event = _move(event, **BEGUN)
    with pytest.raises(InvalidApplication) as refused:
        services.walk_in_add(
            actor=staff_user, event=event, kind="group", name="別の 担当者", organization=kaze,
            people=2,
        )  # fmt: skip
    assert refused.value.field == "organization"
    assert str(refused.value.message).startswith("この申込者はこの事業のキャンセル待ちに")
    group = event.applications.get(organization=kaze)
    services.application_seat(actor=staff_user, application=group)
    event.refresh_from_db()
    assert (event.attendance_people, event.attendance_groups) == (2, 1)


# --- 3. walk-ins marked in the CSV and on the reception list ---------------------------------


def test_walk_ins_are_marked_in_the_csv_and_on_the_reception_list(staff_client, staff_user, begun):
    services.walk_in_add(
        actor=staff_user, event=begun, kind="individual", name="当日 花子",
        name_reading="とうじつ はなこ", phone="042-000-1111",
    )  # fmt: skip
    services.application_seat(actor=staff_user, application=begun.applications.get(name="申込者3"))

    response = staff_client.get(f"/staff/events/{begun.pk}/applications.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1:] == ["状態", "キャンセル待ちの順番", "申し込みの種類", "団体", "氏名",
                           "ふりがな", "人数", "メールアドレス", "電話番号", "受付方法", "出欠",
                           "センターへの連絡事項"]  # fmt: skip
    assert [row[1:] for row in rows[1:]] == [
        ["受付済み", "", "個人", "", "申込者1", "", "1", "person1@example.jp", "", "ウェブ", "", ""],
        ["受付済み", "", "個人", "", "申込者2", "", "1", "person2@example.jp", "", "ウェブ", "", ""],
        ["受付済み", "", "個人", "", "申込者3", "", "1", "person3@example.jp", "", "ウェブ", "参加", ""],
        ["受付済み", "", "個人", "", "当日 花子", "とうじつ はなこ", "1", "", "042-000-1111", "当日参加", "参加", ""],
        ["キャンセル待ち", "1", "個人", "", "申込者4", "", "1", "person4@example.jp", "", "ウェブ", "", ""],
        ["キャンセル待ち", "2", "個人", "", "申込者5", "", "1", "person5@example.jp", "", "ウェブ", "", ""],
    ]  # fmt: skip

    page = staff_client.get(f"/staff/events/{begun.pk}/roster/").text
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert '<th scope="row">当日 花子<span class="roster-walk-in">（当日参加）</span></th>' in table
    assert '<th scope="row">申込者3</th>' in table
    assert table.count("当日参加") == 1
    assert page_words(page) == []
