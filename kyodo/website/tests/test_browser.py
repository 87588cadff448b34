"""The public site in Debian's chromium, as a citizen on a phone uses it: no sideways scrolling,
the display switches (文字サイズ, 背景色, ふりがな) from the keyboard, an event application through
確認 and 完了 with a full-width e-mail, the error summary, the language switch, and the API's
documentation page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.events.models import Application, Event
from kyodo.website.tests.test_accessibility import pages_by_area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def open_event(demo):
    """An event of the demo moved into next month, taking applications."""
    event = Event.objects.get(title="会計講座中級編")
    day = timezone.localdate() + timedelta(days=30)
    Event.objects.filter(pk=event.pk).update(
        date=day, applications_open_on=None, applications_close_on=None
    )
    return event


def test_no_public_page_scrolls_sideways_at_320_and_375(page, demo):
    wide = []
    pages = pages_by_area()["public"]
    for width in (320, 375):
        page.set_viewport_size({"width": width, "height": 800})
        for url in pages:
            probe = page.request.get(url)
            if probe.status == 405 or not probe.headers.get("content-type", "").startswith(
                "text/html"
            ):
                continue  # an action that only takes POST, or a download: not a page
            page.goto(url)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide.append(f"{url} at {width}px: {scroll}px")
    assert len(pages) >= 25
    assert wide == []


def test_the_largest_text_on_black_still_fits_a_320px_screen(page, live_server, demo):
    page.context.add_cookies(
        [
            {"name": "kyodo_size", "value": "xlarge", "url": live_server.url},
            {"name": "kyodo_contrast", "value": "dark", "url": live_server.url},
        ]
    )
    page.set_viewport_size({"width": 320, "height": 800})
    wide = []
    for url in ["/", "/events/", "/events/calendar/2011/1/", "/groups/", "/contact/", "/access/"]:
        page.goto(url)
        assert page.evaluate("document.documentElement.className") == "text-xlarge contrast-dark"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > 320:
            wide.append(f"{url}: {scroll}px")
    assert wide == []


def test_apply_at_375_through_confirm_and_done_with_a_full_width_email(page, open_event):
    page.set_viewport_size(PHONE)
    page.goto(f"/events/{open_event.pk}/")
    page.get_by_label("氏名").fill("田無 花子")
    page.get_by_label("メールアドレス").fill("ｔａｎａｓｈｉ＠ｅｘａｍｐｌｅ．ｊｐ")
    page.get_by_label("電話番号").fill("０４２ー１１１ー２２２２")
    page.get_by_label("個人情報の取り扱いについて同意する").check()
    page.get_by_role("button", name="入力内容を確認する").click()

    # 確認: what was typed, normalised, and nothing sent yet.
    assert page.get_by_role("heading", level=1).inner_text() == "お申し込み内容の確認"
    confirm = page.locator("dl.confirm").inner_text()
    assert "tanashi@example.jp" in confirm and "042-111-2222" in confirm
    assert not Application.objects.filter(event=open_event, name="田無 花子").exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="申し込む").click()

    # 完了: what was sent and the cancel link.
    application = Application.objects.get(event=open_event, name="田無 花子")
    assert (application.email, application.phone, application.status) == (
        "tanashi@example.jp",
        "042-111-2222",
        "confirmed",
    )
    assert page.url.endswith(f"/events/applications/{application.token}/")
    assert "お申し込みを受け付けました。" in page.locator(".message").inner_text()
    assert "tanashi@example.jp" in page.locator("dl.confirm").inner_text()
    cancel = page.locator(".cancel-link a")
    assert cancel.get_attribute("href") == f"/events/applications/{application.token}/cancel/"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_switches_work_from_the_keyboard_and_the_application_still_goes_through(
    page, open_event
):
    page.set_viewport_size(PHONE)
    page.goto(f"/events/{open_event.pk}/")
    # On a phone the switches are behind the header's menu button.
    page.locator(".site-header .menu-button").click()
    for name in ("特大", "黒地"):
        button = page.get_by_role("button", name=name, exact=True)
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate("document.documentElement.className") == "text-xlarge contrast-dark"
    # Remembered: the next page comes from the server with the same classes.
    page.reload()
    assert page.evaluate("document.documentElement.className") == "text-xlarge contrast-dark"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"

    # A failed submit: the error summary takes focus and links to each field.
    page.get_by_role("button", name="入力内容を確認する").click()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary = page.locator("#error-summary")
    assert "氏名：このフィールドは必須です。" in summary.inner_text()
    summary.get_by_role("link", name=re.compile("^メールアドレス")).click()
    assert page.evaluate("document.activeElement.id") == "id_email"

    page.get_by_label("氏名").fill("保谷 次郎")
    page.get_by_label("メールアドレス").fill("hoya@example.jp")
    page.get_by_label("個人情報の取り扱いについて同意する").check()
    page.get_by_role("button", name="入力内容を確認する").click()
    page.get_by_role("button", name="申し込む").click()
    assert Application.objects.get(event=open_event, name="保谷 次郎").email == "hoya@example.jp"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_furigana_on_the_home_page(page, demo):
    page.set_viewport_size(PHONE)
    page.goto("/")
    assert page.locator("ruby").count() == 0
    page.locator(".site-header .menu-button").click()  # on a phone the switches are in the menu
    page.get_by_role("button", name="ふりがなをつける").click()
    page.wait_for_load_state()
    page.locator(".site-header .menu-button").click()
    assert (
        page.get_by_role("button", name="ふりがなをつける").get_attribute("aria-pressed") == "true"
    )
    readings = page.eval_on_selector_all(
        "main ruby",
        "els => els.map(e => [e.firstChild.textContent, e.querySelector('rt').textContent])",
    )
    assert ["協働", "きょうどう"] in readings
    # Okurigana stay outside the reading: 進める → 進<rt>すす</rt>める.
    assert ["進", "すす"] in readings
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="ふりがなをつける").click()
    page.wait_for_load_state()
    assert page.locator("ruby").count() == 0


def test_english_only_through_the_switch_with_western_dates(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_extra_http_headers({"Accept-Language": "en-US,en;q=0.9"})
    page.goto("/events/calendar/2011/1/")
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert "平成23年1月" in page.locator("h1").inner_text()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.goto("/news/")
    assert re.search(r"\b\d{1,2} January 2011\b", page.locator("main").inner_text())
    assert "平成" not in page.locator("main").inner_text()
    page.get_by_role("button", name="日本語").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert "平成23年" in page.locator("main").inner_text()
    context.close()


def test_the_api_documentation_renders_its_operations_from_our_own_files(page, db):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto("/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/events" in [s.replace("\u200b", "") for s in summaries]
    assert len(summaries) >= 8
    assert blocked == []
