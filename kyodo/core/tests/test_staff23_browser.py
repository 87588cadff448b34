"""At 375 px in a real browser (brief 7): staff remove an applicant's data at a person's request,
and the account page's roles, with the center manager named, fit the screen."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from kyodo.conftest import PASSWORD
from kyodo.core.roles import Role
from kyodo.events import services as events
from kyodo.events.models import Application, Event, EventKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/staff/")


def _overflow(page) -> int:
    """How far the page is wider than the screen (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_removal_at_375px(page, make_user):
    page.set_viewport_size({"width": 375, "height": 800})
    manager = make_user("nishiguchi", Role.STAFF, Role.MANAGER, full_name="西口")
    event = events.event_create(
        actor=manager,
        status=Event.Status.PUBLISHED,
        title="会計講座中級編",
        kind=EventKind.LECTURE,
        date=timezone.localdate() + timedelta(days=7),
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue_text="イングビル3階 第1会議室",
    )
    application = events.application_submit(
        actor=None, event=event, kind="individual", name="山田 太郎", email="yamada@example.jp"
    )
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate() - timedelta(days=14))
    _sign_in(page, "nishiguchi")

    page.goto(f"/staff/people/{manager.pk}/")
    assert page.locator("p.managers").inner_text().startswith("現在のセンター長：西口。")
    assert _overflow(page) == 0

    page.goto("/staff/privacy/")
    page.get_by_label("本人の名前、ふりがな、メールアドレスまたは電話番号").fill(
        "yamada@example.jp"
    )
    page.get_by_role("button", name="検索").click()
    page.get_by_role("link", name="山田 太郎").click()
    assert _overflow(page) == 0
    page.get_by_role("button", name="個人情報を削除する").click()
    # Without the reason: said on the page, nothing removed.
    assert page.get_by_text("このフィールドは必須です。").count() >= 1
    assert Application.objects.get(pk=application.pk).name == "山田 太郎"
    page.get_by_label("理由（操作履歴に残ります）").fill("本人から電話で削除の申し出")
    page.get_by_role("button", name="個人情報を削除する").click()
    page.wait_for_url("**/staff/privacy/")
    assert page.get_by_text("申込者の個人情報を削除しました。").is_visible()
    assert _overflow(page) == 0
    assert Application.objects.get(pk=application.pk).name == ""
