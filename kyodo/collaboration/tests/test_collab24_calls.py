"""A call for proposals closes by the last day of the fiscal year of the projects it funds:
proposals are chosen before the projects run, so a call still open after 31 March of that 年度
could fund nothing in it. Refused on the form and in the service, nothing saved."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.models import Proposal, ProposalCall
from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db

# 令和2年度 (2020-04-01 – 2021-03-31): a past year, so the expected texts do not move with the
# clock (the register takes fiscal years from 平成元年度).
TOO_LATE = "締切日は、事業の年度（令和2年度）の末日の令和3年3月31日(水)までにしてください。"


def _fields(closes_on: date, **overrides) -> services.CallFields:
    values = {
        "title": "令和2年度 NPO等企画提案事業",
        "fiscal_year": 2020,
        "opens_on": date(2019, 11, 1),
        "closes_on": closes_on,
    }
    values.update(overrides)
    return services.CallFields(**values)


def test_a_call_closing_on_the_last_day_of_the_projects_year_is_taken(staff):
    call = services.call_create(actor=staff, fields=_fields(date(2021, 3, 31)))
    assert (call.fiscal_year, call.closes_on) == (2020, date(2021, 3, 31))


def test_a_call_closing_before_its_projects_year_begins_is_taken(staff):
    call = services.call_create(actor=staff, fields=_fields(date(2020, 1, 31)))
    assert call.closes_on == date(2020, 1, 31)


def test_the_service_refuses_a_call_closing_on_1_april_after_the_projects_year(staff):
    with pytest.raises(InvalidInput) as refused:
        services.call_create(actor=staff, fields=_fields(date(2021, 4, 1)))
    assert (str(refused.value.message), refused.value.field) == (TOO_LATE, "closes_on")
    assert ProposalCall.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_the_service_refuses_moving_the_close_of_a_call_past_its_projects_year(staff):
    call = services.call_create(actor=staff, fields=_fields(date(2020, 1, 31)))
    entries = AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as refused:
        services.call_update(actor=staff, call=call, fields=_fields(date(2021, 6, 30)))
    assert str(refused.value.message) == TOO_LATE
    call.refresh_from_db()
    assert call.closes_on == date(2020, 1, 31)
    assert AuditEntry.objects.count() == entries


def test_the_form_says_why_a_call_closing_after_its_projects_year_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/calls/",
        {
            "title": "令和2年度 NPO等企画提案事業",
            "fiscal_year": "令和2年度",
            "opens_on": "令和2年11月1日",
            "closes_on": "令和3年4月1日",
        },
    )
    assert response.status_code == 200
    assert f'id="id_closes_on_error">{TOO_LATE}</p>' in response.text
    assert ProposalCall.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_the_edit_form_refuses_a_close_after_the_projects_year(client, staff):
    call = services.call_create(actor=staff, fields=_fields(date(2020, 1, 31)))
    client.force_login(staff)
    response = client.post(
        f"/staff/collaboration/calls/{call.pk}/edit/",
        {
            "title": call.title,
            "fiscal_year": "2020",
            "opens_on": "2019-11-01",
            "closes_on": "2021-04-01",
        },
    )
    assert response.status_code == 200
    assert f'id="id_closes_on_error">{TOO_LATE}</p>' in response.text
    call.refresh_from_db()
    assert call.closes_on == date(2020, 1, 31)


def test_a_budget_above_the_calls_limit_is_refused_beside_the_budget(client, kaze, call):
    # The call of conftest: open today, 1,000,000 yen at most per proposal.
    client.force_login(kaze.representative_user)
    response = client.post(
        f"/group/collaboration/calls/{call.pk}/new/",
        {"title": "まちの写真展", "summary": "写真展を開く。", "budget": "120万円"},
    )
    assert response.status_code == 200
    assert (
        'id="id_budget_error">希望する事業費が、この募集の上限額（1,000,000円）を超えています。</p>'
    ) in response.text
    assert not Proposal.objects.exists()
