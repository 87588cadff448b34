"""An official's findings on the register and the calls for proposals (F1/F8, F2, F9, F10, F12,
F13, F14, F15, F18): deciding after the deadline with a confirmation and a correction until the
result is notified, scores corrected until the decision, criteria edited until the first score,
cancelled records (中止), the register as CSV, warnings when an open call changes."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import AlreadyDecided, InvalidInput, NotReviewable
from kyodo.collaboration.models import Collaboration, Criterion, Proposal, Review
from kyodo.collaboration.statistics import compute
from kyodo.collaboration.tests.conftest import PROPOSAL_DATA
from kyodo.core.audit import audit_rows
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.versions import edit_version

pytestmark = pytest.mark.django_db


def _submitted(group, call, **overrides):
    proposal = services.proposal_create(
        actor=group.representative_user,
        call=call,
        fields=services.ProposalFields(**{**PROPOSAL_DATA, **overrides}),
    )
    return services.proposal_submit(actor=group.representative_user, proposal=proposal)


def _close(call):
    today = timezone.localdate()
    type(call).objects.filter(pk=call.pk).update(
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    call.refresh_from_db()


def _scores(call, *values):
    return dict(zip(call.criteria.values_list("pk", flat=True), values, strict=True))


# --- F1/F8: the decision -----------------------------------------------------------------------


def test_no_decision_before_the_deadline(client, kaze, call, staff):
    proposal = _submitted(kaze, call)
    with pytest.raises(InvalidInput) as error:
        services.proposal_decide(actor=staff, proposal=proposal, adopt=True)
    until = f"令和{call.closes_on.year - 2018}年{call.closes_on.month}月{call.closes_on.day}日"
    assert str(error.value.message).startswith(
        f"採否は受付締切後にまとめて決定します。この提案募集の受付締切日は{until}("
    )
    client.force_login(staff)
    page = client.get(f"/staff/collaboration/proposals/{proposal.pk}/")
    assert 'name="decision"' not in page.text
    assert "から決定を記録できます。" in page.text
    response = client.post(
        f"/staff/collaboration/proposals/{proposal.pk}/decide/",
        {"decision": "adopt", "confirmed": "1"},
    )
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    # The last day of the call is still too early; the day after is not.
    type(call).objects.filter(pk=call.pk).update(closes_on=timezone.localdate())
    with pytest.raises(InvalidInput):
        services.proposal_decide(actor=staff, proposal=proposal, adopt=True)


def test_the_confirmation_names_the_reviewers_and_warns_when_none(client, kaze, call, staff):
    proposal = _submitted(kaze, call)
    _close(call)
    client.force_login(staff)
    url = f"/staff/collaboration/proposals/{proposal.pk}/decide/"
    page = client.post(url, {"decision": "decline", "note": "また応募してください。"})
    assert page.status_code == 200
    assert "西東京風の会の提案「まちの風景写真アーカイブ」を不採択にします。" in page.text
    assert "この提案を採点した審査員は0人です。" in page.text
    assert "この提案はまだ誰も採点していません。" in page.text
    assert 'name="confirmed"' in page.text
    proposal.refresh_from_db()
    assert proposal.status == "submitted"  # nothing recorded by the first step

    services.review_submit(actor=staff, proposal=proposal, scores=_scores(call, 20, 10))
    page = client.post(url, {"decision": "adopt"})
    assert "この提案を採点した審査員は1人です。" in page.text
    assert "まだ誰も採点していません" not in page.text


def test_a_decision_is_corrected_until_the_result_is_notified(client, kaze, call, staff):
    proposal = _submitted(kaze, call)
    _close(call)
    mails = OutboxMessage.objects.filter(kind__startswith="collaboration.proposal_")
    before = mails.count()
    services.proposal_decide(actor=staff, proposal=proposal, adopt=False, note="")
    # Nobody told, nothing recorded; the group still reads 「提出済み」.
    assert mails.count() == before
    assert not Collaboration.objects.exists()
    client.force_login(kaze.representative_user)
    page = client.get(f"/group/collaboration/proposals/{proposal.pk}/")
    assert '<dd id="proposal-status">提出済み</dd>' in page.text
    assert "不採択" not in page.text
    assert "<td>提出済み</td>" in client.get("/group/collaboration/").text

    # Staff see the pending decision and correct it.
    client.force_login(staff)
    page = client.get(f"/staff/collaboration/proposals/{proposal.pk}/")
    assert "決定：不採択（団体には未通知）" in page.text
    assert "決定を変更する" in page.text
    services.proposal_decide(actor=staff, proposal=proposal, adopt=True, note="おめでとう")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.notified_at) == ("adopted", None)

    response = client.post(f"/staff/collaboration/proposals/{proposal.pk}/notify/")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.notified_at is not None
    assert proposal.collaboration is not None
    assert list(
        mails.filter(to="kaze@example.jp").order_by("pk").values_list("kind", flat=True)
    ) == [
        "collaboration.proposal_submitted",
        "collaboration.proposal_adopted",
    ]
    # Final now.
    with pytest.raises(AlreadyDecided):
        services.proposal_decide(actor=staff, proposal=proposal, adopt=False)
    with pytest.raises(InvalidInput):
        services.proposal_notify(actor=staff, proposal=proposal)
    client.force_login(kaze.representative_user)
    page = client.get(f"/group/collaboration/proposals/{proposal.pk}/")
    assert '<dd id="proposal-status">採択</dd>' in page.text
    assert "おめでとう" in page.text
    actions = list(
        AuditEntry.objects.filter(object_id=str(proposal.pk), action__contains="proposal.")
        .order_by("pk")
        .values_list("action", "changes")
    )
    assert actions[-3:] == [
        ("kyodo.collaboration.proposal.declined", {"status": ["submitted", "declined"]}),
        (
            "kyodo.collaboration.proposal.adopted",
            {"status": ["declined", "adopted"], "decision_note": ["", "おめでとう"]},
        ),
        (
            "kyodo.collaboration.proposal.updated",
            {"notified_at": [None, actions[-1][1]["notified_at"][1]]},
        ),
    ]


# --- F2: scores corrected ----------------------------------------------------------------------


def test_a_reviewer_corrects_her_scores_until_the_decision(client, kaze, call, member, staff):
    proposal = _submitted(kaze, call)
    services.review_submit(actor=member, proposal=proposal, scores=_scores(call, 3, 15))
    client.force_login(member)
    page = client.get(f"/staff/collaboration/proposals/{proposal.pk}/")
    assert 'value="3"' in page.text  # the form shows her scores
    criteria = list(call.criteria.all())
    response = client.post(
        f"/staff/collaboration/proposals/{proposal.pk}/review/",
        {f"score_{criteria[0].pk}": "30", f"score_{criteria[1].pk}": "15", "comment": "訂正"},
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.total, review.comment) == (45, "訂正")
    entry = (
        AuditEntry.objects.filter(action="kyodo.collaboration.review.submitted")
        .order_by("pk")
        .last()
    )
    assert entry.changes == {"公益性": [3, 30], "comment": ["", "訂正"]}

    _close(call)
    services.proposal_decide(actor=staff, proposal=proposal, adopt=True)
    with pytest.raises(NotReviewable):
        services.review_submit(actor=member, proposal=proposal, scores=_scores(call, 1, 1))
    page = client.get(f"/staff/collaboration/proposals/{proposal.pk}/")
    assert "採点を修正する" not in page.text
    assert Review.objects.get().total == 45


# --- F9: criteria ------------------------------------------------------------------------------


def test_criteria_are_edited_and_removed_until_the_first_score(client, kaze, call, staff, member):
    client.force_login(staff)
    page = client.get(f"/staff/collaboration/calls/{call.pk}/")
    assert '<td id="criteria-total">50点</td>' in page.text
    first, second = call.criteria.all()
    response = client.post(
        f"/staff/collaboration/calls/{call.pk}/criteria/{first.pk}/",
        {
            "name": "公益性",
            "description": "市民の役に立つか",
            "max_score": "５０",
            "edit_version": edit_version(first),
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.max_score, first.description) == (50, "市民の役に立つか")
    response = client.post(
        f"/staff/collaboration/calls/{call.pk}/criteria/{first.pk}/",
        {"name": "実現可能性", "max_score": "10", "edit_version": edit_version(first)},
    )
    assert response.status_code == 400
    assert "この提案募集には同じ名前の審査基準がすでにあります。" in response.text
    entry = (
        AuditEntry.objects.filter(action="kyodo.collaboration.call.updated").order_by("pk").last()
    )
    assert entry.changes == {
        "call": "NPO等企画提案事業",
        "name": "公益性",
        "description": ["", "市民の役に立つか"],
        "max_score": [30, 50],
    }
    [row] = audit_rows([entry])
    assert ("配点", "30 → 50") in [(line.label, line.text) for line in row.changes]

    response = client.post(
        f"/staff/collaboration/calls/{call.pk}/criteria/{first.pk}/",
        {
            "name": "公益性",
            "max_score": "50",
            "delete": "1",
            "edit_version": edit_version(first),
        },
    )
    assert response.status_code == 302
    assert [(c.name, c.position) for c in call.criteria.all()] == [("実現可能性", 1)]
    page = client.get(f"/staff/collaboration/calls/{call.pk}/")
    assert '<td id="criteria-total">20点</td>' in page.text
    assert "変更・削除" in page.text

    proposal = _submitted(kaze, call)
    services.review_submit(actor=member, proposal=proposal, scores=_scores(call, 10))
    with pytest.raises(InvalidInput) as error:
        services.criterion_update(actor=staff, criterion=second, name="x", max_score=5)
    assert str(error.value.message) == "採点が始まっているため、審査基準は変更できません。"
    with pytest.raises(InvalidInput):
        services.criterion_delete(actor=staff, criterion=second)
    page = client.get(f"/staff/collaboration/calls/{call.pk}/")
    assert "変更・削除" not in page.text
    assert Criterion.objects.filter(call=call).count() == 1


# --- F10: cancelled records --------------------------------------------------------------------


def _record(staff, **fields):
    data = {"title": "南町防災フェア", "form": "subsidy", "first_fiscal_year": 2026}
    return services.collaboration_create(
        actor=staff, fields=services.CollaborationFields(**{**data, **fields})
    )


def test_a_cancelled_record_counts_only_the_years_before_it_stopped(client, staff):
    single = _record(staff, budget=300_000)
    multi = _record(
        staff,
        title="見守り委託",
        form="consignment",
        first_fiscal_year=2025,
        last_fiscal_year=2027,
        budget=900_000,
        yearly_budgets={2025: 300_000, 2026: 300_000, 2027: 300_000},
    )
    assert (compute(fiscal_year=2026).total, compute(fiscal_year=2026).budget) == (2, 600_000)

    fields = {"title": single.title, "form": "subsidy", "first_fiscal_year": 2026}
    services.collaboration_update(
        actor=staff,
        record=single,
        fields=services.CollaborationFields(
            **fields,
            budget=300_000,
            cancelled_on=date(2026, 9, 30),
            cancellation_reason="台風接近のため中止。補助金は交付取消し。",
        ),
    )
    services.collaboration_update(
        actor=staff,
        record=multi,
        fields=services.CollaborationFields(
            title=multi.title,
            form="consignment",
            first_fiscal_year=2025,
            last_fiscal_year=2027,
            budget=900_000,
            cancelled_on=date(2026, 6, 1),
            cancellation_reason="受託団体の解散",
        ),
    )
    stats = compute(fiscal_year=2026)
    assert (stats.total, stats.budget) == (0, 0)
    assert [(c.title, c.counted_text) for c in stats.cancelled] == [
        ("南町防災フェア", "—"),
        ("見守り委託", "令和7年度"),
    ]
    stats = compute(fiscal_year=2025)
    assert (stats.total, stats.budget) == (1, 300_000)
    stats = compute()
    assert (stats.total, stats.budget) == (1, 300_000)
    assert [(r.label, r.count, r.budget) for r in stats.by_fiscal_year] == [
        ("令和7年度", 1, 300_000)
    ]
    single.refresh_from_db()
    assert single.amount_in(2026) == 0

    client.force_login(staff)
    page = client.get(f"/staff/collaboration/records/{single.pk}/")
    assert "開始年度のうちに中止したため、統計には計上しません。" in page.text
    page = client.get(f"/staff/collaboration/records/{multi.pk}/")
    assert "統計では、中止より前の令和7年度～令和7年度だけに計上します。" in page.text
    assert "中止した協働" in client.get("/staff/collaboration/statistics/?fiscal_year=2026").text
    Collaboration.objects.filter(pk=single.pk).update(is_published=True)
    page = client.get(f"/collaboration/{single.pk}/")
    assert "南町防災フェア（中止）" in page.text
    assert "台風接近のため中止。" in page.text
    assert "令和8年度（中止）" in client.get("/collaboration/").text


def test_a_cancellation_needs_a_day_and_a_reason(staff):
    with pytest.raises(InvalidInput) as error:
        _record(staff, cancellation_reason="中止")
    assert error.value.field == "cancelled_on"
    with pytest.raises(InvalidInput) as error:
        _record(staff, cancelled_on=date(2026, 5, 1))
    assert str(error.value.message) == "中止の理由を入力してください。"
    with pytest.raises(InvalidInput) as error:
        _record(staff, cancelled_on=date(2026, 3, 31), cancellation_reason="中止")
    assert (
        str(error.value.message) == "中止日は開始年度の初日（令和8年4月1日）より前にはできません。"
    )
    with pytest.raises(InvalidInput):
        _record(
            staff,
            cancelled_on=timezone.localdate() + timedelta(days=1),
            cancellation_reason="中止",
        )


# --- F12: the register as CSV ------------------------------------------------------------------


def test_the_register_downloads_as_csv_with_the_lists_filters(client, staff, department):
    record = _record(staff, budget=1_200_000, title="見守り", form="consignment")
    record.departments.set([department])
    _record(staff, title="合唱祭", form="endorsement")
    client.force_login(staff)
    response = client.get("/staff/collaboration/export/?form=consignment")
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:7] == [
        "名称",
        "協働の形態",
        "開始年度",
        "終了年度",
        "団体",
        "担当課",
        "予算額（円）",
    ]
    assert rows[1][:7] == [
        "見守り",
        "委託",
        "令和8年度",
        "令和8年度",
        "",
        "協働コミュニティ課",
        "1200000",
    ]
    assert len(rows) == 2
    page = client.get("/staff/collaboration/?form=consignment")
    assert 'href="/staff/collaboration/export/?form=consignment"' in page.text


# --- F13: 後援 without a budget ------------------------------------------------------------------


def test_an_endorsement_refuses_a_budget(client, staff):
    with pytest.raises(InvalidInput) as error:
        _record(staff, form="endorsement", budget=100_000)
    assert error.value.field == "budget"
    assert str(error.value.message).startswith("後援は名義使用のみで、予算額はありません。")
    assert _record(staff, form="endorsement", budget=0).budget == 0
    assert _record(staff, form="endorsement").budget is None


# --- F14: fiscal years in the audit log ---------------------------------------------------------


def test_the_audit_log_writes_a_changed_fiscal_year_in_wareki(staff):
    record = _record(staff, form="consignment", last_fiscal_year=2027)
    services.collaboration_update(
        actor=staff,
        record=record,
        fields=services.CollaborationFields(
            title=record.title, form="consignment", first_fiscal_year=2026, last_fiscal_year=2028
        ),
    )
    _created, updated = audit_rows(AuditEntry.objects.order_by("pk"))
    assert [(line.label, line.text) for line in updated.changes] == [
        ("終了年度", "令和9年度 → 令和10年度")
    ]


# --- F15: to-do and mail to staff ---------------------------------------------------------------


def test_a_submitted_proposal_is_on_the_staff_to_do_list_and_mailed(client, kaze, call, staff):
    from kyodo.core.todo import KINDS_BY_KEY, todo_counts

    today = timezone.localdate()
    kind = KINDS_BY_KEY["proposals"]
    assert todo_counts(today)["proposals"] == 0
    proposal = _submitted(kaze, call)
    mail = OutboxMessage.objects.get(kind="collaboration.proposal_received")
    assert mail.to == "nishiguchi@example.jp"
    assert mail.subject == "西東京風の会から提案が提出されました"
    assert f"/staff/collaboration/proposals/{proposal.pk}/" in mail.body
    assert todo_counts(today)["proposals"] == 1
    [item] = kind.items(today)
    assert item.title == "まちの風景写真アーカイブ（西東京風の会）"
    assert item.detail.startswith("受付締切日（")
    _close(call)
    services.proposal_decide(actor=staff, proposal=proposal, adopt=False)
    [item] = kind.items(today)
    assert item.detail == "決定済み（不採択）・未通知"
    services.proposal_notify(actor=staff, proposal=proposal)
    assert todo_counts(today)["proposals"] == 0
    client.force_login(staff)
    assert "採否の決定・通知を待つ提案" in client.get("/staff/").text


# --- F18: changing an open call -----------------------------------------------------------------


def test_an_earlier_deadline_or_a_lower_limit_is_asked_again(client, kaze, call, staff):
    services.proposal_create(
        actor=kaze.representative_user,
        call=call,
        fields=services.ProposalFields(**PROPOSAL_DATA),
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    data = {
        "title": call.title,
        "fiscal_year": "2026",
        "opens_on": call.opens_on.isoformat(),
        "closes_on": yesterday.isoformat(),
        "budget_limit": "500000",
        "edit_version": edit_version(call),
    }
    client.force_login(staff)
    response = client.post(f"/staff/collaboration/calls/{call.pk}/edit/", data)
    assert response.status_code == 200
    assert "今日より前の日付のため、受付はただちに締め切られます。" in response.text
    assert "未提出の下書き1件（西東京風の会）" in response.text
    assert "新しい上限額500,000円を超える提案が1件あります" in response.text
    call.refresh_from_db()
    assert call.closes_on > yesterday and call.budget_limit == 1_000_000
    response = client.post(
        f"/staff/collaboration/calls/{call.pk}/edit/", {**data, "confirmed": "1"}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.closes_on, call.budget_limit) == (yesterday, 500_000)
    # The group's draft says why it cannot be sent.
    client.force_login(kaze.representative_user)
    draft = Proposal.objects.get()
    page = client.get(f"/group/collaboration/proposals/{draft.pk}/")
    assert "（受付締切日）に締め切られました。" in page.text


def test_a_draft_over_a_lowered_limit_cannot_be_submitted(kaze, call, staff):
    proposal = services.proposal_create(
        actor=kaze.representative_user,
        call=call,
        fields=services.ProposalFields(**PROPOSAL_DATA),
    )
    type(call).objects.filter(pk=call.pk).update(budget_limit=500_000)
    with pytest.raises(InvalidInput) as error:
        services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    assert "500,000" in str(error.value.message)
    proposal.refresh_from_db()
    assert proposal.status == "draft"
