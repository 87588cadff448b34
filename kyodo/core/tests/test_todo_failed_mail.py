"""The to-do list's failed mail: a message made up for by a later delivery to the same recipient
about the same object leaves the list (the outbox keeps it as a record)."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kyodo.core.models import OutboxMessage
from kyodo.core.todo import failed_mail, todo_counts

pytestmark = pytest.mark.django_db

T0 = timezone.now() - timedelta(days=2)


def _waiting() -> list[str]:
    today = timezone.localdate()
    items = failed_mail(today)
    assert todo_counts(today)["failed-mail"] == len(items)
    return sorted(item.title for item in items)


def _message(to, status, *, related=None, kind="committees.meeting.notice", at=0, tried=None,
             subject="招集通知"):  # fmt: skip
    """A message queued ``at`` hours after T0; a failed one last tried ``tried`` hours after."""
    message = OutboxMessage.objects.create(
        to=to,
        subject=subject,
        body="…",
        kind=kind,
        status=status,
        content_type=ContentType.objects.get_for_model(related) if related else None,
        object_id=str(related.pk) if related else "",
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=T0 + timedelta(hours=at),
        claimed_at=None if tried is None else T0 + timedelta(hours=tried),
    )
    return message


@pytest.fixture
def meeting(staff_user):
    from kyodo.committees.models import Committee, Meeting
    from kyodo.core.models import Center

    center = Center.objects.create(name="西東京市市民協働推進センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    return Meeting.objects.create(
        committee=committee, fiscal_year=2026, number=9, date=date.today()
    )


def test_a_notice_sent_again_to_the_corrected_address_clears_the_line(meeting):
    # The notice went to three members; one address was wrong and failed after its retries.
    _message("a@example.jp", "sent", related=meeting)
    _message("b@exmaple.jp", "failed", related=meeting, tried=6)
    _message("c@example.jp", "sent", related=meeting)
    assert _waiting() == ["招集通知 → b@exmaple.jp"]
    # Staff fix the address and send the notice again: every member gets it.
    _message("a@example.jp", "sent", related=meeting, at=8)
    _message("c@example.jp", "sent", related=meeting, at=8)
    assert _waiting() == ["招集通知 → b@exmaple.jp"]  # the others' deliveries do not count
    _message("b@example.jp", "sent", related=meeting, at=8)
    assert _waiting() == []
    # The outbox still shows the failure, as a record.
    assert OutboxMessage.objects.filter(status="failed").count() == 1


def test_the_same_address_delivered_later_clears_it_too(meeting):
    _message("b@example.jp", "failed", related=meeting, tried=6)
    _message("B@example.jp", "sent", related=meeting, at=7)
    assert _waiting() == []


def test_what_does_not_make_up_for_a_failure(meeting, staff_user):
    from kyodo.committees.models import Meeting

    other = Meeting.objects.create(
        committee=meeting.committee, fiscal_year=2026, number=10, date=date.today()
    )
    _message("b@exmaple.jp", "failed", related=meeting, tried=6)
    _message("b@example.jp", "queued", related=meeting, at=8)  # not delivered yet
    _message("b@example.jp", "failed", related=meeting, at=8, tried=9)  # failed again
    _message("b@example.jp", "sent", related=other, at=8)  # another meeting
    _message("b@example.jp", "sent", related=meeting, kind="committees.meeting.cancelled", at=8)
    assert _waiting() == ["招集通知 → b@example.jp", "招集通知 → b@exmaple.jp"]


def test_a_message_about_nothing_needs_the_same_subject_and_address(db):
    _message("x@example.jp", "failed", kind="", subject="お知らせ", tried=1)
    _message("x@example.jp", "sent", kind="", subject="別のお知らせ", at=2)
    _message("y@example.jp", "sent", kind="", subject="お知らせ", at=2)
    assert _waiting() == ["お知らせ → x@example.jp"]
    _message("x@example.jp", "sent", kind="", subject="お知らせ", at=3)
    assert _waiting() == []


def test_the_line_links_to_its_own_list(client, staff_user, meeting):
    _message("b@exmaple.jp", "failed", related=meeting, tried=6)
    _message("b@example.jp", "sent", related=meeting, at=8)
    _message(
        "z@exmaple.jp", "failed", related=meeting, kind="committees.meeting.cancelled", tried=1
    )
    client.force_login(staff_user)
    home = client.get("/staff/")
    line = next(line for line in home.context["lines"] if line.kind.key == "failed-mail")
    assert (line.url, line.count) == ("/staff/todo/failed-mail/", 1)
    page = client.get(line.url).text
    assert page.count('class="todo-item"') == 1
    assert "z@exmaple.jp" in page and "b@exmaple.jp" not in page


@pytest.mark.django_db(transaction=True)
def test_a_circulation_resent_to_the_corrected_address_and_received(
    smtp_server, staff_user, settings
):
    """The whole story with a real SMTP server: the link to the draft minutes bounces, staff
    correct the member's address and send it again; it is received, the line is empty."""
    from kyodo.committees import services
    from kyodo.committees.models import Committee, Member, Membership
    from kyodo.core.models import Center
    from kyodo.core.outbox import outbox_flush

    settings.OUTBOX_MAX_ATTEMPTS = 1
    smtp_server.refuse_recipients.add("kumada@exmaple.jp")
    center = Center.objects.create(name="西東京市市民協働推進センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    member = Member.objects.create(
        name="熊田", name_reading="くまだ", sector="npo", email="kumada@exmaple.jp"
    )
    Membership.objects.create(
        committee=committee, member=member, term_start=date(2025, 4, 1), term_end=date(2027, 3, 31)
    )
    meeting = services.meeting_create(actor=staff_user, committee=committee, date=date.today())
    item = services.item_add(actor=staff_user, meeting=meeting, category="report", title="報告")
    services.minutes_entries_from_text(actor=staff_user, item=item, text="事務局：報告した。")
    circulation = services.minutes_circulate(actor=staff_user, minutes=meeting.minutes)
    assert outbox_flush() == {"failed": 1}
    assert len(_waiting()) == 1

    Member.objects.filter(pk=member.pk).update(email="kumada@example.jp")
    recipient = circulation.recipients.get()
    services.recipient_resend(actor=staff_user, recipient=recipient)
    assert outbox_flush() == {"sent": 1}
    assert [m["rcpt_tos"] for m in smtp_server.messages] == [["kumada@example.jp"]]
    assert _waiting() == []
