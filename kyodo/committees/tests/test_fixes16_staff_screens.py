"""Staff committee screens as a center expects them (a newcomer's audit, finding 3): the advice
names the decision option as the form labels it, ranges use 「～」, the notice is shown before it
is sent, and a meeting's date that has passed or that no term covers is pointed out."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, Decision, Meeting, Member
from kyodo.committees.services.meetings import notice_mails as notice_preview
from kyodo.core.models import AuditEntry, OutboxMessage


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- the decision option named as the form labels it -------------------------------------------


def test_the_approval_advice_names_the_deferral_option_as_labelled(
    staff_client, committee, staff, meeting
):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="報告"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="委員長：はじめます。")
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(actor=staff, committee=committee, date=date(2011, 2, 22))
    approval = following.items.get(minutes_for=meeting.minutes)
    label = str(Decision.Outcome.DEFERRED.label)
    assert label == "継続審議（次回審議）"
    for url in (
        f"/staff/committees/items/{approval.pk}/",
        f"/staff/committees/items/{approval.pk}/decision/",
    ):
        page = staff_client.get(url)
        assert page.status_code == 200
        assert "次回に継続" + "」" not in page.text
        assert (
            '<p id="approval-advice">次回に継続して審議する（結果で「継続審議（次回審議）」を選ぶ）か、'
            "理由を記録したうえで承認することができます。</p>"
        ) in page.text, url
        # ... which is what the decision form offers.
        assert (
            f">{label}</option>" in page.text
            or f"> {label}</label>" in page.text
            or (label in page.text)
        )


# --- ranges with 「～」 ----------------------------------------------------------------------------


def test_the_committee_page_writes_ranges_with_the_wave_dash(staff_client, committee, meeting):
    from kyodo.committees.models import Appointment, Membership

    member = Member.objects.get(name="坂口")
    Membership.objects.create(
        committee=committee, member=member, term_start=date(2025, 4, 1), term_end=date(2027, 3, 31)
    )
    Appointment.objects.create(
        committee=committee,
        member=member,
        title="担当理事",
        term_start=date(2025, 4, 1),
        term_end=date(2027, 3, 31),
    )
    page = staff_client.get("/staff/committees/")
    assert page.status_code == 200
    assert "<p>委員：3～6名 / 定足数：3</p>" in page.text
    assert "<td>令和7年4月1日～令和9年3月31日</td>" in page.text
    assert "<li>担当理事：坂口（令和7年4月1日～令和9年3月31日）</li>" in page.text
    assert "–" not in page.text


# --- the notice, shown before it is sent --------------------------------------------------------


def test_the_notice_is_shown_as_it_will_be_sent_and_nothing_is_sent(
    staff_client, committee, staff, meeting
):
    services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告"
    )
    Member.objects.filter(name="田辺").update(email="")
    before = OutboxMessage.objects.count()
    page = staff_client.get(f"/staff/committees/meetings/{meeting.pk}/notice/")
    assert page.status_code == 200
    assert OutboxMessage.objects.count() == before
    preview = page.context["preview"]
    assert [m.member.name for m in preview.mails] == ["有賀", "熊田", "坂口"]
    assert [m.name for m in preview.no_address] == ["田辺"]
    first = preview.mails[0]
    assert first.to == Member.objects.get(name="有賀").email
    assert f'<dd class="mail-subject">{first.subject}</dd>' in page.text
    assert "業務報告" in first.body
    assert '<button type="submit" id="notice-send">送信</button>' in page.text

    sent = staff_client.post(f"/staff/committees/meetings/{meeting.pk}/notice/")
    assert sent.status_code == 302
    queued = OutboxMessage.objects.order_by("pk")[before:]
    assert [(m.to, m.subject, m.body) for m in queued] == [
        (m.to, m.subject, m.body) for m in preview.mails
    ]
    assert Meeting.objects.get(pk=meeting.pk).notice_sent_at is not None


def test_the_meeting_page_links_to_the_preview_rather_than_sending(staff_client, meeting):
    page = staff_client.get(f"/staff/committees/meetings/{meeting.pk}/")
    assert (
        f'<a class="button" href="/staff/committees/meetings/{meeting.pk}/notice/" '
        'id="notice-preview-link">'
    ) in page.text
    assert f'action="/staff/committees/meetings/{meeting.pk}/notice/"' not in page.text


def test_the_preview_composes_what_the_service_sends(staff, meeting):
    preview = notice_preview(meeting=meeting)
    services.meeting_send_notice(actor=staff, meeting=meeting)
    assert [(m.to, m.subject, m.body) for m in preview.mails] == list(
        OutboxMessage.objects.order_by("pk").values_list("to", "subject", "body")
    )


# --- a date that has passed, a date no term covers ----------------------------------------------


def test_a_meeting_created_for_a_past_date_is_pointed_out(staff_client, committee):
    created = staff_client.post("/staff/committees/", {"date": "平成23年3月15日"})
    assert created.status_code == 302
    meeting = Meeting.objects.get(date=date(2011, 3, 15))
    assert meeting.status == Meeting.Status.SCHEDULED
    assert _messages(created) == [
        "会議を登録しました。",
        "平成22年度第1回運営委員会の開催日（平成23年3月15日(火)）は過ぎていますが、「予定」として"
        "作成しました。すでに開催した会議なら、変更画面で「開催済み」として記録してください。",
    ]
    page = staff_client.get(created["Location"])
    assert 'id="meeting-past"' in page.text
    assert f'<a href="/staff/committees/meetings/{meeting.pk}/edit/">' in page.text


def test_a_meeting_no_term_covers_says_so_and_links_to_renewing(staff_client, committee):
    created = staff_client.post("/staff/committees/", {"date": "2012-05-15"})
    meeting = Meeting.objects.get(date=date(2012, 5, 15))
    assert (
        "平成24年5月15日(火)に任期のある委員がいません。委員の任期を更新するまで出欠を記録できません。"
    ) in _messages(created)
    page = staff_client.get(f"/staff/committees/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert 'id="attendance-no-terms"' in page.text
    assert '<a href="/staff/committees/people/renew/">' in page.text
    assert "Save attendance" not in page.text and "出欠を保存" not in page.text


def test_a_meeting_held_is_not_pointed_out(staff_client, staff, meeting):
    from kyodo.committees.tests.conftest import hold

    hold(staff, meeting)
    page = staff_client.get(f"/staff/committees/meetings/{meeting.pk}/")
    assert 'id="meeting-past"' not in page.text
    assert 'id="attendance-no-terms"' not in page.text
    assert AuditEntry.objects.filter(action="kyodo.committees.meeting.notice_sent").count() == 0
