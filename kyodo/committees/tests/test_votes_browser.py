"""Written votes (書面表決) in a real browser: a member votes on her page of a meeting held in
writing, and staff read the tally and fill the decision in from it; axe finds nothing on the form,
the read-only vote, the staff's meeting page and the filled-in decision page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from kyodo.committees.models import Meeting, WrittenVote
from kyodo.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}


def _sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def _violations(page) -> list[str]:
    return [v["id"] for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]]


def test_a_member_votes_and_staff_read_the_tally(page, written, staff):
    _sign_in(page, "sakaguchi")
    page.goto(f"/member/meetings/{written.pk}/")
    assert _violations(page) == []
    page.get_by_role("button", name="表決を送る").click()
    page.wait_for_load_state()
    assert page.locator("[role=alert]").first.is_visible()
    assert _violations(page) == []
    page.get_by_role("group", name="「第8回会議録の承認について」への表決").get_by_label(
        "賛成"
    ).check()
    page.get_by_role("group", name="「社会福祉協議会の担当理事候補について」への表決").get_by_label(
        "保留（意見）"
    ).check()
    page.get_by_label("「社会福祉協議会の担当理事候補について」へのコメント").fill("経歴を知りたい")
    page.get_by_role("button", name="表決を送る").click()
    page.wait_for_load_state()
    assert sorted(WrittenVote.objects.values_list("choice", "comment")) == [
        ("for", ""),
        ("reserved", "経歴を知りたい"),
    ]
    # After the close: read-only.
    Meeting.objects.filter(pk=written.pk).update(
        votes_close_on=timezone.localdate() - timedelta(days=1)
    )
    page.goto(f"/member/meetings/{written.pk}/")
    assert page.get_by_role("table", name="あなたの表決").is_visible()
    assert _violations(page) == []

    _sign_in(page, "nishiguchi")
    page.goto(f"/staff/committees/meetings/{written.pk}/")
    assert page.get_by_text("賛成 0・反対 0・保留 1・未回答 3").is_visible()
    assert _violations(page) == []
    page.get_by_role(
        "link", name="この集計から議決を記録する 社会福祉協議会の担当理事候補について"
    ).click()
    page.wait_for_load_state()
    assert page.locator("#decision-from-votes").is_visible()
    assert _violations(page) == []
