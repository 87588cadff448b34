"""Session 22: a proposal is started only in a call that is published and open, whatever page or
code calls ``services.proposal_create``; otherwise it is refused in Japanese and nothing is
stored."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import CallClosed
from kyodo.collaboration.models import Proposal, ProposalCall
from kyodo.collaboration.tests.conftest import PROPOSAL_DATA
from kyodo.core.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 20)  # 令和8年5月20日(水)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("kyodo.collaboration.services._today", lambda: TODAY)
    return TODAY


def _call(*, opens_on, closes_on, published=True):
    return ProposalCall.objects.create(
        title="市民活動団体提案協働事業",
        fiscal_year=2027,
        opens_on=opens_on,
        closes_on=closes_on,
        budget_limit=1_000_000,
        published_at=timezone.make_aware(datetime(2026, 4, 1, 9)) if published else None,
    )


def _create(kaze, call):
    return services.proposal_create(
        actor=kaze.representative_user, call=call, fields=services.ProposalFields(**PROPOSAL_DATA)
    )


@pytest.mark.parametrize(
    ("period", "published", "message"),
    [
        (
            (date(2026, 5, 1), date(2026, 6, 30)),
            False,
            "この提案募集は公開されていないため、提案できません。",
        ),
        (
            (date(2026, 6, 1), date(2026, 6, 30)),
            True,
            "この提案募集の受付は令和8年6月1日(月)からです。",
        ),
        (
            (date(2026, 4, 1), date(2026, 5, 19)),
            True,
            "この提案募集の受付は令和8年5月19日(火)で終了しました。",
        ),
        # Not published and not open either: not being public is the reason given.
        (
            (date(2026, 4, 1), date(2026, 5, 19)),
            False,
            "この提案募集は公開されていないため、提案できません。",
        ),
    ],
)
def test_a_proposal_to_a_call_not_published_or_not_open_is_refused_and_nothing_stored(
    kaze, today, period, published, message
):
    opens_on, closes_on = period
    call = _call(opens_on=opens_on, closes_on=closes_on, published=published)

    with pytest.raises(CallClosed) as refused:
        _create(kaze, call)

    assert str(refused.value.message) == message
    assert Proposal.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize(
    "period",
    [
        (date(2026, 5, 20), date(2026, 6, 30)),  # its first day
        (date(2026, 4, 1), date(2026, 5, 20)),  # its last day
    ],
)
def test_a_published_call_takes_proposals_from_its_first_to_its_last_day(kaze, today, period):
    call = _call(opens_on=period[0], closes_on=period[1])

    proposal = _create(kaze, call)

    assert list(Proposal.objects.values_list("pk", "call", "status", "title")) == [
        (proposal.pk, call.pk, "draft", "まちの風景写真アーカイブ")
    ]
    assert AuditEntry.objects.get().action == "kyodo.collaboration.proposal.created"


def test_the_call_as_stored_decides_not_the_one_the_page_read(kaze, staff, today):
    # The page read the call while it was published; staff withdrew it before the group saved.
    call = _call(opens_on=date(2026, 5, 1), closes_on=date(2026, 6, 30))
    services.call_publish(actor=staff, call=ProposalCall.objects.get(pk=call.pk), publish=False)

    with pytest.raises(CallClosed) as refused:
        _create(kaze, call)

    assert str(refused.value.message) == "この提案募集は公開されていないため、提案できません。"
    assert Proposal.objects.count() == 0


def test_the_group_page_of_a_call_not_published_stores_nothing(client, kaze):
    call = _call(opens_on=timezone.localdate(), closes_on=timezone.localdate(), published=False)
    client.force_login(kaze.representative_user)

    response = client.post(
        f"/group/collaboration/calls/{call.pk}/new/",
        PROPOSAL_DATA
        | {
            "department": "",
        },
    )

    assert response.status_code == 404
    assert Proposal.objects.count() == 0
