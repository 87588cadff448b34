"""A group's 変更履歴 (/staff/groups/<id>/) in words: the action's label, the labels of the
fields and keys recorded, dates in 和暦; never a code key or an ISO date."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kyodo.organizations import services
from kyodo.organizations.selectors import organization_change_rows
from kyodo.organizations.tests.factories import application_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    # The suspension below is dated after this day, so it is scheduled (test_scheduled_status).
    from django.utils import timezone

    real = timezone.localdate
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda value=None, timezone=None: (
            date(2026, 12, 6) if value is None else real(value, timezone)
        ),
    )


@pytest.fixture
def group(staff_user):
    group = services.application_submit(
        actor=None, fields=services.ApplicationFields(**application_data())
    )
    services.application_approve(
        actor=staff_user, organization=group, effective_date=date(2026, 12, 1), note="書類確認済み"
    )
    services.organization_change_status(
        actor=staff_user,
        organization=group,
        kind="suspended",
        effective_date=date(2027, 1, 15),
        note="代表者の申し出",
    )
    group.refresh_from_db()
    return group


def _words(row) -> tuple:
    return (row.action, [(f.label, f.old, f.new) for f in row.fields])


def test_each_row_is_read_in_japanese(group):
    rows = [_words(row) for row in organization_change_rows(organization=group)]
    assert rows == [
        (
            # Dated after today: scheduled, the status changes on the day (a row of its own).
            "団体の活動休止",
            [
                ("効力発生日", "", "令和9年1月15日(金)"),
                ("年度", "", "令和8年度"),
                ("備考", "", "代表者の申し出"),
            ],
        ),
        (
            "団体登録申請の承認",
            [
                # the group's fields in their order, then its status history's
                ("状態", "申請中", "登録"),
                ("代表者のアカウント", "", group.representative_user.username),
                ("効力発生日", "", "令和8年12月1日(火)"),
            ],
        ),
        ("団体登録の申請受付", [("名称", "", "西東京ひかりの会")]),
    ]


def test_the_page_shows_no_code_key_and_no_iso_date(client, staff_user, group):
    client.force_login(staff_user)
    page = client.get(f"/staff/groups/{group.pk}/").text
    history = page[page.index('id="changes-heading"') :]
    assert '<td rowspan="3">団体登録申請の承認</td>' in history
    assert '<th scope="row">効力発生日</th><td></td><td>令和8年12月1日(火)</td>' in history
    assert re.search(r"kyodo\.organizations|effective_date|fiscal_year|\bnote\b", history) is None
    assert re.search(r"\d{4}-\d{2}-\d{2}", history) is None


def test_a_return_shows_its_reason_under_its_label(staff_user):
    group = services.application_submit(
        actor=None, fields=services.ApplicationFields(**application_data())
    )
    services.application_return(actor=staff_user, organization=group, reason="住所を補ってください")
    row = organization_change_rows(organization=group)[0]
    assert _words(row) == (
        "団体登録申請の差し戻し",
        [("状態", "申請中", "差し戻し中"), ("理由", "", "住所を補ってください")],
    )
