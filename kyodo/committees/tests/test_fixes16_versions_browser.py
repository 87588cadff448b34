"""Finding 7 in a real browser: at 320px the versions of published minutes are stacked cards,
with the version and 差分 links on screen, and no sideways scrolling."""

from __future__ import annotations

import pytest

from kyodo.committees.models import Minutes
from kyodo.committees.tests.test_fixes16_versions import corrected  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_versions_list_fits_a_320px_screen(browser, live_server, corrected):  # noqa: F811
    minutes = Minutes.objects.get(pk=corrected.pk)
    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    page.goto(f"/committee/minutes/{minutes.pk}/versions/")
    table = page.locator("table.versions")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    diff = page.get_by_role("link", name="第2版 → 第3版")
    box = diff.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    # Each cell says what it is once the heads are out of sight.
    label = page.locator("td[data-label=差分]").last
    assert label.evaluate("td => getComputedStyle(td, '::before').content") == '"差分："'
    page.get_by_role("link", name="第1版", exact=True).click()
    page.wait_for_url(f"**/committee/minutes/{minutes.pk}/versions/1/")
    page.wait_for_load_state()  # the new document, not the one being left
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    context.close()
