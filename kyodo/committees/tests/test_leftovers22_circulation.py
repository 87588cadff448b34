"""Circulating the draft of a meeting whose day has passed but that is still 予定 (the secretariat
forgot to record it as held): the page that asks first says so plainly and its button records it
as held (開催済み) in the same step, with the meeting's own audit row; a meeting in the future or
cancelled is refused with a Japanese message and nothing changes."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.models import AgendaItem, Circulation, Meeting, Minutes
from kyodo.committees.services.circulation import circulation_refusal, held_when_circulated
from kyodo.committees.tests.conftest import hold
from kyodo.core.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db

WARNING = (
    "平成22年度第1回運営委員会（平成23年1月18日(火)）は「予定」のままで、「開催済み」になって"
    "いません。送付すると、同時に「開催済み」として記録します。開催していない場合は送付せず、"
    "会議のページで日時を変更するか中止してください。"
)


def _draft(staff, meeting) -> None:
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="委員長：意見を伺います。")


def _state(meeting) -> tuple:
    """What a refused circulation must leave as it was."""
    meeting.refresh_from_db()
    return (
        meeting.status,
        Minutes.objects.get(meeting=meeting).status,
        Circulation.objects.count(),
        OutboxMessage.objects.count(),
        AuditEntry.objects.count(),
    )


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_page_says_a_past_meeting_still_scheduled_is_recorded_as_held_by_sending(
    client, staff, meeting
):
    # Given the fixture's meeting of 平成23年1月18日, past, never recorded as held
    _draft(staff, meeting)
    assert meeting.status == Meeting.Status.SCHEDULED
    client.force_login(staff)
    url = f"/staff/committees/minutes/{meeting.minutes.pk}/circulate/"
    # When staff open 「委員に送付する」
    page = client.get(url)
    # Then the page says so before anything is sent, and its button says what it does
    assert page.status_code == 200
    warning = re.search(
        r'<p class="message warning" id="circulate-marks-held">(.*?)</p>', page.text
    )
    assert warning is not None
    assert _text(warning.group(1)) == WARNING + " 会議のページ"
    assert f'<a href="/staff/committees/meetings/{meeting.pk}/">会議のページ</a>' in warning.group(
        1
    )
    assert (
        '<button type="submit" id="circulate-send">「開催済み」にして送付する</button>' in page.text
    )
    # and nothing has changed yet.
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_sending_records_the_meeting_as_held_with_its_audit_row(client, staff, meeting):
    _draft(staff, meeting)
    client.force_login(staff)
    url = f"/staff/committees/minutes/{meeting.minutes.pk}/circulate/"
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(f"/staff/committees/minutes/{meeting.minutes.pk}/", 302)]
    assert (
        "会議録（未定稿）を委員に送付し、平成22年度第1回運営委員会を「開催済み」として記録しました。"
        in response.text
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.CIRCULATED
    assert OutboxMessage.objects.filter(kind="committees.minutes.circulation").count() == 4
    # The meeting's own row (as its edit page writes it), then the circulation's.
    held, sent = AuditEntry.objects.filter(
        action__in=["kyodo.committees.meeting.updated", "kyodo.committees.minutes.circulated"]
    ).order_by("pk")
    assert (held.action, held.actor, held.object_id, held.changes) == (
        "kyodo.committees.meeting.updated",
        staff,
        str(meeting.pk),
        {"status": ["scheduled", "held"]},
    )
    assert (sent.action, sent.changes) == (
        "kyodo.committees.minutes.circulated",
        {"recipients": 4},
    )
    # The meeting page no longer says the day has passed while it is 予定.
    page = client.get(f"/staff/committees/meetings/{meeting.pk}/").text
    assert 'id="meeting-past"' not in page
    # Sent again, the meeting is held already: nothing more about it.
    again = client.get(url).text
    assert 'id="circulate-marks-held"' not in again
    assert '<button type="submit" id="circulate-send">送信</button>' in again
    client.post(url, {"reason": ""})
    assert AuditEntry.objects.filter(action="kyodo.committees.meeting.updated").count() == 1


def test_a_meeting_recorded_as_held_is_sent_as_before(client, staff, meeting):
    _draft(staff, meeting)
    meeting = hold(staff, meeting)
    updates = AuditEntry.objects.filter(action="kyodo.committees.meeting.updated").count()
    assert held_when_circulated(meeting) is False
    client.force_login(staff)
    url = f"/staff/committees/minutes/{meeting.minutes.pk}/circulate/"
    page = client.get(url).text
    assert 'id="circulate-marks-held"' not in page
    assert '<button type="submit" id="circulate-send">送信</button>' in page
    response = client.post(url, follow=True)
    assert "会議録（未定稿）を委員に送付しました。" in response.text
    assert "「開催済み」として記録しました" not in response.text
    assert AuditEntry.objects.filter(action="kyodo.committees.meeting.updated").count() == updates


def test_the_monthly_report_is_handed_out_when_sending_records_the_meeting_held(staff, meeting):
    # Recorded as held by the send, the meeting reads its report as handed out from then on,
    # as when staff record it held on its edit page.
    from datetime import date

    from kyodo.core.months import Month
    from kyodo.reports.services import presented_report_attach

    item = services.item_add(actor=staff, meeting=meeting, category="report", title="業務報告")
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告します。")
    presented = presented_report_attach(
        actor=staff, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    presented.refresh_from_db()
    assert presented.is_frozen is True
    assert AuditEntry.objects.filter(action="kyodo.reports.presented.frozen").count() == 1


def test_a_meeting_not_begun_is_not_sent_and_nothing_changes(client, staff, committee):
    from kyodo.committees.models import Membership

    # A draft written ahead for a meeting in ten days (seats running then)
    Membership.objects.update(term_end=None)
    ahead_on = timezone.localdate() + timedelta(days=10)
    ahead = services.meeting_create(
        actor=staff, committee=committee, date=ahead_on, start_time=time(19)
    )
    _draft(staff, ahead)
    before = _state(ahead)
    from kyodo.core.wareki import format_wareki

    said = (
        f"{ahead}の開始は{format_wareki(ahead_on)} 午後7時です。"
        "開催済みの記録と会議録の送付は、その時刻からできます。"
    )
    with pytest.raises(InvalidInput) as error:
        services.minutes_circulate(actor=staff, minutes=ahead.minutes)
    assert str(error.value) == said
    assert circulation_refusal(ahead.minutes) == said
    # Through the page: the minutes page says why; posted anyway, the same, and nothing changed.
    client.force_login(staff)
    url = f"/staff/committees/minutes/{ahead.minutes.pk}/circulate/"
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(f"/staff/committees/minutes/{ahead.minutes.pk}/", 302)]
    assert said in _text(response.text)
    response = client.post(url, follow=True)
    assert said in _text(response.text)
    assert _state(ahead) == before == ("scheduled", "draft", 0, 0, before[4])


def test_a_cancelled_meeting_is_not_sent_and_nothing_changes(client, staff, meeting):
    # (A meeting with statements cannot be cancelled: its draft is empty, said after 中止.)
    services.meeting_cancel(actor=staff, meeting=meeting)
    before = _state(meeting)
    with pytest.raises(InvalidInput) as error:
        services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    assert str(error.value) == "この会議は中止されています。"
    client.force_login(staff)
    url = f"/staff/committees/minutes/{meeting.minutes.pk}/circulate/"
    response = client.post(url, follow=True)
    assert "この会議は中止されています。" in response.text
    assert _state(meeting) == before
    assert before[:3] == ("cancelled", "draft", 0)
