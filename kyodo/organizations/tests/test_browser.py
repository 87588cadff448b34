"""In a real browser: a citizen applies by label, the way a screen-reader user would find fields."""

import re

import pytest

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

    page.wait_for_url("**/groups/apply/sent/")
    organization = Organization.objects.get()
    assert (organization.name_reading, organization.phone) == (
        "にしとうきょうひかりのかい",
        "042-111-2222",
    )
