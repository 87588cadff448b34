"""お問い合わせ at 375 px, answered by staff by mail, delivered to a real SMTP server."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kyodo.contact.models import Inquiry
from kyodo.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def deliver() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)


def test_a_citizen_asks_and_staff_answer_by_mail(page, demo, smtp_server):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    page.get_by_role("link", name="お問い合わせ").first.click()
    page.get_by_label("センターや事業についての質問").check()
    page.get_by_label("お名前").fill("田無 花子")
    page.get_by_label("メールアドレス").fill("ｔａｎａｓｈｉ＠ｅｘａｍｐｌｅ．ｊｐ")
    page.get_by_label("お問い合わせ内容").fill("土曜日の夜も会議室を借りられますか。")
    page.get_by_label("個人情報の取り扱いについて同意する").check()
    page.get_by_role("button", name="入力内容を確認する").click()
    assert "tanashi@example.jp" in page.locator("dl.confirm").inner_text()
    page.get_by_role("button", name="送信する").click()
    inquiry = Inquiry.objects.get(name="田無 花子")
    assert page.get_by_role("heading", level=1).inner_text() == "お問い合わせを送信しました"
    assert f"受付番号は {inquiry.pk} です" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # Staff read it in the inbox and reply.
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("nishiguchi")
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.goto("/staff/contact/?status=new")
    page.get_by_role("link", name=str(inquiry.pk), exact=True).click()
    page.locator("#id_body").fill("土曜日は午後9時までご利用いただけます。")
    page.get_by_role("button", name="回答を送信する").click()
    assert "回答をメールの送信待ちに入れました。" in page.locator(".messages").inner_text()
    inquiry.refresh_from_db()
    assert inquiry.status == "answered"

    deliver()
    mails = smtp_server.by_recipient("tanashi@example.jp")
    subjects = [m["message"]["Subject"] for m in mails]
    assert subjects == [
        f"お問い合わせを受け付けました（受付番号 {inquiry.pk}）",
        f"お問い合わせへの回答（受付番号 {inquiry.pk}）",
    ]
    reply = mails[1]["message"]
    body = reply.get_content()
    assert "土曜日は午後9時までご利用いただけます。" in body
    assert "> 土曜日の夜も会議室を借りられますか。" in body
    # From the center, with its contact block.
    assert reply["From"] == "西東京市市民協働推進センター <center@example.jp>"
    assert "TEL 042-000-0000" in body
    # The center heard of the new inquiry too, with a link to it.
    notice = smtp_server.by_recipient("center@example.jp")[0]["message"].get_content()
    assert f"/staff/contact/{inquiry.pk}/" in notice
