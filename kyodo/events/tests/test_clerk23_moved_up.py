"""A new clerk's day (2026-12-07): a cancellation taken by telephone says who moved up.

Before, 「申し込みを取り消す」 said only 「申し込みを取り消しました。」: the clerk had to read the
list of applications to learn that the group waiting first now has the places, and that the
person behind it, who gave only a telephone number, must be called.

Some tests here read strings new with this change in Japanese: they pass once /tmp/fixes05/ja.po
is merged into the catalogue (kyodo/locale/ja) and compiled."""

from datetime import date

import pytest

from kyodo.events.models import Application
from kyodo.events.tests.conftest import apply
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db


def _messages(page: str) -> list[str]:
    start = page.index('<div class="messages" role="status">')
    block = page[start : page.index("</div>", start)]
    return [("<p" + part).strip() for part in block.split("<p")[1:]]


def test_staff_cancel_names_those_moved_up_and_who_to_telephone(client, staff_user, make_event):
    # Given a full event (3 places) and a waiting list: a group of 2, then a person by telephone
    event = make_event(capacity_people=3)
    first, second, third = (apply(event, n) for n in (1, 2, 3))
    group = make_organization(history=[("registered", date(2010, 4, 1))])
    waiting_group = apply(event, 4, kind="group", organization=group, people=2)
    by_phone = services_submit_by_phone(event, staff_user)
    assert [waiting_group.status, by_phone.status] == ["waitlisted", "waitlisted"]
    client.force_login(staff_user)

    # When the clerk cancels one place: the group of 2 first in line does not fit yet
    page = client.post(f"/staff/events/applications/{first.pk}/cancel/", follow=True).text
    assert _messages(page) == ['<p class="message success">申し込みを取り消しました。</p>']

    # A second place: the group moves up (it is mailed), the person stays waiting
    page = client.post(f"/staff/events/applications/{second.pk}/cancel/", follow=True).text
    assert _messages(page) == [
        '<p class="message success">申し込みを取り消しました。</p>',
        '<p class="message info">キャンセル待ちから繰り上がりました：西東京風の会（2人）。</p>',
    ]

    # A third: the person moves up, and has only a telephone number
    page = client.post(f"/staff/events/applications/{third.pk}/cancel/", follow=True).text
    assert _messages(page) == [
        '<p class="message success">申し込みを取り消しました。</p>',
        '<p class="message info">キャンセル待ちから繰り上がりました：佐藤 一郎（1人）。</p>',
        '<p class="message warning">佐藤 一郎はメールアドレスの登録がありません。'
        "電話でお知らせください。</p>",
    ]
    waiting_group.refresh_from_db()
    by_phone.refresh_from_db()
    assert [waiting_group.status, by_phone.status] == ["confirmed", "confirmed"]


def test_two_moved_up_at_once_are_named_in_their_order(client, staff_user, make_event):
    # Given a group of 2 holding both places, and two people waiting
    event = make_event(capacity_people=2)
    group = make_organization(history=[("registered", date(2010, 4, 1))])
    holding = apply(event, 1, kind="group", organization=group, people=2)
    waiting = [apply(event, n, name=name) for n, name in ((2, "山本 花"), (3, "中村 翼"))]
    client.force_login(staff_user)

    # When the group cancels, both move up, and the message names both in their order
    page = client.post(f"/staff/events/applications/{holding.pk}/cancel/", follow=True).text

    assert _messages(page) == [
        '<p class="message success">申し込みを取り消しました。</p>',
        '<p class="message info">キャンセル待ちから繰り上がりました：'
        "山本 花（1人）、中村 翼（1人）。</p>",
    ]
    for application in waiting:
        application.refresh_from_db()
    assert [a.status for a in waiting] == ["confirmed", "confirmed"]


def test_a_refused_cancel_says_nothing_of_moving_up(client, staff_user, make_event):
    event = make_event(capacity_people=1)
    first = apply(event, 1)
    waiting = apply(event, 2)
    client.force_login(staff_user)
    page = client.post(f"/staff/events/applications/{first.pk}/cancel/", follow=True).text
    assert _messages(page)[1] == (
        '<p class="message info">キャンセル待ちから繰り上がりました：申込者2（1人）。</p>'
    )
    page = client.post(f"/staff/events/applications/{first.pk}/cancel/", follow=True).text
    assert _messages(page) == [
        '<p class="message error">この申し込みはすでに取り消されています。</p>'
    ]
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def services_submit_by_phone(event, staff_user) -> Application:
    from kyodo.events import services

    return services.application_submit(
        actor=staff_user,
        event=event,
        kind="individual",
        name="佐藤 一郎",
        phone="042-000-0000",
        channel=Application.Channel.PHONE,
    )


def test_the_cancel_page_of_a_waiting_application_says_what_happens(client, staff_user, make_event):
    # Before, it said 「空いた席はキャンセル待ちの方に回ります」 of an application holding no place.
    event = make_event(capacity_people=1)
    confirmed = apply(event, 1)
    waiting = apply(event, 2)
    by_phone = services_submit_by_phone(event, staff_user)
    client.force_login(staff_user)

    pages = {
        a.pk: client.get(f"/staff/events/applications/{a.pk}/cancel/").text
        for a in (confirmed, waiting, by_phone)
    }

    assert (
        "<p>この申し込みを取り消しますか？申込者にはメールで知らせ、"
        "空いた席はキャンセル待ちの方に回ります。</p>"
    ) in pages[confirmed.pk]
    assert (
        "<p>キャンセル待ちのこの申し込みを取り消しますか？申込者にはメールで知らせ、"
        "後ろの方のキャンセル待ちの順番が1つずつ繰り上がります。</p>"
    ) in pages[waiting.pk]
    assert (
        "<p>キャンセル待ちのこの申し込みを取り消しますか？メールアドレスがないため、"
        "申込者には電話で知らせてください。後ろの方のキャンセル待ちの順番が1つずつ繰り上がります。</p>"
    ) in pages[by_phone.pk]


def test_a_registered_group_in_the_list_links_to_its_page(client, staff_user, make_event):
    # The obvious next step from a group's application: its details (contact person, status).
    event = make_event(capacity_people=10)
    group = make_organization(history=[("registered", date(2010, 4, 1))])
    apply(event, 1, kind="group", organization=group, people=2)
    apply(event, 2, kind="group", group_name="みどりの会", people=1)
    apply(event, 3)
    client.force_login(staff_user)
    page = client.get(f"/staff/events/{event.pk}/").text
    assert f'<th scope="row"><a href="/staff/groups/{group.pk}/">西東京風の会</a></th>' in page
    assert '<th scope="row">みどりの会<span class="help">（未登録）</span></th>' in page
    assert '<th scope="row">申込者3</th>' in page
