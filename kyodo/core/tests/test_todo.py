"""The staff home page is a to-do list whose counts equal the lists they link to."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from kyodo.committees.models import ActionItem, Committee, Meeting, Member, Membership
from kyodo.core.models import OutboxMessage
from kyodo.organizations.models import Organization


def _listed(client, url: str) -> int:
    html = client.get(url).text
    if url.startswith("/staff/todo/"):
        return html.count('class="todo-item"')
    # An existing list page (groups, outbox): the rows of its table.
    if "<tbody>" not in html:
        return 0
    return html.split("<tbody>")[1].split("</tbody>")[0].count("<tr")


def _lines(client) -> dict[str, int]:
    from kyodo.core.todo import KINDS

    response = client.get("/staff/")
    assert response.status_code == 200
    lines = response.context["lines"]
    today = timezone.localdate()
    # The home page counts in one statement what each line's list shows item by item.
    assert [line.count for line in lines] == [len(kind.items(today)) for kind in KINDS]
    for line in lines:
        assert line.count == _listed(client, line.url), line.kind.key
        assert f'href="{line.url}"' in response.text
    return {line.kind.key: line.count for line in lines}


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_on_the_demo_every_count_equals_its_list(staff_client, demo):
    counts = _lines(staff_client)
    assert set(counts) == {
        "group-applications",
        "change-requests",
        "proposals",
        "follow-ups",
        "requests",
        "corrections",
        "drafts",
        "failed-mail",
        "upcoming",
        "attendance",
        "pages",
        "terms",
        "invitations",
    }


def test_each_line_counts_what_needs_doing_today(staff_client, staff_user, demo):
    from kyodo.consultations.tests.factories import make_consultation
    from kyodo.events.models import Event, EventKind
    from kyodo.events.services import event_create

    today = timezone.localdate()
    before = _lines(staff_client)
    Organization.objects.create(
        name="ひばりの会", name_reading="ひばりのかい", legal_form="voluntary", status="applied"
    )
    from kyodo.organizations.models import ChangeRequest

    ChangeRequest.objects.create(
        organization=Organization.objects.filter(status="registered").first(),
        proposed={"representative_name": "新しい代表"},
        submitted_at=timezone.now(),
    )
    make_consultation(
        staff_user,
        received_on=today - timedelta(days=9),
        follow_up_needed=True,
        follow_up_on=today - timedelta(days=1),
    )
    make_consultation(staff_user, received_on=today, follow_up_needed=True, follow_up_on=today)
    make_consultation(
        staff_user, received_on=today, follow_up_needed=True, follow_up_on=today + timedelta(days=1)
    )  # not due yet
    from kyodo.committees import services

    committee = Committee.objects.get(slug="unei")
    member = Member.objects.create(name="新井", name_reading="あらい", sector="npo")
    Membership.objects.create(
        committee=committee,
        member=member,
        term_start=date(2025, 4, 1),
        term_end=today + timedelta(days=30),
    )
    soon = services.meeting_create(
        actor=staff_user, committee=committee, date=today + timedelta(days=3)
    )
    # A draft is circulated once its meeting has begun: one held two days ago.
    held = services.meeting_create(
        actor=staff_user, committee=committee, date=today - timedelta(days=2)
    )
    item = services.item_add(actor=staff_user, meeting=held, category="report", title="報告")
    services.minutes_entries_from_text(actor=staff_user, item=item, text="事務局：報告した。")
    services.minutes_circulate(actor=staff_user, minutes=held.minutes)
    Meeting.objects.create(
        committee=committee, fiscal_year=2026, number=90, date=today + timedelta(days=8)
    )
    ActionItem.objects.create(
        meeting=soon,
        description="会場の下見",
        assignee="事務局",
        due_date=today - timedelta(days=2),
    )
    ActionItem.objects.create(
        meeting=soon,
        description="済んだ依頼",
        assignee="事務局",
        due_date=today - timedelta(days=2),
        status="done",
    )
    for days in (0, 7, 8):
        event_create(
            actor=staff_user,
            status=Event.Status.PUBLISHED,
            title=f"講座{days}",
            kind=EventKind.LECTURE,
            date=today + timedelta(days=days),
            start_time=time(19),
            end_time=time(21),
        )
    OutboxMessage.objects.create(to="x@example.jp", subject="開催通知", body="…", status="failed")
    after = _lines(staff_client)
    added = {key: after[key] - before[key] for key in after}
    assert added == {
        "group-applications": 1,
        "change-requests": 1,
        "proposals": 0,
        "follow-ups": 2,
        "requests": 1,
        "corrections": 0,
        "drafts": 1,
        "failed-mail": 1,
        "upcoming": 3,
        "attendance": 0,
        "pages": 0,
        "terms": 1,
        "invitations": 0,
    }
    page = staff_client.get("/staff/todo/follow-ups/")
    assert "期限超過" in page.text and "今日が期日" in page.text


def test_an_unknown_line_is_404(staff_client):
    assert staff_client.get("/staff/todo/nothing/").status_code == 404


def test_circulated_minutes_cost_three_queries_however_many(demo, django_assert_num_queries):
    from kyodo.committees.models import Circulation, CirculationRecipient, Member, Minutes
    from kyodo.core.todo import drafts_not_received, todo_counts

    today = timezone.localdate()
    member = Member.objects.order_by("pk").first()
    # Two circulated minutes (the demo's 2010 drafts are approved or confirmed), each circulated
    # twice more: only the latest counts.
    added = list(
        Minutes.objects.exclude(status=Minutes.Status.CIRCULATED)
        .select_related("meeting__committee")
        .order_by("pk")[:2]
    )
    for minutes in added:
        Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.CIRCULATED)
        for n in range(2):
            circulation = Circulation.objects.create(minutes=minutes)
            CirculationRecipient.objects.create(
                circulation=circulation,
                member=member,
                token=f"t-{minutes.pk}-{n}",
                opened_at=timezone.now() if n == 0 else None,
            )
    assert Minutes.objects.filter(status=Minutes.Status.CIRCULATED).count() == 2
    # The minutes, their circulations, the recipients of the latest ones: not two per minutes.
    with django_assert_num_queries(3):
        items = drafts_not_received(today)
    assert len(items) == 2
    assert todo_counts(today)["drafts"] == 2
    by_title = {item.title: item.detail for item in items}
    for minutes in added:
        assert by_title[str(minutes.meeting)] == f"未受領：{member.name}"


def test_a_draft_counts_until_every_member_of_its_latest_circulation_has_it(demo, staff_user):
    from kyodo.committees.models import Circulation, CirculationRecipient, Minutes
    from kyodo.core.todo import drafts_not_received, todo_counts

    today = timezone.localdate()
    minutes = Minutes.objects.exclude(status=Minutes.Status.CIRCULATED).order_by("pk").first()
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.CIRCULATED)
    members = list(Member.objects.order_by("pk")[:2])
    before = todo_counts(today)["drafts"]

    def count() -> int:
        assert todo_counts(today)["drafts"] == len(drafts_not_received(today))
        return todo_counts(today)["drafts"] - before

    assert count() == 0  # never circulated
    first = Circulation.objects.create(minutes=minutes)
    for member in members:
        CirculationRecipient.objects.create(circulation=first, member=member, token=f"a{member.pk}")
    assert count() == 1
    first.recipients.update(opened_at=timezone.now())
    assert count() == 0
    # A later circulation: only it counts, until one opened the link and the other has paper.
    later = Circulation.objects.create(minutes=minutes)
    for member in members:
        CirculationRecipient.objects.create(circulation=later, member=member, token=f"b{member.pk}")
    assert count() == 1
    later.recipients.filter(member=members[0]).update(opened_at=timezone.now())
    assert count() == 1
    later.recipients.filter(member=members[1]).update(paper_at=timezone.now())
    assert count() == 0


def test_the_staff_home_costs_seven_queries_in_a_test(
    demo, staff_client, django_assert_num_queries
):
    from kyodo.core.models import AuditEntry

    # The session, the user with their roles, the center (layout); every line's count; the five
    # latest audit rows; the objects they link to (several kinds: one query); whether there are
    # several committees (kyodo.core.audit._several_committees: kept until the next write when
    # serving, asked every time inside a test's transaction, where nothing is kept).
    staff_client.get("/staff/")
    assert len({e.content_type_id for e in AuditEntry.objects.all()[:5]}) > 1
    with django_assert_num_queries(7):
        response = staff_client.get("/staff/")
    assert response.status_code == 200


def test_the_counts_follow_the_day_they_are_asked_for(demo, staff_user):
    from kyodo.consultations.tests.factories import make_consultation
    from kyodo.core.todo import KINDS, todo_counts

    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    make_consultation(staff_user, received_on=today, follow_up_needed=True, follow_up_on=tomorrow)
    # Asked alternately: each day's statement counts that day's rows.
    for _ in range(2):
        for day in (today, tomorrow):
            counts = todo_counts(day)
            assert counts == {kind.key: len(kind.items(day)) for kind in KINDS}
    assert todo_counts(tomorrow)["follow-ups"] > todo_counts(today)["follow-ups"]


def test_a_held_meeting_today_is_no_longer_upcoming_and_unwritten_pages_are_listed(
    staff_client, staff_user, demo
):
    from kyodo.committees.models import Committee, Meeting
    from kyodo.website.models import Page

    today = timezone.localdate()
    committee = Committee.objects.first()
    meeting = Meeting.objects.create(committee=committee, fiscal_year=2099, number=1, date=today)
    before = _lines(staff_client)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    assert _lines(staff_client)["upcoming"] == before["upcoming"] - 1

    Page.objects.update_or_create(slug="privacy", defaults={"title": "個人情報", "body": ""})
    assert _lines(staff_client)["pages"] == 1
    page = staff_client.get("/staff/todo/pages/").text
    assert 'href="/staff/site/pages/privacy/"' in page
    assert "まだ書かれていません（ページには「準備中」と表示されます）。" in page


# The year's-turn audit (session 18, finding 6): an event forgotten after its day.
def test_ended_events_without_attendance_are_a_to_do_line(staff_user):
    from django.utils.translation import gettext

    from kyodo.core.todo import KINDS_BY_KEY, todo_counts
    from kyodo.events.models import Event, EventKind
    from kyodo.events.services import event_create, event_record_attendance

    today = timezone.localdate()

    def event(title: str, days: int, status=Event.Status.PUBLISHED) -> Event:
        created = event_create(
            actor=staff_user, status=status, title=title, kind=EventKind.LECTURE,
            date=today + timedelta(days=1), start_time=time(19), end_time=time(21),
        )  # fmt: skip
        Event.objects.filter(pk=created.pk).update(date=today + timedelta(days=days))
        return Event.objects.get(pk=created.pk)

    kind = KINDS_BY_KEY["attendance"]
    forgotten = event("NPO会計講座（初級編）", -12)
    recorded = event("年度末交流会", -3)
    event("下書きの講座", -3, status=Event.Status.DRAFT)
    event("今日の講座", 0)
    event_record_attendance(actor=staff_user, event=recorded, walk_in_people=12)
    earlier = event("市民活動はじめの一歩講座", -19)

    assert todo_counts(today)["attendance"] == 2
    assert [(i.title, i.url, i.when) for i in kind.items(today)] == [
        (str(earlier), f"/staff/events/{earlier.pk}/attendance/", today - timedelta(days=19)),
        (str(forgotten), f"/staff/events/{forgotten.pk}/attendance/", today - timedelta(days=12)),
    ]
    assert str(kind.label) == gettext("Events held without attendance recorded")
    # Tomorrow, today's event has ended too.
    assert todo_counts(today + timedelta(days=1))["attendance"] == 3
