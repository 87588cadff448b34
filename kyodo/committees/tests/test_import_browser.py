"""The import in a real browser: upload a PDF, review it (axe-clean), correct it, save it."""

from __future__ import annotations

import pytest

from kyodo.committees.models import Meeting, Minutes
from kyodo.conftest import PASSWORD
from kyodo.minutes_text import Minutes as Document
from kyodo.minutes_text.tests._gold import DATA_DIR, load_gold
from kyodo.minutes_text.tests.pdfmaker import minutes_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_review_and_save_in_the_browser(page, committee, staff, tmp_path) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    gold = load_gold(DATA_DIR / "c_paren_labels.gold.json")
    pdf = tmp_path / "sakura-2024-5.pdf"
    pdf.write_bytes(minutes_pdf(Document.from_dict(gold), "paren", lines_per_page=20))

    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill("nishiguchi")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_load_state()

    page.goto("/staff/committees/import/")
    page.get_by_label("会議録のファイル").set_input_files(str(pdf))
    page.get_by_role("button", name="ファイルを読み取る").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("取り込む会議録の確認")
    expect(page.locator("#import-original")).to_contain_text("（委員長）活動紹介は毎号２団体ずつ")
    expect(page.locator("#import-structure")).to_contain_text("会費の改定について")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
    assert [v["id"] for v in results.response["violations"]] == []

    body = page.locator("#id_body")
    body.fill(body.input_value().replace("次回は2025年1月14日", "次回は2025年1月21日"))
    page.get_by_role("button", name="確定稿として保存する").click()
    expect(page.locator("#minutes-status")).to_have_text("確定稿")
    meeting = Meeting.objects.get(fiscal_year=2024, number=5)
    assert meeting.minutes.status == Minutes.Status.CONFIRMED
    assert meeting.items.get(category="other").entries.get().text.startswith("次回は2025年1月21日")
