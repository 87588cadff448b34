"""Session 21, from a newcomer's day at the center: the confirm page of minutes nobody has
approved says so at once and names the meeting that is to approve them; confirmation checkboxes
and the attendance answer have short Japanese messages; the member's meeting page writes
「…会議録（未定稿）」; written votes returned on paper are typed in by staff, and the member's
page reminds her of a written vote she has not given."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.forms import ConfirmForm
from kyodo.committees.models import Meeting, Member, Membership, Minutes, WrittenVote
from kyodo.committees.services.votes import votes_awaited, written_vote_submit
from kyodo.committees.tests.conftest import approve, deliberations, members
from kyodo.core.models import AuditEntry
from kyodo.core.wareki import format_wareki

pytestmark = pytest.mark.django_db

REQUIRED = "このフィールドは必須です。"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _following(staff, committee, meeting):
    """The draft of ``meeting`` circulated, and the next meeting (平成23年2月22日), whose agenda
    approves it."""
    item = services.item_add(actor=staff, meeting=meeting, category="report", title="業務報告")
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    return services.meeting_create(actor=staff, committee=committee, date=date(2011, 2, 22))


# --- #3: the confirm page of minutes not approved ----------------------------------------------


def test_the_confirm_page_of_unapproved_minutes_names_the_meeting_that_approves_them(
    client, staff, committee, meeting
):
    _following(staff, committee, meeting)
    client.force_login(staff)
    url = f"/staff/committees/minutes/{meeting.minutes.pk}/confirm/"
    page = client.get(url)
    assert page.status_code == 200
    said = (
        "平成22年度第1回運営委員会の会議録はまだ承認されていません。平成23年2月22日(火)の"
        "平成22年度第2回運営委員会で承認の予定です。承認をそこで記録してから確定してください。"
    )
    assert said in _text(page.text)
    assert "—" not in page.text and 'name="understood"' not in page.text
    assert "確定する" not in _text(page.text)
    # Posted anyway: refused with the same words, nothing changes.
    audits = AuditEntry.objects.count()
    page = client.post(url, {"understood": "on"})
    assert page.status_code == 400 and said in _text(page.text)
    assert Minutes.objects.get(pk=meeting.minutes.pk).status == Minutes.Status.CIRCULATED
    assert AuditEntry.objects.count() == audits


def test_without_a_meeting_to_approve_them_the_page_says_to_put_them_on_the_next_agenda(
    client, staff, meeting
):
    client.force_login(staff)
    page = client.get(f"/staff/committees/minutes/{meeting.minutes.pk}/confirm/")
    assert page.status_code == 200
    assert (
        "平成22年度第1回運営委員会の会議録はまだ承認されていません。承認する会議もまだ予定されて"
        "いません。次の会議の議題に会議録の承認を加えて承認を記録してから、確定してください。"
    ) in _text(page.text)
    assert 'name="understood"' not in page.text


def test_approved_minutes_are_asked_for_with_the_approving_meeting_and_a_short_message(
    client, staff, committee, meeting
):
    following = _following(staff, committee, meeting)
    approve(staff, following.items.get())
    client.force_login(staff)
    url = f"/staff/committees/minutes/{meeting.minutes.pk}/confirm/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="understood"' in page.text
    assert (
        "平成22年度第2回運営委員会で承認された平成22年度第1回運営委員会の会議録を確定しますか。"
        in _text(page.text)
    )
    # An unticked checkbox is not sent: the form has only its token.
    page = client.post(url, {"csrfmiddlewaretoken": "x"})
    assert page.status_code == 400
    assert '<p class="error" id="id_understood_error">確認のチェックを入れてください。</p>' in (
        page.text
    )
    assert REQUIRED not in page.text
    assert Minutes.objects.get(pk=meeting.minutes.pk).status == Minutes.Status.APPROVED
    # Confirmed: the page says so and asks nothing.
    page = client.post(url, {"understood": "on"})
    assert page.status_code == 302
    page = client.get(url)
    assert "この会議録はすでに確定しています。" in _text(page.text)
    assert 'name="understood"' not in page.text


def test_every_confirmation_checkbox_of_the_committees_has_the_short_message(
    client, staff, meeting
):
    form = ConfirmForm({})
    assert form.errors == {"understood": ["確認のチェックを入れてください。"]}
    assert form.fields["understood"].summary_without_label is True
    client.force_login(staff)
    page = client.post(
        f"/staff/committees/meetings/{meeting.pk}/delete/", {"csrfmiddlewaretoken": "x"}
    )
    assert page.status_code == 400
    assert "確認のチェックを入れてください。" in page.text and REQUIRED not in page.text
    assert Meeting.objects.filter(pk=meeting.pk).exists()


# --- #8: the attendance answer ------------------------------------------------------------------


def test_the_attendance_answer_left_out_asks_for_the_attendance(client, committee, staff, venue):
    today = timezone.localdate()
    Membership.objects.update(term_start=today - timedelta(days=400), term_end=None)
    coming = services.meeting_create(
        actor=staff, committee=committee, date=today + timedelta(days=7), venue=venue
    )
    sakaguchi = Member.objects.get(name="坂口")
    client.force_login(sakaguchi.user)
    page = client.post(f"/member/meetings/{coming.pk}/", {"answer": "", "comment": ""})
    assert page.status_code == 400
    assert "出欠を選んでください。" in page.text and "出席か欠席か" not in page.text
    with pytest.raises(InvalidInput) as error:
        services.attendance_reply(actor=sakaguchi.user, meeting=coming, member=sakaguchi,
                                  answer="maybe", comment="")  # fmt: skip
    assert error.value.message == "出欠を選んでください。"
    assert not coming.replies.exists()


# --- #9: the drafts a meeting approves, on the member's page --------------------------------------


def test_the_member_meeting_page_names_the_draft_once(client, staff, committee, meeting):
    following = _following(staff, committee, meeting)
    Membership.objects.update(term_end=None)  # still seated today: her member pages are open
    client.force_login(Member.objects.get(name="坂口").user)
    page = client.get(f"/member/meetings/{following.pk}/").text
    assert "平成22年度第1回運営委員会会議録</a>（未定稿）</li>" in page
    assert "会議録(未定稿)）" not in page
    # Published, the same line says 確定稿.
    approve(staff, following.items.get())
    services.minutes_confirm(actor=staff, minutes=meeting.minutes)
    page = client.get(f"/member/meetings/{following.pk}/").text
    assert "平成22年度第1回運営委員会会議録</a>（確定稿）</li>" in page


# --- #5a: a written vote returned on paper ------------------------------------------------------


def _stored(meeting):
    return sorted(
        (v.member.name, v.item.number, v.choice, v.comment, v.by_staff)
        for v in WrittenVote.objects.filter(item__meeting=meeting).select_related("item", "member")
    )


def test_staff_type_in_a_paper_vote_and_it_is_audited(client, staff, written):
    first, second = deliberations(written)
    kumada = Member.objects.get(name="熊田")
    client.force_login(staff)
    meeting_page = client.get(f"/staff/committees/meetings/{written.pk}/").text
    url = f"/staff/committees/meetings/{written.pk}/votes/"
    assert f'<a id="votes-paper" href="{url}">紙で届いた書面表決を入力する</a>' in meeting_page
    page = client.get(url)
    assert page.status_code == 200
    # The members seated that day in gojūon order, none voted yet.
    assert re.findall(r'<th scope="row">(.+?)</th>', page.text) == ["有賀", "熊田", "坂口", "田辺"]
    response = client.post(url, {"member": kumada.pk, f"item_{first.pk}": "for",
                                 f"item_{second.pk}": "reserved",
                                 f"comment_{second.pk}": "電話で確認した意見"})  # fmt: skip
    assert response.status_code == 302 and response.url == url
    assert _stored(written) == [
        ("熊田", 1, "for", "", True),
        ("熊田", 2, "reserved", "電話で確認した意見", True),
    ]
    entry = AuditEntry.objects.get(action="kyodo.committees.meeting.written_vote")
    assert entry.actor == staff
    assert entry.changes == {
        "member": "熊田",
        "by_staff": True,
        "items": {
            "1. 第8回会議録の承認について": {"choice": [None, "for"]},
            "2. 社会福祉協議会の担当理事候補について": {
                "choice": [None, "reserved"],
                "comment": ["", "電話で確認した意見"],
            },
        },
    }
    page = client.get(url).text
    assert "熊田さんの書面表決を記録しました（事務局が入力）。" in _text(page)
    assert re.search(r"<th scope=\"row\">熊田</th>\s*<td[^>]*>表決済み", page)
    # Chosen again, the form holds her votes so far.
    page = client.get(f"{url}?member={kumada.pk}").text
    assert f'<option value="{kumada.pk}" selected>熊田</option>' in page
    assert re.search(rf'name="item_{second.pk}" value="reserved"[^>]*checked', page)


def test_a_paper_vote_with_a_choice_missing_or_no_seat_is_refused_and_nothing_changes(
    client, staff, written
):
    first, second = deliberations(written)
    client.force_login(staff)
    url = f"/staff/committees/meetings/{written.pk}/votes/"
    kumada = Member.objects.get(name="熊田")
    page = client.post(url, {"member": kumada.pk, f"item_{first.pk}": "for"})
    assert page.status_code == 400
    assert (
        "「社会福祉協議会の担当理事候補について」について、賛成・反対・保留のいずれかを選んでください。"
        in _text(page.text)
    )
    page = client.post(url, {"member": 99999, f"item_{first.pk}": "for",
                             f"item_{second.pk}": "for"})  # fmt: skip
    assert page.status_code == 400 and "会議の日に任期のある委員を選んでください。" in page.text
    assert _stored(written) == []
    assert not AuditEntry.objects.filter(action="kyodo.committees.meeting.written_vote").exists()


def test_after_the_close_a_paper_vote_is_refused(client, staff, written):
    first, second = deliberations(written)
    closed = timezone.localdate() - timedelta(days=1)
    Meeting.objects.filter(pk=written.pk).update(votes_close_on=closed)
    client.force_login(staff)
    url = f"/staff/committees/meetings/{written.pk}/votes/"
    page = client.get(url).text
    said = (
        f"{written}の書面表決は{format_wareki(closed)}で締め切りました。"
        "表決の提出・変更はできません。事務局にお電話ください。"
    )
    assert said in _text(page) and 'name="member"' not in page
    kumada = Member.objects.get(name="熊田")
    page = client.post(url, {"member": kumada.pk, f"item_{first.pk}": "for",
                             f"item_{second.pk}": "for"})  # fmt: skip
    assert page.status_code == 400 and said in _text(page.text)
    assert _stored(written) == []


def test_the_paper_vote_page_is_for_staff_and_meetings_held_in_writing(
    client, staff, written, meeting
):
    client.force_login(staff)
    assert client.get(f"/staff/committees/meetings/{meeting.pk}/votes/").status_code == 404
    client.force_login(Member.objects.get(name="熊田").user)
    response = client.get(f"/staff/committees/meetings/{written.pk}/votes/")
    assert response.status_code in (302, 403)


# --- #5b: the member's page reminds her of a written vote ----------------------------------------


def test_the_member_page_reminds_of_an_open_written_vote_not_given(client, staff, written):
    first, second = deliberations(written)
    sakaguchi = Member.objects.get(name="坂口")
    client.force_login(sakaguchi.user)
    close = format_wareki(written.votes_close_on)
    text = _text(client.get("/member/").text)
    assert "書面表決のお願い" in text
    assert f"{written} （書面開催） {close}までに書面表決をお願いします。" in text
    written_vote_submit(actor=sakaguchi.user, meeting=written, member=sakaguchi,
                        votes={first.pk: ("for", ""), second.pk: ("for", "")})  # fmt: skip
    assert "書面表決のお願い" not in _text(client.get("/member/").text)
    # Another member is still reminded; after the closing day, no one.
    client.force_login(Member.objects.get(name="田辺").user)
    assert "書面表決のお願い" in _text(client.get("/member/").text)
    Meeting.objects.filter(pk=written.pk).update(
        votes_close_on=timezone.localdate() - timedelta(days=1)
    )
    assert "書面表決のお願い" not in _text(client.get("/member/").text)


def test_votes_awaited_lists_the_open_meetings_missing_the_members_vote(staff, committee, written):
    first, second = deliberations(written)
    today = timezone.localdate()
    # A second written meeting closing sooner; one without any 審議事項; one not yet sent.
    sooner = services.meeting_create(actor=staff, committee=committee, date=today,
                                     held_in_writing=True, votes_close_on=today + timedelta(days=2))  # fmt: skip
    services.item_add(actor=staff, meeting=sooner, category="deliberation", title="審議1")
    empty = services.meeting_create(actor=staff, committee=committee, date=today,
                                    held_in_writing=True, votes_close_on=today + timedelta(days=2),
                                    allow_same_day=True)  # fmt: skip
    later = services.meeting_create(actor=staff, committee=committee,
                                    date=today + timedelta(days=3), held_in_writing=True,
                                    votes_close_on=today + timedelta(days=9))  # fmt: skip
    services.item_add(actor=staff, meeting=later, category="deliberation", title="審議2")
    people = members(committee)

    def awaited(name):
        seat_member = people[name].pk
        rows = Meeting.objects.filter(pk__in=[written.pk, sooner.pk, empty.pk, later.pk])
        return [m.pk for m in votes_awaited([(m, seat_member) for m in
                                             rows.select_related("minutes")])]  # fmt: skip

    assert awaited("坂口") == [sooner.pk, written.pk]
    written_vote_submit(actor=staff, meeting=written, member=people["坂口"],
                        votes={first.pk: ("for", ""), second.pk: ("against", "")})  # fmt: skip
    assert awaited("坂口") == [sooner.pk]
    assert awaited("田辺") == [sooner.pk, written.pk]
    # Approved minutes close the vote.
    Minutes.objects.filter(meeting=sooner).update(status=Minutes.Status.APPROVED)
    assert awaited("田辺") == [written.pk]
    assert votes_awaited([]) == []


def test_the_new_pages_have_no_english(client, staff, committee, meeting, written):
    from kyodo.core.tests.test_no_english import page_words

    client.force_login(staff)
    pages = {
        "not approved": client.get(f"/staff/committees/minutes/{meeting.minutes.pk}/confirm/").text,
        "votes": client.get(f"/staff/committees/meetings/{written.pk}/votes/").text,
        "votes refused": client.post(
            f"/staff/committees/meetings/{written.pk}/votes/", {"member": ""}
        ).text,
    }
    client.force_login(Member.objects.get(name="坂口").user)
    pages["member home"] = client.get("/member/").text
    assert {name: page_words(html) for name, html in pages.items()} == {n: [] for n in pages}
