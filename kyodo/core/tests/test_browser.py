"""In a real browser (Debian's chromium through Playwright): staff sign in and see the to-do list."""

import pytest

from kyodo.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_sign_in_and_land_on_the_dashboard(page, staff_user):
    page.goto("/staff/")
    assert "/accounts/login/" in page.url

    page.get_by_label("ユーザー名").fill("staff1")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()

    page.wait_for_url("**/staff/")
    assert page.get_by_role("heading", level=1).inner_text() == "やること"
    assert page.get_by_role("link", name="送信メール").is_visible()


def test_a_wrong_password_is_refused_in_japanese(page, staff_user):
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("staff1")
    page.get_by_label("パスワード").fill("wrong-password")
    # The refusal is the POST's answer: wait for that page, not the one the click left.
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン").click()

    assert "正しいユーザー名とパスワードを入力してください" in page.content()
    assert "/accounts/login/" in page.url
