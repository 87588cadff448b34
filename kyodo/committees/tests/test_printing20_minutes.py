"""Minutes of a second body, printed right (session 20): a body that keeps 議事要旨 prints that
title, a meeting held in writing prints 書面開催 and the day its votes closed, labels typed
「委員Ａ」 stay so, and two bodies' downloads have different ASCII names."""

from __future__ import annotations

import io
from datetime import date, time
from urllib.parse import quote

import pytest
from docx import Document as Docx
from pdfminer.high_level import extract_text

from kyodo.committees import services
from kyodo.committees.documents import (
    build_document,
    in_writing,
    meeting_name,
    minutes_document,
    sha256_of,
    version_document,
)
from kyodo.committees.export import (
    content_disposition,
    download_name,
    header_lines,
    render_docx,
    render_pdf,
    render_text,
)
from kyodo.committees.models import (
    AgendaItem,
    Committee,
    Meeting,
    Minutes,
    MinutesEntry,
    RecordKind,
)
from kyodo.committees.speakers import match_speaker, typed_labels
from kyodo.committees.tests.conftest import hold
from kyodo.committees.tests.test_services import _confirmed, _minutes_with_entries
from kyodo.core.text import match_key
from kyodo.minutes_text import parse_entries, parse_minutes


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _pdf_lines(data: bytes) -> list[str]:
    return [line.strip() for line in extract_text(io.BytesIO(data)).splitlines() if line.strip()]


def _docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Docx(io.BytesIO(data)).paragraphs]


def _summary_body(committee) -> None:
    Committee.objects.filter(pk=committee.pk).update(record_kind=RecordKind.SUMMARY)


# --- 1. 議事要旨 -------------------------------------------------------------------------------


def test_a_body_keeping_summary_minutes_prints_their_title(staff_client, committee, staff, meeting):
    _summary_body(committee)
    _minutes_with_entries(staff, meeting)
    minutes = Minutes.objects.get(meeting=meeting)
    title = "平成22(2010)年度第1回運営委員会議事要旨(未定稿)"

    assert minutes_document(minutes).title == "平成22(2010)年度第1回運営委員会議事要旨"
    assert _pdf_lines(render_pdf(minutes))[:2] == ["西東京市市民協働推進センター", title]
    paragraphs = _docx_paragraphs(render_docx(minutes))
    assert paragraphs[:2] == ["西東京市市民協働推進センター", title]
    properties = Docx(io.BytesIO(render_docx(minutes))).core_properties
    assert (properties.title, properties.keywords) == (title, "議事要旨")
    assert render_text(minutes).split("\n")[1] == title
    assert download_name(minutes, "pdf") == "平成22年度第1回運営委員会議事要旨（未定稿）.pdf"
    response = staff_client.get(f"/staff/committees/minutes/{minutes.pk}/export/pdf/")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"minutes-unei-2010-1.pdf\"; filename*=UTF-8''"
        + quote("平成22年度第1回運営委員会議事要旨（未定稿）.pdf", safe="")
    )


def test_confirmed_summary_minutes_keep_their_title_on_the_public_page(
    client, committee, staff, meeting
):
    from kyodo.committees.tests.test_fixes16_staff_output import _confirmed_with

    _summary_body(committee)
    committee = Committee.objects.get(pk=committee.pk)
    _minutes_with_entries(staff, Meeting.objects.get(pk=meeting.pk))
    minutes, _approval = _confirmed_with(committee, staff, Meeting.objects.get(pk=meeting.pk))
    assert minutes.current_version.document["title"] == "平成22(2010)年度第1回運営委員会議事要旨"
    assert meeting_name(minutes.current_version.document) == "平成22年度第1回運営委員会"

    page = client.get(f"/committee/minutes/{minutes.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>平成22(2010)年度第1回運営委員会議事要旨" in html
    assert "平成22(2010)年度第1回運営委員会議事要旨(確定稿)</h1>" in html
    assert "会議録(確定稿)" not in html


def test_confirmed_minutes_keep_the_frozen_title_when_the_body_changes_its_record(
    committee, staff, meeting
):
    minutes, _item = _confirmed(committee, staff, meeting)
    _summary_body(committee)
    minutes = Minutes.objects.select_related("meeting__committee").get(pk=minutes.pk)
    assert minutes.meeting.committee.record_title == "議事要旨"

    title = "平成22(2010)年度第1回運営委員会会議録(確定稿)"
    assert minutes_document(minutes).title == "平成22(2010)年度第1回運営委員会会議録"
    assert _pdf_lines(render_pdf(minutes))[1] == title
    assert _docx_paragraphs(render_docx(minutes))[1] == title
    assert download_name(minutes, "docx") == "平成22年度第1回運営委員会会議録.docx"
    # Frozen before the record kind existed: no key of it, the hash as it was.
    assert "method" not in minutes.current_version.document
    assert sha256_of(minutes.current_version.document) == minutes.current_version.sha256


# --- 2. 書面開催 -------------------------------------------------------------------------------


@pytest.fixture
def in_writing_meeting(committee, staff):
    meeting = services.meeting_create(actor=staff, committee=committee, date=date(2011, 1, 18))
    Meeting.objects.filter(pk=meeting.pk).update(
        held_in_writing=True, votes_close_on=date(2011, 1, 28)
    )
    return Meeting.objects.get(pk=meeting.pk)


def test_a_meeting_held_in_writing_prints_how_and_the_day_the_votes_closed(
    committee, staff, in_writing_meeting
):
    _minutes_with_entries(staff, in_writing_meeting)
    minutes = Minutes.objects.get(meeting=in_writing_meeting)
    document = minutes_document(minutes)
    assert in_writing(document)
    assert (document.date, document.venue, document.start_time) == (date(2011, 1, 28), None, None)
    assert header_lines(document)[:2] == [
        ("開催日時", "平成23年1月28日(金)"),
        ("開催方法", "書面開催"),
    ]

    pdf = _pdf_lines(render_pdf(minutes))
    assert pdf[2:4] == ["■開催日時：平成23年1月28日(金)", "■開催方法：書面開催"]
    assert not [line for line in pdf if "開催会場" in line or line.endswith("：未定")]
    paragraphs = _docx_paragraphs(render_docx(minutes))
    assert paragraphs[2:4] == ["■開催日時：平成23年1月28日(金)", "■開催方法：書面開催"]
    assert not [p for p in paragraphs if "開催会場" in p]
    text = render_text(minutes)
    assert "■開催日時：平成23年1月28日(金)\n■開催方法：書面開催\n■出席委員：" in text
    assert "開催会場" not in text
    # The text format still reads back: the day, and no venue.
    parsed = parse_minutes(text)
    assert (parsed.date, parsed.venue) == (date(2011, 1, 28), None)


def test_a_meeting_in_writing_without_its_closing_day_is_dated_as_entered(committee, staff):
    meeting = services.meeting_create(actor=staff, committee=committee, date=date(2011, 1, 18))
    Meeting.objects.filter(pk=meeting.pk).update(held_in_writing=True)
    document = build_document(Minutes.objects.get(meeting=meeting))
    assert header_lines(document)[:2] == [
        ("開催日時", "平成23年1月18日(火)"),
        ("開催方法", "書面開催"),
    ]


def test_a_meeting_without_a_venue_still_prints_undecided(committee, staff):
    meeting = services.meeting_create(actor=staff, committee=committee, date=date(2011, 1, 18))
    document = build_document(Minutes.objects.get(meeting=meeting))
    assert not in_writing(document)
    assert header_lines(document)[:2] == [
        ("開催日時", "平成23年1月18日(火)"),
        ("開催会場", "未定"),
    ]
    assert "method" not in document.to_dict()


def test_confirmed_minutes_of_a_meeting_in_writing_keep_it_frozen(
    committee, staff, in_writing_meeting
):
    minutes, _item = _confirmed(committee, staff, in_writing_meeting)
    version = minutes.current_version
    assert version.document["method"] == "書面開催"
    assert (version.document["date"], version.document["venue"]) == ("2011-01-28", None)
    assert sha256_of(version.document) == version.sha256
    # The rows changing later (the flag taken off) changes nothing printed.
    Meeting.objects.filter(pk=in_writing_meeting.pk).update(held_in_writing=False)
    minutes = Minutes.objects.get(pk=minutes.pk)
    document = version_document(minutes.current_version)
    assert in_writing(document)
    assert _pdf_lines(render_pdf(minutes))[2:4] == [
        "■開催日時：平成23年1月28日(金)",
        "■開催方法：書面開催",
    ]


# --- 3. 委員Ａ ---------------------------------------------------------------------------------

TYPED = "委員Ａ：賛成です。\n委員B：反対です。\n○委員Ｂ　もう一度説明を。\n事務局：はい。"


def test_labels_typed_in_full_width_letters_are_kept(committee, staff, meeting):
    entries = typed_labels(parse_entries(TYPED), TYPED)
    assert [(e.speaker, e.text) for e in entries] == [
        ("委員Ａ", "賛成です。"),
        ("委員B", "反対です。"),
        ("委員Ｂ", "もう一度説明を。"),
        ("事務局", "はい。"),
    ]
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    services.minutes_entries_set(actor=staff, item=item, entries=entries)
    assert list(MinutesEntry.objects.filter(item=item).values_list("speaker", flat=True)) == [
        "委員Ａ",
        "委員B",
        "委員Ｂ",
        "事務局",
    ]
    minutes = Minutes.objects.get(meeting=meeting)
    lines = [
        "委員Ａ：賛成です。",
        "委員B：反対です。",
        "委員Ｂ：もう一度説明を。",
        "事務局：はい。",
    ]
    pdf = _pdf_lines(render_pdf(minutes))
    assert [line for line in pdf if line in lines] == lines
    paragraphs = _docx_paragraphs(render_docx(minutes))
    assert [p for p in paragraphs if p in lines] == lines
    # Matching and search fold the widths as before.
    assert match_key("委員Ａ") == match_key("委員A") == "委員a"
    seats = list(committee.memberships.all())
    assert match_speaker("委員Ａ", seats) == match_speaker("委員A", seats)


def test_confirmed_minutes_keep_their_folded_labels(committee, staff, meeting):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    # Typed before labels kept their width: stored folded, and frozen so.
    services.minutes_entries_set(
        actor=staff, item=item, entries=parse_entries("委員Ａ：賛成です。")
    )
    hold(staff, meeting)
    from kyodo.committees.tests.test_fixes16_staff_output import _confirmed_with

    minutes, _approval = _confirmed_with(committee, staff, meeting)
    assert "委員A：賛成です。" in _pdf_lines(render_pdf(minutes))
    assert "委員A：賛成です。" in _docx_paragraphs(render_docx(minutes))


def test_a_label_typed_half_width_stays_half_width():
    text = "委員A：賛成です。\n委員Ａ：反対です。"
    entries = typed_labels(parse_entries(text), text)
    assert [e.speaker for e in entries] == ["委員A", "委員Ａ"]


# --- 4. file names -----------------------------------------------------------------------------


def test_two_bodies_downloads_have_their_own_ascii_names(
    staff_client, committee, staff, meeting, venue
):
    second = Committee.objects.create(
        center=committee.center, name="市民協働推進委員会", slug="suishin"
    )
    other = services.meeting_create(
        actor=staff,
        committee=second,
        date=date(2011, 1, 20),
        start_time=time(14),
        end_time=time(16),
        venue=venue,
    )
    assert other.code == meeting.code == "2010-1"
    first = Minutes.objects.get(meeting=meeting)
    minutes = Minutes.objects.get(meeting=other)
    assert content_disposition(first, "pdf") == (
        "attachment; filename=\"minutes-unei-2010-1.pdf\"; filename*=UTF-8''"
        + quote("平成22年度第1回運営委員会会議録（未定稿）.pdf", safe="")
    )
    response = staff_client.get(f"/staff/committees/minutes/{minutes.pk}/export/docx/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename=\"minutes-suishin-2010-1.docx\"; filename*=UTF-8''"
        + quote("平成22年度第1回市民協働推進委員会会議録（未定稿）.docx", safe="")
    )


# --- the printed notice of a meeting held in writing ------------------------------------------


def test_the_printed_notice_of_a_meeting_in_writing_names_no_venue(
    staff_client, committee, in_writing_meeting
):
    from django.utils.translation import gettext, pgettext

    from kyodo.committees.models import Member

    Member.objects.filter(name="田辺").update(email="")
    page = staff_client.get(f"/staff/committees/meetings/{in_writing_meeting.pk}/notice/print/")
    assert page.status_code == 200
    text = page.content.decode()
    assert [member.name for member, _name in page.context["letters"]] == ["田辺"]
    assert (
        f"<dt>{pgettext('printed notice', 'How it is held')}</dt>"
        f'<dd class="notice-venue">{gettext("Held in writing")}</dd>'
    ) in text
    assert (
        f"<dt>{gettext('Written votes close on')}</dt>"
        '<dd class="notice-votes-close">平成23年1月28日(金)</dd>'
    ) in text
    assert pgettext("printed notice", "Venue") not in text
    assert gettext("Not decided yet") not in text
