"""A clerk keeps the minutes of a new body (市民活動推進部会) beside the 運営委員会: what she would
trip on, each fixed."""

from __future__ import annotations

import pytest

from kyodo.committees.models import Committee, Member, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def bukai(committee) -> Committee:
    return Committee.objects.create(
        center=committee.center, name="市民活動推進部会", slug="suishin", quorum=2
    )


def _add(client, **values):
    data = {
        "committee": "suishin",
        "role": "member",
        "term_start": "平成22年12月1日",
        "term_end": "平成24年3月31日",
        "name": "有賀",
        "name_reading": "ありが",
        "sector": "npo",
        "affiliation": "",
        "email": "",
    } | values
    return client.post("/staff/committees/people/members/new/?committee=suishin", data)


def test_a_steering_member_added_to_the_new_body_is_not_made_twice(staff_client, bukai):
    # 有賀 sits on the 運営委員会; the clerk types her again on the 部会's 「委員を追加」 (her
    # reading in katakana, a space in her name): one record per person, the page says how.
    ariga = Member.objects.get(name="有賀")
    page = _add(staff_client, name="有 賀", name_reading="アリガ")
    assert page.status_code == 200
    assert (
        "有賀（ありが）さんはすでに委員として登録されています（運営委員会）。同じ方であれば、"
        "有賀さんのページを開き、「任期を追加」で市民活動推進部会の任期を追加してください。"
        "同姓同名の別の方であれば、氏名で区別してください（例：中村（正））。"
    ) in page.text
    assert Member.objects.filter(name="有賀").count() == 1
    assert not Membership.objects.filter(committee=bukai).exists()

    # The same address, another spelling of the name: the same person.
    page = _add(
        staff_client, name="有賀 花子", name_reading="ありが はなこ", email=ariga.email.upper()
    )
    assert "有賀（ありが）さんはすでに委員として登録されています（運営委員会）。" in page.text
    assert Member.objects.count() == 4


def test_her_page_opened_from_the_body_adds_the_seat_there(staff_client, bukai):
    ariga = Member.objects.get(name="有賀")
    page = staff_client.get(f"/staff/committees/people/members/{ariga.pk}/?committee=suishin")
    assert (
        '<select name="committee" id="seat_committee"><option value="unei">運営委員会</option>'
        '<option value="suishin" selected>市民活動推進部会</option></select>'
    ) in page.text
    # Opened without it: her running seat's body, as before.
    page = staff_client.get(f"/staff/committees/people/members/{ariga.pk}/")
    assert '<option value="unei" selected>運営委員会</option>' in page.text

    done = staff_client.post(
        f"/staff/committees/people/members/{ariga.pk}/seats/new/?committee=suishin",
        {"role": "member", "term_start": "平成22年12月1日", "term_end": "平成24年3月31日"},
    )
    assert done.status_code == 302
    assert [(s.committee.name, s.role) for s in ariga.memberships.order_by("pk")] == [
        ("運営委員会", "vice_chair"),
        ("市民活動推進部会", "member"),
    ]


def test_a_new_person_is_still_added(staff_client, bukai):
    done = _add(staff_client, name="森本", name_reading="もりもと", role="chair")
    assert done.status_code == 302
    morimoto = Member.objects.get(name="森本")
    assert [(s.committee.name, s.role) for s in morimoto.memberships.all()] == [
        ("市民活動推進部会", "chair")
    ]


def _held_meeting(staff, bukai):
    from datetime import date, time

    from kyodo.committees import services
    from kyodo.committees.models import Meeting

    for name in ("有賀", "坂口", "田辺"):
        Membership.objects.create(
            committee=bukai, member=Member.objects.get(name=name), role="member",
            term_start=date(2010, 12, 1), term_end=date(2012, 3, 31),
        )  # fmt: skip
    meeting = services.meeting_create(
        actor=staff, committee=bukai, date=date(2010, 12, 3), start_time=time(18, 30)
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    return meeting


def test_a_report_s_decision_is_offered_as_report_only(staff_client, staff, bukai):
    # Offered 承認・満場一致 (the lists' first choices), the clerk would record a report as
    # approved unanimously.
    from kyodo.committees import services

    meeting = _held_meeting(staff, bukai)
    report = services.item_add(actor=staff, meeting=meeting, category="report",
                               title="市民活動の現状について")  # fmt: skip
    deliberation = services.item_add(actor=staff, meeting=meeting, category="deliberation",
                                     title="部会の運営要領について")  # fmt: skip

    def chosen(item) -> list[str]:
        import re

        page = staff_client.get(f"/staff/committees/items/{item.pk}/").text
        form = re.search(r'(?s)action="[^"]*/decision/".*?</form>', page)[0]
        return re.findall(r'<option value="(\w+)"[^>]*selected', form)

    assert chosen(report) == ["report_only", "none"]
    assert chosen(deliberation) == []  # the clerk chooses
    done = staff_client.post(
        f"/staff/committees/items/{report.pk}/decision/",
        {"outcome": "report_only", "method": "none", "text": "", "entry": ""},
    )
    assert done.status_code == 302
    report.refresh_from_db()
    assert (report.decision.outcome, report.decision.method) == ("report_only", "none")
    # Recorded: what was recorded is shown, not the default.
    assert chosen(report) == ["report_only", "none"]


def test_the_committee_page_writes_appointments_with_full_width_signs(staff_client, staff, bukai):
    from datetime import date

    from kyodo.committees.models import Appointment

    Appointment.objects.create(
        committee=Committee.objects.get(slug="unei"), member=Member.objects.get(name="熊田"),
        title="社会福祉協議会担当理事候補", term_start=date(2009, 4, 2), term_end=date(2011, 4, 1),
    )  # fmt: skip
    page = staff_client.get("/staff/committees/?committee=unei").text
    assert "<li>社会福祉協議会担当理事候補：熊田（平成21年4月2日～平成23年4月1日）</li>" in page
