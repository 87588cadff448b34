"""Session 21: the fiscal year of a renaming in its audit row, bureaus (部) reorganised with
their names kept for past years, and calls for proposals published deliberately (募集予告)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyodo.collaboration import selectors, services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.models import (
    Collaboration,
    Department,
    DepartmentBureau,
    Proposal,
    ProposalCall,
)
from kyodo.core.audit import change_lines
from kyodo.core.models import AuditEntry
from kyodo.core.wareki import fiscal_year

pytestmark = pytest.mark.django_db


def _fields(department, **changed):
    values = {f: getattr(department, f) for f in services.DEPARTMENT_FIELDS}
    return services.DepartmentFields(**{**values, **changed})


# --- 1. the year a new name applies from, in the audit row --------------------------------------


def test_a_renaming_records_its_first_fiscal_year_in_the_audit_row(staff, department):
    services.department_update(
        actor=staff,
        department=department,
        fields=_fields(department, name="市民協働推進課"),
        renamed_from=2026,
    )
    entry = AuditEntry.objects.get(action="kyodo.collaboration.department.updated")
    assert entry.changes == {
        "name_from_fiscal_year": 2026,
        "name": ["協働コミュニティ課", "市民協働推進課"],
    }
    lines = change_lines(entry.changes, model=Department, action=entry.action)
    # (PostgreSQL's jsonb keeps the keys in its own order.)
    assert sorted(line.text for line in lines) == sorted(
        ["令和8年度", "協働コミュニティ課 → 市民協働推進課"]
    )


def test_a_correction_records_no_year(staff, department):
    services.department_update(
        actor=staff, department=department, fields=_fields(department, name="協働コミュニテイ課")
    )
    entry = AuditEntry.objects.get(action="kyodo.collaboration.department.updated")
    assert entry.changes == {"name": ["協働コミュニティ課", "協働コミュニテイ課"]}


# --- 2. bureaus (部) reorganised ----------------------------------------------------------------


@pytest.fixture
def records(kaze, department):
    """Published records of 2023, 2024–2025 (across the reorganisation) and 2025."""
    made = {}
    for title, first, last in (
        ("前の協働", 2023, 2023),
        ("またがる協働", 2024, 2025),
        ("後の協働", 2025, 2025),
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
        made[title] = record
    return made


def test_a_bureau_renamed_from_a_year_keeps_the_former_bureau_for_earlier_years(
    staff, department, records
):
    changed = services.bureau_rename(
        actor=staff, old="生活文化スポーツ部", new="市民生活部", renamed_from=2025
    )
    assert [d.pk for d in changed] == [department.pk]
    department.refresh_from_db()
    assert department.bureau == "市民生活部"
    assert list(
        DepartmentBureau.objects.filter(department=department).values_list(
            "first_fiscal_year", "bureau"
        )
    ) == [(0, "生活文化スポーツ部"), (2025, "市民生活部")]
    assert selectors.department_names(department, bureaus=True) == [
        ("～令和6年度", "生活文化スポーツ部"),
        ("令和7年度～", "市民生活部"),
    ]
    labels = {
        r.title: r.department_labels for r in selectors.collaborations() if r.title in records
    }
    assert labels == {
        "前の協働": [("協働コミュニティ課", "生活文化スポーツ部")],
        "またがる協働": [("協働コミュニティ課", "生活文化スポーツ部→市民生活部")],
        "後の協働": [("協働コミュニティ課", "市民生活部")],
    }
    entry = AuditEntry.objects.get(action="kyodo.collaboration.department.updated")
    assert entry.changes == {
        "bureau_from_fiscal_year": 2025,
        "bureau": ["生活文化スポーツ部", "市民生活部"],
    }


def test_the_case_study_page_shows_the_bureau_of_its_years(client, staff, department, records):
    services.bureau_rename(
        actor=staff, old="生活文化スポーツ部", new="市民生活部", renamed_from=2025
    )
    old = client.get(f"/collaboration/{records['前の協働'].pk}/").text
    assert "協働コミュニティ課（生活文化スポーツ部）" in old
    assert "市民生活部" not in old
    across = client.get(f"/collaboration/{records['またがる協働'].pk}/").text
    assert "協働コミュニティ課（生活文化スポーツ部→市民生活部）" in across


def test_a_department_moved_to_another_bureau_on_its_page(client, staff, department, records):
    client.force_login(staff)
    page = client.get(f"/staff/collaboration/departments/{department.pk}/")
    data = {f: getattr(department, f) for f in services.DEPARTMENT_FIELDS if f != "is_active"} | {
        "bureau": "市民生活部",
        "renamed_from": "令和7年度",
        "is_active": "on",
    }
    data["edit_version"] = page.context["form"]["edit_version"].value()
    assert (
        client.post(f"/staff/collaboration/departments/{department.pk}/", data).status_code == 302
    )
    page = client.get(f"/staff/collaboration/departments/{department.pk}/")
    assert (
        '<ul id="department-bureaus"><li>～令和6年度：生活文化スポーツ部</li>'
        "<li>令和7年度～：市民生活部</li></ul>" in page.text
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [("", "市民生活部"), ("生活文化スポーツ部", "生活文化スポーツ部"), ("ない部", "市民生活部")],
)
def test_a_bad_bureau_renaming_is_refused_and_changes_nothing(staff, department, old, new):
    with pytest.raises(InvalidInput):
        services.bureau_rename(actor=staff, old=old, new=new, renamed_from=2025)
    department.refresh_from_db()
    assert department.bureau == "生活文化スポーツ部"
    assert not DepartmentBureau.objects.exists()
    assert not AuditEntry.objects.exists()


# --- 3. calls published deliberately, announced before they open --------------------------------


def _call(title, *, opens, closes, published=True):
    today = timezone.localdate()
    return ProposalCall.objects.create(
        title=title,
        fiscal_year=2026,
        opens_on=today + timedelta(days=opens),
        closes_on=today + timedelta(days=closes),
        published_at=timezone.now() if published else None,
    )


def test_a_new_call_is_prepared_out_of_sight_until_published(client, staff):
    today = timezone.localdate()
    call = services.call_create(
        actor=staff,
        fields=services.CallFields(
            title="令和9年度 協働提案事業",
            # The next fiscal year: a call closes by the end of its projects' year.
            fiscal_year=fiscal_year(today) + 1,
            opens_on=today + timedelta(days=10),
            closes_on=today + timedelta(days=40),
        ),
    )
    assert call.published_at is None
    assert "令和9年度 協働提案事業" not in client.get("/collaboration/calls/").text
    assert client.get(f"/collaboration/calls/{call.pk}/").status_code == 404

    services.call_publish(actor=staff, call=call)
    call.refresh_from_db()
    assert call.published_at is not None
    text = client.get("/collaboration/calls/").text
    assert "募集予定" in text
    upcoming = text.split('<ul class="cases" id="upcoming-calls">')[1].split("</ul>")[0]
    assert f'<a href="/collaboration/calls/{call.pk}/">令和9年度 協働提案事業</a>' in upcoming
    page = client.get(f"/collaboration/calls/{call.pk}/").text
    assert '<dd id="call-status">募集予定</dd>' in page
    assert 'id="results-heading"' not in page
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "kyodo.collaboration.call.created",
        "kyodo.collaboration.call.published",
    ]


def test_unpublishing_takes_a_call_and_its_results_off_the_public_site(client, staff, kaze):
    call = _call("まちづくり提案", opens=-60, closes=-30)
    Proposal.objects.create(
        call=call,
        organization=kaze,
        title="写真アーカイブ",
        summary="概要",
        status="adopted",
        submitted_at=timezone.now(),
        notified_at=timezone.now(),
    )
    csv = client.get("/collaboration/calls/results.csv").content.decode("utf-8-sig")
    assert "まちづくり提案,令和8年度,西東京風の会,写真アーカイブ,採択," in csv

    services.call_publish(actor=staff, call=call, publish=False)
    assert "まちづくり提案" not in client.get("/collaboration/calls/").text
    assert client.get(f"/collaboration/calls/{call.pk}/").status_code == 404
    csv = client.get("/collaboration/calls/results.csv").content.decode("utf-8-sig")
    assert csv.splitlines() == ["募集名,事業年度,団体名,事業名,結果,金額（円）"]
    assert selectors.public_results(today=timezone.localdate()) == []
    # Again: nothing more to do, no second row.
    services.call_publish(actor=staff, call=call, publish=False)
    assert AuditEntry.objects.filter(action="kyodo.collaboration.call.unpublished").count() == 1


def test_groups_see_and_propose_to_published_open_calls_only(client, kaze):
    shown = _call("公開中の募集", opens=-3, closes=10)
    hidden = _call("準備中の募集", opens=-3, closes=10, published=False)
    assert list(selectors.open_calls(today=timezone.localdate())) == [shown]
    client.force_login(kaze.representative_user)
    assert client.get(f"/group/collaboration/calls/{hidden.pk}/new/").status_code == 404
    assert client.get(f"/group/collaboration/calls/{shown.pk}/new/").status_code == 200


def test_staff_buttons_publish_and_unpublish(client, staff):
    call = _call("まちづくり提案", opens=5, closes=30, published=False)
    client.force_login(staff)
    page = client.get(f"/staff/collaboration/calls/{call.pk}/").text
    assert 'name="publish" value="1"' in page
    response = client.post(f"/staff/collaboration/calls/{call.pk}/publish/", {"publish": "1"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.is_published
    client.post(f"/staff/collaboration/calls/{call.pk}/publish/", {"publish": "0"})
    call.refresh_from_db()
    assert not call.is_published
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "kyodo.collaboration.call.published",
        "kyodo.collaboration.call.unpublished",
    ]


def test_publishing_is_for_staff_only(kaze):
    call = _call("まちづくり提案", opens=5, closes=30, published=False)
    with pytest.raises(PermissionDenied):
        services.call_publish(actor=kaze.representative_user, call=call)
    call.refresh_from_db()
    assert call.published_at is None
    assert not AuditEntry.objects.exists()
