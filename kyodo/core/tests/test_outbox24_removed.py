"""A mail whose address was removed with the personal data (the daily anonymisation, a request
to remove it) is not offered for sending again, and a resend is refused, changing nothing."""

from __future__ import annotations

import pytest

from kyodo.core.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db

REFUSED = "このメールは個人情報の削除で宛先が消されているため、再送できません。"


def _mail(to: str) -> OutboxMessage:
    return OutboxMessage.objects.create(
        kind="events.application_received",
        to=to,
        subject="お申し込みありがとうございます：会計講座",
        body="（削除済み）" if not to else "本文",
        status=OutboxMessage.Status.FAILED,
        attempts=8,
    )


def test_a_mail_without_its_address_is_not_sent_again(client, staff_user):
    message = _mail("")
    client.force_login(staff_user)

    page = client.get(f"/staff/outbox/{message.pk}/").text
    response = client.post(f"/staff/outbox/{message.pk}/resend/", follow=True)

    assert ">再送信</button>" not in page
    assert f"<p>{REFUSED}</p>" in page
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [REFUSED]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.to) == ("failed", 8, "")
    assert not AuditEntry.objects.filter(action="kyodo.outbox.resent").exists()


def test_a_mail_with_its_address_is_queued_again(client, staff_user):
    message = _mail("kaze@example.jp")
    client.force_login(staff_user)

    response = client.post(f"/staff/outbox/{message.pk}/resend/", follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "メールを再送信の待ち行列に入れました。"
    ]
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 0)
