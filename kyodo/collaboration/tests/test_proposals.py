"""Calls for proposals: draft, attachments, final submit, review, adoption, and the mails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import (
    AlreadyDecided,
    CallClosed,
    GroupNotActive,
    InvalidInput,
    ProposalLocked,
)
from kyodo.collaboration.models import Collaboration, Proposal, Review, Score
from kyodo.collaboration.tests.conftest import PROPOSAL_DATA
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.outbox import outbox_flush
from kyodo.core.tests.files import docx_bytes, pdf_bytes
from kyodo.core.versions import edit_version

pytestmark = pytest.mark.django_db


def _draft(kaze, call, **overrides):
    return services.proposal_create(
        actor=kaze.representative_user,
        call=call,
        fields=services.ProposalFields(**{**PROPOSAL_DATA, **overrides}),
    )


def _close(call):
    # The call's deadline has passed: its proposals can be decided.
    today = timezone.localdate()
    type(call).objects.filter(pk=call.pk).update(
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    call.refresh_from_db()


def _scores(call, *values):
    return dict(zip(call.criteria.values_list("pk", flat=True), values, strict=True))


def test_a_proposal_goes_from_draft_to_adopted_and_creates_the_record(
    client, kaze, call, staff, member, department
):
    # The group writes a draft through its page, changes it and submits it.
    client.force_login(kaze.representative_user)
    response = client.post(
        f"/group/collaboration/calls/{call.pk}/new/",
        {**PROPOSAL_DATA, "department": department.pk, "budget": "８００，０００"},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/group/collaboration/proposals/{proposal.pk}/"
    assert (proposal.status, proposal.budget, proposal.department) == ("draft", 800_000, department)

    response = client.post(
        f"/group/collaboration/proposals/{proposal.pk}/",
        {
            **PROPOSAL_DATA,
            "department": department.pk,
            "title": "まちの風景写真アーカイブと散策マップ",
            "budget": "750000",
            "edit_version": edit_version(proposal),
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title, proposal.budget) == ("まちの風景写真アーカイブと散策マップ", 750_000)

    upload = SimpleUploadedFile("計画書.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    response = client.post(
        f"/group/collaboration/proposals/{proposal.pk}/attachments/", {"file": upload}
    )
    assert response.status_code == 302
    attachment = proposal.attachments.get()
    assert attachment.name == "計画書.pdf"
    download = client.get(
        f"/group/collaboration/proposals/{proposal.pk}/attachments/{attachment.pk}/"
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4 plan"

    response = client.post(f"/group/collaboration/proposals/{proposal.pk}/submit/")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert proposal.submitted_at is not None
    # After the final submit the page only shows the proposal.
    page = client.get(f"/group/collaboration/proposals/{proposal.pk}/")
    assert 'name="summary"' not in page.text
    assert "提出済み" in page.text

    # Two reviewers score it; staff see the totals and averages.
    services.review_submit(actor=staff, proposal=proposal, scores=_scores(call, 25, 15))
    services.review_submit(
        actor=member, proposal=proposal, scores=_scores(call, 20, 16), comment="良い提案"
    )
    client.force_login(staff)
    page = client.get(f"/staff/collaboration/calls/{call.pk}/")
    row = page.text.split('id="results"')[1]
    assert "<td>2</td>" in row  # reviews
    assert "<td>22.5</td>" in row  # 公益性 average
    assert "<td>15.5</td>" in row  # 実現可能性 average
    assert "<td>76</td>" in row  # the sum of both totals (40 + 36)
    assert "38.0 / 50" in row  # the average total

    # The call closes; staff adopt it (a confirmation naming the reviewers first), then notify
    # the result: the collaboration record appears, with the group and fiscal year.
    _close(call)
    decision = {"decision": "adopt", "note": "担当課と打ち合わせてください。"}
    response = client.post(f"/staff/collaboration/proposals/{proposal.pk}/decide/", decision)
    assert response.status_code == 200
    assert "この提案を採点した審査員は2人です。" in response.text
    response = client.post(
        f"/staff/collaboration/proposals/{proposal.pk}/decide/", {**decision, "confirmed": "1"}
    )
    assert response.status_code == 302
    assert not Collaboration.objects.exists()
    response = client.post(f"/staff/collaboration/proposals/{proposal.pk}/notify/")
    assert response.status_code == 302
    proposal.refresh_from_db()
    record = Collaboration.objects.get()
    assert proposal.status == "adopted"
    assert proposal.collaboration == record
    assert (record.title, record.form, record.first_fiscal_year, record.last_fiscal_year) == (
        "まちの風景写真アーカイブと散策マップ",
        "proposal",
        2026,
        2026,
    )
    assert list(record.organizations.all()) == [kaze]
    assert list(record.departments.all()) == [department]
    assert record.budget == 750_000
    assert record.is_published is False
    assert list(OutboxMessage.objects.order_by("pk").values_list("kind", flat=True)) == [
        "collaboration.proposal_submitted",
        "collaboration.proposal_received",  # to the staff
        "collaboration.proposal_adopted",
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "kyodo.collaboration.proposal.created",
        "kyodo.collaboration.proposal.updated",
        "kyodo.collaboration.attachment.added",
        "kyodo.collaboration.proposal.submitted",
        "kyodo.collaboration.review.submitted",
        "kyodo.collaboration.record.created",
        "kyodo.collaboration.proposal.adopted",
    } <= actions


def test_nothing_can_change_after_the_final_submit(kaze, call):
    proposal = _draft(kaze, call)
    services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    upload = SimpleUploadedFile("a.txt", b"text")
    with pytest.raises(ProposalLocked):
        services.proposal_update(
            actor=kaze.representative_user,
            proposal=proposal,
            fields=services.ProposalFields(**{**PROPOSAL_DATA, "title": "X"}),
        )
    with pytest.raises(ProposalLocked):
        services.attachment_add(actor=kaze.representative_user, proposal=proposal, upload=upload)
    with pytest.raises(ProposalLocked):
        services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.title == PROPOSAL_DATA["title"]
    assert proposal.attachments.count() == 0


def test_nothing_can_be_done_after_the_call_closes(client, kaze, call):
    proposal = _draft(kaze, call)
    today = timezone.localdate()
    call.opens_on, call.closes_on = today - timedelta(days=10), today - timedelta(days=1)
    call.save()
    with pytest.raises(CallClosed):
        _draft(kaze, call, title="別の提案")
    with pytest.raises(CallClosed):
        services.proposal_update(
            actor=kaze.representative_user,
            proposal=proposal,
            fields=services.ProposalFields(**{**PROPOSAL_DATA, "title": "X"}),
        )
    with pytest.raises(CallClosed):
        services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    assert Proposal.objects.count() == 1
    proposal.refresh_from_db()
    assert (proposal.status, proposal.title) == ("draft", PROPOSAL_DATA["title"])

    # Through the pages: no new proposal, the draft is shown read-only with the reason.
    client.force_login(kaze.representative_user)
    assert client.get(f"/group/collaboration/calls/{call.pk}/new/").status_code == 404
    page = client.get(f"/group/collaboration/proposals/{proposal.pk}/")
    assert "締め切られました" in page.text
    response = client.post(f"/group/collaboration/proposals/{proposal.pk}/submit/", follow=True)
    # The refusal says why, as the page does (the call's deadline).
    assert response.text.count("（受付締切日）に締め切られました。") == 2
    proposal.refresh_from_db()
    assert proposal.status == "draft"


@pytest.mark.parametrize("status", ["suspended", "withdrawn"])
def test_a_suspended_or_withdrawn_group_cannot_draft_or_submit(client, kaze, call, status):
    proposal = _draft(kaze, call)
    kaze.status = status
    kaze.save(update_fields=["status"])
    audit_rows = AuditEntry.objects.count()
    user = kaze.representative_user
    upload = SimpleUploadedFile("企画書.txt", "企画の概要".encode())
    for refused in (
        lambda: _draft(kaze, call, title="別の提案"),
        lambda: services.proposal_update(
            actor=user,
            proposal=proposal,
            fields=services.ProposalFields(**{**PROPOSAL_DATA, "title": "X"}),
        ),
        lambda: services.attachment_add(actor=user, proposal=proposal, upload=upload),
        lambda: services.proposal_submit(actor=user, proposal=proposal),
    ):
        with pytest.raises(GroupNotActive):
            refused()

    # Through the pages: the reason is shown, no form, and a forged POST changes nothing.
    client.force_login(user)
    page = client.get("/group/collaboration/")
    assert "休止中または登録抹消済みのため" in page.text
    assert f"/group/collaboration/calls/{call.pk}/new/" not in page.text
    response = client.post(f"/group/collaboration/calls/{call.pk}/new/", {"title": "別の提案"})
    assert "休止中または登録抹消済みのため" in response.text
    page = client.get(f"/group/collaboration/proposals/{proposal.pk}/")
    assert "休止中または登録抹消済みのため" in page.text and 'name="title"' not in page.text
    response = client.post(f"/group/collaboration/proposals/{proposal.pk}/submit/", follow=True)
    assert "休止中または登録抹消済みのため" in response.text
    proposal.refresh_from_db()
    assert (proposal.status, proposal.title, Proposal.objects.count()) == (
        "draft",
        PROPOSAL_DATA["title"],
        1,
    )
    assert (AuditEntry.objects.count(), OutboxMessage.objects.count()) == (audit_rows, 0)


def test_a_group_cannot_see_or_edit_another_groups_proposal(client, kaze, other_group, call):
    proposal = _draft(kaze, call)
    attachment = services.attachment_add(
        actor=kaze.representative_user,
        proposal=proposal,
        upload=SimpleUploadedFile("a.txt", b"secret plan"),
    )
    client.force_login(other_group.representative_user)
    base = f"/group/collaboration/proposals/{proposal.pk}/"
    assert client.get(base).status_code == 404
    post = {**PROPOSAL_DATA, "department": "", "title": "乗っ取り"}
    assert client.post(base, post).status_code == 404
    assert client.post(base + "submit/").status_code == 404
    assert client.get(base + f"attachments/{attachment.pk}/").status_code == 404
    assert client.post(base + f"attachments/{attachment.pk}/remove/").status_code == 404
    upload = SimpleUploadedFile("b.txt", b"x")
    assert client.post(base + "attachments/", {"file": upload}).status_code == 404
    assert "風の会" not in client.get("/group/collaboration/").text
    # The service refuses too, whatever a view might do.
    with pytest.raises(PermissionDenied):
        services.proposal_submit(actor=other_group.representative_user, proposal=proposal)
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == (PROPOSAL_DATA["title"], "draft")
    assert proposal.attachments.count() == 1


def test_a_reviewer_has_one_review_per_proposal_and_corrects_it(client, kaze, call, member):
    proposal = _draft(kaze, call)
    services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    services.review_submit(actor=member, proposal=proposal, scores=_scores(call, 10, 10))
    # Scoring again corrects her own review (no second one).
    services.review_submit(actor=member, proposal=proposal, scores=_scores(call, 30, 10))
    # Through the page too, with the Japanese words.
    client.force_login(member)
    criteria = list(call.criteria.all())
    page = client.get(f"/staff/collaboration/proposals/{proposal.pk}/")
    assert "採点を修正する" in page.text
    response = client.post(
        f"/staff/collaboration/proposals/{proposal.pk}/review/",
        {f"score_{criteria[0].pk}": "30", f"score_{criteria[1].pk}": "20"},
    )
    assert response.status_code == 302
    # And the database itself keeps a second row out.
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(proposal=proposal, reviewer=member)
    assert Review.objects.count() == 1
    assert sorted(Score.objects.values_list("score", flat=True)) == [20, 30]


@pytest.mark.parametrize(("first", "second"), [(31, 10), (-1, 10), (10, 21)])
def test_scores_outside_zero_to_max_are_refused_and_nothing_is_saved(
    client, kaze, call, staff, first, second
):
    proposal = _draft(kaze, call)
    services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    with pytest.raises(InvalidInput) as error:
        services.review_submit(actor=staff, proposal=proposal, scores=_scores(call, first, second))
    name, maximum = ("公益性", 30) if first != 10 else ("実現可能性", 20)
    assert str(error.value.message) == f"「{name}」の点数は0から{maximum}までで入力してください。"
    client.force_login(staff)
    criteria = list(call.criteria.all())
    response = client.post(
        f"/staff/collaboration/proposals/{proposal.pk}/review/",
        {f"score_{criteria[0].pk}": str(first), f"score_{criteria[1].pk}": str(second)},
    )
    assert response.status_code == 400
    assert f"「{name}」の点数は0から{maximum}までで入力してください。" in response.text
    assert Review.objects.count() == 0
    assert Score.objects.count() == 0


def test_drafts_are_not_reviewed_and_decisions_are_final(kaze, call, staff):
    proposal = _draft(kaze, call)
    with pytest.raises(Exception) as error:
        services.review_submit(actor=staff, proposal=proposal, scores=_scores(call, 1, 1))
    assert "提出された提案" in str(error.value)
    services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    _close(call)
    services.proposal_decide(actor=staff, proposal=proposal, adopt=False, note="")
    services.proposal_notify(actor=staff, proposal=proposal)
    with pytest.raises(AlreadyDecided):
        services.proposal_decide(actor=staff, proposal=proposal, adopt=True)
    proposal.refresh_from_db()
    assert proposal.status == "declined"
    assert Collaboration.objects.count() == 0


def test_attachments_are_checked(kaze, call):
    proposal = _draft(kaze, call)
    user = kaze.representative_user
    bad = [
        (
            SimpleUploadedFile("a.exe", b"MZ"),
            "「a.exe」はウェブページ・スクリプト・プログラムのため",
        ),
        (
            SimpleUploadedFile("a.pdf", b"not a pdf"),
            "「a.pdf」の内容が PDF のファイルではありません。",
        ),
        (
            SimpleUploadedFile("a.txt", b"x" * (5 * 1024 * 1024 + 1)),
            "「a.txt」は大きすぎます（5.1MB）。ファイルは5MBまでです。",
        ),
    ]
    for upload, message in bad:
        with pytest.raises(InvalidInput) as error:
            services.attachment_add(actor=user, proposal=proposal, upload=upload)
        assert str(error.value.message).startswith(message)
    assert proposal.attachments.count() == 0
    for n in range(5):
        services.attachment_add(
            actor=user, proposal=proposal, upload=SimpleUploadedFile(f"{n}.txt", b"ok")
        )
    with pytest.raises(InvalidInput):
        services.attachment_add(
            actor=user, proposal=proposal, upload=SimpleUploadedFile("6.txt", b"ok")
        )
    assert proposal.attachments.count() == 5


@pytest.mark.django_db(transaction=True)
def test_applicants_are_mailed_at_each_step_through_real_smtp(
    smtp_server, kaze, other_group, call, staff
):
    adopted = _draft(kaze, call)
    declined = _draft(other_group, call, title="別の提案")
    services.proposal_submit(actor=kaze.representative_user, proposal=adopted)
    services.proposal_submit(actor=other_group.representative_user, proposal=declined)
    _close(call)
    services.proposal_decide(
        actor=staff, proposal=adopted, adopt=True, note="おめでとうございます。"
    )
    services.proposal_decide(actor=staff, proposal=declined, adopt=False)
    services.proposal_notify(actor=staff, proposal=adopted)
    services.proposal_notify(actor=staff, proposal=declined)
    # Two receipts, two results, and the office told of each proposal (no center address: the
    # staff's own, nishiguchi's).
    assert outbox_flush() == {"sent": 6}

    kaze_mail = smtp_server.by_recipient("kaze@example.jp")
    other_mail = smtp_server.by_recipient("hikari@example.jp")
    assert sorted(m["message"]["Subject"] for m in kaze_mail) == [
        "提案が採択されました：まちの風景写真アーカイブ",
        "提案を受け付けました：まちの風景写真アーカイブ",
    ]
    assert sorted(m["message"]["Subject"] for m in other_mail) == [
        "提案の審査結果：別の提案",
        "提案を受け付けました：別の提案",
    ]
    by_subject = {m["message"]["Subject"]: m["message"].get_content() for m in kaze_mail}
    adopted_body = by_subject["提案が採択されました：まちの風景写真アーカイブ"]
    assert "西東京風の会 様" in adopted_body
    assert "令和8年度" in adopted_body
    assert "おめでとうございます。" in adopted_body
    declined_body = {m["message"]["Subject"]: m["message"].get_content() for m in other_mail}
    assert "採択されませんでした" in declined_body["提案の審査結果：別の提案"]
    assert (
        "次のとおり受け付けました" in by_subject["提案を受け付けました：まちの風景写真アーカイブ"]
    )


def test_services_check_the_role_first(kaze, call, member, staff):
    proposal = _draft(kaze, call)
    services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    with pytest.raises(PermissionDenied):
        services.review_submit(
            actor=kaze.representative_user, proposal=proposal, scores=_scores(call, 1, 1)
        )
    with pytest.raises(PermissionDenied):
        services.proposal_decide(actor=member, proposal=proposal, adopt=True)
    with pytest.raises(PermissionDenied):
        services.collaboration_create(
            actor=member,
            fields=services.CollaborationFields(title="x", form="subsidy", first_fiscal_year=2010),
        )
    with pytest.raises(PermissionDenied):
        services.counting_settings_update(actor=member, counted_forms=[])
    with pytest.raises(PermissionDenied):
        services.proposal_create(
            actor=staff, call=call, fields=services.ProposalFields(**PROPOSAL_DATA)
        )
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert (Review.objects.count(), Collaboration.objects.count(), Proposal.objects.count()) == (
        0,
        0,
        1,
    )


# --- attachments through the group's form (kyodo.core.uploads) ---------------------------------

ATTACHMENT_KINDS = "PDF、Word（.docx）、Excel（.xlsx）、テキスト（.txt）、PNG画像、JPEG画像"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "計画書.pdf",
            b"<html><body><script>alert(1)</script></body></html>",
            "「計画書.pdf」はウェブページ・スクリプト・プログラムのため、アップロードできません。"
            f"受け付けるのは {ATTACHMENT_KINDS} のファイル（5MBまで）です。",
            id="html-named-pdf",
        ),
        pytest.param(
            "計画書.pdf",
            b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024),
            f"「計画書.pdf」は大きすぎます（5.1MB）。ファイルは5MBまでです。受け付ける種類：{ATTACHMENT_KINDS}。",
            id="oversize",
        ),
        pytest.param(
            "計画書.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "「計画書.doc」はアップロードできない種類のファイルです。"
            f"受け付けるのは {ATTACHMENT_KINDS} のファイル（5MBまで）です。",
            id="legacy-word",
        ),
    ],
)
def test_the_attachment_form_refuses_bad_files_and_keeps_nothing(
    client, kaze, call, name, content, message
):
    proposal = _draft(kaze, call)
    audits = AuditEntry.objects.count()
    client.force_login(kaze.representative_user)
    response = client.post(
        f"/group/collaboration/proposals/{proposal.pk}/attachments/",
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert message in response.text
    assert proposal.attachments.count() == 0
    assert AuditEntry.objects.count() == audits


@pytest.mark.parametrize(
    ("name", "make", "shown"),
    [
        ("計画書.pdf", pdf_bytes, "計画書.pdf"),
        ("C:\\書類\\計画書.DOCX", docx_bytes, "計画書.docx"),
    ],
)
def test_the_attachment_form_accepts_a_real_pdf_and_docx(client, kaze, call, name, make, shown):
    proposal = _draft(kaze, call)
    content = make()
    client.force_login(kaze.representative_user)
    response = client.post(
        f"/group/collaboration/proposals/{proposal.pk}/attachments/",
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    attachment = proposal.attachments.get()
    assert attachment.name == shown
    with attachment.file.open("rb") as stored:
        assert stored.read() == content
