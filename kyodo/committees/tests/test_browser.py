"""The minutes lifecycle in a real browser: write, preview, circulate, check, approve, publish."""

from __future__ import annotations

import re

import pytest

from kyodo.committees.models import CirculationRecipient, Minutes
from kyodo.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOUSE_TEXT = (
    "委員長：協働について意見交換をしたい。\n"
    "事務局：総論としての協働を考えるのも一方法であるが、\n"
    "２月９日の協働シンポジウムで見えてくる部分もあると思う。\n"
    "委 員：市民活動団体の参加に比べ行政の参加が少なくギャップがある。\n"
)


def _sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def test_minutes_from_typing_to_a_corrected_second_version(
    page, browser, live_server, staff, meeting
):
    from playwright.sync_api import expect

    # Staff move the meeting to another day; the page says the new day.
    _sign_in(page, "nishiguchi")
    page.goto(f"/staff/committees/meetings/{meeting.pk}/")
    page.get_by_role("link", name="日時・会場の変更、開催済みの記録").click()
    page.locator("input[name=date]").fill("平成23年1月25日")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("dl.fields")).to_contain_text("平成23年1月25日(火)")

    # Two items of the same category, then the second moved up by keyboard alone.
    for title in ("協働について", "ワークショップについて"):
        page.get_by_role("link", name="議題の追加").click()
        page.locator("select[name=category]").select_option("discussion")
        page.locator("input[name=title]").fill(title)
        page.get_by_role("button", name="保存").click()
        page.get_by_role("link", name=str(meeting)).first.click()
    items = page.locator("#agenda-heading ~ ol > li > a:first-child")
    expect(items).to_have_text(["協働について", "ワークショップについて"])
    page.get_by_role("button", name="上へ移動 ワークショップについて").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(items).to_have_text(["ワークショップについて", "協働について"])

    # The minutes of an item typed in the house format, previewed and saved.
    page.get_by_role("link", name="協働について", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("協議事項 2．協働について")
    page.locator("#id_text").fill(HOUSE_TEXT)
    page.get_by_role("button", name="プレビュー").click()
    preview = page.locator("table.preview tbody tr")
    expect(preview).to_have_count(3)
    expect(preview.nth(1)).to_contain_text(
        "総論としての協働を考えるのも一方法であるが、２月９日の協働シンポジウムで"
    )
    page.get_by_role("button", name="この内容で保存").click()
    expect(page.locator("ol.entries > li")).to_have_count(3)

    # Circulate: every member gets a personal link, opens it and records the receipt.
    page.get_by_role("link", name="会議録").first.click()
    # The page asks first, listing who gets it by mail and who on paper.
    page.get_by_role("link", name="委員に送付する（確認依頼）").click()
    expect(page.locator("#circulate-by-mail li")).to_have_count(4)
    page.locator("#circulate-send").click()
    expect(page.locator("#minutes-status")).to_have_text("確認依頼中")
    expect(page.locator("table.receipt-board tbody tr")).to_have_count(4)
    member_context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    member_page = member_context.new_page()
    for recipient in CirculationRecipient.objects.all():
        member_page.goto(f"/committee/check/{recipient.token}/")
        expect(member_page.locator("h1.minutes-title")).to_contain_text("会議録(未定稿)")
        # Opening records nothing (mail scanners open links): the member presses 受領しました.
        member_page.locator("button[name=receive]").click()
        expect(member_page.locator(".receipt-done")).to_be_visible()
    member_context.close()
    page.reload()
    expect(page.locator("table.receipt-board td.state-received")).to_have_count(4)

    # The next meeting is scheduled; the approval of these minutes is on its agenda by itself.
    page.goto(f"/staff/committees/meetings/{meeting.pk}/")
    page.get_by_role("link", name="次回の会議を設定").click()
    page.locator("input[name=date]").fill("平成23年2月22日")
    page.locator("input[name=start_time]").fill("19:00")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("平成22年度第2回運営委員会")
    next_url = page.url
    page.get_by_role("link", name="平成22年度第1回運営委員会会議録について", exact=True).click()
    # Still 予定: approving would record it as held in the same step, and the page says so.
    expect(page.locator("#approval-marks-held")).to_contain_text(
        "は「予定」のままで、「開催済み」になっていません。承認を記録すると、同時に「開催済み」として"
        "記録します。"
    )
    # Held, with everyone present: now the approval is valid.
    page.goto(next_url)
    for select in page.locator("section[aria-labelledby=attendance-heading] select").all():
        select.select_option("present")
    page.get_by_role("button", name="出欠を保存").click()
    page.get_by_role("link", name="日時・会場の変更、開催済みの記録").click()
    page.locator("select[name=status]").select_option("held")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("link", name="平成22年度第1回運営委員会会議録について", exact=True).click()
    # Every member received the draft, but scheduling the next meeting wrote its 次回 line into
    # these minutes after they were sent: the approval says so, and is recorded with the reason.
    expect(page.locator(".approval-check")).to_contain_text(
        "に委員へ送付した後に変更されています。委員が受け取ったのは変更前の内容です。"
    )
    page.locator("#decision_outcome").select_option("approved")
    page.locator("#decision_method").select_option("unanimous")
    page.locator("textarea[name=override_reason], input[name=override_reason]").fill(
        "次回日程の行を加えただけのため"
    )
    page.get_by_role("button", name="決定を記録する").click()
    expect(page.locator("#minutes-status")).to_have_text("承認済み")

    # 確定: asked first, then published as version 1.
    page.get_by_role("link", name="会議録を確定する").click()
    page.get_by_label("確定稿は公開され").check()
    page.get_by_role("button", name="確定する").click()
    expect(page.locator("#minutes-status")).to_have_text("確定稿")
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.current_version.number == 1

    # A correction starts from the item's current text; the difference is shown before saving.
    page.get_by_role("link", name="確定稿を訂正する").click()
    page.locator("#choose-item").select_option(label="1．協議事項　2．協働について")
    page.get_by_role("button", name="この議題の本文から始める").click()
    text = page.locator("textarea[name=text]")
    expect(text).to_have_value(
        "委員長：協働について意見交換をしたい。\n"
        "事務局：総論としての協働を考えるのも一方法であるが、"
        "２月９日の協働シンポジウムで見えてくる部分もあると思う。\n"
        "委員：市民活動団体の参加に比べ行政の参加が少なくギャップがある。\n"
    )
    text.fill(text.input_value().replace("一方法", "一つの方法"))
    page.locator("input[name=reason]").fill("委員からの訂正依頼による")
    page.get_by_role("button", name="差分を確認する").click()
    expect(page.locator("ol.diff li.diff-removed")).to_contain_text("一方法であるが")
    # The characters added are marked inside the line (with words for screen readers).
    expect(page.locator("ol.diff li.diff-added ins")).to_have_text(
        "追加された文字： つの （追加ここまで）"
    )
    page.get_by_role("button", name="訂正を記録する").click()
    expect(page.get_by_role("status")).to_contain_text("第2版")

    # The public page shows version 2 and what changed from version 1.
    public = browser.new_context(base_url=live_server.url, locale="ja-JP").new_page()
    public.goto("/committee/")
    public.get_by_role("link", name="平成22(2010)年度第1回運営委員会会議録").click()
    expect(public).to_have_url(re.compile(rf"/committee/minutes/{minutes.pk}/$"))
    expect(public.locator("h1.minutes-title")).to_have_text(
        "平成22(2010)年度第1回運営委員会会議録(確定稿)"
    )
    expect(public.locator("ol.minutes-entries li").nth(1)).to_have_text(
        "事務局：総論としての協働を考えるのも一つの方法であるが、"
        "２月９日の協働シンポジウムで見えてくる部分もあると思う。"
    )
    expect(public.locator(".minutes-record")).to_contain_text("第2版")
    public.get_by_role("link", name="第1版から第2版への変更点").click()
    # The line changed in a few characters: both lines shown, the characters added marked.
    expect(public.locator("ol.diff li.diff-removed")).to_have_text(
        "変更前の行： − 事務局：総論としての協働を考えるのも一方法であるが、"
        "２月９日の協働シンポジウムで見えてくる部分もあると思う。"
    )
    expect(public.locator("ol.diff ins.diff-chars")).to_have_text(
        "追加された文字： つの （追加ここまで）"
    )
    assert _axe(public) == []
    page.goto(f"/staff/committees/minutes/{minutes.pk}/diff/1/2/")
    expect(page.locator("ol.diff li.diff-removed")).to_contain_text("一方法であるが")
    assert _axe(page) == []
    public.context.close()


def _axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    from kyodo.website.tests.test_accessibility import AXE_OPTIONS

    results = Axe().run(page, options=AXE_OPTIONS)
    return [v["id"] for v in results.response["violations"]]
