"""In a real browser (Debian's chromium through Playwright): a citizen applies, the confirmation
reaches a real SMTP server through the outbox and the task worker, staff see the application."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kyodo.conftest import PASSWORD
from kyodo.events.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_applies_and_staff_see_the_application(page, smtp_server, make_event):
    event = make_event(capacity_people=20)

    page.goto(f"/events/{event.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "会計講座中級編"
    page.get_by_label("個人", exact=True).check()
    page.get_by_label("氏名").fill("青木 陽子")
    page.get_by_label("ふりがな").fill("あおき ようこ")
    page.get_by_label("メールアドレス").fill("aoki@example.jp")
    page.get_by_label("個人情報の取り扱いについて同意する").check()
    page.get_by_role("button", name="入力内容を確認する").click()
    page.get_by_role("button", name="申し込む").click()

    page.get_by_text("お申し込みを受け付けました。").wait_for()
    page.goto(f"/events/{event.pk}/")
    assert "1人" in page.content()

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)

    received = smtp_server.by_recipient("aoki@example.jp")
    assert len(received) == 1
    message = received[0]["message"]
    assert message["Subject"] == "お申し込みありがとうございます：会計講座中級編"
    token = Application.objects.get().token
    assert f"/events/applications/{token}/cancel/" in message.get_content()

    page.goto("/staff/events/")
    page.get_by_label("ユーザー名").fill("staff1")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.get_by_role("link", name="会計講座中級編").click()

    row = page.get_by_role("row", name="青木 陽子")
    assert "受付済み" in row.inner_text()
    assert "aoki@example.jp" in row.inner_text()
