"""Acceptance, in a real browser with real mail on loopback: staff invite a committee member, who
sets a password from the link and signs in; staff renew every term for the next fiscal year; a
member resets a forgotten password. And typed minutes survive an expired session."""

import re
from datetime import date

import pytest
from django.utils import timezone

from kyodo.committees.models import Committee, Member, Membership
from kyodo.conftest import PASSWORD
from kyodo.core.models import Center
from kyodo.core.outbox import outbox_flush
from kyodo.core.roles import Role
from kyodo.core.wareki import fiscal_year, fiscal_year_range

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^\s]+/accounts/reset/[^\s]+/")
NEW_PASSWORD = "hoya-kouminkan-77"


def _mail_link(smtp_server, address: str) -> str:
    outbox_flush()
    message = smtp_server.by_recipient(address)[-1]["message"]
    return LINK.search(message.get_content()).group(0)


def _sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="ログイン").click()


def _set_password(page, link: str, password: str) -> None:
    page.goto(link)
    page.locator("#id_new_password1").fill(password)
    page.locator("#id_new_password2").fill(password)
    page.get_by_role("button", name="パスワードを設定する").click()
    page.wait_for_url("**/accounts/login/")


@pytest.fixture
def committee(make_user, live_server, settings):
    settings.SITE_URL = live_server.url
    center = Center.objects.create(name="西東京市市民協働推進センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    user = make_user("kumada", Role.MEMBER, full_name="熊田", email="kumada@example.jp")
    member = Member.objects.create(
        name="熊田", name_reading="くまだ", sector="academic", email=user.email, user=user
    )
    year_end = fiscal_year_range(fiscal_year(timezone.localdate()))[1]
    Membership.objects.create(
        committee=committee,
        member=member,
        role=Membership.Role.CHAIR,
        term_start=date(2025, 4, 1),
        term_end=year_end,
    )
    return committee


def test_invite_a_member_renew_the_terms_and_reset_a_password(
    page, browser, live_server, smtp_server, staff_user, committee
):
    # Staff add a member and invite them by mail.
    _sign_in(page, "staff1", PASSWORD)
    page.goto("/staff/committees/people/")
    page.get_by_role("link", name="委員を追加").click()
    page.locator("#id_name").fill("新井 花子")
    page.locator("#id_name_reading").fill("あらい はなこ")
    page.locator("#id_sector").select_option("citizen")
    page.locator("#id_email").fill("arai@example.jp")
    page.get_by_role("button", name="委員を追加する").click()
    assert "新井 花子さんを追加し、招待メールを送信予定にしました。" in page.content(), (
        page.locator(".error, .errors").all_inner_texts()
    )

    # The member sets a password from the mailed link and signs in to the member pages.
    member_context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    member_page = member_context.new_page()
    _set_password(member_page, _mail_link(smtp_server, "arai@example.jp"), NEW_PASSWORD)
    assert "パスワードを設定しました。ログインしてください。" in member_page.content()
    _sign_in(member_page, "arai", NEW_PASSWORD)
    member_page.wait_for_url("**/member/")

    # Staff renew every term ending this fiscal year for the next one, in one step.
    page.goto("/staff/committees/people/renew/")
    boxes = page.locator('input[name="seat"]')
    assert boxes.count() == 2
    page.get_by_role("button", name="チェックした委員の任期を更新").click()
    next_end = fiscal_year_range(fiscal_year(timezone.localdate()) + 1)[1]
    assert set(Membership.objects.values_list("term_end", flat=True)) == {next_end}
    assert "2人の任期を" in page.content()

    # A member who forgot the password asks for a link and sets a new one.
    member_context.clear_cookies()
    member_page.goto("/accounts/login/")
    member_page.get_by_role("link", name="パスワードを忘れた方").click()
    member_page.locator("#id_email").fill("kumada@example.jp")
    member_page.get_by_role("button", name="リンクを送る").click()
    member_page.wait_for_url("**/accounts/reset/sent/")
    _set_password(member_page, _mail_link(smtp_server, "kumada@example.jp"), NEW_PASSWORD)
    _sign_in(member_page, "kumada", NEW_PASSWORD)
    member_page.wait_for_url("**/member/")
    member_context.close()


def test_typed_minutes_come_back_after_the_session_expired(page, staff_user, committee):
    from importlib import import_module

    from django.conf import settings

    from kyodo.committees import services
    from kyodo.core.sessions import SEEN_KEY

    meeting = services.meeting_create(actor=staff_user, committee=committee, date=date(2027, 1, 19))
    item = services.item_add(actor=staff_user, meeting=meeting, category="report", title="月次報告")
    text = "委員長：それでは始めます。\n事務局：12月期の月次報告です。"

    _sign_in(page, "staff1", PASSWORD)
    page.goto(f"/staff/committees/items/{item.pk}/")
    page.locator("#id_text").fill(text)
    # Two hours away from the desk: the session's last request is long past.
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    store[SEEN_KEY] = store[SEEN_KEY] - 2 * 60 * 60
    store.save()

    page.locator('button[name="preview"]').click()
    page.wait_for_url("**/accounts/login/**")
    assert "入力した内容がフォームに戻ります" in page.content()
    page.locator("#id_username").fill("staff1")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"**/staff/committees/items/{item.pk}/")
    assert page.locator("#id_text").input_value() == text
    assert page.locator("#draft-notice").is_visible()
    assert item.entries.count() == 0
