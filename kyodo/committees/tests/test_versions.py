"""Confirmed minutes are frozen versions: renames change nothing published, tampering is found,
approval happens only where it is valid, decisions and absentees reach the filed document."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.documents import version_document
from kyodo.committees.exceptions import InvalidInput, MinutesApproved, MinutesNotApprovable
from kyodo.committees.models import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Member,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    SecretariatMember,
)
from kyodo.committees.tests.conftest import approve, confirm, hold, members
from kyodo.committees.tests.test_export import needs_seed, pdf_footers, pdf_text
from kyodo.core.models import AuditEntry, Center


def _ninth() -> Meeting:
    return Meeting.objects.get(committee__slug="unei", fiscal_year=2010, number=9)


def _article(html: str) -> str:
    return re.search(r'<article class="minutes-document".*?</article>', html, re.S).group(0)


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def _published(client, tmp_path, meeting: Meeting) -> dict:
    minutes = Minutes.objects.get(meeting=meeting)
    files = {}
    for fmt in ("pdf", "docx", "text"):
        path = tmp_path / f"{fmt}-{len(list(tmp_path.iterdir()))}"
        call_command(
            "minutes", "export", "--meeting", meeting.code, "--format", fmt, "--output", str(path)
        )
        files[fmt] = path
    return {
        "page": _article(client.get(f"/committee/minutes/{minutes.pk}/").text),
        # The page's title, without the site's name after it.
        "title": re.search(
            r"<title>(.*?) \| .*</title>", client.get(f"/committee/minutes/{minutes.pk}/").text
        ).group(1),
        "pdf": pdf_text(files["pdf"]),
        "docx": _docx_text(files["docx"].read_bytes()),
        "text": files["text"].read_bytes(),
        "api": client.get(f"/api/v1/minutes/{meeting.pk}").json(),
        "statements": client.get("/api/v1/statements", {"meeting": meeting.pk}).json(),
    }


@needs_seed
def test_renaming_people_the_committee_and_the_center_changes_no_confirmed_minutes(
    client, demo, tmp_path, capsys
):
    ninth = _ninth()
    before = _published(client, tmp_path, ninth)
    assert "坂口委員" in before["page"] and "運営委員会会議録(確定稿)" in before["page"]

    member = Member.objects.get(name="坂口")
    member.name, member.name_reading = "坂口（改姓）", "あいざわ"
    member.save()
    Committee.objects.update(name="協働推進委員会", speaker_labels="name")
    Center.objects.update(name="新しい名前のセンター")
    SecretariatMember.objects.filter(name="西口").update(name="東口", title="所長")

    after = _published(client, tmp_path, ninth)
    assert after == before
    call_command("minutes", "verify")
    assert capsys.readouterr().out.splitlines()[-1] == (
        "確定稿の版 1 件をすべて検証しました。改ざんはありません。"
    )

    # A draft still follows the rows: it is the confirmed record that does not.
    draft = build_text(Meeting.objects.get(committee__slug="unei", fiscal_year=2010, number=10))
    assert draft.splitlines()[:2] == [
        "新しい名前のセンター",
        "平成22(2010)年度第10回協働推進委員会会議録(未定稿)",
    ]


def build_text(meeting: Meeting) -> str:
    from kyodo.committees.export import render_text

    return render_text(Minutes.objects.get(meeting=meeting))


@needs_seed
def test_a_tampered_version_fails_verification_naming_the_meeting(demo, capsys):
    version = MinutesVersion.objects.get(minutes__meeting=_ninth())
    document = dict(version.document, venue="別の会場")
    # Written behind the application's back, as an attacker with database access would.
    MinutesVersion.objects.filter(pk=version.pk).update(document=document)
    with pytest.raises(CommandError) as error:
        call_command("minutes", "verify")
    assert str(error.value) == "確定稿の版 1 件のうち 1 件が検証に失敗しました。"
    assert capsys.readouterr().err.strip() == (
        "平成22年度第9回運営委員会 第1版：SHA-256 が内容と一致しません。"
    )
    with pytest.raises(ValueError):
        version.save()  # and the application itself never rewrites a version


def _circulated(staff, committee, meeting) -> AgendaItem:
    """Minutes of ``meeting`` circulated; the next meeting (2011-02-22) has their approval."""
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DELIBERATION, title="議題"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="委員長：はじめます。")
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(actor=staff, committee=committee, date=date(2011, 2, 22))
    return following.items.get(minutes_for=meeting.minutes)


def _state(meeting):
    return (
        list(Minutes.objects.filter(meeting=meeting).values_list("status", "approved_at")),
        list(Decision.objects.values_list("item", "outcome")),
        MinutesVersion.objects.count(),
        AuditEntry.objects.count(),
    )


def test_approval_is_refused_where_it_is_not_valid_and_changes_nothing(committee, staff, meeting):
    approval = _circulated(staff, committee, meeting)
    received = timezone.now()
    meeting.minutes.circulations.get().recipients.update(opened_at=received)

    def attempt(message: str, **kwargs) -> None:
        before = _state(meeting)
        with pytest.raises((MinutesNotApprovable, InvalidInput)) as error:
            services.decision_record(
                actor=staff, item=approval, outcome=Decision.Outcome.APPROVED, **kwargs
            )
        assert str(error.value) == message
        assert _state(meeting) == before

    # At a meeting whose day has come but still 予定: approving would record it as held in the
    # same step (committees22 finding 7), but without attendance it has no quorum: refused, and
    # it stays 予定.
    attempt(
        "定足数に達していません（出席0名、必要3名）。 "
        "次回に継続審議とするか、それでも承認する理由を入力してください。"
    )
    approval.meeting.refresh_from_db()
    assert approval.meeting.status == "scheduled"
    # Held, but two of four present (quorum 3).
    hold(staff, approval.meeting, absent=("熊田", "有賀"))
    attempt(
        "定足数に達していません（出席2名、必要3名）。 "
        "次回に継続審議とするか、それでも承認する理由を入力してください。"
    )
    # With its quorum, but one member never opened the draft.
    hold(staff, approval.meeting)
    meeting.minutes.circulations.get().recipients.filter(member__name="田辺").update(opened_at=None)
    attempt(
        "未定稿を受領していない委員が1名います：田辺（未受領）。 "
        "次回に継続審議とするか、それでも承認する理由を入力してください。"
    )
    # The override path records its reason, and the version keeps it.
    services.decision_record(
        actor=staff,
        item=approval,
        outcome=Decision.Outcome.APPROVED,
        override_reason="田辺委員には会議の場で紙で確認いただいた。",
    )
    assert Minutes.objects.get(pk=meeting.minutes.pk).status == Minutes.Status.APPROVED
    version = services.minutes_confirm(actor=staff, minutes=meeting.minutes)
    assert version.document["approval"]["override"] == "田辺委員には会議の場で紙で確認いただいた。"


def test_a_decision_cannot_be_dated_in_the_future(committee, staff, meeting):
    future = services.meeting_create(
        actor=staff, committee=committee, date=timezone.localdate() + timedelta(days=7)
    )
    item = services.item_add(
        actor=staff, meeting=future, category=AgendaItem.Category.DELIBERATION, title="議題"
    )
    before = _state(meeting)
    with pytest.raises(InvalidInput) as error:
        services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.APPROVED)
    assert str(error.value) == "会議の日付が未来です。未来の日付で決定は記録できません。"
    assert _state(meeting) == before


def test_confirmation_needs_the_approval_and_happens_once(committee, staff, meeting):
    approval = _circulated(staff, committee, meeting)
    with pytest.raises(services.NotApproved) as error:
        services.minutes_confirm(actor=staff, minutes=meeting.minutes)
    assert str(error.value) == (
        "この会議録はまだ承認されていません。先に開催済みの会議で承認を記録してください。"
    )
    approve(staff, approval)
    # Approved minutes wait for 確定 and take no more edits meanwhile.
    with pytest.raises(MinutesApproved):
        services.minutes_entries_from_text(
            actor=staff, item=meeting.items.get(), text="委員長：改ざん"
        )
    # Recording the approval item's decision again reopens them.
    services.decision_record(actor=staff, item=approval, outcome=Decision.Outcome.DEFERRED)
    assert Minutes.objects.get(pk=meeting.minutes.pk).status == Minutes.Status.CIRCULATED
    approve(staff, approval)
    services.minutes_confirm(actor=staff, minutes=meeting.minutes)
    with pytest.raises(InvalidInput) as error:
        services.minutes_confirm(actor=staff, minutes=meeting.minutes)
    assert str(error.value) == "この会議録はすでに確定しています。"
    assert MinutesVersion.objects.filter(minutes=meeting.minutes).count() == 1


def test_a_decision_and_the_absentees_reach_every_form_of_the_minutes_once(
    client, committee, staff, meeting, tmp_path
):
    people = members(committee)
    services.attendance_record(
        actor=staff, meeting=meeting, member=people["熊田"], status=Attendance.Status.PRESENT
    )
    services.attendance_record(
        actor=staff, meeting=meeting, member=people["有賀"], status=Attendance.Status.ONLINE
    )
    services.attendance_record(
        actor=staff, meeting=meeting, member=people["田辺"], status=Attendance.Status.ABSENT
    )
    item = services.item_add(
        actor=staff,
        meeting=meeting,
        category=AgendaItem.Category.DELIBERATION,
        title="社会福祉協議会の担当理事候補について",
    )
    services.minutes_entries_from_text(
        actor=staff,
        item=item,
        text="委員長：推薦をお願いします。\n委員：熊田委員長を推薦します。\n",
    )
    # Recorded through the form: not stated by any entry, so printed once after them.
    staff_client = client
    staff_client.force_login(staff)
    response = staff_client.post(
        f"/staff/committees/items/{item.pk}/decision/",
        {"outcome": "approved", "method": "unanimous", "text": ""},
    )
    assert response.status_code == 302
    decision_line = "○満場一致で承認した。"

    other = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    services.minutes_entries_from_text(
        actor=staff, item=other, text="委員長：意見を。\n○ワークショップを開くことに決まった。\n"
    )
    # Stated by an entry: linked to it, not repeated.
    services.decision_record(
        actor=staff,
        item=other,
        outcome=Decision.Outcome.APPROVED,
        text="ワークショップを開くことに決まった。",
    )
    assert Decision.objects.get(item=other).entry.text == "ワークショップを開くことに決まった。"

    approval = _circulated(staff, committee, meeting)
    confirm(staff, approval)
    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    text = build_text(meeting)
    assert text.count(decision_line) == 1
    assert text.count("○ワークショップを開くことに決まった。") == 1
    assert "■出席委員：有賀委員、熊田委員＜以上2名、五十音順＞" in text
    assert "■オンライン出席：有賀委員" in text
    assert "■欠席委員：田辺委員" in text
    lines = text.splitlines()
    assert lines[lines.index("委員：熊田委員長を推薦します。") + 1] == decision_line

    page = client.get(f"/committee/minutes/{minutes.pk}/").text
    assert page.count("満場一致で承認した。") == 1
    assert "■欠席委員：</dt><dd>田辺委員" in page
    call_command(
        "minutes", "export", "--meeting", meeting.code, "--format", "pdf",
        "--output", str(tmp_path / "m.pdf"),
    )  # fmt: skip
    pdf = pdf_text(tmp_path / "m.pdf")
    assert pdf.count("満場一致で承認した。") == 1 and "■欠席委員：田辺委員" in pdf
    call_command(
        "minutes", "export", "--meeting", meeting.code, "--format", "docx",
        "--output", str(tmp_path / "m.docx"),
    )  # fmt: skip
    docx = _docx_text((tmp_path / "m.docx").read_bytes())
    assert docx.count("満場一致で承認した。") == 1 and "■欠席委員：田辺委員" in docx
    api = client.get(f"/api/v1/minutes/{meeting.pk}").json()
    deliberation = next(s for s in api["sections"] if s["category"] == "審議事項")
    entries = deliberation["items"][0]["entries"]
    assert [e["text"] for e in entries].count("満場一致で承認した。") == 1
    assert deliberation["items"][0]["decision"] == {
        "outcome": "approved",
        "method": "unanimous",
        "votes_for": None,
        "votes_against": None,
        "abstentions": None,
        "entry": 2,
    }
    assert (api["absentees"], api["online"]) == (["田辺"], ["有賀"])


@needs_seed
def test_the_files_are_ready_to_file(demo, tmp_path):
    from docx import Document as Docx

    ninth = _ninth()
    call_command(
        "minutes", "export", "--meeting", "2010-9", "--format", "docx",
        "--output", str(tmp_path / "m.docx"),
    )  # fmt: skip
    docx = Docx(str(tmp_path / "m.docx"))
    section = docx.sections[0]
    # Word keeps sizes in twentieths of a point: A4 is 11906 × 16838.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.orientation == 0  # portrait
    xml = (tmp_path / "m.docx").read_bytes()
    styles = zipfile.ZipFile(tmp_path / "m.docx").read("word/styles.xml").decode("utf-8")
    assert '<w:lang w:val="ja-JP" w:eastAsia="ja-JP"' in styles
    assert 'w:eastAsia="ＭＳ 明朝"' in styles
    headings = [
        (p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[:3] == [
        ("Heading 1", "1．報告事項"),
        ("Heading 2", "1．西東京市市民協働推進センターの業務報告について"),
        ("Heading 2", "2．1月以降の西東京市市民協働推進センターの事業について"),
    ]
    assert [h for h in headings if h[0] == "Heading 1"] == [
        ("Heading 1", "1．報告事項"),
        ("Heading 1", "2．審議事項"),
        ("Heading 1", "3．協議事項"),
        ("Heading 1", "4．その他"),
    ]
    properties = docx.core_properties
    assert (properties.title, properties.author, properties.language) == (
        "平成22(2010)年度第9回運営委員会会議録(確定稿)",
        "西東京市市民協働推進センター",
        "ja-JP",
    )
    footer = section.footer._element.xml
    assert "－ " in footer and '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in footer
    assert xml  # the file itself was written

    call_command(
        "minutes", "export", "--meeting", "2010-9", "--format", "pdf",
        "--output", str(tmp_path / "m.pdf"),
    )  # fmt: skip
    footers = pdf_footers(tmp_path / "m.pdf")
    assert footers == [f"－ {n} －" for n in range(1, len(footers) + 1)] and len(footers) >= 4
    import pdfplumber

    with pdfplumber.open(tmp_path / "m.pdf") as pdf:
        assert pdf.metadata["Title"] == "平成22(2010)年度第9回運営委員会会議録(確定稿)"
    assert ninth.minutes.status == Minutes.Status.CONFIRMED


def test_meetings_can_be_rescheduled_cancelled_and_deleted(committee, staff, meeting, smtp_server):
    from kyodo.core.models import OutboxMessage

    services.meeting_send_notice(actor=staff, meeting=meeting)
    assert OutboxMessage.objects.filter(kind="committees.meeting.notice").count() == 4
    # Rescheduling tells the members who had the notice.
    services.meeting_update(
        actor=staff, meeting=meeting, date=date(2011, 1, 25), start_time=meeting.start_time,
        end_time=meeting.end_time, venue=None, status=Meeting.Status.SCHEDULED,
    )  # fmt: skip
    changed = OutboxMessage.objects.filter(kind="committees.meeting.changed")
    assert changed.count() == 4
    body = changed.get(to="kumada@example.jp").body
    assert body.startswith("熊田委員\n\n先にお知らせした平成22年度第1回運営委員会の日時・会場を、")
    assert "■開催日時：平成23年1月25日(火) 午後7時～9時\n■開催会場：未定" in body
    assert "変更前：平成23年1月18日(火) 午後7時～9時、イングビル3階 第1会議室" in body
    assert (
        changed.get(to="kumada@example.jp").subject
        == "【日時・会場の変更】平成22年度第1回運営委員会"
    )

    # A second meeting on a day already taken is refused unless staff say so.
    with pytest.raises(InvalidInput) as error:
        services.meeting_create(actor=staff, committee=committee, date=date(2011, 1, 25))
    assert str(error.value) == (
        "この日にはすでに平成22年度第1回運営委員会があります。同じ日に開催する場合はチェックを入れてください。"
    )
    assert error.value.field == "date"
    same_day = services.meeting_create(
        actor=staff, committee=committee, date=date(2011, 1, 25), allow_same_day=True
    )
    assert same_day.number == 2
    # Created by mistake and never announced: it can be deleted.
    services.meeting_delete(actor=staff, meeting=same_day)
    assert not Meeting.objects.filter(pk=same_day.pk).exists()
    # The announced one cannot; it is cancelled instead, and the members are told.
    with pytest.raises(InvalidInput):
        services.meeting_delete(actor=staff, meeting=meeting)
    services.meeting_cancel(actor=staff, meeting=meeting, reason="会場の都合")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    cancelled = OutboxMessage.objects.get(
        kind="committees.meeting.cancelled", to="kumada@example.jp"
    )
    assert cancelled.subject == "【中止】平成22年度第1回運営委員会"
    assert "理由：会場の都合" in cancelled.body
    # A new meeting that day is possible again, and moved to another fiscal year it is numbered
    # there (kyodo/committees/tests/test_meeting_move.py).
    other = services.meeting_create(actor=staff, committee=committee, date=date(2011, 1, 25))
    moved = services.meeting_update(
        actor=staff, meeting=other, date=date(2011, 4, 5), start_time=None, end_time=None,
        venue=None, status=Meeting.Status.SCHEDULED,
    )  # fmt: skip
    assert (str(moved), moved.fiscal_year, moved.number) == ("平成23年度第1回運営委員会", 2011, 1)


def test_a_cancelled_meeting_gives_back_what_was_carried_to_it(committee, staff, meeting):
    approval = _circulated(staff, committee, meeting)
    second = approval.meeting
    services.meeting_cancel(actor=staff, meeting=second)
    assert not AgendaItem.objects.filter(pk=approval.pk).exists()
    third = services.meeting_create(actor=staff, committee=committee, date=date(2011, 3, 15))
    assert third.items.get().minutes_for == meeting.minutes


def test_agenda_items_can_be_changed_moved_and_deleted_while_empty(committee, staff, meeting):
    first, second, third = (
        services.item_add(
            actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title=title
        )
        for title in ("業務報告", "事業報告", "ホームページ")
    )
    services.item_move(actor=staff, item=third, up=True)
    order = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("number")
        .values_list("title", flat=True)
    )
    assert order == ["業務報告", "ホームページ", "事業報告"]
    with pytest.raises(InvalidInput):
        services.item_move(actor=staff, item=first, up=True)
    services.minutes_entries_from_text(actor=staff, item=second, text="事務局：報告した。")
    with pytest.raises(InvalidInput) as error:
        services.item_delete(actor=staff, item=second)
    assert str(error.value) == "この議題には会議録・決定・資料・依頼事項があるため削除できません。"
    services.item_delete(actor=staff, item=first)
    assert list(
        AgendaItem.objects.filter(meeting=meeting).order_by("number").values_list("number", "title")
    ) == [(1, "ホームページ"), (2, "事業報告")]
    services.item_update(actor=staff, item=third, title="ホームページについて", body="")
    assert AgendaItem.objects.get(pk=third.pk).title == "ホームページについて"


IMPORTED = """西東京市市民協働推進センター
平成22(2010)年度第5回運営委員会会議録(確定稿)
■開催日時：平成22年9月21日(火) 午後7時～9時
■開催会場：イングビル3階 第1会議室
■出席委員：熊田委員、坂口委員＜以上2名、五十音順＞
■事務局：西口センター長

１．報告事項
１．業務報告について
事務局：報告した。
委員長：了承した。

以上をもって散会した。
"""


def test_an_import_is_confirmed_by_the_same_function_and_indexed_once(committee, staff):
    from kyodo.committees.importing import read_source
    from kyodo.search.models import SearchDocument

    source = read_source("m.txt", IMPORTED.encode("utf-8"))
    outcome = services.minutes_import(
        actor=staff, committee=committee, document=source.document, source="m.txt"
    )
    version = outcome.minutes.current_version
    assert (version.number, version.document["approval"]) == (
        1,
        {"imported": True, "source": "m.txt", "source_sha256": ""},
    )
    assert set(
        AuditEntry.objects.filter(object_id=str(outcome.minutes.pk)).values_list(
            "action", flat=True
        )
    ) == {"kyodo.committees.minutes.confirmed", "kyodo.committees.minutes.imported"}
    # Each statement, and the minutes as a whole (kind "minutes", search session 18).
    assert SearchDocument.objects.filter(
        meeting_id=outcome.meeting.pk, kind="entry"
    ).count() == len(MinutesEntry.objects.filter(item__meeting=outcome.meeting))
    assert SearchDocument.objects.filter(meeting_id=outcome.meeting.pk, kind="minutes").count() == 1


def test_a_correction_on_top_of_another_is_refused(committee, staff, meeting):
    approval = _circulated(staff, committee, meeting)
    confirm(staff, approval)
    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    place = services.item_places(version_document(minutes.current_version))[0][0]
    services.minutes_correct(
        actor=staff, minutes=minutes, place=place, text="委員長：はじめましょう。",
        reason="誤記", based_on=1,
    )  # fmt: skip
    with pytest.raises(InvalidInput) as error:
        services.minutes_correct(
            actor=staff, minutes=minutes, place=place, text="委員長：始めます。",
            reason="表記", based_on=1,
        )  # fmt: skip
    assert str(error.value) == (
        "ほかの人が先にこの会議録を訂正しました（第2版）。現在の本文からやり直してください。"
    )
    assert MinutesVersion.objects.filter(minutes=minutes).count() == 2
