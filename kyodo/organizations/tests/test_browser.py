"""In a real browser: a citizen applies by label, the way a screen-reader user would find fields."""

import re
from datetime import date

import pytest

from kyodo.core.tests.confirm import confirmation_path
from kyodo.organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page, label: str):
    # The accessible name is the label plus 「（必須）」 for required fields.
    return page.get_by_label(re.compile("^" + re.escape(label) + r"(\s|$)"))


def test_a_citizen_applies_through_the_labelled_form(page):
    page.goto("/groups/apply/")
    assert page.get_by_role("heading", level=1).inner_text() == "登録団体の申請"
    field(page, "団体名").fill("西東京ひかりの会")
    field(page, "団体名のふりがな").fill("ニシトウキョウヒカリノカイ")
    field(page, "法人格").select_option("voluntary")
    field(page, "代表者").fill("山田 花子")
    field(page, "代表者のふりがな").fill("やまだ はなこ")
    field(page, "メールアドレス").fill("hikari@example.jp")
    field(page, "電話番号").fill("０４２－１１１－２２２２")
    field(page, "所在地").fill("東京都西東京市南町5-6-13")
    page.get_by_role("checkbox", name="まちづくりの推進を図る活動").check()
    assert page.get_by_role("group", name=re.compile("^活動分野")).is_visible()
    field(page, "個人情報の取り扱いについて同意する").check()
    page.get_by_role("button", name="申請を送信する").click()

    page.wait_for_url("**/confirm/sent/")
    # The application reaches the center once the address is confirmed with the mailed link.
    assert not Organization.objects.exists()
    page.goto(confirmation_path("hikari@example.jp"))
    page.get_by_role("button", name="確定して送信する").click()
    page.wait_for_url("**/groups/apply/sent/")
    organization = Organization.objects.get()
    assert (organization.name_reading, organization.phone) == (
        "にしとうきょうひかりのかい",
        "042-111-2222",
    )


def sign_in(page, username: str) -> None:
    from kyodo.conftest import PASSWORD

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def test_a_change_notification_waits_for_staff_before_the_public_page_changes(
    page, group_user, staff_user
):
    from axe_playwright_python.sync_playwright import Axe

    from kyodo.organizations.tests.factories import make_organization

    group = make_organization(
        status="registered",
        history=[("registered", date(2010, 12, 7))],
        representative_user=group_user,
        representative_name="山田 花子",
        representative_reading="やまだ はなこ",
        phone="042-111-2222",
        address="東京都西東京市南町5-6-13",
        activity_fields=["community"],
        published_fields=["representative_name"],
    )

    # The group sends a new representative as a 変更届.
    sign_in(page, group_user.username)
    page.goto("/group/organization/")
    field(page, "代表者").fill("佐藤 一郎")
    field(page, "代表者のふりがな").fill("さとう いちろう")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/group/organization/")
    assert "変更届を送信しました" in page.locator("body").inner_text()
    assert page.get_by_role("heading", name="審査待ちの変更届").is_visible()

    # The public page keeps the approved representative.
    page.context.clear_cookies()
    page.goto(f"/groups/{group.pk}/")
    assert "山田 花子" in page.locator("main").inner_text()
    assert "佐藤 一郎" not in page.locator("main").inner_text()

    # Staff see the difference and approve.
    sign_in(page, staff_user.username)
    page.goto("/staff/groups/changes/")
    page.get_by_role("link", name="西東京風の会").click()
    row = page.get_by_role("row", name=re.compile("^代表者 "))
    assert row.inner_text().split("\t") == ["代表者", "山田 花子", "佐藤 一郎"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
    assert results.response["violations"] == []
    page.get_by_role("button", name="変更を承認する").click()
    page.wait_for_url("**/staff/groups/changes/")
    assert "変更届を承認し" in page.locator("body").inner_text()

    # Now the public page shows the new representative.
    page.context.clear_cookies()
    page.goto(f"/groups/{group.pk}/")
    assert "佐藤 一郎" in page.locator("main").inner_text()
    assert "山田 花子" not in page.locator("main").inner_text()
