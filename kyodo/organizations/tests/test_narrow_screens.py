"""Tables on a 320px phone, in Debian's chromium: the group directory as cards (at 特大 with
ふりがな too), staff lists scrolling sideways inside themselves; never the page, and a date, a
telephone number or 「NPO法人」 never cut across lines."""

from __future__ import annotations

import re

import pytest

from kyodo.core.demo import DEMO_PASSWORD
from kyodo.organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320
# The lines a cell's text takes: the distinct tops of its line boxes.
LINES = """el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = new Set();
  for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
  return tops.size;
}"""
# Cells that must stay on one line: a date in 和暦, a telephone number, a legal form.
WHOLE = re.compile(
    r"^(?:(?:明治|大正|昭和|平成|令和)\d+年\d+月\d+日(?:\(.\))?|\d{2,5}-\d{1,4}-\d{3,4}|NPO法人)$"
)
CELLS = """els => els.map(el => [el.innerText.trim(), el])"""


def _page_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _cut_cells(page) -> list[str]:
    """The cells that should read whole but take more than one line."""
    cut = []
    for cell in page.locator("main table td, main table th").all():
        text = cell.inner_text().strip()
        if WHOLE.match(text) and cell.evaluate(LINES) > 1:
            cut.append(text)
    return cut


def _sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def test_the_group_directory_reads_whole_at_320px(page, live_server, demo):
    count = Organization.objects.listed().count()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    for cookies in ({}, {"kyodo_size": "xlarge", "kyodo_ruby": "on"}):
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": k, "value": v, "url": live_server.url} for k, v in cookies.items()]
        )
        page.goto("/groups/")
        assert _page_scroll(page) <= WIDTH, cookies
        caption = page.locator("main table caption")
        # The whole caption is seen (「49団体」, with its reading when ふりがな is on).
        assert caption.evaluate("c => c.scrollWidth <= c.clientWidth"), cookies
        assert caption.evaluate("c => c.getBoundingClientRect().right") <= WIDTH
        assert re.sub(r"[ぁ-ん\s]", "", caption.inner_text()) == f"{count}団体", cookies
        # Each group is a card no wider than the screen; its name, reading and legal form read
        # whole, under each other.
        rows = page.locator("main table tbody tr")
        assert rows.count() == count
        first = rows.first.bounding_box()
        assert first["x"] >= 0 and first["x"] + first["width"] <= WIDTH
        assert first["height"] < 400, cookies  # was 1,229px at 特大 with ふりがな
        npo = page.locator("main table tbody td", has_text="NPO法人").first
        if not cookies:
            assert npo.evaluate(LINES) == 1
            assert _cut_cells(page) == []
        else:
            # 「NPO法人」 with its reading over 法人: one line of text under the reading.
            assert npo.evaluate("td => td.getBoundingClientRect().height") < 80


def test_staff_lists_scroll_inside_themselves_at_320px(page, demo):
    from kyodo.events.models import Event

    event = Event.objects.filter(applications__isnull=False).first()
    _sign_in(page, "nishiguchi")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    wide, cut = [], []
    for url in (
        "/staff/groups/",
        f"/staff/events/{event.pk}/",
        "/staff/collaboration/",
        "/staff/consultations/",
        "/staff/outbox/",
    ):
        page.goto(url)
        if _page_scroll(page) > WIDTH:
            wide.append(f"{url}: {_page_scroll(page)}px")
        cut += [f"{url}: {text}" for text in _cut_cells(page)]
    assert wide == []
    assert cut == []
    # The groups' list is wider than the phone: it scrolls sideways within itself, its rows
    # one or two lines high (they were 417px: a character or two a line).
    page.goto("/staff/groups/")
    table = page.locator("main table").first
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")
    assert table.evaluate("t => t.getBoundingClientRect().right") <= WIDTH
    heights = table.evaluate(
        "t => [...t.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect().height)"
    )
    assert max(heights) < 120
    registered = page.locator("main table tbody td.nowrap").first
    assert WHOLE.match(registered.inner_text().strip())
    assert registered.evaluate(LINES) == 1
