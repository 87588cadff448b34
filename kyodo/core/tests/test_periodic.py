import pytest
from django.core.management import call_command
from django.db import transaction

from kyodo.core.management.commands.periodic import daily_jobs
from kyodo.core.models import OutboxMessage
from kyodo.core.outbox import outbox_enqueue


def test_apps_register_their_daily_jobs():
    assert daily_jobs() == [
        "kyodo.core.confirmations.pending_submissions_expire",
        "kyodo.organizations.services.status_changes_apply",
        "kyodo.events.services.personal_data_anonymise",
        "kyodo.events.services.feedback_request_due",
        "kyodo.search.indexing.index_news_due",
    ]


@pytest.mark.django_db(transaction=True)
def test_one_round_delivers_due_mail_and_runs_the_daily_jobs(smtp_server, capsys):
    with transaction.atomic():
        outbox_enqueue(to="member@example.jp", subject="招集通知", body="第10回")
    # The task was queued but no worker runs here: the periodic round is the safety net.
    call_command("periodic", "--once")

    assert OutboxMessage.objects.get().status == "sent"
    assert [m["rcpt_tos"] for m in smtp_server.messages] == [["member@example.jp"]]
    assert "outbox flush: {'sent': 1}" in capsys.readouterr().out
