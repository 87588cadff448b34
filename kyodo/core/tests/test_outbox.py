"""The outbox against a real SMTP server (aiosmtpd on loopback) and the real task worker."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.outbox import (
    outbox_deliver,
    outbox_deliver_due,
    outbox_enqueue,
    outbox_flush,
    outbox_resend,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fast_retries(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    settings.OUTBOX_MAX_ATTEMPTS = 8


def run_worker_until_idle(rounds: int = 10) -> None:
    # The real db_worker, in batch mode: it runs every task that is due, then exits.
    for _ in range(rounds):
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
        if not OutboxMessage.objects.filter(
            status__in=[OutboxMessage.Status.QUEUED, OutboxMessage.Status.SENDING]
        ).exists():
            return


def test_refused_then_accepted_each_message_arrives_exactly_once(smtp_server):
    smtp_server.refuse_next = 4
    with transaction.atomic():
        for n in range(3):
            outbox_enqueue(to=f"member{n}@example.jp", subject=f"招集通知 {n}", body="第9回")

    run_worker_until_idle()

    assert smtp_server.refused == 4
    assert sorted(r for m in smtp_server.messages for r in m["rcpt_tos"]) == [
        "member0@example.jp",
        "member1@example.jp",
        "member2@example.jp",
    ]
    rows = list(OutboxMessage.objects.order_by("to"))
    assert [row.status for row in rows] == ["sent"] * 3
    assert sum(row.attempts for row in rows) == 3 + 4
    assert all(row.sent_at is not None for row in rows)
    # The same Message-ID on every attempt lets a receiver drop a duplicate after a crash.
    received_ids = sorted(m["message"]["Message-ID"] for m in smtp_server.messages)
    assert received_ids == sorted(row.message_id for row in rows)


def test_a_rolled_back_change_sends_nothing(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(to="member@example.jp", subject="件名", body="本文")
        raise RuntimeError("the change failed after the mail was queued")

    run_worker_until_idle()

    assert OutboxMessage.objects.count() == 0
    assert smtp_server.messages == []


def test_the_worker_delivers_from_the_outbox_itself_without_a_task_per_message(smtp_server):
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        outbox_enqueue(to="member@example.jp", subject="件名", body="本文")
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox_enqueue(to="other@example.jp", subject="件名", body="本文")
            raise RuntimeError("the change failed after the mail was queued")
    # The committed row is all: no task row written with it.
    assert DBTaskResult.objects.count() == 0

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)

    assert [r for m in smtp_server.messages for r in m["rcpt_tos"]] == ["member@example.jp"]
    assert list(OutboxMessage.objects.values_list("to", "status", "attempts")) == [
        ("member@example.jp", "sent", 1)
    ]


def test_a_worker_for_other_queues_leaves_the_mail_to_the_default_queues_worker(smtp_server):
    with transaction.atomic():
        outbox_enqueue(to="member@example.jp", subject="件名", body="本文")

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "exports",
                 verbosity=0)  # fmt: skip
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                 "--exclude-queues", "default", verbosity=0)  # fmt: skip
    assert smtp_server.messages == []
    assert OutboxMessage.objects.get().status == "queued"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)  # the default queue
    assert [r for m in smtp_server.messages for r in m["rcpt_tos"]] == ["member@example.jp"]
    assert OutboxMessage.objects.get().status == "sent"


def test_a_batch_worker_stops_once_nothing_is_due_and_leaves_later_retries(smtp_server, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 3600
    smtp_server.refuse_next = 1
    with transaction.atomic():
        message = outbox_enqueue(to="member@example.jp", subject="件名", body="本文")

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)

    message.refresh_from_db()
    assert (message.status, message.attempts, smtp_server.messages) == ("queued", 1, [])
    assert message.next_attempt_at is not None


def test_with_another_task_backend_delivery_is_queued_after_the_commit(settings):
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with transaction.atomic():
        outbox_enqueue(to="member@example.jp", subject="件名", body="本文")
        assert default_task_backend.results == []
    assert len(default_task_backend.results) == 1


def test_a_message_already_sent_is_not_sent_again(smtp_server):
    with transaction.atomic():
        message = outbox_enqueue(to="a@example.jp", subject="件名", body="本文")
    run_worker_until_idle()

    assert outbox_deliver(message_id=message.pk) is None
    assert outbox_flush() == {}
    assert len(smtp_server.messages) == 1


def test_after_the_last_attempt_the_message_is_failed_and_staff_can_resend(
    smtp_server, staff_user, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    smtp_server.refuse_recipients.add("gone@example.jp")
    with transaction.atomic():
        message = outbox_enqueue(to="gone@example.jp", subject="会議録（未定稿）", body="本文")
    run_worker_until_idle()

    message.refresh_from_db()
    assert message.status == "failed"
    assert message.attempts == 2
    assert "550" in message.last_error

    smtp_server.refuse_recipients.discard("gone@example.jp")
    outbox_resend(actor=staff_user, message=message)
    run_worker_until_idle()

    message.refresh_from_db()
    assert message.status == "sent"
    assert len(smtp_server.by_recipient("gone@example.jp")) == 1
    entry = AuditEntry.objects.get(action="kyodo.outbox.resent")
    assert entry.actor == staff_user
    assert entry.changes == {"status": ["failed", "queued"]}


def test_resend_is_refused_to_a_committee_member(smtp_server, member_user):
    from django.core.exceptions import PermissionDenied

    with transaction.atomic():
        message = outbox_enqueue(to="x@example.jp", subject="件名", body="本文")
    run_worker_until_idle()

    with pytest.raises(PermissionDenied):
        outbox_resend(actor=member_user, message=message)
    message.refresh_from_db()
    assert message.status == "sent"
    assert AuditEntry.objects.count() == 0


def test_staff_see_the_failure_and_resend_from_the_outbox_page(client, smtp_server, staff_user):
    smtp_server.refuse_recipients.add("gone@example.jp")
    with transaction.atomic():
        message = outbox_enqueue(to="gone@example.jp", subject="会議録の送付", body="本文")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status="failed", last_error="550 No such user"
    )

    client.force_login(staff_user)
    listing = client.get("/staff/outbox/?status=failed")
    assert listing.status_code == 200
    assert "会議録の送付" in listing.text
    assert "失敗" in listing.text

    response = client.post(f"/staff/outbox/{message.pk}/resend/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == "queued"
    assert message.attempts == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_a_message_another_worker_is_claiming_is_skipped_not_waited_for(smtp_server):
    import threading

    with transaction.atomic():
        first = outbox_enqueue(to="first@example.jp", subject="件名", body="本文")
        outbox_enqueue(to="second@example.jp", subject="件名", body="本文")
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        # Holds the first message's row lock, as a worker does while it claims it.
        try:
            with transaction.atomic():
                OutboxMessage.objects.select_for_update().get(pk=first.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        assert outbox_deliver_due() == {"sent": 1}
    finally:
        release.set()
        thread.join(timeout=30)
    assert [r for m in smtp_server.messages for r in m["rcpt_tos"]] == ["second@example.jp"]
    assert outbox_flush() == {"sent": 1}
    assert sorted(r for m in smtp_server.messages for r in m["rcpt_tos"]) == [
        "first@example.jp",
        "second@example.jp",
    ]


def _worker():
    from kyodo.core.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test", excluded_queue_names=[],
    )  # fmt: skip


def test_a_worker_sends_a_round_of_mail_at_a_time_and_none_once_told_to_stop(smtp_server):
    from kyodo.core.management.commands.db_worker import MAIL_PER_ROUND

    with transaction.atomic():
        for n in range(MAIL_PER_ROUND + 5):
            outbox_enqueue(to=f"member{n}@example.jp", subject="招集通知", body="第9回")
    worker = _worker()

    assert worker.deliver_mail() == MAIL_PER_ROUND  # then its tasks get their turn
    assert len(smtp_server.messages) == MAIL_PER_ROUND
    worker.running = False  # SIGTERM during the round: the message being sent, no more
    assert worker.deliver_mail() == 0
    assert OutboxMessage.objects.filter(status="queued").count() == 5
    assert _worker().deliver_mail() == 5
    assert Counter(OutboxMessage.objects.values_list("status", flat=True)) == {
        "sent": MAIL_PER_ROUND + 5
    }


def test_staff_are_told_when_mail_only_goes_to_the_servers_output(client, staff_user, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    client.force_login(staff_user)
    for path in ("/staff/", "/staff/outbox/"):
        assert "現在の設定では、メールは実際には送信されません。" in client.get(path).text


def test_with_a_mail_server_there_is_no_such_notice(client, staff_user, smtp_server):
    client.force_login(staff_user)
    assert "現在の設定では、メールは実際には送信されません。" not in client.get("/staff/").text


def test_a_refused_address_is_explained_in_words(client, staff_user, smtp_server):
    smtp_server.refuse_recipients.add("nobody@example.jp")
    with transaction.atomic():
        message = outbox_enqueue(to="nobody@example.jp", subject="議事録案の送付", body="本文")
    outbox_deliver(message_id=message.pk)
    client.force_login(staff_user)
    page = client.get(f"/staff/outbox/{message.pk}/").text
    assert (
        "相手のメールサーバーがこのアドレスを受け付けませんでした。アドレスが存在しないか、"
        "誤っている可能性があります。ご本人にアドレスを確認してください。"
    ) in page
    assert "技術的な詳細：" in page and "SMTPRecipientsRefused" in page


def test_the_outbox_command_speaks_japanese(db):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("outbox", "status", stdout=out)
    assert out.getvalue().splitlines() == [
        "送信待ち（queued）：0",
        "送信中（sending）：0",
        "送信済み（sent）：0",
        "失敗（failed）：0",
    ]
    out = io.StringIO()
    call_command("outbox", "flush", stdout=out)
    assert out.getvalue() == "送る時期になったメールはありません。\n"
