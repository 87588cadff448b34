"""In a real browser: a group writes and submits a proposal, staff score and adopt it."""

from __future__ import annotations

import pytest

from kyodo.collaboration.models import Collaboration, Proposal
from kyodo.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def test_a_group_submits_a_proposal_and_staff_adopt_it(page, kaze, call, staff, department):
    from playwright.sync_api import expect

    _sign_in(page, "kaze")
    page.goto("/group/collaboration/")
    page.get_by_role("link", name="「NPO等企画提案事業」に提案する").click()
    page.get_by_label("事業名").fill("まちの風景写真アーカイブ")
    page.get_by_label("協働を希望する担当課").select_option(label="協働コミュニティ課")
    page.get_by_label("事業の概要").fill("市民から風景写真を募り、散策マップを作る。")
    page.get_by_label("希望する事業費（円）").fill("８００，０００")
    page.get_by_role("button", name="下書きとして保存").click()
    expect(page.locator("#proposal-status")).to_have_text("下書き")

    page.get_by_label("添付するファイル").set_input_files(
        files=[{"name": "計画書.txt", "mimeType": "text/plain", "buffer": "計画".encode()}]
    )
    page.get_by_role("button", name="添付する", exact=True).click()
    expect(page.get_by_role("link", name="計画書.txt")).to_be_visible()
    page.get_by_role("button", name="提案を提出する").click()
    expect(page.get_by_role("status")).to_contain_text("提案を提出しました")
    expect(page.locator("#proposal-status")).to_have_text("提出済み")
    expect(page.get_by_role("button", name="下書きを保存")).to_have_count(0)

    _sign_in(page, "nishiguchi")
    page.goto("/staff/collaboration/reviews/")
    page.get_by_role("link", name="まちの風景写真アーカイブ").click()
    page.get_by_label("公益性（0～30点）").fill("40")
    page.get_by_label("実現可能性（0～20点）").fill("15")
    page.get_by_role("button", name="採点を保存").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "「公益性」の点数は0から30までで入力してください。"
    )
    page.get_by_label("公益性（0～30点）").fill("25")
    page.get_by_label("実現可能性（0～20点）").fill("15")
    page.get_by_role("button", name="採点を保存").click()
    expect(page.locator("#reviews tbody td").nth(2)).to_have_text("40")
    # Before the deadline nothing can be decided; the call then closes.
    expect(page.locator("#decision-waits")).to_contain_text("受付締切後にまとめて決定します")
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    type(call).objects.filter(pk=call.pk).update(
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    page.reload()

    page.get_by_label("採択する").check()
    page.get_by_role("button", name="決定を記録する").click()
    expect(page.locator("#decision-reviewers")).to_have_text("この提案を採点した審査員は1人です。")
    page.get_by_role("button", name="決定を記録する").click()
    expect(page.locator("#proposal-status")).to_have_text("採択（未通知）")
    page.get_by_role("button", name="結果を通知する").click()
    expect(page.locator("#proposal-status")).to_have_text("採択")
    page.get_by_role("link", name="この提案から作られた協働の記録").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("まちの風景写真アーカイブ")
    expect(page.locator("dd").first).to_have_text("提案型協働事業")

    proposal = Proposal.objects.get()
    record = Collaboration.objects.get()
    assert (proposal.status, proposal.budget, proposal.collaboration_id) == (
        "adopted",
        800_000,
        record.pk,
    )
    assert [a.name for a in proposal.attachments.all()] == ["計画書.txt"]
    assert list(record.departments.all()) == [department]


def test_public_calls_pass_axe_and_fit_320_pixels(page, kaze, other_group, staff):
    """The calls' pages (list, an open call, a closed one with its results) at 320 px and on a
    desktop: axe's WCAG 2 A/AA rules (JIS X 8341-3 AA) and no sideways scrolling of the page."""
    from datetime import timedelta

    from axe_playwright_python.sync_playwright import Axe
    from django.utils import timezone

    from kyodo.collaboration.models import ProposalCall

    today = timezone.localdate()
    closed = ProposalCall.objects.create(
        title="令和8年度 市民協働推進事業 提案募集（地域の課題に取り組む事業）",
        fiscal_year=2026,
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=30),
        description="地域の課題に取り組む事業。",
        how_to_apply="団体ページから提出してください。",
        budget_limit=1_000_000,
        publish_declined=True,
        published_at=timezone.now(),
    )
    open_call = ProposalCall.objects.create(
        title="まちづくり提案",
        fiscal_year=2027,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=20),
        how_to_apply="団体ページから提出してください。",
        published_at=timezone.now(),
    )
    for group, title, status, budget in (
        (kaze, "まちの風景写真アーカイブと散策マップづくり", "adopted", 750_000),
        (other_group, "子ども食堂", "declined", 300_000),
    ):
        Proposal.objects.create(
            call=closed,
            organization=group,
            title=title,
            summary="概要",
            budget=budget,
            status=status,
            submitted_at=timezone.now(),
            notified_at=timezone.now(),
        )
    found = []
    for url in (
        "/collaboration/calls/",
        f"/collaboration/calls/{closed.pk}/",
        f"/collaboration/calls/{open_call.pk}/",
    ):
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.goto(url).status == 200
        for width in (320, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            found += [
                f"{url} at {width}px: {v['id']}"
                for v in Axe()
                .run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
                .response["violations"]
            ]
            if width == 320:
                assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
    assert found == []
