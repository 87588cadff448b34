"""A draft to a call staff withdrew (非公開にした), moved later or closed: the service refuses to
submit or change it, with the reason in Japanese; the draft is kept, its page says why, and a
call published again takes it again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import CallClosed
from kyodo.collaboration.models import Proposal, ProposalCall
from kyodo.collaboration.tests.conftest import PROPOSAL_DATA
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.wareki import format_wareki

pytestmark = pytest.mark.django_db

WITHDRAWN = (
    "この提案募集はセンターが取り下げました（公開を停止しています）。下書きは保存されていますが、"
    "今は変更も提出もできません。センターにお問い合わせください。"
)


@pytest.fixture
def draft(kaze, call):
    return services.proposal_create(
        actor=kaze.representative_user, call=call, fields=services.ProposalFields(**PROPOSAL_DATA)
    )


def _state():
    return (
        list(Proposal.objects.values_list("pk", "status", "title", "submitted_at", "updated_at")),
        AuditEntry.objects.count(),
        OutboxMessage.objects.count(),
    )


def _withdraw(staff, call):
    services.call_publish(actor=staff, call=call, publish=False)


def test_a_draft_to_a_withdrawn_call_is_not_submitted_by_the_service(kaze, staff, call, draft):
    _withdraw(staff, call)
    before = _state()
    user = kaze.representative_user

    with pytest.raises(CallClosed) as refused:
        services.proposal_submit(actor=user, proposal=draft)
    assert str(refused.value.message) == WITHDRAWN
    with pytest.raises(CallClosed) as refused:
        services.proposal_update(
            actor=user,
            proposal=draft,
            fields=services.ProposalFields(**{**PROPOSAL_DATA, "title": "別の題"}),
        )
    assert str(refused.value.message) == WITHDRAWN
    with pytest.raises(CallClosed):
        services.attachment_add(
            actor=user,
            proposal=draft,
            upload=SimpleUploadedFile("plan.txt", "計画".encode(), content_type="text/plain"),
        )

    # The draft is kept as it was; nothing written, nobody mailed.
    assert _state() == before
    assert Proposal.objects.get(pk=draft.pk).status == "draft"
    assert draft.attachments.count() == 0


def test_a_call_published_again_takes_the_draft_again(kaze, staff, call, draft):
    _withdraw(staff, call)
    services.call_publish(actor=staff, call=call, publish=True)

    services.proposal_submit(actor=kaze.representative_user, proposal=draft)

    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_the_group_sees_why_on_its_page_and_a_submit_is_refused(client, kaze, staff, call, draft):
    _withdraw(staff, call)
    client.force_login(kaze.representative_user)
    before = _state()
    url = f"/group/collaboration/proposals/{draft.pk}/"

    page = client.get(url)
    assert page.status_code == 200
    assert (
        f'<p class="message error" id="draft-closed"><strong>下書き</strong> — {WITHDRAWN}</p>'
        in (page.text)
    )
    # Read-only: no form to save or submit.
    assert "proposal-submit" not in page.text
    assert f'action="{url}submit/"' not in page.text
    assert PROPOSAL_DATA["summary"] in page.text

    response = client.post(f"{url}submit/", follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert f'<p class="message error">{WITHDRAWN}</p>' in response.text
    saved = client.post(url, PROPOSAL_DATA | {"title": "別の題", "department": ""})
    assert saved.status_code == 400
    assert WITHDRAWN in saved.text
    assert _state() == before

    # The list of the group's proposals says the draft cannot be submitted now.
    index = client.get("/group/collaboration/").text
    assert "現在は提出できません（理由は提案のページに表示しています）。" in index
    assert f"/group/collaboration/calls/{call.pk}/new/" not in index


def test_a_call_moved_later_says_from_when_and_keeps_the_draft(client, kaze, call, draft):
    today = timezone.localdate()
    ProposalCall.objects.filter(pk=call.pk).update(
        opens_on=today + timedelta(days=5), closes_on=today + timedelta(days=20)
    )
    before = _state()
    message = f"この提案募集の受付は{format_wareki(today + timedelta(days=5))}からです。"

    with pytest.raises(CallClosed) as refused:
        services.proposal_submit(actor=kaze.representative_user, proposal=draft)
    assert str(refused.value.message) == message

    client.force_login(kaze.representative_user)
    page = client.get(f"/group/collaboration/proposals/{draft.pk}/")
    # Not 「締め切られました」: the call has not opened yet.
    assert f"<strong>下書き</strong> — {message}</p>" in page.text
    assert "締め切られました" not in page.text
    assert _state() == before


def test_a_closed_call_gives_its_deadline_in_the_refusal(kaze, call, draft):
    today = timezone.localdate()
    ProposalCall.objects.filter(pk=call.pk).update(
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    before = _state()

    with pytest.raises(CallClosed) as refused:
        services.proposal_submit(actor=kaze.representative_user, proposal=draft)

    assert str(refused.value.message) == (
        f"この提案募集は{format_wareki(today - timedelta(days=1))}（受付締切日）に締め切られました。"
        "この下書きは変更も提出もできません。締切日が変更されたことをご存じなかった場合は、"
        "センターにお問い合わせください。"
    )
    assert _state() == before


def test_staff_taking_a_call_off_the_site_are_told_of_the_drafts_waiting(
    client, staff, call, draft
):
    client.force_login(staff)

    response = client.post(
        f"/staff/collaboration/calls/{call.pk}/publish/", {"publish": "0"}, follow=True
    )

    assert '<p class="message success">募集を非公開にしました。</p>' in response.text
    assert (
        '<p class="message warning">この提案募集には団体の下書きが1件あります。再び公開するまで、'
        "団体は下書きを変更も提出もできません。</p>"
    ) in response.text
    assert Proposal.objects.get(pk=draft.pk).status == "draft"


def test_staff_taking_a_call_without_drafts_off_the_site_get_no_warning(client, staff, call):
    client.force_login(staff)

    response = client.post(
        f"/staff/collaboration/calls/{call.pk}/publish/", {"publish": "0"}, follow=True
    )

    assert "message warning" not in response.text
