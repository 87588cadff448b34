"""Session 19: the staff minutes page has one <h1> (the document's headings below the page's);
fixes from the audits of a second body's year and of frozen records."""

from __future__ import annotations

import re

import pytest

from kyodo.committees.models import Minutes
from kyodo.core.models import User

pytestmark = pytest.mark.django_db


def test_the_staff_minutes_page_has_one_title_and_the_document_s_headings_below_it(client, demo):
    client.force_login(User.objects.get(username="nishiguchi"))
    ninth = Minutes.objects.get(meeting__fiscal_year=2010, meeting__number=9,
                                meeting__committee__slug="unei")  # fmt: skip
    page = client.get(f"/staff/committees/minutes/{ninth.pk}/").text
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", page) == ["会議録：平成22年度第9回運営委員会"]
    assert '<h3 class="minutes-title">平成22(2010)年度第9回運営委員会会議録(確定稿)</h3>' in page
    assert "<h4>1．報告事項</h4>" in page
    # The public page keeps the document's title as its own.
    public = client.get(f"/committee/minutes/{ninth.pk}/").text
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", public) == [
        "平成22(2010)年度第9回運営委員会会議録(確定稿)"
    ]


# --- the frozen-record audit: the meeting that approved confirmed minutes --------------------


@pytest.fixture
def confirmed_at_second(committee, staff, meeting):
    """第1回's minutes approved at 第2回 (held, all present) and confirmed."""
    from kyodo.committees.tests.test_services import _confirmed

    minutes, _item = _confirmed(committee, staff, meeting)
    return minutes, minutes.approved_at.meeting


def test_the_approving_meeting_of_confirmed_minutes_keeps_its_day_number_and_being_held(
    confirmed_at_second, staff
):
    from datetime import timedelta

    from kyodo.committees import services
    from kyodo.committees.exceptions import InvalidInput
    from kyodo.committees.models import Meeting

    minutes, approving = confirmed_at_second
    base = dict(date=approving.date, start_time=approving.start_time,
                end_time=approving.end_time, venue=approving.venue, status=approving.status)  # fmt: skip
    for change in ({"date": approving.date - timedelta(days=1)}, {"number": 7},
                   {"status": Meeting.Status.SCHEDULED}):  # fmt: skip
        with pytest.raises(InvalidInput) as refused:
            services.meeting_update(actor=staff, meeting=approving, **{**base, **change})
        assert refused.value.message.startswith(
            f"{approving}は{minutes.meeting}の会議録を承認した会議で、その会議録は確定しています。"
        ), refused.value.message
    approving.refresh_from_db()
    assert (approving.number, approving.status) == (2, Meeting.Status.HELD)
    # What the approval does not rest on may still be put right: the end time, the venue.
    services.meeting_update(actor=staff, meeting=approving, **{**base, "end_time": None})


def test_its_attendance_cannot_fall_below_the_quorum_nor_its_approval_item_be_renamed(
    confirmed_at_second, staff
):
    from kyodo.committees import services
    from kyodo.committees.exceptions import InvalidInput
    from kyodo.committees.models import Attendance, Member

    minutes, approving = confirmed_at_second
    present = list(Attendance.objects.filter(meeting=approving, status="present"))
    assert len(present) == 4  # quorum 3
    services.attendance_record(actor=staff, meeting=approving, member=present[0].member,
                               status="absent")  # fmt: skip
    with pytest.raises(InvalidInput):
        services.attendance_record_all(actor=staff, meeting=approving, statuses=[
            (Member.objects.get(pk=a.member_id), "absent") for a in present[1:]])  # fmt: skip
    assert Attendance.objects.filter(meeting=approving, status="present").count() == 3
    with pytest.raises(InvalidInput):
        services.item_update(actor=staff, item=minutes.approved_at, title="改ざんした承認議題名",
                             body="")  # fmt: skip
    minutes.approved_at.refresh_from_db()
    assert minutes.approved_at.title == "平成22年度第1回運営委員会会議録について"


def test_no_new_request_is_filed_under_a_meeting_whose_minutes_are_confirmed(
    confirmed_at_second, staff
):
    from kyodo.committees import services
    from kyodo.committees.exceptions import MinutesConfirmed
    from kyodo.committees.models import ActionItem

    minutes, approving = confirmed_at_second
    before = ActionItem.objects.count()
    with pytest.raises(MinutesConfirmed):
        services.action_item_add(actor=staff, meeting=minutes.meeting, description="追加された依頼",
                                 assignee="事務局")  # fmt: skip
    assert ActionItem.objects.count() == before
    # At the approving meeting (its own minutes still a draft) a request is filed as usual.
    services.action_item_add(
        actor=staff, meeting=approving, description="次の依頼", assignee="事務局"
    )
    assert ActionItem.objects.count() == before + 1


# --- the second-body audit: 「役職で表記」 holds however a line was typed ----------------------


def test_published_by_role_a_line_typed_with_a_name_prints_the_role(committee, staff, meeting):
    from kyodo.committees import services
    from kyodo.committees.documents import build_document
    from kyodo.committees.models import AgendaItem, MinutesEntry

    item = services.item_add(actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT,
                             title="業務報告について")  # fmt: skip
    services.minutes_entries_from_text(
        actor=staff,
        item=item,
        text="熊田委員長：開会します。\n坂口委員：質問です。\n委員：意見です。",
    )
    linked = list(MinutesEntry.objects.filter(item=item).order_by("position")
                  .values_list("speaker", "member__name"))  # fmt: skip
    assert linked == [("熊田委員長", "熊田"), ("坂口委員", "坂口"), ("委員", None)]
    minutes = meeting.minutes
    published = build_document(minutes)  # the committee's setting: by role (the default)
    assert [e.speaker for e in published.sections[0].items[0].entries] == [
        "委員長", "委員", "委員"]  # fmt: skip
    # As typed for the staff's own pages.
    stored = build_document(minutes, labels="stored")
    assert [e.speaker for e in stored.sections[0].items[0].entries] == [
        "熊田委員長", "坂口委員", "委員"]  # fmt: skip


def test_a_confirmed_file_keeps_its_author_when_the_center_is_renamed(demo):
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text

    from kyodo.committees.export import export_minutes
    from kyodo.core.models import Center

    ninth = Minutes.objects.get(meeting__fiscal_year=2010, meeting__number=9,
                                meeting__committee__slug="unei")  # fmt: skip

    def author() -> str:
        info = PDFDocument(PDFParser(io.BytesIO(export_minutes(ninth, "pdf")))).info[0]
        return decode_text(info["Author"])

    assert author() == "西東京市市民協働推進センター"
    Center.objects.update(name="改名後センター")
    ninth.meeting.committee.center.refresh_from_db()
    assert author() == "西東京市市民協働推進センター"


def test_only_the_steering_committee_s_members_score_the_center_s_proposals(client, demo):
    from datetime import date

    from kyodo.collaboration.selectors import is_reviewer
    from kyodo.committees.models import Committee, Member, Membership
    from kyodo.core.roles import Role, grant_role

    # A city council the center is secretariat of, with one member of its own.
    council = Committee.objects.create(center=Committee.objects.get(slug="unei").center,
                                       name="市民協働推進委員会", slug="suishin")  # fmt: skip
    user = User.objects.create_user("ogawa", full_name="小川 さくら")
    grant_role(user, Role.MEMBER)
    member = Member.objects.create(name="小川 さくら", name_reading="おがわ さくら", user=user)
    Membership.objects.create(committee=council, member=member, term_start=date(2026, 4, 1))
    assert not is_reviewer(user)
    client.force_login(user)
    assert "採点する提案" not in client.get("/member/").text
    assert client.get("/staff/collaboration/reviews/").status_code == 403
    # The steering committee's chair does score.
    kumada = User.objects.get(username="kumada")
    assert is_reviewer(kumada)
    client.force_login(kumada)
    assert "採点する提案" in client.get("/member/").text
    assert client.get("/staff/collaboration/reviews/").status_code == 200


def test_a_draft_deferred_names_the_meeting_it_was_carried_to(client, demo):
    from kyodo.committees.models import CirculationRecipient

    # The demo's 8th minutes: on the 9th's agenda, deferred (継続審議) to the 10th.
    copy = CirculationRecipient.objects.filter(
        member__name="熊田", circulation__minutes__meeting__fiscal_year=2010,
        circulation__minutes__meeting__number=8,
    ).order_by("-pk").first()  # fmt: skip
    # The 10th long past, the page no longer asks to check it "before then".
    page = client.get(f"/committee/check/{copy.token}/").text
    assert re.findall(r"承認の予定[^<]*", page) == []

    # While the 10th is still to come, the page names it, not the 9th it was put off at.
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.committees.models import Meeting

    Meeting.objects.filter(fiscal_year=2010, number=10, committee=copy.circulation.minutes
                           .meeting.committee).update(date=timezone.localdate() + timedelta(days=3))  # fmt: skip
    page = client.get(f"/committee/check/{copy.token}/").text
    assert "平成22年度第10回運営委員会で承認の予定です" in page, re.findall(
        r"承認の予定[^<]*", page
    )
    assert "平成22年度第9回運営委員会で承認の予定です" not in page


def test_a_form_that_swaps_who_attended_keeps_the_quorum_and_is_taken(confirmed_at_second, staff):
    from kyodo.committees import services
    from kyodo.committees.models import Attendance

    _minutes, approving = confirmed_at_second
    rows = list(Attendance.objects.filter(meeting=approving).select_related("member"))
    services.attendance_record(actor=staff, meeting=approving, member=rows[0].member,
                               status="absent")  # fmt: skip
    # Quorum 3, three present: one leaves the list and the absent one comes back, in one form.
    services.attendance_record_all(actor=staff, meeting=approving, statuses=[
        (rows[1].member, "absent"), (rows[0].member, "present")])  # fmt: skip
    assert Attendance.objects.filter(meeting=approving, status="present").count() == 3
