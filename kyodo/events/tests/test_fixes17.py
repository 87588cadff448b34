"""Fixes of round 17 (a newcomer on a phone): what an applicant who will wait is told, before and
after sending; a signed-in group representative's form; feedback after an event.

The Japanese of the new messages comes from /tmp/fixes17/public7-po.txt once merged into the
catalogue (the tests marked so below read it)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events import selectors
from kyodo.events.models import Application
from kyodo.events.tests.conftest import apply
from kyodo.events.tests.test_public import form_data
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

WAIT_NOTICE = (
    "現在お受けできる席がないため、このお申し込みはキャンセル待ちとなります。"
    "空きが出た場合に順番に繰り上がります。"
)
# A group that does not fit in the places left is told so, not 「席がない」 (round 22, events2).
TOO_MANY_NOTICE = (
    "お申し込みの人数分の席がないため、このお申し込みはキャンセル待ちとなります。"
    "空きが出た場合に順番に繰り上がります。"
)
OTHERS_WAIT = (
    "キャンセル待ちの方がいるため、これからのお申し込みもキャンセル待ちとなり、"
    "空きが出た場合に順番に繰り上がります。"
)
FULL = (
    "定員に達しています。お申し込みいただくとキャンセル待ちとなり、空きが出た場合"
    "に順番に繰り上がります。"
)


def group_of(event, n: int, people: int):
    return apply(event, n, kind="group", group_name=f"自治会{n}", people=people)


# --- Event.would_wait: the rule of application_submit, from the page's counts ---------------


def test_would_wait_follows_the_services_rule(make_event):
    event = make_event(capacity_people=5)
    for n in range(3):
        apply(event, n)

    shown = selectors.public_event(event.pk)
    assert (
        shown.would_wait(people=1, is_group=False),
        shown.would_wait(people=2, is_group=True),
        shown.would_wait(people=3, is_group=True),
    ) == (False, False, True)

    group_of(event, 9, people=3)  # does not fit in the 2 places left: waits
    shown = selectors.public_event(event.pk)
    assert (shown.places_left, shown.waitlisted_count) == (2, 1)
    assert shown.would_wait(people=1, is_group=False) is True  # nobody overtakes the group
    assert apply(event, 10).status == Application.Status.WAITLISTED


def test_would_wait_counts_the_groups_places(make_event):
    event = make_event(capacity_groups=1)
    shown = selectors.public_event(event.pk)
    assert shown.would_wait(people=4, is_group=True) is False
    group_of(event, 1, people=4)
    shown = selectors.public_event(event.pk)
    assert (
        shown.would_wait(people=4, is_group=True),
        shown.would_wait(people=1, is_group=False),
    ) == (
        True,
        False,
    )


def test_would_wait_is_unknown_without_the_counts(make_event):
    event = make_event(capacity_people=5, status="cancelled")
    assert selectors.public_event(event.pk).would_wait(people=1, is_group=False) is None


# --- the event page and the 確認 page say it before sending -----------------------------------


def test_the_event_page_says_a_new_application_waits_behind_those_waiting(client, make_event):
    """Found: 「18人、残り2席、キャンセル待ち1件」 and no word that a new application waits."""
    event = make_event(capacity_people=5)
    for n in range(3):
        apply(event, n)
    group_of(event, 9, people=3)

    page = client.get(f"/events/{event.pk}/")

    assert "3人、残り2席、キャンセル待ち1件" in page.text
    assert OTHERS_WAIT in page.text  # catalogue: /tmp/fixes17/public7-po.txt
    assert FULL not in page.text


def test_a_full_event_still_says_it_is_full(client, make_event):
    event = make_event(capacity_people=1)
    apply(event, 1)
    apply(event, 2)

    page = client.get(f"/events/{event.pk}/")

    assert FULL in page.text
    assert OTHERS_WAIT not in page.text


def test_the_confirm_page_says_a_group_that_does_not_fit_will_wait(client, make_event):
    """Found: a group of 3 with 2 places left was told only after sending, 「定員に達しているため」."""
    event = make_event(capacity_people=5)
    for n in range(3):
        apply(event, n)
    data = form_data(kind="group", group_name="テスト自治会", people="3", step="confirm")

    page = client.post(f"/events/{event.pk}/", data)

    assert page.status_code == 200
    assert "お申し込み内容の確認" in page.text
    assert TOO_MANY_NOTICE in page.text  # catalogue: /tmp/fixes22/events2-po.txt
    assert WAIT_NOTICE not in page.text
    # Nothing is sent at the 確認 step.
    assert Application.objects.filter(event=event).count() == 3
    assert not OutboxMessage.objects.filter(to="aoki@example.jp").exists()


def test_the_confirm_page_says_nothing_of_waiting_when_there_is_room(client, make_event):
    event = make_event(capacity_people=5)
    for n in range(3):
        apply(event, n)

    page = client.post(f"/events/{event.pk}/", form_data(step="confirm"))

    assert page.status_code == 200
    assert "お申し込み内容の確認" in page.text
    assert WAIT_NOTICE not in page.text


def test_an_event_of_groups_shows_the_groups_places_left(client, make_event):
    """Found: 「6人 (3団体)」 for a 懇談会 of 20 groups, and no word of how many could still
    apply."""
    event = make_event(capacity_groups=20)
    for n in range(3):
        group_of(event, n, people=2)

    page = client.get(f"/events/{event.pk}/")

    # catalogue: /tmp/fixes17/public7-po.txt
    assert "<dt>現在の申し込み</dt>\n  <dd>6人（3団体）、残り17団体</dd>" in page.text


# --- after sending: the 完了 page and the mail ------------------------------------------------


def test_a_waiting_applicant_is_told_so_in_the_subject_and_without_full(client, make_event):
    """Found: the mail's subject was 「お申し込みありがとうございます」 as for a confirmed
    place, and 「定員に達しているため」 with places left."""
    event = make_event(title="会計講座中級編", capacity_people=5)
    for n in range(3):
        apply(event, n)
    data = form_data(kind="group", group_name="テスト自治会", people="3")

    response = client.post(f"/events/{event.pk}/", data)

    application = Application.objects.get(email="aoki@example.jp")
    assert (application.status, application.waitlist_position) == ("waitlisted", 1)
    done = client.get(response["Location"])
    # Where it stands, without a reason (the page may be read later); the mail gives the reason.
    assert "キャンセル待ちの1番目としてお受けしました。確認のメールをお送りしました。" in done.text
    assert "席がないため" not in done.text
    assert "定員に達しているため" not in done.text
    mail = OutboxMessage.objects.get(to="aoki@example.jp")
    assert mail.subject == "キャンセル待ちで受け付けました：会計講座中級編"
    assert mail.body.splitlines()[2] == (
        "お申し込みありがとうございます。お申し込みの人数分の席がないため、キャンセル待ちの"
        "1番目としてお受けしました。空きが出た場合は順番に繰り上がり、メールでお知らせします。"
    )
    assert f"/events/applications/{application.token}/cancel/" in mail.body


def test_a_confirmed_applicant_keeps_the_subject_of_thanks(make_event):
    event = make_event(title="会計講座中級編", capacity_people=5)
    apply(event, 1)
    mail = OutboxMessage.objects.get(to="person1@example.jp")
    assert mail.subject == "お申し込みありがとうございます：会計講座中級編"


# --- a signed-in group representative --------------------------------------------------------


def form_values(page_text: str) -> dict:
    """The application form's starting values, as the browser shows them."""
    from html.parser import HTMLParser

    values: dict = {}

    class Parser(HTMLParser):
        select = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "input" and a.get("type") == "radio" and "checked" in a:
                values[a["name"]] = a["value"]
            elif tag == "input" and a.get("name") == "kyodo_hp":
                return  # the honeypot, hidden from people
            elif tag == "input" and a.get("type") in ("text", "email", "tel", "number"):
                values[a["name"]] = a.get("value", "")
            elif tag == "select":
                self.select = a["name"]
            elif tag == "option" and self.select and "selected" in a:
                values[self.select] = a["value"]

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None

    Parser().feed(page_text)
    return values


def test_a_group_representative_starts_with_the_group_chosen(client, make_event, group_user):
    """Found: signed in as 西東京風の会, the form started at 「個人」 with 55 groups to scroll
    through and every detail to type again on a phone."""
    group = make_organization(
        status="registered",
        representative_user=group_user,
        representative_name="北村 陽子",
        representative_reading="きたむら ようこ",
        phone="042-400-0001",
    )
    event = make_event(capacity_people=20)
    client.force_login(group_user)

    values = form_values(client.get(f"/events/{event.pk}/").text)

    assert values == {
        "kind": "group",
        "organization": str(group.pk),
        "group_name": "",
        "people": "",
        "name": "北村 陽子",
        "name_reading": "きたむら ようこ",
        "email": "group1@example.jp",
        "phone": "042-400-0001",
    }


def test_a_contact_of_the_group_starts_with_their_own_details(
    client, make_event, group_user, make_user
):
    from kyodo.core.roles import Role
    from kyodo.organizations.contact_models import OrganizationContact

    group = make_organization(status="registered", representative_name="北村 陽子")
    contact = make_user("contact1", Role.GROUP, full_name="南 花子", name_reading="みなみ はなこ")
    OrganizationContact.objects.create(organization=group, user=contact)
    event = make_event(capacity_people=20)
    client.force_login(contact)

    values = form_values(client.get(f"/events/{event.pk}/").text)

    assert (values["kind"], values["organization"], values["name"], values["email"]) == (
        "group",
        str(group.pk),
        "南 花子",
        "contact1@example.jp",
    )
    assert values["name_reading"] == "みなみ はなこ"


@pytest.mark.parametrize("status", ["suspended", "applied"])
def test_a_group_not_in_the_list_starts_as_anyone(client, make_event, group_user, status):
    make_organization(status=status, representative_user=group_user)
    event = make_event(capacity_people=20)
    client.force_login(group_user)

    values = form_values(client.get(f"/events/{event.pk}/").text)

    assert (values["kind"], values.get("organization", ""), values["name"]) == (
        "individual",
        "",
        "",
    )


def test_anyone_else_starts_as_a_person(client, make_event, staff_user):
    event = make_event(capacity_people=20)
    client.force_login(staff_user)
    values = form_values(client.get(f"/events/{event.pk}/").text)
    assert (values["kind"], values["name"], values["email"]) == ("individual", "", "")


# --- feedback after an event ------------------------------------------------------------------


def test_an_ended_event_says_where_to_send_feedback(client, make_event):
    """Found: after an event a participant had nowhere to give feedback (感想) from its page."""
    event = make_event(date=timezone.localdate() - timedelta(days=3))
    coming = make_event(title="交流サロン")

    page = client.get(f"/events/{event.pk}/")

    assert '<h2 id="feedback-heading">ご感想・ご要望</h2>' in page.text
    assert (
        "ご参加ありがとうございました。この事業へのご感想やご要望は、お問い合わせフォームから"
        "「ご意見・ご要望」を選び、事業名を添えてお送りください。"
        ' <a href="/contact/">センターに問い合わせる</a>'
    ) in page.text
    assert "feedback-heading" not in client.get(f"/events/{coming.pk}/").text
    assert AuditEntry.objects.filter(action__startswith="kyodo.events.application").count() == 0


# --- in the browser, at 320 px -----------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_representative_applies_for_the_group_on_a_phone(page, make_event, group_user):
    from kyodo.organizations.tests.test_browser import sign_in

    group = make_organization(
        status="registered",
        representative_user=group_user,
        representative_name="北村 陽子",
        representative_reading="きたむら ようこ",
        phone="042-400-0001",
    )
    event = make_event(title="協働のまちづくり懇談会", capacity_people=5)
    for n in range(3):
        apply(event, n)
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, group_user.username)

    page.goto(f"/events/{event.pk}/")
    assert page.get_by_role("radio", name="団体").is_checked()
    assert page.get_by_label("登録団体").evaluate("el => el.selectedOptions[0].text") == (
        "西東京風の会"
    )
    assert page.get_by_label("メールアドレス").input_value() == "group1@example.jp"
    page.get_by_label("参加人数").fill("3")
    page.get_by_label("個人情報の取り扱いについて同意する").check()
    page.get_by_role("button", name="入力内容を確認する").click()

    # 確認: the page says the group will wait (3 people, 2 places left), on the screen.
    notice = page.locator("main p.message")
    assert notice.count() == 1 and notice.is_visible()
    assert notice.evaluate("el => el.getBoundingClientRect().right <= 320")
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    page.get_by_role("button", name="申し込む").click()
    page.wait_for_url("**/events/applications/*/")

    application = Application.objects.get(email="group1@example.jp")
    assert (
        application.kind,
        application.organization_id,
        application.people,
        application.name,
        application.status,
        application.waitlist_position,
    ) == ("group", group.pk, 3, "北村 陽子", "waitlisted", 1)
