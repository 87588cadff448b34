"""Honest seat wording (round 22): a waiting applicant is told the reason that is true of that
application (「お申し込みの人数分の席がないため」 with places left, not 「現在お受けできる席がない
ため」), before sending and by mail; the event's facts say why places are left while people wait.

The Japanese comes from /tmp/fixes22/events2-po.txt once merged; the facts' words from the patch
/tmp/fixes22/events2-facts.patch."""

from __future__ import annotations

import re

import pytest

from kyodo.core.models import OutboxMessage
from kyodo.events import services
from kyodo.events.models import Application, Event
from kyodo.events.services import WaitReason, waitlist_reason
from kyodo.events.tests.conftest import apply
from kyodo.events.tests.test_public import form_data

pytestmark = pytest.mark.django_db

THANKS = "お申し込みありがとうございます。"
THEN = "番目としてお受けしました。空きが出た場合は順番に繰り上がり、メールでお知らせします。"


@pytest.fixture(autouse=True)
def nothing_kept(monkeypatch):
    # Each test starts without the form letters of another (services._letter).
    monkeypatch.setattr(services, "_LOCKED", {})
    monkeypatch.setattr(services, "_LETTERS", {})


def group(event, n: int, people: int) -> Application:
    return apply(event, n, kind="group", group_name=f"自治会{n}", people=people)


def the_reason(application: Application) -> str:
    """The line of the confirmation that says where the applicant stands."""
    mail = OutboxMessage.objects.get(
        kind="events.application_received", object_id=str(application.pk)
    )
    return mail.body.splitlines()[2]


# --- the rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capacity", "taken", "people", "is_group", "expected"),
    [
        # (people, groups), (people, groups, waiting)
        ((5, None), (5, 0, 0), 1, False, WaitReason.FULL),
        ((5, None), (5, 0, 3), 1, False, WaitReason.FULL),  # no place: said before the queue
        ((5, None), (3, 0, 0), 3, True, WaitReason.TOO_MANY),
        ((5, None), (3, 0, 1), 3, True, WaitReason.TOO_MANY),
        ((5, None), (3, 0, 1), 1, False, WaitReason.QUEUE),
        ((5, None), (3, 0, 1), 2, True, WaitReason.QUEUE),
        ((20, 1), (2, 1, 0), 2, True, WaitReason.GROUP_FULL),
        ((20, 1), (2, 1, 0), 1, False, ""),  # a person still fits
        ((None, 1), (9, 1, 0), 2, True, WaitReason.GROUP_FULL),
        ((None, None), (90, 0, 2), 1, False, WaitReason.QUEUE),
        ((5, None), (1, 0, 0), 2, True, ""),
    ],
)
def test_the_reason_is_the_first_that_holds(capacity, taken, people, is_group, expected):
    event = Event(capacity_people=capacity[0], capacity_groups=capacity[1])
    people_taken, groups_taken, waiting = taken
    assert (
        waitlist_reason(
            event,
            people_taken=people_taken,
            groups_taken=groups_taken,
            waiting=waiting,
            people=people,
            is_group=is_group,
        )
        == expected
    )


# --- the confirmation by mail --------------------------------------------------------------------


def test_each_waiting_applicant_is_told_the_true_reason(make_event):
    event = make_event(capacity_people=5)
    for n in range(1, 4):
        apply(event, n)

    three = group(event, 4, people=3)  # 2 places left
    one = apply(event, 5)  # it would fit, but the group waits before it

    full = make_event(capacity_people=1)
    apply(full, 6)
    last = apply(full, 7)

    assert (three.status, one.status, last.status) == ("waitlisted",) * 3
    assert the_reason(three) == f"{THANKS}お申し込みの人数分の席がないため、キャンセル待ちの1{THEN}"
    assert the_reason(one) == f"{THANKS}先にキャンセル待ちの方がいるため、キャンセル待ちの2{THEN}"
    assert the_reason(last) == f"{THANKS}現在お受けできる席がないため、キャンセル待ちの1{THEN}"


def test_a_group_without_a_group_place_is_told_so(make_event):
    event = make_event(capacity_people=20, capacity_groups=1)
    group(event, 1, people=2)

    second = group(event, 2, people=2)

    assert the_reason(second) == f"{THANKS}団体の参加枠に空きがないため、キャンセル待ちの1{THEN}"


def test_the_form_letter_is_written_again_when_the_reason_differs(make_event):
    # A rush renders the confirmation once (services._letter), from the last application's
    # status and reason: a different reason is rendered again under the lock, never reused.
    event = make_event(capacity_people=4)
    for n in range(1, 4):
        apply(event, n)
    too_many = group(event, 4, people=2)  # last locked: confirmed
    queue = apply(event, 5)  # last locked: waiting, too many
    again = apply(event, 6)  # last locked: waiting, queue: the letter fits

    assert services._LOCKED[event.pk][1:] == ("waitlisted", WaitReason.QUEUE)
    assert [the_reason(a).split("ため")[0] for a in (too_many, queue, again)] == [
        f"{THANKS}お申し込みの人数分の席がない",
        f"{THANKS}先にキャンセル待ちの方がいる",
        f"{THANKS}先にキャンセル待ちの方がいる",
    ]
    assert "キャンセル待ちの3番目" in the_reason(again)


# --- before sending, and after ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "notice"),
    [
        (3, "お申し込みの人数分の席がないため、このお申し込みはキャンセル待ちとなります。"),
        (2, None),
    ],
)
def test_the_confirm_page_gives_the_true_reason(client, make_event, people, notice):
    event = make_event(capacity_people=5)
    for n in range(3):
        apply(event, n)
    data = form_data(kind="group", group_name="テスト自治会", people=str(people), step="confirm")

    page = client.post(f"/events/{event.pk}/", data).text

    if notice:
        assert f'<p class="message">{notice}空きが出た場合に順番に繰り上がります。</p>' in page
    else:
        assert "キャンセル待ちとなります" not in page
    assert "現在お受けできる席がないため" not in page


def test_the_confirm_page_says_others_wait_first(client, make_event):
    event = make_event(capacity_people=5)
    for n in range(3):
        apply(event, n)
    group(event, 9, people=3)  # waits with 2 places left

    page = client.post(f"/events/{event.pk}/", form_data(step="confirm")).text

    assert (
        '<p class="message">先にキャンセル待ちの方がいるため、このお申し込みもキャンセル待ちと'
        "なります。空きが出た場合に順番に繰り上がります。</p>"
    ) in page


def test_the_done_page_says_the_place_on_the_list_without_a_reason(client, make_event):
    event = make_event(capacity_people=5)
    for n in range(3):
        apply(event, n)

    response = client.post(
        f"/events/{event.pk}/", form_data(kind="group", group_name="テスト自治会", people="3")
    )
    done = client.get(response["Location"]).text

    assert "キャンセル待ちの1番目としてお受けしました。確認のメールをお送りしました。" in done
    assert "席がないため" not in done


# --- the facts: places left while people wait -----------------------------------------------------


def _so_far(page: str) -> str:
    return re.search(r"<dt>現在の申し込み</dt>\s*<dd>(.*?)</dd>", page, re.S).group(1)


def test_places_left_while_people_wait_are_explained(client, staff_user, make_event):
    event = make_event(capacity_people=20)
    for n in range(18):
        apply(event, n)
    group(event, 30, people=3)  # 2 places left: waits
    client.force_login(staff_user)

    public = _so_far(client.get(f"/events/{event.pk}/").text)
    staff = _so_far(client.get(f"/staff/events/{event.pk}/").text)

    expected = (
        "18人、残り2席、キャンセル待ち1件（残りの席数がキャンセル待ちの先頭の方の人数に足りない"
        "ため、空きが出しだい順番にご案内します。これからのお申し込みは、個人も団体もキャンセル"
        "待ちになります）"
    )
    assert (public, staff) == (expected, expected)


def test_a_full_event_keeps_its_words(client, make_event):
    event = make_event(capacity_people=2)
    for n in range(3):
        apply(event, n)

    assert _so_far(client.get(f"/events/{event.pk}/").text) == (
        "2人、満席、キャンセル待ち1件（これからのお申し込みは、個人も団体もキャンセル待ちに"
        "なります）"
    )
