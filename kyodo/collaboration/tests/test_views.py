"""Pages: who may see what, the register's forms, the public case studies, the demo."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.collaboration import services
from kyodo.collaboration.models import Collaboration, Department, Proposal, ProposalCall, Review
from kyodo.collaboration.tests.conftest import PROPOSAL_DATA
from kyodo.core.models import AuditEntry
from kyodo.core.versions import edit_version

pytestmark = pytest.mark.django_db


def _record(**overrides):
    data = {
        "title": "子育てひろばの運営",
        "form": "consignment",
        "first_fiscal_year": 2009,
        "last_fiscal_year": 2010,
        "budget": 3_000_000,
        "description": "親子が立ち寄れるひろば。",
        "outcome": "",
        "evaluation": "",
        "is_published": True,
    }
    data.update(overrides)
    return Collaboration.objects.create(**data)


def test_role_checks(client, make_user, kaze, call, staff, member):
    proposal = services.proposal_create(
        actor=kaze.representative_user, call=call, fields=services.ProposalFields(**PROPOSAL_DATA)
    )
    services.proposal_submit(actor=kaze.representative_user, proposal=proposal)
    staff_pages = [
        "/staff/collaboration/",
        "/staff/collaboration/statistics/",
        "/staff/collaboration/departments/",
        f"/staff/collaboration/calls/{call.pk}/",
    ]
    review_pages = [
        "/staff/collaboration/reviews/",
        f"/staff/collaboration/proposals/{proposal.pk}/",
    ]
    # A committee member reviews but does not run the register or decide.
    client.force_login(member)
    assert [client.get(url).status_code for url in staff_pages] == [403] * 4
    assert [client.get(url).status_code for url in review_pages] == [200, 200]
    page = client.get(f"/staff/collaboration/proposals/{proposal.pk}/")
    assert "採否" not in page.text and 'name="decision"' not in page.text
    response = client.post(
        f"/staff/collaboration/proposals/{proposal.pk}/decide/", {"decision": "adopt"}
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    # A group sees neither the register nor the reviews.
    client.force_login(kaze.representative_user)
    assert [client.get(url).status_code for url in staff_pages + review_pages] == [403] * 6
    # Staff see everything, including the group page's refusal (they represent no group).
    client.force_login(staff)
    assert [client.get(url).status_code for url in staff_pages + review_pages] == [200] * 6
    assert client.get("/group/collaboration/").status_code == 403
    # A group representative without a registered group gets 404, not an error.
    from kyodo.core.roles import Role

    client.force_login(make_user("lonely", Role.GROUP))
    assert client.get("/group/collaboration/").status_code == 404
    assert client.get(f"/group/collaboration/calls/{call.pk}/new/").status_code == 404
    # Drafts are not shown to reviewers.
    draft = services.proposal_create(
        actor=kaze.representative_user,
        call=call,
        fields=services.ProposalFields(**{**PROPOSAL_DATA, "title": "下書き"}),
    )
    client.force_login(member)
    assert client.get(f"/staff/collaboration/proposals/{draft.pk}/").status_code == 404
    assert Review.objects.count() == 0


def test_staff_record_a_collaboration_and_every_write_is_audited(client, staff, kaze, department):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/records/new/",
        {
            "title": "「多文化共生」研修会",
            "form": "co_hosting",
            "organizations": [kaze.pk],
            "departments": [department.pk],
            "first_fiscal_year": "平成22年度",
            "last_fiscal_year": "",
            "budget": "",
            "description": "市と共催で研修会を開く。",
            "is_published": "on",
        },
    )
    record = Collaboration.objects.get()
    assert response.status_code == 302
    assert (record.form, record.first_fiscal_year, record.last_fiscal_year) == (
        "co_hosting",
        2010,
        2010,
    )
    assert list(record.organizations.all()) == [kaze]
    response = client.post(
        f"/staff/collaboration/records/{record.pk}/edit/",
        {
            "title": "「多文化共生」研修会",
            "form": "co_hosting",
            "organizations": [kaze.pk],
            "departments": [],
            "first_fiscal_year": "H22",
            "last_fiscal_year": "H23",
            "budget": "１０，０００",
            "outcome": "市長、議員、職員が参加した。",
            "is_published": "on",
            "edit_version": edit_version(record, ("organizations", "departments", "events")),
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.last_fiscal_year, record.budget, record.departments.count()) == (2011, 10_000, 0)
    entry = AuditEntry.objects.get(action="kyodo.collaboration.record.updated")
    assert entry.changes["last_fiscal_year"] == [2010, 2011]
    assert entry.changes["departments"] == [["協働コミュニティ課"], []]
    assert AuditEntry.objects.filter(action="kyodo.collaboration.record.created").count() == 1


def test_bad_record_input_is_refused_in_japanese_and_changes_nothing(client, staff):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/records/new/",
        {
            "title": "x",
            "form": "gift",
            "first_fiscal_year": "平成99年度",
            "last_fiscal_year": "2009",
            "budget": "-5",
        },
    )
    assert response.status_code == 200
    assert "「平成99年度」はありません" in response.text
    assert "正しく選択してください" in response.text
    assert "0以上の値を入力してください。" in response.text
    assert Collaboration.objects.count() == 0
    response = client.post(
        "/staff/collaboration/records/new/",
        {"title": "x", "form": "subsidy", "first_fiscal_year": "2010", "last_fiscal_year": "2009"},
    )
    assert "終了年度は開始年度より前にできません。" in response.text
    assert Collaboration.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_departments_are_kept_by_staff(client, staff, department):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/departments/",
        {
            "name": "文化振興課",
            "name_reading": "ブンカシンコウカ",
            "bureau": "生活文化スポーツ部",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    added = Department.objects.get(name="文化振興課")
    assert added.name_reading == "ぶんかしんこうか"
    response = client.post("/staff/collaboration/departments/", {"name": "文化振興課"})
    assert "この名称の課はすでに登録されています。" in response.text
    assert Department.objects.count() == 2
    page = client.get("/staff/collaboration/departments/")
    # Gojūon order: きょうどう… before ぶんか…
    assert page.text.index("協働コミュニティ課") < page.text.index("文化振興課")
    response = client.post(
        f"/staff/collaboration/departments/{added.pk}/",
        {"name": "文化振興課", "contact_name": "山田", "is_active": "on"}
        | {"edit_version": edit_version(added)},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="kyodo.collaboration.department.updated").changes == {
        "contact_name": ["", "山田"],
        "name_reading": ["ぶんかしんこうか", ""],
        "bureau": ["生活文化スポーツ部", ""],
    }


def test_staff_open_a_call_with_criteria(client, staff):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/calls/",
        {
            "title": "NPO等企画提案事業",
            "fiscal_year": "令和9年度",
            "opens_on": "R8.11.1",
            "closes_on": "令和8年12月25日",
            "budget_limit": "1,000,000",
        },
    )
    assert response.status_code == 302
    call = ProposalCall.objects.get()
    assert (call.fiscal_year, str(call.opens_on), str(call.closes_on)) == (
        2027,
        "2026-11-01",
        "2026-12-25",
    )
    url = f"/staff/collaboration/calls/{call.pk}/criteria/"
    assert client.post(url, {"name": "公益性", "max_score": "30"}).status_code == 302
    response = client.post(url, {"name": "公益性", "max_score": "10"})
    assert response.status_code == 400
    assert "同じ名前の審査基準がすでにあります" in response.text
    response = client.post(url, {"name": "実現可能性", "max_score": "0"})
    assert response.status_code == 400
    assert [(c.name, c.max_score) for c in call.criteria.all()] == [("公益性", 30)]
    response = client.post(
        "/staff/collaboration/calls/",
        {"title": "逆", "fiscal_year": "2027", "opens_on": "2026-12-01", "closes_on": "2026-11-01"},
    )
    assert "締切日は受付開始日より前にできません。" in response.text
    assert ProposalCall.objects.count() == 1


def test_public_case_studies_show_published_records_only(client, kaze, department):
    published = _record()
    published.organizations.set([kaze])
    published.departments.set([department])
    hidden = _record(title="非公開の委託", is_published=False)
    page = client.get("/collaboration/")
    assert page.status_code == 200
    assert "こんな協働があります" in page.text
    assert "子育てひろばの運営" in page.text
    assert "非公開の委託" not in page.text
    assert "まちづくりの推進を図る活動</a>（1）" in page.text
    assert "協働コミュニティ課</a>（1）" in page.text
    assert client.get(f"/collaboration/{published.pk}/").status_code == 200
    assert client.get(f"/collaboration/{hidden.pk}/").status_code == 404
    assert client.get("/collaboration/999999/").status_code == 404
    # Narrowed by field or department; nonsense parameters are ignored.
    assert "子育てひろばの運営" not in client.get("/collaboration/?field=children").text
    assert "子育てひろばの運営" in client.get(f"/collaboration/?department={department.pk}").text
    assert client.get("/collaboration/?field=%00&department=x").status_code == 200


def test_the_demo_is_idempotent_and_tells_the_seeds_story(demo):
    from kyodo.collaboration.demo import load_demo

    counts = (Collaboration.objects.count(), Proposal.objects.count(), Review.objects.count())
    load_demo()
    assert (
        (
            Collaboration.objects.count(),
            Proposal.objects.count(),
            Review.objects.count(),
        )
        == counts
        == (12, 3, 4)
    )
    amigo = Collaboration.objects.get(title__contains="子どもアミーゴ")
    assert sorted(d.name for d in amigo.departments.all()) == ["児童福祉課", "文化振興課"]
    round_table = Collaboration.objects.get(title="行政職員と市民活動団体の懇談会")
    assert round_table.organizations.count() == 10
    assert [e.title for e in round_table.events.all()] == ["行政職員と市民活動団体の懇談会"]
    anniversary = Proposal.objects.get(status="adopted")
    assert anniversary.call.title == "西東京市誕生10周年記念市民活動団体提案協働事業"
    assert anniversary.collaboration.form == "proposal"
    submitted = Proposal.objects.get(status="submitted")
    assert submitted.organization.name == "西東京風の会"
    assert submitted.call.is_open_on(timezone.localdate())


def test_list_pages_take_a_fixed_number_of_queries(
    client, staff, kaze, other_group, department, django_assert_max_num_queries
):
    def add(n: int) -> None:
        for i in range(n):
            record = _record(title=f"協働{Collaboration.objects.count()}-{i}")
            record.organizations.set([kaze, other_group])
            record.departments.set([department])

    add(2)
    client.force_login(staff)
    counts = {}
    for url in ("/collaboration/", "/staff/collaboration/", "/staff/collaboration/statistics/"):
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200
        counts[url] = len(small)
    add(6)
    for url, expected in counts.items():
        with django_assert_max_num_queries(expected):
            assert client.get(url).status_code == 200


def _page_queries(client, url: str) -> tuple[list[str], str]:
    """The page's own queries (the layout's read of the center left out) and its text."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return [q["sql"] for q in queries if '"core_center"' not in q["sql"]], page.text


def _cases(text: str) -> int:
    return text.split('id="cases-heading"')[1].count('<li><a href="/collaboration/')


def test_public_case_studies_take_two_queries_whatever_the_number_of_records(
    client, kaze, other_group, department
):
    second = Department.objects.create(name="文化振興課", name_reading="ぶんかしんこうか")
    for i in range(5):
        record = _record(title=f"協働{i}", last_fiscal_year=2009 + i % 2)
        record.organizations.set([kaze, other_group][: 1 + i % 2])
        record.departments.set([department, second][: 1 + i % 2])
    _record(title="団体も課もない協働")
    # The records with their departments, then the groups' links.
    queries, text = _page_queries(client, "/collaboration/")
    assert len(queries) == 2
    assert _cases(text) == 6
    assert (
        "· 西東京風の会、西東京ひかりの会\n" in text or "· 西東京ひかりの会、西東京風の会\n" in text
    )
    queries, text = _page_queries(client, f"/collaboration/?department={second.pk}&field=community")
    assert len(queries) == 2
    assert _cases(text) == 2
    assert f'<a href="?department={second.pk}" aria-current="page">文化振興課</a>（2）' in text
    # A department no published record names is read for the heading.
    unused = Department.objects.create(name="市民課")
    queries, text = _page_queries(client, f"/collaboration/?department={unused.pk}")
    assert len(queries) == 3
    assert "市民課" in text
    assert _cases(text) == 0


def test_a_case_study_page_takes_three_queries(client, staff, kaze, other_group, department):
    from datetime import date

    from kyodo.events.models import Event, EventKind, EventSeries
    from kyodo.events.services import event_create

    # Given a record with two groups (one not registered), two departments and three events
    other_group.status = other_group.Status.SUSPENDED
    other_group.save()
    second = Department.objects.create(
        name="文化振興課", name_reading="ぶんかしんこうか", bureau="市民部"
    )
    series = EventSeries.objects.create(name="NPO市民活動ネットワーク", next_number=3)
    events = [
        event_create(
            actor=staff,
            kind=EventKind.LECTURE,
            date=date(2010, 11, day),
            title=title,
            series=in_series,
            status=status,
        )
        for day, title, in_series, status in [
            (3, "会計講座", None, Event.Status.HELD),
            (10, "交流会", series, Event.Status.HELD),
            (17, "準備中の講座", None, Event.Status.DRAFT),
        ]
    ]
    record = _record(first_fiscal_year=2010, last_fiscal_year=2010)
    record.organizations.set([kaze, other_group])
    record.departments.set([department, second])
    record.events.set(events)
    # When its page is read: the record with its departments, its groups, its events
    queries, text = _page_queries(client, f"/collaboration/{record.pk}/")
    # Then
    assert len(queries) == 3
    assert "<dd>委託</dd>" in text and "<dd>平成22年度</dd>" in text
    assert f'<a href="/groups/{kaze.pk}/">西東京風の会</a>、西東京ひかりの会</dd>' in text
    assert "<dd>協働コミュニティ課（生活文化スポーツ部）、文化振興課（市民部）</dd>" in text
    assert f'<a href="/events/{events[1].pk}/">NPO市民活動ネットワーク 第3回「交流会」</a>' in text
    assert "<br>準備中の講座 平成22年11月17日(水)</dd>" in text
