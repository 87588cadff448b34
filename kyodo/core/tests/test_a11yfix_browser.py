"""In a real browser at 360 px (a phone): the header folds behind one menu button, and the warning
before a staff session ends is seen and reached wherever the person is on the page."""

import pytest

from kyodo.conftest import PASSWORD
from kyodo.core.models import Center

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _targets_under_44(page) -> list:
    return page.evaluate(
        """Array.from(document.querySelectorAll(
             'header a, header button, header input, footer a'))
           .filter(e => e.offsetParent !== null)
           .map(e => { const r = e.getBoundingClientRect();
                       return [e.textContent.trim() || e.name, r.width, r.height]; })
           .filter(x => x[1] < 44 || x[2] < 44)"""
    )


def test_on_a_phone_the_header_folds_behind_one_button(page):
    Center.objects.create(name="西東京市市民協働推進センター")
    page.set_viewport_size(PHONE)
    page.goto("/")
    button = page.locator(".site-header .menu-button")

    # Folded: the site name and the button, then the page's content on the first screen.
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "display-tools header-nav"
    assert page.locator("#display-tools").is_hidden()
    assert page.locator("#header-nav").is_hidden()
    assert page.evaluate("document.querySelector('main').getBoundingClientRect().top") < 150
    assert button.bounding_box()["height"] >= 44

    # The skip link is still the first stop, and goes to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("navigation", name="メインメニュー").is_visible()
    assert page.get_by_role("button", name="特大").is_visible()
    assert page.get_by_role("searchbox").is_visible()
    assert _targets_under_44(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") == 360

    # Escape folds it again and gives focus back to the button.
    page.get_by_role("link", name="事業", exact=True).focus()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('menu-button')") is True


def test_without_javascript_the_header_is_shown_whole(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", java_script_enabled=False, viewport=PHONE
    )
    try:
        page = context.new_page()
        page.goto("/")
        assert page.locator(".site-header .menu-button").is_hidden()
        assert page.get_by_role("navigation", name="メインメニュー").is_visible()
        assert page.get_by_role("button", name="特大").is_visible()
        assert page.get_by_role("searchbox").is_visible()
    finally:
        context.close()


def test_on_a_wide_screen_there_is_no_menu_button(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    assert page.locator(".site-header .menu-button").is_hidden()
    assert page.get_by_role("navigation", name="メインメニュー").is_visible()


def _sign_in(page):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("staff1")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/staff/")


def test_the_idle_warning_is_seen_and_reached_far_down_a_form(page, staff_user, settings):
    settings.SESSION_IDLE_MINUTES = 60
    page.set_viewport_size(PHONE)
    page.clock.install()
    _sign_in(page)
    page.goto("/staff/consultations/new/")
    body = page.locator("#id_summary")
    body.click()
    page.keyboard.type("相談の内容")
    assert page.evaluate("window.scrollY") > 300

    page.clock.fast_forward("55:01")
    warning = page.locator("#idle-warning")
    warning.wait_for(state="visible")
    box = warning.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert warning.get_attribute("role") == "alertdialog"
    assert page.locator("#idle-warning-text").get_attribute("role") == "alert"
    assert "まもなく自動的にログアウトします" in warning.inner_text()

    # Politely: after a pause in the typing, focus is on 「ログインを続ける」.
    page.clock.fast_forward("00:03")
    page.wait_for_function("document.activeElement.classList.contains('idle-continue')")
    page.keyboard.press("Enter")
    warning.wait_for(state="hidden")
    # Back where the person was typing, the text untouched.
    page.wait_for_function("document.activeElement.id === 'id_summary'")
    assert body.input_value() == "相談の内容"


def test_the_staff_form_error_summary_takes_focus_and_links_to_the_group(page, staff_user):
    _sign_in(page)
    page.goto("/staff/consultations/new/")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    page.wait_for_function("document.activeElement.id === 'error-summary'")
    assert "分類：分類を1つ以上選んでください。" in summary.inner_text()
    group = page.locator("fieldset.has-error")
    assert group.get_attribute("aria-describedby") == "id_categories_error"
    summary.get_by_role("link", name="分類：分類を1つ以上選んでください。").click()
    assert page.evaluate("document.activeElement.id") == "id_categories_0"
