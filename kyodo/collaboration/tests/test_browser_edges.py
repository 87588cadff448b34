"""In a real browser at 320 px and on a desktop: the question before a bureau merger, and a
draft whose call was withdrawn, pass axe's WCAG 2 A/AA rules and never scroll sideways."""

from __future__ import annotations

import pytest

from kyodo.collaboration.models import Department
from kyodo.collaboration.tests.test_browser import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, name: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        found += [
            f"{name} at {width}px: {v['id']}"
            for v in Axe()
            .run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
            .response["violations"]
        ]
        if width == 320:
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    return found


def test_a_merger_is_asked_then_done_at_320_pixels(page, staff):
    from playwright.sync_api import expect

    for name, reading, bureau in (
        ("協働コミュニティ課", "きょうどうこみゅにてぃか", "市民協働部"),
        ("文化振興課", "ぶんかしんこうか", "市民協働部"),
        ("道路課", "どうろか", "都市整備部"),
    ):
        Department.objects.create(name=name, name_reading=reading, bureau=bureau)
    _sign_in(page, "nishiguchi")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/staff/collaboration/bureaus/")
    page.get_by_label("名称を変更する部").select_option("市民協働部")
    page.get_by_label("部の新しい名称").fill("都市　整備部")
    page.get_by_label("新しい名称を使う最初の年度").fill("令和7年度")
    page.get_by_role("button", name="名称を変更", exact=True).click()

    expect(page.get_by_role("heading", name="部を統合しますか")).to_be_visible()
    found = _check(page, "merge question")
    page.get_by_role("button", name="「市民協働部」を「都市整備部」に統合する").click()

    expect(page.get_by_role("status")).to_contain_text(
        "「市民協働部」を「都市整備部」に統合しました"
    )
    assert found == []
    assert set(Department.objects.values_list("bureau", flat=True)) == {"都市整備部"}


def test_a_draft_to_a_withdrawn_call_says_why_at_320_pixels(page, kaze, staff, call):
    from playwright.sync_api import expect

    from kyodo.collaboration import services
    from kyodo.collaboration.tests.conftest import PROPOSAL_DATA

    draft = services.proposal_create(
        actor=kaze.representative_user, call=call, fields=services.ProposalFields(**PROPOSAL_DATA)
    )
    services.call_publish(actor=staff, call=call, publish=False)
    _sign_in(page, "kaze")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/group/collaboration/proposals/{draft.pk}/")

    expect(page.locator("#draft-closed")).to_contain_text("センターが取り下げました")
    found = _check(page, "withdrawn draft")
    page.goto("/group/collaboration/")
    found += _check(page, "group index")
    assert found == []
