"""The minutes lifecycle in a real browser: write, preview, circulate, check, approve, publish."""

from __future__ import annotations

import re

import pytest

from kyodo.committees.models import CirculationRecipient, Minutes
from kyodo.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

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


def test_minutes_from_typing_to_publication(page, browser, live_server, staff, meeting):
    from playwright.sync_api import expect

    # Staff type the minutes of an item in the house format, preview them and save them.
    _sign_in(page, "nishiguchi")
    page.goto(f"/staff/committees/meetings/{meeting.pk}/")
    page.get_by_role("link", name="議題の追加").click()
    page.locator("select[name=category]").select_option("discussion")
    page.locator("input[name=title]").fill("協働について")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("協議事項 1．協働について")

    page.locator("#id_text").fill(HOUSE_TEXT)
    page.get_by_role("button", name="プレビュー").click()
    preview = page.locator("table.preview tbody tr")
    expect(preview).to_have_count(3)
    expect(preview.nth(1)).to_contain_text(
        "総論としての協働を考えるのも一方法であるが、２月９日の協働シンポジウムで"
    )
    page.get_by_role("button", name="この内容で保存").click()
    expect(page.locator("ol.entries > li")).to_have_count(3)

    # Circulate: every member gets a personal link.
    page.get_by_role("link", name="会議録").first.click()
    page.get_by_role("button", name="委員に送付する(確認依頼)").click()
    expect(page.locator("#minutes-status")).to_have_text("確認依頼中")
    expect(page.locator("table.receipt-board tbody tr")).to_have_count(4)

    # A member opens the link (no sign-in) and sends a correction on one entry.
    recipient = CirculationRecipient.objects.select_related("member").get(member__name="坂口")
    member_context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    member_page = member_context.new_page()
    member_page.goto(f"/committee/check/{recipient.token}/")
    expect(member_page.locator("h1.minutes-title")).to_contain_text("会議録(未定稿)")
    member_page.locator("select[name=entry]").select_option(index=2)
    member_page.locator("textarea[name=text]").fill(
        "「一方法」を「一つの方法」に訂正してください。"
    )
    member_page.get_by_role("button", name="訂正依頼を送る").click()
    expect(member_page.get_by_role("status")).to_contain_text("訂正依頼を送信しました")
    member_context.close()

    page.reload()
    expect(page.locator("tr", has_text="坂口").locator("td").nth(1)).to_have_text("受領済み")
    expect(page.locator("#corrections-heading + ul")).to_contain_text("一つの方法")

    # The next meeting is scheduled; the approval of these minutes is on its agenda by itself.
    page.goto(f"/staff/committees/meetings/{meeting.pk}/")
    page.get_by_role("link", name="次回の会議を設定").click()
    page.locator("input[name=date]").fill("平成23年2月22日")
    page.locator("input[name=start_time]").fill("19:00")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("平成22年度第2回運営委員会")
    page.get_by_role("link", name="2010年度第1回運営委員会会議録について").click()
    page.locator("select[name=outcome]").select_option("approved")
    page.locator("select[name=method]").select_option("unanimous")
    page.get_by_role("button", name="決定を記録する").click()
    expect(page.get_by_role("status")).to_contain_text("決定を記録しました")
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == Minutes.Status.CONFIRMED

    # The public page shows the confirmed minutes.
    public = browser.new_context(base_url=live_server.url, locale="ja-JP").new_page()
    public.goto("/committee/")
    public.get_by_role("link", name="平成22年度第1回運営委員会").click()
    expect(public).to_have_url(re.compile(rf"/committee/minutes/{minutes.pk}/$"))
    expect(public.locator("h1.minutes-title")).to_have_text(
        "平成22(2010)年度第1回運営委員会会議録(確定稿)"
    )
    expect(public.locator("ol.minutes-entries li").nth(1)).to_have_text(
        "事務局：総論としての協働を考えるのも一方法であるが、"
        "２月９日の協働シンポジウムで見えてくる部分もあると思う。"
    )
    expect(public.locator(".minutes-hash")).to_contain_text(minutes.content_hash)
    public.context.close()
