"""What staff enter for the printing fixes of session 20: a body's record (会議録 or 議事要旨),
a meeting held in writing and the day its votes close, and labels typed 「委員Ａ」."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.documents import build_document
from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.export import header_lines
from kyodo.committees.forms import MeetingForm, MeetingUpdateForm
from kyodo.committees.models import (
    AgendaItem,
    Committee,
    Meeting,
    MinutesEntry,
    RecordKind,
)


def test_a_meeting_held_in_writing_is_entered_with_the_day_its_votes_close(committee, staff):
    form = MeetingForm(
        data={
            "date": "2011-01-18",
            "held_in_writing": "on",
            "votes_close_on": "2011-01-28",
        }
    )
    assert form.is_valid(), form.errors
    meeting = services.meeting_create(actor=staff, committee=committee, **form.cleaned_data)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.held_in_writing, meeting.votes_close_on, meeting.venue) == (
        True,
        date(2011, 1, 28),
        None,
    )
    assert header_lines(build_document(meeting.minutes))[:2] == [
        ("開催日時", "平成23年1月28日(金)"),
        ("開催方法", "書面開催"),
    ]
    initial = MeetingUpdateForm.initial_from(meeting)
    assert (initial["held_in_writing"], initial["votes_close_on"]) == (
        True,
        date(2011, 1, 28),
    )


def test_a_meeting_in_writing_with_a_venue_or_closing_before_the_mailing_is_refused(
    committee, staff, venue
):
    with pytest.raises(InvalidInput) as error:
        services.meeting_create(
            actor=staff, committee=committee, date=date(2011, 1, 18), venue=venue,
            held_in_writing=True,
        )  # fmt: skip
    assert error.value.field == "venue"
    with pytest.raises(InvalidInput) as error:
        services.meeting_create(
            actor=staff, committee=committee, date=date(2011, 1, 18), held_in_writing=True,
            votes_close_on=date(2011, 1, 17),
        )  # fmt: skip
    assert error.value.field == "votes_close_on"
    with pytest.raises(InvalidInput) as error:
        services.meeting_create(
            actor=staff, committee=committee, date=date(2011, 1, 18),
            votes_close_on=date(2011, 1, 28),
        )  # fmt: skip
    assert error.value.field == "votes_close_on"
    assert not Meeting.objects.filter(committee=committee).exists()


def test_a_meeting_is_changed_to_one_held_in_writing(committee, staff, meeting):
    with pytest.raises(InvalidInput) as error:
        services.meeting_update(
            actor=staff, meeting=meeting, date=meeting.date, start_time=None, end_time=None,
            venue=meeting.venue, status=meeting.status, held_in_writing=True,
        )  # fmt: skip
    assert error.value.field == "venue"
    assert Meeting.objects.get(pk=meeting.pk).held_in_writing is False
    services.meeting_update(
        actor=staff, meeting=meeting, date=meeting.date, start_time=None, end_time=None,
        venue=None, status=meeting.status, held_in_writing=True, votes_close_on=date(2011, 1, 31),
    )  # fmt: skip
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.held_in_writing, meeting.printed_date) == (True, date(2011, 1, 31))


def test_a_body_keeping_summary_minutes_titles_them_and_their_approval(committee, staff, meeting):
    services.committee_update(actor=staff, committee=committee, record_kind=RecordKind.SUMMARY)
    committee = Committee.objects.get(pk=committee.pk)
    assert committee.record_kind == "summary"
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert build_document(meeting.minutes).title == "平成22(2010)年度第1回運営委員会議事要旨"
    assert services.approval_title(meeting.minutes) == "平成22年度第1回運営委員会議事要旨について"
    with pytest.raises(InvalidInput):
        services.committee_update(actor=staff, committee=committee, record_kind="bad")
    assert Committee.objects.get(pk=committee.pk).record_kind == "summary"


def test_labels_pasted_in_full_width_letters_are_kept(committee, staff, meeting):
    item = services.item_add(
        actor=staff,
        meeting=meeting,
        category=AgendaItem.Category.DISCUSSION,
        title="協働について",
    )
    text = "委員Ａ：賛成です。\n委員Ｂ：反対です。\n委員長：では挙手で。"
    assert [e.speaker for e in services.preview_entries(text)] == [
        "委員Ａ",
        "委員Ｂ",
        "委員長",
    ]
    services.minutes_entries_from_text(actor=staff, item=item, text=text)
    rows = MinutesEntry.objects.filter(item=item).order_by("position")
    assert [(e.speaker, e.member and e.member.name) for e in rows] == [
        ("委員Ａ", None),
        ("委員Ｂ", None),
        ("委員長", "熊田"),
    ]


def test_the_settings_form_offers_the_record_and_keeps_it_when_not_sent(committee):
    from kyodo.committees.forms import SettingsForm

    form = SettingsForm(
        data={"name": "運営委員会", "speaker_labels": "role", "record_kind": "summary"}
    )
    form.is_valid()
    assert form.cleaned_data["record_kind"] == "summary"
    form = SettingsForm(data={"name": "運営委員会", "speaker_labels": "role"})
    form.is_valid()
    assert "record_kind" not in form.cleaned_data
    form = SettingsForm(data={"name": "運営委員会", "speaker_labels": "role", "record_kind": "x"})
    assert not form.is_valid()
    assert "record_kind" in form.errors


def test_a_meeting_held_in_writing_is_shown_as_such_not_as_a_venue_to_be_decided(
    committee, staff, client
):
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.core.templatetags.kyodo_ja import wareki

    day = timezone.localdate() + timedelta(days=10)
    meeting = services.meeting_create(
        actor=staff, committee=committee, date=day, held_in_writing=True,
        votes_close_on=day + timedelta(days=7),
    )  # fmt: skip
    public = client.get("/committee/").content.decode()
    assert f"{wareki(day)} 書面開催</li>" in public
    assert "開催場所未定" not in public
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{meeting.pk}/").content.decode()
    assert "<dd>書面開催</dd>" in page


def test_the_notice_of_a_meeting_held_in_writing_asks_for_the_written_vote(committee, staff):
    from datetime import timedelta

    from kyodo.core.models import OutboxMessage
    from kyodo.core.templatetags.kyodo_ja import wareki

    day = date(2011, 1, 18)  # within the members' terms
    meeting = services.meeting_create(
        actor=staff, committee=committee, date=day, held_in_writing=True,
        votes_close_on=day + timedelta(days=7),
    )  # fmt: skip
    from kyodo.committees.services.meetings import notice_warnings

    # Only that it has begun (a date in 2011): no venue to decide.
    assert [str(w) for w in notice_warnings(meeting)] == [
        f"{meeting}はすでに始まっています（平成23年1月18日(火)）。招集通知は開催に間に合いません。"
    ]
    services.meeting_send_notice(actor=staff, meeting=meeting)
    body = OutboxMessage.objects.filter(kind="committees.meeting.notice").first().body
    assert f"{meeting}を下記のとおり書面により開催します。" in body
    # How to vote: on the page, or on paper to the secretariat (committees22 finding 6).
    assert (
        "同じページで議題ごとに賛成・反対・保留（保留の場合はご意見）を表決してください。"
        "ページをご利用になれない場合は、書面で事務局に表決をお届けください。"
    ) in body
    assert "書面表決書" not in body
    assert "■開催方法：書面開催\n" in body
    assert f"■書面表決の締切：{wareki(day + timedelta(days=7))}" in body
    for word in ("ご出席くださいますよう", "ご出欠を", "開催会場"):
        assert word not in body, word
