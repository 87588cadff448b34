import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction

from kyodo.core.management.commands.periodic import daily_jobs, due_jobs
from kyodo.core.models import OutboxMessage
from kyodo.core.outbox import outbox_enqueue


def test_apps_register_their_daily_jobs():
    assert daily_jobs() == [
        "kyodo.core.confirmations.pending_submissions_expire",
        "kyodo.organizations.services.status_changes_apply",
        "kyodo.events.services.personal_data_anonymise",
        "kyodo.events.services.feedback_request_due",
        "kyodo.committees.services.members.invitations_due_send",
        "kyodo.search.indexing.index_news_due",
    ]


def test_a_job_with_an_hour_waits_for_it_and_each_runs_once_a_day():
    night = dt.datetime(2026, 12, 7, 0, 1)
    assert "kyodo.events.services.feedback_request_due" not in due_jobs(night, {})
    assert "kyodo.committees.services.members.invitations_due_send" not in due_jobs(night, {})
    morning = dt.datetime(2026, 12, 7, 10, 0)
    assert due_jobs(morning, {}) == daily_jobs()
    ran = dict.fromkeys(daily_jobs(), morning.date())
    ran["kyodo.events.services.feedback_request_due"] = dt.date(2026, 12, 6)
    assert due_jobs(night, ran) == []
    assert due_jobs(morning, ran) == ["kyodo.events.services.feedback_request_due"]
    at_hours = (
        "kyodo.events.services.feedback_request_due",
        "kyodo.committees.services.members.invitations_due_send",
    )
    assert due_jobs(dt.datetime(2026, 12, 8, 0, 1), ran) == [
        job for job in daily_jobs() if job not in at_hours
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
