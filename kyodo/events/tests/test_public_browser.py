"""In Debian's chromium: applying to an event by keyboard alone (Tab, Enter, Space, typing; no
clicks), with a visible focus indicator, and at 200 % text size without horizontal scrolling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.events.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What has the focus: its tag, id, text (links and buttons) and the focus outline drawn.
ACTIVE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || '').trim(),
          href: el.getAttribute('href') || '', outline: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth) || 0, outlineColor: style.outlineColor,
          halo: style.boxShadow};
}"""
NO_HORIZONTAL_SCROLL = """() => ({scroll: document.documentElement.scrollWidth,
                                  client: document.documentElement.clientWidth})"""
# --focus-ring and --focus in kyodo.css: a dark outline with a yellow halo (3:1 or more against
# the white and pale blue backgrounds, where the yellow alone was 1.5:1).
FOCUS_COLOUR = "rgb(26, 26, 26)"
HALO_COLOUR = "rgb(255, 191, 71)"


def tab_until(page, matches, limit: int = 60) -> dict:
    """Press Tab until the focused element satisfies ``matches``; fail after ``limit`` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if matches(active):
            return active
        seen.append(active["id"] or active["text"][:20])
    raise AssertionError(f"never reached by Tab; passed {seen}")


def assert_focus_visible(active: dict) -> None:
    assert active["outline"] == "solid", active
    assert active["outlineWidth"] >= 3, active
    assert active["outlineColor"] == FOCUS_COLOUR, active
    assert HALO_COLOUR in active["halo"], active


def test_apply_by_keyboard_alone(page, make_event):
    event = make_event(title="会計講座中級編", capacity_people=20)
    make_event(title="交流サロン", date=timezone.localdate() + timedelta(days=9))

    page.goto("/")
    # From the home page to the events list, then to the event, by Tab and Enter only.
    link = tab_until(page, lambda a: a["tag"] == "a" and a["text"] == "事業")
    assert_focus_visible(link)
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/")
    link = tab_until(page, lambda a: a["tag"] == "a" and a["text"] == "会計講座中級編")
    assert_focus_visible(link)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{event.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "会計講座中級編"

    # The form: "individual" is chosen already; Space on it keeps it chosen.
    radio = tab_until(page, lambda a: a["id"] == "id_kind_0")
    page.keyboard.press("Space")
    assert_focus_visible(radio)
    name = tab_until(page, lambda a: a["id"] == "id_name", limit=6)
    assert_focus_visible(name)
    page.keyboard.type("青木 陽子")
    tab_until(page, lambda a: a["id"] == "id_name_reading", limit=1)
    page.keyboard.type("あおき ようこ")
    tab_until(page, lambda a: a["id"] == "id_email", limit=1)
    page.keyboard.type("aoki@example.jp")
    tab_until(page, lambda a: a["id"] == "id_consent", limit=5)
    page.keyboard.press("Space")
    button = tab_until(
        page, lambda a: a["tag"] == "button" and a["text"] == "入力内容を確認する", limit=2
    )
    assert_focus_visible(button)
    page.keyboard.press("Enter")
    # 確認: nothing sent yet; 「申し込む」 sends.
    page.wait_for_selector("dl.confirm")
    button = tab_until(page, lambda a: a["tag"] == "button" and a["text"] == "申し込む")
    assert_focus_visible(button)
    page.keyboard.press("Enter")

    page.get_by_text("お申し込みを受け付けました。").wait_for()
    application = Application.objects.get(event=event)
    assert (application.name, application.name_reading, application.email) == (
        "青木 陽子",
        "あおき ようこ",
        "aoki@example.jp",
    )
    assert (application.kind, application.status, application.people) == (
        Application.Kind.INDIVIDUAL,
        Application.Status.CONFIRMED,
        1,
    )


def test_the_filters_and_the_calendar_work_by_keyboard(page, make_event):
    make_event(title="会計講座中級編")
    make_event(title="交流サロン", kind="salon")

    page.goto("/events/")
    select = tab_until(page, lambda a: a["id"] == "id_kind")
    assert_focus_visible(select)
    # A closed <select> takes the typed letters of an option; arrow keys move the choice.
    page.keyboard.press("ArrowDown")  # 講座 (lecture), the first kind after すべての種類
    tab_until(page, lambda a: a["tag"] == "button" and a["text"] == "表示する", limit=4)
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/?kind=lecture*")
    headings = page.locator("article.event h3").all_inner_texts()
    assert headings == ["会計講座中級編"]

    today = timezone.localdate()
    link = tab_until(page, lambda a: a["href"] == f"/events/calendar/{today.year}/{today.month}/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/calendar/{today.year}/{today.month}/")
    assert page.locator("td[aria-current=date]").count() == 1
    assert link["text"].endswith("のカレンダー")


@pytest.mark.parametrize("path", ["/events/", "/events/calendar/", "event"])
def test_no_horizontal_scrolling_at_200_percent_text(page, make_event, path):
    event = make_event(title="会計講座中級編", capacity_people=20)
    page.set_viewport_size({"width": 1280, "height": 900})
    # Text zoom: the root font size doubled on every page load (rem and em scale with it).
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " document.documentElement.style.fontSize = '200%'; });"
    )
    page.goto(event.get_absolute_url() if path == "event" else path)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    sizes = page.evaluate(NO_HORIZONTAL_SCROLL)
    assert sizes["scroll"] <= sizes["client"], sizes

    if path == "event":
        # The form still works at this size.
        page.get_by_label("氏名").fill("青木 陽子")
        page.get_by_label("メールアドレス").fill("aoki@example.jp")
        page.get_by_label("個人情報の取り扱いについて同意する").check()
        page.get_by_role("button", name="入力内容を確認する").click()
        page.get_by_role("button", name="申し込む").click()
        page.get_by_text("お申し込みを受け付けました。").wait_for()
        sizes = page.evaluate(NO_HORIZONTAL_SCROLL)
        assert sizes["scroll"] <= sizes["client"], sizes
        assert Application.objects.get(event=event).email == "aoki@example.jp"
