"""Members' answers to a meeting's notice (出欠の回答): given and changed on the member's page
until the meeting begins, taken by staff on the telephone, counted against the quorum, and
filling in the attendance form afterwards; the notice mail points to the page."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.models import AttendanceReply, Meeting, Membership
from kyodo.committees.tests.conftest import members
from kyodo.core.models import AuditEntry, OutboxMessage, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming(committee, staff, venue):
    """Seats running today; a meeting in a week at 19:00."""
    Membership.objects.update(term_start=timezone.localdate() - timedelta(days=400), term_end=None)
    return services.meeting_create(
        actor=staff, committee=committee, date=timezone.localdate() + timedelta(days=7),
        start_time=time(19), end_time=time(21), venue=venue,
    )  # fmt: skip


def _login(client, username):
    client.force_login(User.objects.get(username=username))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _answers(meeting):
    return sorted(
        (r.member.name, r.answer, r.comment, r.by_staff)
        for r in AttendanceReply.objects.filter(meeting=meeting).select_related("member")
    )


def test_a_member_answers_on_her_page_and_may_change_it(client, upcoming):
    _login(client, "sakaguchi")
    url = f"/member/meetings/{upcoming.pk}/"
    page = client.get(url).text
    assert "出欠の回答" in page and "ご出席いただけますか" in page
    assert 'value="present"' in page and 'value="online"' in page and 'value="absent"' in page
    response = client.post(url, {"answer": "present", "comment": "  15分ほど  遅れます "})
    assert response.status_code == 302 and response.url == url
    assert _answers(upcoming) == [("坂口", "present", "15分ほど 遅れます", False)]
    text = _text(client.get(url).text)
    assert "「出席」と事務局に回答しました。" in text
    assert "「出席」と回答済みです" in text and "事務局への連絡：15分ほど 遅れます" in text
    client.post(url, {"answer": "absent", "comment": ""})
    assert _answers(upcoming) == [("坂口", "absent", "", False)]
    audit = AuditEntry.objects.filter(action="kyodo.committees.meeting.reply").order_by("pk")
    assert [e.changes["answer"] for e in audit] == [[None, "present"], ["present", "absent"]]


def test_a_bad_answer_changes_nothing_and_says_why(client, upcoming):
    _login(client, "sakaguchi")
    url = f"/member/meetings/{upcoming.pk}/"
    response = client.post(url, {"answer": "maybe"})
    assert response.status_code == 400
    assert "正しく選択してください。" in response.text or "選択してください" in response.text
    response = client.post(url, {"answer": "present", "comment": "あ" * 201})
    assert response.status_code == 400
    assert AttendanceReply.objects.count() == 0


def test_answers_close_when_the_meeting_begins(client, upcoming, staff):
    Meeting.objects.filter(pk=upcoming.pk).update(
        date=timezone.localdate(), start_time=(timezone.localtime() - timedelta(minutes=5)).time()
    )
    upcoming.refresh_from_db()
    _login(client, "sakaguchi")
    url = f"/member/meetings/{upcoming.pk}/"
    assert 'name="answer"' not in client.get(url).text
    response = client.post(url, {"answer": "present"}, follow=True)
    assert "は始まっています" in _text(response.text) and "事務局へお電話ください" in response.text
    with pytest.raises(InvalidInput):
        services.attendance_reply(actor=staff, meeting=upcoming,
                                  member=members(upcoming.committee)["坂口"], answer="present")  # fmt: skip
    assert AttendanceReply.objects.count() == 0


def test_nobody_answers_for_another_member_but_staff(upcoming):
    seated = members(upcoming.committee)
    with pytest.raises(PermissionDenied):
        services.attendance_reply(actor=User.objects.get(username="tanabe"), meeting=upcoming,
                                  member=seated["坂口"], answer="absent")  # fmt: skip
    assert AttendanceReply.objects.count() == 0


def test_staff_take_answers_on_the_telephone_and_see_who_has_not_answered(client, upcoming):
    seated = members(upcoming.committee)
    services.attendance_reply(actor=User.objects.get(username="kumada"), meeting=upcoming,
                              member=seated["熊田"], answer="online")  # fmt: skip
    _login(client, "nishiguchi")
    url = f"/staff/committees/meetings/{upcoming.pk}/replies/"
    response = client.post(url, {"member": seated["田辺"].pk, "answer": "absent",
                                 "comment": "出張のため"})  # fmt: skip
    assert response.status_code == 302
    assert _answers(upcoming) == [
        ("熊田", "online", "", False),
        ("田辺", "absent", "出張のため", True),
    ]
    page = client.get(url).text
    rows = re.findall(r'<tr><th scope="row">(.+?)</th>\s*<td class="answer-(\w+)">(.+?)</td>', page)
    # Gojūon order of the readings: ありが, くまだ, さかぐち, たなべ.
    assert rows == [("有賀", "none", "未回答"), ("熊田", "online", "オンラインで出席"),
                    ("坂口", "none", "未回答"), ("田辺", "absent", "欠席")]  # fmt: skip
    assert "事務局が受けた回答" in page
    text = _text(page)
    # Quorum 3: one says she will attend.
    assert "出席 0名、オンライン出席 1名、欠席 1名、未回答 2名" in text
    assert "出席の回答は1名で、定足数（3名）に足りません。 未回答の委員が2名います。" in text
    meeting_page = _text(client.get(f"/staff/committees/meetings/{upcoming.pk}/").text)
    assert "出席 0名、オンライン出席 1名、欠席 1名、未回答 2名" in meeting_page
    # Someone not seated on the day, or a forged number: refused, nothing written.
    response = client.post(url, {"member": 999999, "answer": "present"})
    assert response.status_code == 400
    assert "会議の日に任期のある委員を選んでください。" in response.text
    assert AttendanceReply.objects.count() == 2


def test_the_answers_fill_in_the_attendance_form_until_it_is_recorded(client, upcoming, staff):
    seated = members(upcoming.committee)
    for name, answer in (("坂口", "present"), ("有賀", "online"), ("田辺", "absent")):
        services.attendance_reply(actor=staff, meeting=upcoming, member=seated[name], answer=answer)
    Meeting.objects.filter(pk=upcoming.pk).update(date=timezone.localdate() - timedelta(days=1))
    _login(client, "nishiguchi")
    page = client.get(f"/staff/committees/meetings/{upcoming.pk}/").text
    assert "委員の出欠の回答をもとに入れてあります。" in page

    def selected(html, member):
        block = re.search(rf'name="m{member.pk}"[^>]*>(.*?)</select>', html, re.S).group(1)
        return re.search(r'<option value="(\w*)" selected>', block).group(1)

    assert [selected(page, seated[n]) for n in ("坂口", "有賀", "田辺")] == [
        "present", "online", "absent"]  # fmt: skip
    assert 'value="" selected' in re.search(
        rf'name="m{seated["熊田"].pk}"[^>]*>(.*?)</select>', page, re.S
    ).group(1)
    assert "回答：オンラインで出席" in page
    # Once recorded, the form shows the record, not the answers.
    services.attendance_record(actor=staff, meeting=upcoming, member=seated["田辺"],
                               status="present")  # fmt: skip
    page = client.get(f"/staff/committees/meetings/{upcoming.pk}/").text
    assert "委員の出欠の回答をもとに入れてあります。" not in page
    assert selected(page, seated["田辺"]) == "present"


def test_the_notice_points_to_the_member_s_page_to_answer(upcoming, staff):
    OutboxMessage.objects.all().delete()
    services.meeting_send_notice(actor=staff, meeting=upcoming)
    body = OutboxMessage.objects.filter(to="sakaguchi@example.jp").get().body
    assert "下記の会議のページ（出欠の回答欄）、このメールへの返信またはお電話で" in body
    assert f"/member/meetings/{upcoming.pk}/" in body


def test_a_former_member_cannot_answer(client, upcoming):
    Membership.objects.filter(member__name="坂口").update(
        term_end=timezone.localdate() + timedelta(days=3)
    )
    _login(client, "sakaguchi")
    url = f"/member/meetings/{upcoming.pk}/"
    assert 'name="answer"' not in client.get(url).text
    response = client.post(url, {"answer": "present"}, follow=True)
    assert "この会議の日にあなたの委員の任期がないため" in response.text
    assert AttendanceReply.objects.count() == 0
