"""In a real browser at a phone's width: a center set up with ``kyodo setup``; its first staff
member starts with the printed code, prints a letter for a colleague without e-mail, who starts
with it; the audit log's cards hold long titles."""

import io
import re

import pytest
from django.core.management import call_command

from kyodo.core.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD_1 = "aoba-center-2026!"
PASSWORD_2 = "aoba-hirose-2026!"


def _start(page, username: str, code: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_role("link", name="センターから案内状が届いた方はこちら").click()
    page.locator("#id_username").fill(username)
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="次へ（パスワードを決める）").click()
    page.locator("#id_new_password1").fill(password)
    page.locator("#id_new_password2").fill(password)
    page.get_by_role("button", name="パスワードを設定する").click()
    page.wait_for_url("**/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="ログイン").click()


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    overflowing = page.evaluate(
        "[...document.querySelectorAll('td')].filter(td => td.scrollWidth > td.clientWidth + 1)"
        ".length"
    )
    assert overflowing == 0


def test_a_new_center_starts_with_codes_on_a_phone(page, live_server, settings):
    settings.SITE_URL = live_server.url
    out = io.StringIO()
    call_command(
        "setup", "--center", "あおば市市民協働推進センター", "--staff-username", "tanaka",
        "--staff-name", "田中 由美", "--phone", "022-000-0000", stdout=out,
    )  # fmt: skip
    code = re.search(r"コード：(\S+)", out.getvalue()).group(1)
    page.set_viewport_size({"width": 375, "height": 800})
    # Typed as read off the screen, in lower case.
    _start(page, "tanaka", code.lower(), PASSWORD_1)
    page.wait_for_url("**/staff/")

    page.goto("/staff/people/new/")
    page.locator("#id_full_name").fill("広瀬 一郎")
    page.locator("#id_username").fill("hirose")
    page.get_by_label("委員", exact=True).check()
    page.get_by_label("事務局", exact=True).uncheck()
    page.get_by_role("button", name="アカウントを作る").click()
    hirose = User.objects.get(username="hirose")
    assert page.url.endswith(f"/staff/people/{hirose.pk}/")
    page.get_by_role("button", name="コード付きの案内状を印刷する").click()
    letter = page.locator("article.letter")
    assert "広瀬 一郎 様" in letter.inner_text()
    assert "ウェブサイトの利用開始のご案内" in letter.inner_text()
    code = letter.locator("dl.letter-code dd code").nth(1).inner_text()
    _no_sideways_scroll(page)
    # Printed: the letter alone, without the staff pages' header and navigation.
    page.emulate_media(media="print")
    assert page.locator("header.site-header").is_hidden()
    assert letter.is_visible()
    page.emulate_media(media="screen")

    # A long title without spaces in the audit log's cards (it ran 320 px past its card).
    from kyodo.core.center import venue_create

    venue_create(actor=User.objects.get(username="tanaka"),
                 name="あおば市民活動サポートセンター本館三階多目的ホール兼大会議室" * 2)  # fmt: skip
    page.goto("/staff/audit/")
    assert "本館三階多目的ホール兼大会議室あおば" in page.locator("table.audit").inner_text()
    _no_sideways_scroll(page)
    page.locator(".site-header .menu-button").click()  # on a phone the menu is folded
    page.get_by_role("button", name="ログアウト").click()
    _start(page, "hirose", code, PASSWORD_2)
    page.wait_for_url("**/member/")
    hirose.refresh_from_db()
    assert hirose.check_password(PASSWORD_2)
