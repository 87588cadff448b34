"""Every control of the public site and of a committee member's pages can be hit with a finger
at 320 px (WCAG 2.2 2.5.8, target size minimum): a target is at least 24 by 24 CSS pixels (with
its label, for a radio button or a check box), or a 24 px circle centred on it meets no other
target, or it is a link inside a sentence."""

import pytest

from kyodo.website.tests.test_accessibility import all_routes, app_samples, samples, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The targets that fail 2.5.8 on the page, as "tag "text" WxH near "other"".
TOO_SMALL = """
() => {
  // A target under 24x24 passes when a 24px circle centred on it meets no other target nor
  // another small target's circle; a link inside a sentence passes too (inline exception).
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  const els = [...document.querySelectorAll(sel)].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true});
  });
  const labelled = el => el.labels && el.labels.length ? [...el.labels].map(l => l.getBoundingClientRect()) : [];
  const boxes = els.map(el => {
    const rects = [el.getBoundingClientRect(), ...labelled(el)];
    return {el, rects};
  });
  const inline = el => {
    if (el.tagName !== 'A') return false;
    const cs = getComputedStyle(el);
    if (!cs.display.startsWith('inline') || cs.display === 'inline-block') return false;
    const block = el.closest('p, li, dd, td, th, div, span.help');
    if (!block) return false;
    let other = 0;
    for (const a of block.querySelectorAll('a[href]')) other += a.innerText.trim().length;
    return block.innerText.trim().length - other > 4;  // text around it besides links
  };
  const bigEnough = b => {
    // the union of the control and its label(s) as one target when they touch
    const r = b.rects[0];
    if (r.width >= 24 && r.height >= 24) return true;
    return b.rects.slice(1).some(l => l.height >= 24 || (Math.max(r.bottom, l.bottom) - Math.min(r.top, l.top) >= 24 && Math.max(r.right, l.right) - Math.min(r.left, l.left) >= 24));
  };
  const centre = r => [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
  const hitsRect = (c, r) => {
    const dx = Math.max(r.left - c[0], 0, c[0] - r.right), dy = Math.max(r.top - c[1], 0, c[1] - r.bottom);
    return dx * dx + dy * dy < 144 - 0.5;
  };
  const small = boxes.filter(b => !bigEnough(b) && !inline(b.el));
  const fails = [];
  for (const b of small) {
    const c = centre(b.rects[0]);
    const clash = boxes.find(o => o !== b && !o.el.contains(b.el) && !b.el.contains(o.el) && (
      o.rects.some(r => hitsRect(c, r)) ||
      (small.includes(o) && Math.hypot(...centre(o.rects[0]).map((v, i) => v - c[i])) < 24 - 0.5)));
    if (clash) {
      const r = b.rects[0];
      fails.push(`${b.el.tagName.toLowerCase()} "${(b.el.innerText || b.el.value || b.el.getAttribute('aria-label') || '').trim().slice(0, 25)}" ${Math.round(r.width)}x${Math.round(r.height)} near "${(clash.el.innerText || clash.el.value || '').trim().slice(0, 20)}"`);
    }
  }
  return fails;
}
"""


# The open-data page's three API links in one line joined by 「・」 (kyodo/api, not this test's
# app): /tmp/fixes06/api-catalogue-link-list.patch makes them a link list; until it is applied
# these two, and only these, are let through.
AWAITING_FIX = {
    '/opendata/: a "API の入口" 78x19 near "API の説明（Swagger UI）"',
    '/opendata/: a "OpenAPI（JSON）" 139x19 near "API の説明（Swagger UI）"',
}


def pages_by_area() -> dict[str, list[str]]:
    """The public and member pages of the axe test's list (its own check that every route has a
    sample is left to it: staff routes are none of this test's business)."""
    sample = samples() | app_samples()
    areas = {"public": [], "member": []}
    for route in all_routes():
        if route.startswith(("/staff/", "/group/")):
            continue
        url = sample.get(route, route)
        if url is None or "<" in url:
            continue
        areas["member" if url.startswith("/member/") else "public"].append(url)
    return areas


def too_small(page, urls: list[str]) -> list[str]:
    found = []
    for url in urls:
        probe = page.request.get(url)
        if probe.status == 405 or not probe.headers.get("content-type", "").startswith("text/html"):
            continue  # an action that only takes POST, or a download: not a page
        page.goto(url)
        found += [f"{url}: {f}" for f in page.evaluate(TOO_SMALL)]
    return found


def test_public_and_member_targets_are_large_enough_or_apart_at_320px(page, demo):
    page.set_viewport_size({"width": 320, "height": 800})
    areas = pages_by_area()
    found = too_small(page, areas["public"])
    sign_in(page, "kumada")
    found += too_small(page, ["/member/", *areas["member"]])
    assert len(areas["public"]) >= 25
    assert [f for f in found if f not in AWAITING_FIX] == []


def test_two_small_buttons_side_by_side_are_reported(page, demo):
    # The check above must be able to fail: two 16px buttons 4px apart.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/")
    page.evaluate(
        """() => {
          const box = document.createElement('div');
          for (const text of ['甲', '乙']) {
            const b = document.createElement('button');
            b.textContent = text;
            b.style.cssText = 'width:16px;height:16px;padding:0;margin:0 4px 0 0;font-size:8px';
            box.append(b);
          }
          document.querySelector('main').append(box);
        }"""
    )
    assert page.evaluate(TOO_SMALL) == [
        'button "甲" 16x16 near "乙"',
        'button "乙" 16x16 near "甲"',
    ]


SEPARATORS = """() => [...document.querySelectorAll('main .link-list li + li')].map(
  li => getComputedStyle(li, '::before').content)"""


def test_a_list_of_links_wraps_on_a_phone_without_a_separator_beginning_a_line(page, demo):
    # The home page's links under 今後の事業 and お知らせ: 6 and 3 links, so 7 separators.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/")
    assert page.evaluate(SEPARATORS) == ["none"] * 7
    starts = page.evaluate(
        "() => [...document.querySelectorAll('main .link-list li')].map(li => li.offsetLeft)"
    )
    assert len(starts) == 9 and len(set(starts)) > 2  # wrapped: several links begin lines
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.evaluate(SEPARATORS) == ['"｜"'] * 7


CELL_WIDTHS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.checkVisibility())
  .map(el => Math.round(el.getBoundingClientRect().width))"""


def test_a_phone_s_card_and_day_lines_are_as_wide_as_the_page(page, demo):
    # kyodo.css caps a phone's table cells at 15em (240px): a line of a card or of the month's
    # list is the card's or the page's width instead, 288px at 320 less a card's border and padding.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/events/calendar/2011/1/")
    days = page.evaluate(CELL_WIDTHS, "table.calendar td")
    assert days == [288] * 4  # the four days of January 2011 with events
    page.goto("/groups/")
    cells = page.evaluate(CELL_WIDTHS, "table.directory tbody th, table.directory tbody td")
    assert len(cells) >= 30 and set(cells) == {267}
    # Today's day, boxed by its outline: its text 8px inside the box.
    page.goto("/events/calendar/")
    inset = page.evaluate(
        """() => { const td = document.querySelector('table.calendar td.today');
          return td.querySelector('.day-number').getBoundingClientRect().left
            - td.getBoundingClientRect().left; }"""
    )
    assert inset == 8
    assert page.evaluate("document.documentElement.scrollWidth") == 320
