"""「申し込み内容を変更する」 (round 22): an applicant changes the number of people, the reading,
the telephone or the note through the personal link; fewer people move the waiting list up as a
cancellation does, more only into the places left; staff see each change on the event page.

The Japanese comes from /tmp/fixes22/events2-po.txt once merged into the catalogue; 「変更あり」 of
a personal detail on the staff page is kyodo.core.audit's wording of a value recorded as
"changed"."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events import services
from kyodo.events.exceptions import ApplicationAlreadyCancelled, EventCancelled, InvalidApplication
from kyodo.events.models import Application, Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db


def group(event, n: int, people: int, name: str = "") -> Application:
    return apply(event, n, kind="group", group_name=name or f"自治会{n}", people=people)


def state(event) -> list[tuple[str, str, int | None, int]]:
    """(who, status, place on the waiting list, people) of every application, in order."""
    return [
        (a.applicant_label, a.status, a.waitlist_position, a.people)
        for a in Application.objects.filter(event=event).order_by("pk")
    ]


def changes_of(application: Application) -> list[dict]:
    return [
        entry.changes
        for entry in AuditEntry.objects.filter(
            action="kyodo.events.application.changed", object_id=str(application.pk)
        ).order_by("pk")
    ]


def mails(kind: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind=f"events.{kind}").order_by("pk"))


def refused(application: Application, message: str, **values) -> None:
    """The change is refused with ``message`` and nothing is written."""
    before = state(application.event)
    entries, outbox = AuditEntry.objects.count(), OutboxMessage.objects.count()
    with pytest.raises(InvalidApplication) as error:
        services.application_change(actor=None, application=application, **values)
    assert str(error.value.message) == message
    assert state(application.event) == before
    assert (AuditEntry.objects.count(), OutboxMessage.objects.count()) == (entries, outbox)


# --- fewer people: the places go to the waiting list, as a cancellation's do ---------------------


def test_fewer_people_move_the_waiting_list_up_in_turn(make_event):
    event = make_event(title="会計講座中級編", capacity_people=10)
    hibari = group(event, 1, people=6, name="ひばりの会")
    for n in range(2, 6):
        apply(event, n)
    kaze = group(event, 6, people=3, name="風の会")  # waits: 0 places left
    apply(event, 7)  # waits behind it
    assert [s[1:3] for s in state(event)][-2:] == [("waitlisted", 1), ("waitlisted", 2)]

    changed = services.application_change(actor=None, application=hibari, people=3)

    assert (changed.status, changed.people) == ("confirmed", 3)
    # Three places freed: 風の会 (3) moves up; 申込者7 waits, now first in line.
    assert state(event) == [
        ("ひばりの会", "confirmed", None, 3),
        ("申込者2", "confirmed", None, 1),
        ("申込者3", "confirmed", None, 1),
        ("申込者4", "confirmed", None, 1),
        ("申込者5", "confirmed", None, 1),
        ("風の会", "confirmed", None, 3),
        ("申込者7", "waitlisted", 1, 1),
    ]
    assert [m.to for m in mails("application_promoted")] == [kaze.email]
    assert changes_of(hibari) == [{"event": event.pk, "people": [6, 3]}]
    promoted = AuditEntry.objects.get(action="kyodo.events.application.promoted")
    assert promoted.object_id == str(kaze.pk)
    (mail,) = mails("application_changed")
    assert mail.to == "person1@example.jp"
    assert mail.subject == "お申し込み内容を変更しました：会計講座中級編"
    assert mail.body.splitlines()[:8] == [
        "ひばりの会 申込者1 様",
        "",
        "ご依頼のとおり、お申し込み内容を次のとおり変更しました。",
        "",
        "人数：6 → 3",
        "",
        "お申し込みは受付済みです。",
        "",
    ]
    assert "人数：3\n" in mail.body  # the event's block, as now
    assert f"/events/applications/{hibari.token}/cancel/" in mail.body


def test_a_waiting_group_that_now_fits_moves_up_itself(make_event):
    event = make_event(capacity_people=5)
    for n in range(1, 4):
        apply(event, n)
    waiting = group(event, 4, people=4, name="ひばりの会")  # 2 places left: waits

    changed = services.application_change(actor=None, application=waiting, people=2)

    assert (changed.status, changed.waitlist_position, changed.people) == ("confirmed", None, 2)
    assert changed.promoted_at is not None
    assert [m.to for m in mails("application_promoted")] == ["person4@example.jp"]
    (mail,) = mails("application_changed")
    assert "人数：4 → 2\n\nお申し込みは受付済みです。\n" in mail.body


def test_once_the_event_has_begun_nobody_is_moved_up_by_staff_changing_a_group(
    make_event, staff_user
):
    # As for a cancellation at the door: staff may still change it, the list stays.
    event = make_event(capacity_people=3)
    hibari = group(event, 1, people=3)
    apply(event, 2)  # waits
    # Today, begun at midnight.
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate(), start_time=time(0, 0), end_time=None
    )

    services.application_change(actor=staff_user, application=hibari, people=2)

    assert state(event)[1][1:3] == ("waitlisted", 1)
    assert mails("application_promoted") == []


# --- more people: only into the places left, never while others wait ---------------------------


def test_more_people_fit_only_into_the_places_left(make_event):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=4)
    for n in range(2, 6):
        apply(event, n)  # 8 taken, 2 left

    refused(
        hibari,
        "空いている席は残り2席のため、人数は6人まで増やせます。",
        people=7,
    )
    changed = services.application_change(actor=None, application=hibari, people=6)
    assert changed.people == 6
    assert sum(p for *_rest, p in state(event)) == 10
    refused(
        hibari, "空いている席がないため、人数を増やすことはできません（6人のままです）。", people=7
    )


def test_more_people_wait_for_those_already_waiting(make_event):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=4)
    for n in range(2, 6):
        apply(event, n)  # 2 left
    group(event, 6, people=3)  # does not fit: waits

    refused(
        hibari,
        "キャンセル待ちの方がいるため、今は人数を増やすことはできません（減らすことはできます）。",
        people=5,
    )


def test_a_waiting_group_may_grow_in_its_place_but_not_beyond_the_capacity(make_event):
    event = make_event(capacity_people=10)
    for n in range(1, 11):
        apply(event, n)
    first = group(event, 11, people=2)
    second = group(event, 12, people=2)

    services.application_change(actor=None, application=first, people=5)

    assert [s[1:] for s in state(event)[-2:]] == [("waitlisted", 1, 5), ("waitlisted", 2, 2)]
    refused(second, "この事業の定員は10人です。それより多い人数ではお受けできません。", people=11)


def test_an_event_of_groups_only_takes_any_number_of_people(make_event):
    event = make_event(capacity_groups=2)
    hibari = group(event, 1, people=3)

    changed = services.application_change(actor=None, application=hibari, people=40)

    assert (changed.status, changed.people) == ("confirmed", 40)


# --- the other details ---------------------------------------------------------------------------


def test_a_persons_details_change_and_the_log_keeps_no_personal_data(make_event):
    event = make_event(capacity_people=10)
    aoki = apply(event, 1, name="青木 陽子", phone="042-000-0000", note="車いすで参加します")

    changed = services.application_change(
        actor=None,
        application=aoki,
        name_reading="あおき ようこ",
        phone="042-111-2222",
        note="  車いすで参加します。介助者1名同伴  ",
    )

    assert (changed.name_reading, changed.phone, changed.note) == (
        "あおき ようこ",
        "042-111-2222",
        "車いすで参加します。介助者1名同伴",
    )
    stored = Application.objects.get(pk=aoki.pk)
    assert (stored.name_reading, stored.phone) == ("あおき ようこ", "042-111-2222")
    assert changes_of(aoki) == [
        {"event": event.pk, "name_reading": "changed", "phone": "changed", "note": "changed"}
    ]
    (mail,) = mails("application_changed")
    assert mail.body.splitlines()[:9] == [
        "青木 陽子 様",
        "",
        "ご依頼のとおり、お申し込み内容を次のとおり変更しました。",
        "",
        "ふりがな：あおき ようこ",
        "電話番号：042-111-2222",
        "センターへの連絡事項：車いすで参加します。介助者1名同伴",
        "",
        "お申し込みは受付済みです。",
    ]


def test_a_person_alone_stays_one_person(make_event):
    event = make_event(capacity_people=10)
    aoki = apply(event, 1)
    refused(aoki, "個人でのお申し込みは1人です。", people=2)


def test_nothing_changed_is_refused_and_writes_nothing(make_event):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=3)
    refused(hibari, "変更された項目がありません。", people=3, phone="", note=" ")


def test_a_staff_change_says_so_in_the_mail_and_the_log(make_event, staff_user):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=3)

    services.application_change(actor=staff_user, application=hibari, people=2)

    entry = AuditEntry.objects.get(action="kyodo.events.application.changed")
    assert (entry.actor_id, entry.changes) == (staff_user.pk, {"event": event.pk, "people": [3, 2]})
    (mail,) = mails("application_changed")
    assert "センターで、お申し込み内容を次のとおり変更しました。\n\n人数：3 → 2\n" in mail.body


# --- when: as long as the event takes applications (staff: until it is over) ---------------------


def test_after_applications_close_only_staff_change_it(make_event, staff_user):
    today = timezone.localdate()
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=3)
    services.event_update(actor=staff_user, event=event, applications_close_on=today - timedelta(1))

    refused(
        hibari,
        "お申し込みの受付が終了したため、ここからは変更できません。参加できなくなった場合は、"
        "お申し込みを取り消してください。そのほかの変更はセンターにお問い合わせください。",
        people=2,
    )
    changed = services.application_change(actor=staff_user, application=hibari, people=2)
    assert changed.people == 2


def test_a_cancelled_application_or_event_cannot_change(make_event, staff_user):
    event = make_event(capacity_people=10)
    hibari, kaze = group(event, 1, people=3), group(event, 2, people=3)
    services.application_cancel(actor=None, application=hibari)
    with pytest.raises(ApplicationAlreadyCancelled):
        services.application_change(actor=None, application=hibari, people=2)
    services.event_cancel(actor=staff_user, event=event)
    with pytest.raises(EventCancelled):
        services.application_change(actor=staff_user, application=kaze, people=2)
    assert Application.objects.get(pk=kaze.pk).people == 3


# --- the pages -----------------------------------------------------------------------------------


def test_the_applicant_changes_the_group_through_the_personal_link(client, make_event):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=4, name="ひばりの会")
    done = client.get(f"/events/applications/{hibari.token}/").text
    change_path = f"/events/applications/{hibari.token}/change/"
    assert f'<a href="{change_path}">申し込み内容を変更する</a>' in done
    cancel = client.get(f"/events/applications/{hibari.token}/cancel/").text
    assert f'href="{change_path}"' in cancel

    page = client.get(change_path)
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex"
    assert 'name="people" value="4"' in page.text
    assert (
        "お名前・団体・メールアドレスを変えるときは、センターにお問い合わせください。" in page.text
    )

    response = client.post(
        change_path,
        {"people": "３", "name_reading": "", "phone": "０４２ー０００ー１１１１", "note": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/events/applications/{hibari.token}/"
    stored = Application.objects.get(pk=hibari.pk)
    assert (stored.people, stored.phone) == (3, "042-000-1111")
    shown = client.get(response["Location"]).text
    assert "お申し込み内容を変更しました。確認のメールをお送りしました。" in shown


def test_a_person_is_not_offered_the_number_of_people(client, make_event):
    event = make_event(capacity_people=10)
    aoki = apply(event, 1)
    page = client.get(f"/events/applications/{aoki.token}/change/").text
    assert 'name="people"' not in page
    assert 'name="phone"' in page


def test_a_refused_change_is_shown_on_the_form_and_changes_nothing(client, make_event):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=4)
    for n in range(2, 6):
        apply(event, n)

    response = client.post(
        f"/events/applications/{hibari.token}/change/",
        {"people": "9", "name_reading": "", "phone": "", "note": ""},
    )

    assert response.status_code == 400
    assert "空いている席は残り2席のため、人数は6人まで増やせます。" in response.text
    assert 'name="people" value="9"' in response.text  # what was typed stays
    assert Application.objects.get(pk=hibari.pk).people == 4
    assert mails("application_changed") == []


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"people": "0"}, None),
        ({"people": "abc"}, None),
        ({"people": "501"}, None),
        ({"people": "2", "phone": "12"}, None),
        (
            {"people": "2", "name_reading": "yamada"},
            "ふりがなはひらがなかカタカナで入力してください。",
        ),
    ],
)
def test_bad_input_is_refused_in_japanese(client, make_event, data, error):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=4)

    response = client.post(
        f"/events/applications/{hibari.token}/change/",
        {"name_reading": "", "phone": "", "note": "", **data},
    )

    assert response.status_code == 400
    assert 'class="error"' in response.text
    if error:
        assert error in response.text
    assert Application.objects.get(pk=hibari.pk).people == 4
    assert not AuditEntry.objects.filter(action="kyodo.events.application.changed").exists()


def test_after_applications_close_the_page_says_why_and_offers_no_form(
    client, make_event, staff_user
):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=4)
    services.event_update(
        actor=staff_user,
        event=event,
        applications_close_on=timezone.localdate() - timedelta(days=1),
    )
    change_path = f"/events/applications/{hibari.token}/change/"

    page = client.get(change_path)
    posted = client.post(change_path, {"people": "2", "name_reading": "", "phone": "", "note": ""})

    assert page.status_code == 200
    assert "お申し込みの受付が終了したため、ここからは変更できません。" in page.text
    assert 'name="people"' not in page.text
    # It asks to cancel instead, and links there.
    cancel_path = f"/events/applications/{hibari.token}/cancel/"
    assert f'<p><a href="{cancel_path}">申し込みを取り消す</a></p>' in page.text
    assert posted.status_code == 400
    assert Application.objects.get(pk=hibari.pk).people == 4
    done = client.get(f"/events/applications/{hibari.token}/").text
    assert change_path not in done

    # Cancelled, the page offers neither.
    services.application_cancel(actor=None, application=hibari)
    assert cancel_path not in client.get(change_path).text


def test_an_unknown_link_is_not_found(client):
    assert client.get("/events/applications/nosuchtoken/change/").status_code == 404


def test_staff_see_the_changes_on_the_event_page(client, make_event, staff_user):
    event = make_event(capacity_people=10)
    hibari = group(event, 1, people=6, name="ひばりの会")
    services.application_change(actor=None, application=hibari, people=4, phone="042-000-1111")
    services.application_change(actor=staff_user, application=hibari, people=3)
    apply(event, 2)  # an application never changed shows nothing
    client.force_login(staff_user)

    page = client.get(f"/staff/events/{event.pk}/").text

    assert page.count('<details class="history">') == 1
    assert "<summary>変更履歴（2件）</summary>" in page
    assert (
        "（申込者本人）：人数：6 → 4、電話番号：変更あり（個人情報のため内容は記録していません）</li>"
        in page
    )
    assert "（中澤）：人数：4 → 3</li>" in page
    assert "042-000-1111" in page  # the application's own telephone, in its column
