"""Fixes of round 17 (a group representative on a phone): a 変更届 refused for bad input says so
at the top of the page, where the page opens again after 「保存」, and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.core.models import AuditEntry
from kyodo.organizations.models import ChangeRequest
from kyodo.organizations.tests.factories import make_organization

SUMMARY = '<div class="error-summary" id="error-summary" role="alert"'


def representative_group(group_user):
    return make_organization(
        status="registered",
        history=[("registered", date(2010, 12, 7))],
        representative_user=group_user,
        representative_name="北村 陽子",
        representative_reading="きたむら ようこ",
        email="kazenokai@example.jp",
        phone="042-400-0001",
        address="東京都西東京市",
        activity_fields=["community"],
        published_fields=["area"],
    )


def profile_post(**overrides) -> dict:
    data = {
        "representative_name": "北村 陽子",
        "representative_reading": "きたむら ようこ",
        "email": "kazenokai@example.jp",
        "phone": "042-400-0001",
        "address": "東京都西東京市",
        "activity_fields": ["community"],
        "area": "",
        "description": "",
        "website": "",
        "member_count": "",
        "founded_year": "",
        "published_fields": ["area"],
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_a_refused_change_notification_lists_its_errors_at_the_top(client, group_user):
    """Found: at 320 px 「保存」 with the telephone left blank opened the page again at its top
    with no word of the error, which was 30 fields further down."""
    group = representative_group(group_user)
    client.force_login(group_user)
    audit_rows = AuditEntry.objects.count()

    response = client.post(
        "/group/organization/",
        profile_post(phone="", address="西東京市田無町9-9-9", representative_reading="Kitamura"),
    )

    assert response.status_code == 200
    text = response.text
    assert SUMMARY in text
    summary = text[text.index(SUMMARY) : text.index("</div>", text.index(SUMMARY))]
    assert '<h2 id="error-summary-title">入力内容に誤りがあります</h2>' in summary
    assert (
        '<li><a href="#id_representative_reading">代表者のふりがな：'
        "ふりがなは、ひらがなまたはカタカナで入力してください。</a></li>"
    ) in summary
    assert '<li><a href="#id_phone">電話番号：このフィールドは必須です。</a></li>' in summary
    # The summary comes before the form, right after the page's facts and notes.
    assert text.index(SUMMARY) < text.index('<form method="post" enctype="multipart/form-data"')
    group.refresh_from_db()
    assert (group.phone, group.address) == ("042-400-0001", "東京都西東京市")
    assert ChangeRequest.objects.count() == 0
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.django_db
def test_a_good_change_notification_shows_no_error_summary(client, group_user, staff_user):
    from kyodo.organizations.tests.test_fixes16_change_request_stale import _form

    representative_group(group_user)
    client.force_login(group_user)
    shown = _form(client.get("/group/organization/"))

    response = client.post("/group/organization/", {**shown, "phone": "０４２－９９９－８８８８"})

    assert response.status_code == 302
    page = client.get("/group/organization/")
    assert SUMMARY not in page.text
    assert ChangeRequest.objects.get().proposed["phone"] == "042-999-8888"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_error_is_in_view_after_saving(page, group_user):
    from kyodo.organizations.tests.test_browser import field, sign_in

    group = representative_group(group_user)
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, group_user.username)
    page.goto("/group/organization/")
    field(page, "電話番号").fill("")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()

    summary = page.get_by_role("alert").filter(has_text="入力内容に誤りがあります")
    assert summary.is_visible()
    assert summary.evaluate("el => el === document.activeElement")
    assert summary.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
    assert summary.get_by_role("link").all_inner_texts() == ["電話番号：このフィールドは必須です。"]
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    # The link takes the keyboard to the field.
    summary.get_by_role("link").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_phone"
    group.refresh_from_db()
    assert group.phone == "042-400-0001"
    assert ChangeRequest.objects.count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_waiting_change_shows_its_new_values_without_scrolling(
    page, group_user, staff_user
):
    """Found: at 320 px the 「変更後」 column of the waiting 変更届 was cut off (042-99…), to be
    scrolled sideways inside the table."""
    from kyodo.organizations.tests.test_browser import field, sign_in

    representative_group(group_user)
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, group_user.username)
    page.goto("/group/organization/")
    field(page, "電話番号").fill("０４２－９９９－８８８８")
    field(page, "所在地").fill("東京都西東京市田無町4-1-1")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/group/organization/")

    table = page.get_by_role("table", name="審査待ちの変更届")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    rows = [
        row.inner_text().replace("\t", "|").replace("\n", "|")
        for row in table.locator("tbody tr").all()
    ]
    assert rows == [
        "電話番号|042-400-0001|042-999-8888",
        "所在地|東京都西東京市|東京都西東京市田無町4-1-1",
    ]
    # Each value says which it is (the column heads are hidden on a phone), on the screen.
    cells = table.locator("tbody td")
    assert (
        cells.evaluate_all("cs => cs.map(c => getComputedStyle(c, '::before').content)")
        == ['"変更前："', '"変更後："'] * 2
    )
    assert cells.evaluate_all("cs => cs.every(c => c.getBoundingClientRect().right <= 320)")
