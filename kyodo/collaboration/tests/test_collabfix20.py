"""Session 20: the calls for proposals and their results on the public site and in open data
(/collaboration/calls/, results.csv), and departments renamed (組織改正) keeping the names of
past years in records, case studies and statistics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.collaboration import selectors, services
from kyodo.collaboration.models import (
    Collaboration,
    Department,
    DepartmentName,
    Proposal,
    ProposalCall,
    Review,
    Score,
)
from kyodo.collaboration.statistics import compute
from kyodo.collaboration.tests.conftest import make_group
from kyodo.core.models import AuditEntry
from kyodo.core.wareki import fiscal_year

pytestmark = pytest.mark.django_db


# --- public calls and results --------------------------------------------------------------------


def _call(title: str, *, opens: int, closes: int, **extra) -> ProposalCall:
    today = timezone.localdate()
    extra.setdefault("published_at", timezone.now())
    return ProposalCall.objects.create(
        title=title,
        fiscal_year=2026,
        opens_on=today + timedelta(days=opens),
        closes_on=today + timedelta(days=closes),
        **extra,
    )


def _proposal(call, group, title, status, *, budget=None, notified=True, record_budget=None):
    proposal = Proposal.objects.create(
        call=call,
        organization=group,
        title=title,
        summary="概要",
        budget=budget,
        status=status,
        submitted_at=timezone.now(),
        notified_at=timezone.now() if notified else None,
    )
    if record_budget is not None:
        proposal.collaboration = Collaboration.objects.create(
            title=title,
            form="proposal",
            first_fiscal_year=2026,
            last_fiscal_year=2026,
            budget=record_budget,
        )
        proposal.save(update_fields=["collaboration"])
    return proposal


@pytest.fixture
def calls(make_user, kaze, other_group, staff):
    third = make_group(make_user, "midori", "みどりの会")
    closed = _call(
        "令和8年度 協働提案事業",
        opens=-60,
        closes=-30,
        description="地域の課題に取り組む事業。",
        how_to_apply="団体ページから提出。",
        budget_limit=1_000_000,
    )
    open_call = _call("まちづくり提案", opens=-3, closes=10, how_to_apply="窓口へ")
    _call("準備中の募集", opens=5, closes=30, published_at=None)
    # Adopted: the record's amount (staff may have changed it) wins over the amount asked.
    adopted = _proposal(
        closed, kaze, "写真アーカイブ", "adopted", budget=800_000, record_budget=750_000
    )
    _proposal(closed, other_group, "子ども食堂", "adopted", budget=None)
    _proposal(closed, third, "落選した案", "declined", budget=300_000)
    # Decided but not notified yet: not a result.
    _proposal(closed, third, "未通知の案", "adopted", budget=100_000, notified=False)
    review = Review.objects.create(proposal=adopted, reviewer=staff)
    criterion = closed.criteria.create(name="公益性", max_score=30)
    Score.objects.create(review=review, criterion=criterion, score=27)
    return closed, open_call


def test_public_calls_list_open_and_past_calls_not_those_in_preparation(client, calls):
    closed, open_call = calls
    page = client.get("/collaboration/calls/")
    assert page.status_code == 200
    text = page.text
    assert f'<a href="/collaboration/calls/{open_call.pk}/">まちづくり提案</a>' in text
    assert f'<a href="/collaboration/calls/{closed.pk}/">令和8年度 協働提案事業</a>' in text
    assert "準備中の募集" not in text
    assert "/collaboration/calls/results.csv" in text


def test_public_call_shows_notified_adopted_proposals_and_nothing_else(client, calls):
    closed, _open = calls
    text = client.get(f"/collaboration/calls/{closed.pk}/").text
    assert "地域の課題に取り組む事業。" in text
    assert "団体ページから提出。" in text
    assert "1,000,000円" in text
    assert (
        '<tr><td>西東京風の会</td><td>写真アーカイブ</td><td class="nowrap">750,000円</td></tr>'
        in text
    )
    assert '<tr><td>西東京ひかりの会</td><td>子ども食堂</td><td class="nowrap">—</td></tr>' in text
    # Not adopted, not notified, the scores and the amount asked: never shown by default.
    for hidden in ("落選した案", "未通知の案", "800,000", "27", "みどりの会", 'id="not-adopted"'):
        assert hidden not in text, hidden


def test_the_center_may_publish_the_proposals_not_adopted(client, calls):
    closed, _open = calls
    closed.publish_declined = True
    closed.save()
    text = client.get(f"/collaboration/calls/{closed.pk}/").text
    assert '<table id="not-adopted">' in text
    assert "<tr><td>みどりの会</td><td>落選した案</td></tr>" in text
    assert "300,000" not in text
    assert "未通知の案" not in text


def test_an_open_call_says_how_to_apply_and_shows_no_results(client, calls):
    _closed, open_call = calls
    text = client.get(f"/collaboration/calls/{open_call.pk}/").text
    assert "窓口へ" in text
    assert 'href="/group/collaboration/"' in text
    assert 'id="results-heading"' not in text


def test_a_call_in_preparation_or_missing_is_404(client, calls):
    future = ProposalCall.objects.get(title="準備中の募集")
    assert client.get(f"/collaboration/calls/{future.pk}/").status_code == 404
    assert client.get("/collaboration/calls/999999/").status_code == 404


def test_results_csv_is_utf8_with_bom_and_holds_only_published_results(client, calls):
    closed, _open = calls
    response = client.get("/collaboration/calls/results.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        response.content
        == (
            "\ufeff募集名,事業年度,団体名,事業名,結果,金額（円）\r\n"
            "令和8年度 協働提案事業,令和8年度,西東京風の会,写真アーカイブ,採択,750000\r\n"
            "令和8年度 協働提案事業,令和8年度,西東京ひかりの会,子ども食堂,採択,\r\n"
        ).encode()
    )
    closed.publish_declined = True
    closed.save()
    text = client.get("/collaboration/calls/results.csv").content.decode("utf-8-sig")
    assert text.endswith("令和8年度 協働提案事業,令和8年度,みどりの会,落選した案,不採択,\r\n")
    assert client.post("/collaboration/calls/results.csv").status_code == 405


def test_public_results_take_one_query(calls):
    with CaptureQueriesContext(connection) as queries:
        results = selectors.public_results(today=timezone.localdate())
    assert len(queries) == 1
    assert [(r.group, r.title, r.adopted, r.amount) for r in results] == [
        ("西東京風の会", "写真アーカイブ", True, 750_000),
        ("西東京ひかりの会", "子ども食堂", True, None),
    ]


def test_staff_call_form_saves_how_to_apply_and_the_choice_to_publish(calls, staff):
    closed, _open = calls
    fields = {f: getattr(closed, f) for f in services.CALL_FIELDS}
    fields.update(how_to_apply="郵送も可", publish_declined=True)
    changes = services.call_update(actor=staff, call=closed, fields=services.CallFields(**fields))
    closed.refresh_from_db()
    assert (closed.how_to_apply, closed.publish_declined) == ("郵送も可", True)
    assert set(changes) == {"how_to_apply", "publish_declined"}


# --- departments renamed (組織改正) ----------------------------------------------------------------


def _rename(staff, department, name, renamed_from):
    fields = services.DepartmentFields(**{**field_values_of(department), "name": name})
    return services.department_update(
        actor=staff, department=department, fields=fields, renamed_from=renamed_from
    )


def field_values_of(department):
    return {f: getattr(department, f) for f in services.DEPARTMENT_FIELDS}


@pytest.fixture
def renamed(staff, kaze, department):
    """協働コミュニティ課 renamed 市民協働推進課 from 令和8年度 (2026); a record of 2024, one of
    2025–2026 (across the renaming) and one of 2026, all published."""
    records = {}
    for title, first, last in (
        ("古い協働", 2024, 2024),
        ("またがる協働", 2025, 2026),
        ("新しい協働", 2026, 2026),
    ):
        record = Collaboration.objects.create(
            title=title,
            form="consignment",
            first_fiscal_year=first,
            last_fiscal_year=last,
            is_published=True,
        )
        record.departments.set([department])
        record.organizations.set([kaze])
        records[title] = record
    changes = _rename(staff, department, "市民協働推進課", 2026)
    assert changes["name"] == ["協働コミュニティ課", "市民協働推進課"]
    assert changes["name_from_fiscal_year"] == 2026
    return records


def test_renaming_keeps_the_former_name_for_earlier_years(renamed, department):
    assert list(
        DepartmentName.objects.filter(department=department).values_list(
            "first_fiscal_year", "name"
        )
    ) == [(0, "協働コミュニティ課"), (2026, "市民協働推進課")]
    assert selectors.department_names(department) == [
        ("～令和7年度", "協働コミュニティ課"),
        ("令和8年度～", "市民協働推進課"),
    ]
    assert AuditEntry.objects.filter(action="kyodo.collaboration.department.updated").exists()


def test_records_show_the_name_of_their_years(renamed):
    labels = {
        r.title: r.department_labels for r in selectors.collaborations() if r.title in renamed
    }
    assert labels == {
        "古い協働": [("協働コミュニティ課", "生活文化スポーツ部")],
        "またがる協働": [("協働コミュニティ課→市民協働推進課", "生活文化スポーツ部")],
        "新しい協働": [("市民協働推進課", "生活文化スポーツ部")],
    }


def test_case_studies_show_the_name_of_their_years_in_the_same_queries(client, renamed):
    with CaptureQueriesContext(connection) as queries:
        text = client.get("/collaboration/").text
    assert len([q for q in queries if '"core_center"' not in q["sql"]]) == 2
    assert "· 西東京風の会\n· 協働コミュニティ課</li>" in text
    assert "· 西東京風の会\n· 協働コミュニティ課→市民協働推進課</li>" in text
    assert "· 西東京風の会\n· 市民協働推進課</li>" in text
    old = client.get(f"/collaboration/{renamed['古い協働'].pk}/").text
    assert "協働コミュニティ課（生活文化スポーツ部）" in old
    assert "市民協働推進課" not in old


def test_statistics_name_a_department_as_it_was_that_year(renamed):
    assert [(r.label, r.count) for r in compute(fiscal_year=2024).by_department] == [
        ("協働コミュニティ課", 1)
    ]
    assert [(r.label, r.count) for r in compute(fiscal_year=2026).by_department] == [
        ("市民協働推進課", 2)
    ]
    assert [(r.label, r.count) for r in compute().by_department] == [
        ("協働コミュニティ課→市民協働推進課", 3)
    ]


def test_a_correction_changes_the_name_of_the_years_it_was_used(staff, renamed, department):
    _rename(staff, department, "市民協働推進室", None)
    assert list(
        DepartmentName.objects.filter(department=department).values_list(
            "first_fiscal_year", "name"
        )
    ) == [(0, "協働コミュニティ課"), (2026, "市民協働推進室")]
    assert [(r.label, r.count) for r in compute(fiscal_year=2024).by_department] == [
        ("協働コミュニティ課", 1)
    ]


def test_a_correction_of_a_never_renamed_department_keeps_no_history(staff, department):
    _rename(staff, department, "協働コミュニテイ課", None)
    assert not DepartmentName.objects.exists()


def test_renaming_again_from_an_earlier_year_replaces_the_later_name(staff, renamed, department):
    _rename(staff, department, "協働推進課", 2025)
    assert list(
        DepartmentName.objects.filter(department=department).values_list(
            "first_fiscal_year", "name"
        )
    ) == [(0, "協働コミュニティ課"), (2025, "協働推進課")]
    # Renamed back to the former name from the same year: the history closes up.
    _rename(staff, department, "協働コミュニティ課", 2025)
    assert list(
        DepartmentName.objects.filter(department=department).values_list(
            "first_fiscal_year", "name"
        )
    ) == [(0, "協働コミュニティ課")]


def test_department_page_renames_from_the_year_given(client, staff, renamed, department):
    client.force_login(staff)
    page = client.get(f"/staff/collaboration/departments/{department.pk}/")
    assert 'id="department-names"' in page.text
    data = {**field_values_of(department), "name": "協働課", "renamed_from": "令和9年度"}
    data["is_active"] = "on"
    data["edit_version"] = page.context["form"]["edit_version"].value()
    response = client.post(f"/staff/collaboration/departments/{department.pk}/", data)
    assert response.status_code == 302
    assert selectors.department_names(department)[-1] == ("令和9年度～", "協働課")


def test_department_page_bad_year_is_told_in_japanese_and_changes_nothing(
    client, staff, renamed, department
):
    client.force_login(staff)
    page = client.get(f"/staff/collaboration/departments/{department.pk}/")
    data = {**field_values_of(department), "name": "協働課", "renamed_from": "いつか"}
    data["is_active"] = "on"
    data["edit_version"] = page.context["form"]["edit_version"].value()
    response = client.post(f"/staff/collaboration/departments/{department.pk}/", data)
    assert response.status_code == 200
    assert Department.objects.get(pk=department.pk).name == "市民協働推進課"
    assert DepartmentName.objects.count() == 2
    errors = response.context["form"].errors["renamed_from"]
    assert errors and all(not e.isascii() for e in errors)


def test_the_department_page_proposes_this_fiscal_year(client, staff, department):
    client.force_login(staff)
    form = client.get(f"/staff/collaboration/departments/{department.pk}/").context["form"]
    assert form.initial["renamed_from"] == fiscal_year(timezone.localdate())
