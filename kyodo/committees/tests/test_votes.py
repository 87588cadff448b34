"""Written votes (書面表決) of a meeting held in writing (書面開催): members vote for, against or
reserved on each 審議事項 on their page until the end of the closing day, may change their vote
until then and see it read-only afterwards; staff see the tally per item in gojūon order, who has
not voted, fill the decision in from the tally and the attendance from the votes; the confirmed
minutes hold only what the decision's text says."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.models import (
    Attendance,
    Decision,
    Meeting,
    Member,
    Membership,
    WrittenVote,
)
from kyodo.committees.services.votes import vote_tally, votes_open, written_vote_submit
from kyodo.committees.tests.conftest import deliberations, members
from kyodo.core.models import AuditEntry, User

pytestmark = pytest.mark.django_db

FOR, AGAINST, RESERVED = "for", "against", "reserved"


def _user(name: str) -> User:
    return Member.objects.get(name=name).user


def _vote(meeting, name, *choices, comments=("", "")):
    first, second = deliberations(meeting)
    return written_vote_submit(
        actor=_user(name),
        meeting=meeting,
        member=Member.objects.get(name=name),
        votes={first.pk: (choices[0], comments[0]), second.pk: (choices[1], comments[1])},
    )


def _stored(meeting):
    return sorted(
        (v.member.name, v.item.number, v.choice, v.comment, v.by_staff)
        for v in WrittenVote.objects.filter(item__meeting=meeting).select_related("item", "member")
    )


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the service --------------------------------------------------------------------------------


def test_a_member_votes_on_each_deliberation_and_it_is_audited(written):
    _vote(written, "坂口", FOR, RESERVED, comments=("", "  候補者の  経歴を知りたい "))
    assert _stored(written) == [
        ("坂口", 1, "for", "", False),
        ("坂口", 2, "reserved", "候補者の 経歴を知りたい", False),
    ]
    entry = AuditEntry.objects.get(action="kyodo.committees.meeting.written_vote")
    assert entry.actor == _user("坂口")
    assert entry.changes == {
        "member": "坂口",
        "by_staff": False,
        "items": {
            "1. 第8回会議録の承認について": {"choice": [None, "for"]},
            "2. 社会福祉協議会の担当理事候補について": {
                "choice": [None, "reserved"],
                "comment": ["", "候補者の 経歴を知りたい"],
            },
        },
    }


def test_a_vote_is_changed_until_the_close_and_only_the_change_is_audited(written):
    _vote(written, "坂口", FOR, RESERVED, comments=("", "経歴を知りたい"))
    _vote(written, "坂口", FOR, AGAINST, comments=("", "反対です"))
    assert _stored(written) == [
        ("坂口", 1, "for", "", False),
        ("坂口", 2, "against", "反対です", False),
    ]
    last = AuditEntry.objects.filter(action="kyodo.committees.meeting.written_vote").latest("pk")
    assert last.changes["items"] == {
        "2. 社会福祉協議会の担当理事候補について": {
            "choice": ["reserved", "against"],
            "comment": ["経歴を知りたい", "反対です"],
        }
    }
    assert WrittenVote.objects.filter(item__meeting=written).count() == 2


def test_votes_after_the_closing_day_are_refused_and_nothing_changes(written):
    _vote(written, "坂口", FOR, FOR)
    # The closing day itself is still open (until its end, JST) …
    Meeting.objects.filter(pk=written.pk).update(votes_close_on=timezone.localdate())
    written.refresh_from_db()
    assert votes_open(written) is True
    # … the day after, not.
    Meeting.objects.filter(pk=written.pk).update(
        votes_close_on=timezone.localdate() - timedelta(days=1)
    )
    written.refresh_from_db()
    assert votes_open(written) is False
    audits = AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as error:
        _vote(written, "坂口", AGAINST, AGAINST)
    closed = timezone.localdate() - timedelta(days=1)
    from kyodo.core.wareki import format_wareki

    assert error.value.message == (
        f"{written}の書面表決は{format_wareki(closed)}で締め切りました。"
        "表決の提出・変更はできません。事務局にお電話ください。"
    )
    assert _stored(written) == [("坂口", 1, "for", "", False), ("坂口", 2, "for", "", False)]
    assert AuditEntry.objects.count() == audits


def test_someone_not_seated_on_the_day_cannot_vote(written, make_user):
    from kyodo.core.roles import Role

    seat = Membership.objects.get(member__name="田辺")
    seat.term_start = timezone.localdate()  # seated from today: not on the meeting's day
    seat.save()
    with pytest.raises(InvalidInput) as error:
        _vote(written, "田辺", FOR, FOR)
    assert error.value.message == f"田辺さんは{written}の日に委員の任期がありません。"
    # Another member's account may not vote for her; nor may a stranger.
    other = members(written.committee)["坂口"]
    first, second = deliberations(written)
    with pytest.raises(PermissionDenied):
        written_vote_submit(actor=_user("熊田"), meeting=written, member=other,
                            votes={first.pk: (FOR, ""), second.pk: (FOR, "")})  # fmt: skip
    with pytest.raises(PermissionDenied):
        written_vote_submit(actor=make_user("someone", Role.MEMBER), meeting=written,
                            member=other, votes={first.pk: (FOR, ""), second.pk: (FOR, "")})  # fmt: skip
    assert _stored(written) == []
    assert not AuditEntry.objects.filter(action="kyodo.committees.meeting.written_vote").exists()


def test_bad_votes_are_refused_in_japanese_and_nothing_changes(written, staff, meeting):
    first, second = deliberations(written)
    sakaguchi = Member.objects.get(name="坂口")

    def refused(votes, *, on=written):
        with pytest.raises(InvalidInput) as error:
            written_vote_submit(actor=sakaguchi.user, meeting=on, member=sakaguchi, votes=votes)
        return error.value.message

    every = "すべての議題について、賛成・反対・保留のいずれかを選んでください。"
    assert refused({first.pk: (FOR, "")}) == every
    assert refused({first.pk: (FOR, ""), second.pk: ("maybe", "")}) == every
    report = written.items.get(category="report")
    assert (
        refused({first.pk: (FOR, ""), second.pk: (FOR, ""), report.pk: (FOR, "")})
        == "この書面表決の議題でないものが含まれています。"
    )
    assert (
        refused({first.pk: (FOR, "あ" * 501), second.pk: (FOR, "")})
        == "コメントは500文字以内で書いてください。"
    )
    # A meeting in a room has no written vote.
    assert refused({}, on=meeting) == f"{meeting}は書面開催ではないため、書面表決はありません。"
    assert _stored(written) == []


def test_the_tally_counts_each_item_in_gojuon_order_with_those_not_voted(written):
    _vote(written, "田辺", FOR, AGAINST)
    _vote(written, "坂口", FOR, RESERVED, comments=("", "経歴を知りたい"))
    _vote(written, "有賀", FOR, FOR)
    tally = vote_tally(written)
    first, second = tally.items

    def names(people):
        return [m.name for m in people]

    assert first.counts == (3, 0, 0, 1)
    assert (names(first.voters_for), names(first.unanswered)) == (
        ["有賀", "坂口", "田辺"],
        ["熊田"],
    )
    assert second.counts == (1, 1, 1, 1)
    assert (
        names(second.voters_for),
        names(second.voters_against),
        names(second.voters_reserved),
    ) == (["有賀"], ["田辺"], ["坂口"])
    assert [(m.name, c) for m, c in second.comments] == [("坂口", "経歴を知りたい")]
    assert names(tally.not_voted) == ["熊田"]
    assert names(tally.voted) == ["有賀", "坂口", "田辺"]
    assert first.decision_text == (
        "書面表決の結果、賛成３名、反対０名、保留０名により原案のとおり承認された。"
    )
    assert second.decision_text == "書面表決の結果、賛成１名、反対１名、保留１名により否決された。"
    assert second.decision_initial() == {
        "outcome": "rejected",
        "method": "majority",
        "votes_for": 1,
        "votes_against": 1,
        "abstentions": 1,
        "text": "書面表決の結果、賛成１名、反対１名、保留１名により否決された。",
    }


def test_staff_type_in_a_paper_vote(written, staff):
    first, second = deliberations(written)
    written_vote_submit(actor=staff, meeting=written, member=Member.objects.get(name="熊田"),
                        votes={first.pk: (FOR, ""), second.pk: (FOR, "")})  # fmt: skip
    assert _stored(written) == [("熊田", 1, "for", "", True), ("熊田", 2, "for", "", True)]


def test_the_decision_from_the_tally_goes_into_the_minutes_and_the_votes_do_not(written, staff):
    """Attendance from the votes, the decision from the tally: the confirmed minutes print the
    decision's text, never the votes or their comments."""
    for name in ("有賀", "坂口", "田辺"):
        _vote(written, name, FOR, FOR, comments=("内密のコメント", ""))
    tally = vote_tally(written)
    for seat in Membership.objects.select_related("member"):
        status = "present" if seat.member in tally.voted else "absent"
        services.attendance_record(actor=staff, meeting=written, member=seat.member, status=status)
    first = tally.items[0]
    services.decision_record(actor=staff, item=first.item, **first.decision_initial())
    decision = Decision.objects.get(item=first.item)
    assert (decision.outcome, decision.votes_for, decision.votes_against, decision.abstentions) == (
        "approved",
        3,
        0,
        0,
    )
    from kyodo.committees.documents import build_document

    document = build_document(written.minutes)
    text = str(document.to_dict())
    assert "書面表決の結果、賛成３名、反対０名、保留０名により原案のとおり承認された。" in text
    assert "内密のコメント" not in text
    assert (document.attendees, document.absentees) == (["有賀", "坂口", "田辺"], ["熊田"])


def test_votes_close_once_the_minutes_are_approved(written):
    from kyodo.committees.models import Minutes

    Minutes.objects.filter(meeting=written).update(status=Minutes.Status.APPROVED)
    assert votes_open(written) is False
    with pytest.raises(InvalidInput) as error:
        _vote(written, "坂口", FOR, FOR)
    assert error.value.message == (
        f"{written}の会議録は承認されたため、書面表決はもう変更できません。"
    )
    assert _stored(written) == []


def test_votes_open_with_the_notice_or_on_the_meetings_day(written, staff):
    from kyodo.core.wareki import format_wareki

    later = timezone.localdate() + timedelta(days=3)
    Meeting.objects.filter(pk=written.pk).update(date=later)
    written.refresh_from_db()
    assert votes_open(written) is False
    with pytest.raises(InvalidInput) as error:
        _vote(written, "坂口", FOR, FOR)
    assert error.value.message == (
        f"{written}の書面表決は、開催通知の送付とともに始まります（遅くとも"
        f"{format_wareki(later)}から）。"
    )
    Meeting.objects.filter(pk=written.pk).update(notice_sent_at=timezone.now())
    written.refresh_from_db()
    assert votes_open(written) is True
    assert _stored(written) == []


# --- the member's page --------------------------------------------------------------------------


def test_the_member_page_of_a_written_meeting_has_the_vote_form_not_the_attendance_reply(
    client, written
):
    client.force_login(_user("坂口"))
    url = f"/member/meetings/{written.pk}/"
    page = client.get(url).text
    text = _text(page)
    assert "書面表決" in text and "出欠" not in text
    assert 'name="answer"' not in page
    first, second = deliberations(written)
    for item in (first, second):
        assert f'name="item_{item.pk}"' in page and f'name="comment_{item.pk}"' in page
    assert "「第8回会議録の承認について」への表決" in text
    report = written.items.get(category="report")
    assert f'name="item_{report.pk}"' not in page
    response = client.post(url, {f"item_{first.pk}": "for", f"item_{second.pk}": "reserved",
                                 f"comment_{second.pk}": "意見です"})  # fmt: skip
    assert response.status_code == 302 and response.url == url
    assert _stored(written) == [
        ("坂口", 1, "for", "", False),
        ("坂口", 2, "reserved", "意見です", False),
    ]
    text = _text(client.get(url).text)
    assert (
        "書面表決を事務局に送りました。" in text
        and "表決済みです。締切までは変更できます。" in text
    )
    # A choice missing: the page says so in Japanese and nothing changes.
    response = client.post(url, {f"item_{first.pk}": "against"})
    assert response.status_code == 400
    assert (
        "「社会福祉協議会の担当理事候補について」について、賛成・反対・保留のいずれかを選んでください。"
        in (_text(response.text))
    )
    assert _stored(written)[0] == ("坂口", 1, "for", "", False)


def test_after_the_close_the_member_sees_her_vote_read_only(client, written):
    _vote(written, "坂口", FOR, RESERVED, comments=("", "意見です"))
    Meeting.objects.filter(pk=written.pk).update(
        votes_close_on=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(_user("坂口"))
    url = f"/member/meetings/{written.pk}/"
    page = client.get(url).text
    assert '<form method="post" novalidate>' not in page
    text = _text(page)
    assert (
        "あなたの表決" in text and "賛成" in text and "保留（意見）" in text and "意見です" in text
    )
    assert "で締め切りました。" in text
    response = client.post(url, {"item_1": "for"})
    assert response.status_code == 302
    assert _stored(written)[1] == ("坂口", 2, "reserved", "意見です", False)


def test_a_meeting_in_a_room_keeps_the_attendance_reply(client, committee, staff, venue):
    today = timezone.localdate()
    Membership.objects.update(term_start=today - timedelta(days=400), term_end=None)
    from datetime import time

    meeting = services.meeting_create(actor=staff, committee=committee,
                                      date=today + timedelta(days=7), start_time=time(19),
                                      venue=venue)  # fmt: skip
    services.item_add(actor=staff, meeting=meeting, category="deliberation", title="審議1")
    client.force_login(_user("坂口"))
    page = client.get(f"/member/meetings/{meeting.pk}/").text
    assert 'name="answer"' in page and 'name="item_' not in page
    assert "書面表決" not in _text(page)


# --- the staff's page ---------------------------------------------------------------------------


def test_the_staff_page_shows_the_tally_and_who_has_not_voted(client, written, staff):
    _vote(written, "田辺", FOR, AGAINST)
    _vote(written, "坂口", FOR, RESERVED, comments=("", "経歴を知りたい"))
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{written.pk}/").text
    text = _text(page)
    assert "賛成 2・反対 0・保留 0・未回答 2" in text
    assert "賛成 0・反対 1・保留 1・未回答 2" in text
    assert re.search(r'id="not-voted">\s*有賀、熊田\s*</p>', page)
    _first, second = deliberations(written)
    link = f"/staff/committees/items/{second.pk}/decision/?from=votes"
    assert link in page
    # The attendance form: those who voted 出席（書面）, the others absent.
    assert "出席（書面）" in text and 'id="attendance-from-votes"' in page
    sakaguchi = Member.objects.get(name="坂口")
    assert re.search(
        rf'name="m{sakaguchi.pk}"[^>]*>.*?<option value="present" selected>', page, re.S
    )
    # The decision page, filled in from the tally (nothing recorded by following the link).
    page = client.get(link).text
    assert "書面表決の結果、賛成０名、反対１名、保留１名により否決された。" in page
    assert '<option value="rejected" selected>' in page
    assert '<option value="majority" selected>' in page
    assert not Decision.objects.exists()
    assert Attendance.objects.count() == 0


def confirm_written(staff, committee, meeting):
    """Votes of three members (a comment among them), attendance and the decision from the tally,
    the draft circulated and approved at a meeting held today, then confirmed: version 1."""
    from kyodo.committees.tests.conftest import confirm

    for name in ("有賀", "坂口", "田辺"):
        _vote(meeting, name, FOR, FOR, comments=("内密のコメント", ""))
    tally = vote_tally(meeting)
    for seat in Membership.objects.select_related("member"):
        status = "present" if seat.member in tally.voted else "absent"
        services.attendance_record(actor=staff, meeting=meeting, member=seat.member, status=status)
    for row in tally.items:
        services.decision_record(actor=staff, item=row.item, **row.decision_initial())
    services.meeting_update(actor=staff, meeting=meeting, date=meeting.date, start_time=None,
                            end_time=None, venue=None, status=Meeting.Status.HELD)  # fmt: skip
    services.minutes_entries_from_text(actor=staff, item=tally.items[0].item,
                                       text="○書面により表決を行った。")  # fmt: skip
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(
        actor=staff, committee=committee, date=timezone.localdate(), venue=None
    )
    approval = following.items.get(minutes_for=meeting.minutes)
    return confirm(staff, approval)


def test_confirmed_minutes_hold_the_decision_text_never_the_votes(written, staff, committee):
    version = confirm_written(staff, committee, written)
    document = version.document
    text = str(document)
    assert (
        text.count("書面表決の結果、賛成３名、反対０名、保留０名により原案のとおり承認された。")
        == 2
    )
    assert "内密のコメント" not in text
    # The votes are closed with the minutes: nothing a vote could change.
    assert votes_open(written) is False
    with pytest.raises(InvalidInput):
        _vote(written, "熊田", AGAINST, AGAINST)
    version.refresh_from_db()
    assert version.document == document
    assert WrittenVote.objects.filter(member__name="熊田").count() == 0


def test_the_written_vote_pages_have_no_english(client, written, staff):
    from kyodo.core.tests.test_no_english import page_words

    client.force_login(_user("坂口"))
    url = f"/member/meetings/{written.pk}/"
    pages = {"form": client.get(url).text, "errors": client.post(url, {}).text}
    _vote(written, "坂口", FOR, RESERVED, comments=("", "意見です"))
    pages["voted"] = client.get(url).text
    Meeting.objects.filter(pk=written.pk).update(
        votes_close_on=timezone.localdate() - timedelta(days=1)
    )
    pages["closed"] = client.get(url).text
    client.force_login(staff)
    pages["staff"] = client.get(f"/staff/committees/meetings/{written.pk}/").text
    second = deliberations(written)[1]
    pages["decision"] = client.get(f"/staff/committees/items/{second.pk}/decision/?from=votes").text
    assert {name: page_words(html) for name, html in pages.items()} == {name: [] for name in pages}
