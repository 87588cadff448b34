"""A group approved with a 登録日 after the day of approval is not registered until that day, like
a scheduled 登録抹消: the staff list, the public directory and its count, the event application's
group select and the collaboration form agree with the monthly report's count on every day
(yearend finding 1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyodo.core.models import AuditEntry
from kyodo.organizations import services
from kyodo.organizations.models import Organization
from kyodo.organizations.selectors import registered_count_on
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)
APRIL = date(2027, 4, 1)


@pytest.fixture
def fixed_today(monkeypatch):
    """Pin the local date (the services and pages read it) to ``TODAY`` or a later day."""
    real = timezone.localdate
    day = {"today": TODAY}

    def localdate(value=None, timezone=None):
        return day["today"] if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    def move_to(new_day: date) -> None:
        day["today"] = new_day

    return move_to


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def registered():
    """Two groups registered long ago."""
    return [
        make_organization(history=[("registered", date(2010, 4, 1))]),
        make_organization("ひばりの会", "ひばりのかい", history=[("registered", date(2012, 5, 1))]),
    ]


@pytest.fixture
def applicant():
    return make_organization(
        "ひばりが丘こども食堂の会",
        "ひばりがおかこどもしょくどうのかい",
        status="applied",
        representative_name="森田 千晴",
        email="kodomo@example.jp",
    )


def _caption(text: str) -> str:
    return text.split("<caption>")[1].split("</caption>")[0]


def _approve(staff_client, applicant, on: str):
    return staff_client.post(
        f"/staff/groups/{applicant.pk}/approve/", {"effective_date": on, "note": ""}, follow=True
    )


def _lists_agree_with_the_report(staff_client, client, on: date) -> list[int]:
    """The registered count of the report on ``on``, the staff list's and the directory's."""
    staff_count = staff_client.get("/staff/groups/?status=registered").text
    public = client.get("/groups/").text
    return [
        registered_count_on(on),
        int(_caption(staff_count).removesuffix("団体")),
        int(_caption(public).removesuffix("団体")),
        Organization.objects.listed().count(),
    ]


def test_approval_with_a_future_date_schedules_the_registration(
    fixed_today, staff_client, client, registered, applicant
):
    response = _approve(staff_client, applicant, "令和9年4月1日")
    assert response.redirect_chain == [(f"/staff/groups/{applicant.pk}/", 302)]
    assert (
        "令和9年4月1日(木)からの登録を承認し、代表者を招待しました。"
        "その日までは登録団体として一覧に載らず、数にも入りません。"
    ) in response.text
    applicant.refresh_from_db()
    assert applicant.status == "scheduled"
    assert not applicant.can_act
    assert list(applicant.status_changes.values_list("kind", "effective_date")) == [
        ("registered", APRIL)
    ]
    entry = AuditEntry.objects.get(action="kyodo.organizations.application.approved")
    assert entry.changes["status"] == ["applied", "scheduled"]
    assert entry.changes["effective_date"] == "2027-04-01"
    # The group's page says what is coming; the staff list shows it under its own status.
    assert '<dd>登録予定<br><strong class="scheduled">令和9年4月1日に登録予定</strong>' in (
        response.text
    )
    # Every list agrees with the report: 2 on 12/7 and on 3/31, not 3.
    assert _lists_agree_with_the_report(staff_client, client, TODAY) == [2, 2, 2, 2]
    fixed_today(date(2027, 3, 31))
    assert services.status_changes_apply(today=date(2027, 3, 31)) == 0
    assert _lists_agree_with_the_report(staff_client, client, date(2027, 3, 31)) == [2, 2, 2, 2]
    assert f"/groups/{applicant.pk}/" not in client.get("/groups/").text
    assert client.get(f"/groups/{applicant.pk}/").status_code == 404
    scheduled_list = staff_client.get("/staff/groups/?status=scheduled").text
    assert _caption(scheduled_list) == "1団体"
    assert "令和9年4月1日に登録予定" in scheduled_list


def test_the_daily_job_registers_it_on_its_day(
    fixed_today, staff_client, client, registered, applicant
):
    _approve(staff_client, applicant, "令和9年4月1日")
    fixed_today(APRIL)
    assert services.status_changes_apply(today=APRIL) == 1
    assert services.status_changes_apply(today=APRIL) == 0  # safe to run twice
    applicant.refresh_from_db()
    assert applicant.status == "registered"
    assert applicant.can_act
    entry = AuditEntry.objects.order_by("pk").last()
    assert entry.action == "kyodo.organizations.organization.registered"
    assert entry.actor is None
    assert entry.changes == {"status": ["scheduled", "registered"], "effective_date": "2027-04-01"}
    assert _lists_agree_with_the_report(staff_client, client, APRIL) == [3, 3, 3, 3]
    assert f"/groups/{applicant.pk}/" in client.get("/groups/").text


def test_approval_dated_today_or_before_registers_at_once(
    fixed_today, staff_client, client, registered, applicant
):
    _approve(staff_client, applicant, "令和8年12月7日")
    applicant.refresh_from_db()
    assert applicant.status == "registered"
    assert _lists_agree_with_the_report(staff_client, client, TODAY) == [3, 3, 3, 3]


def test_cancelling_a_scheduled_registration_makes_it_an_application_again(
    fixed_today, staff_client, staff_user, registered, applicant
):
    _approve(staff_client, applicant, "令和9年4月1日")
    change = applicant.status_changes.get()
    response = staff_client.post(
        f"/staff/groups/{applicant.pk}/status/{change.pk}/cancel/", follow=True
    )
    assert "予定していた変更を取り消しました。" in response.text
    applicant.refresh_from_db()
    assert applicant.status == "applied"
    assert not applicant.status_changes.exists()
    entry = AuditEntry.objects.order_by("pk").last()
    assert entry.action == "kyodo.organizations.organization.schedule_cancelled"
    assert entry.changes == {
        "status": ["scheduled", "applied"],
        "kind": "registered",
        "effective_date": "2027-04-01",
    }
    # Reviewed again: approved from another day, the representative's account is kept.
    user = applicant.representative_user
    services.application_approve(
        actor=staff_user, organization=applicant, effective_date=date(2026, 12, 7)
    )
    applicant.refresh_from_db()
    assert (applicant.status, applicant.representative_user) == ("registered", user)
    assert registered_count_on(TODAY) == 3


def test_the_representative_is_told_when_the_registration_begins(
    fixed_today, staff_client, client, applicant
):
    _approve(staff_client, applicant, "令和9年4月1日")
    applicant.refresh_from_db()
    client.force_login(applicant.representative_user)
    page = client.get("/group/organization/").text
    assert "団体の登録は令和9年4月1日からです。それまでは団体情報の変更や提案はできません。" in page
    assert '<form method="post" enctype="multipart/form-data"' not in page


# --- the event application's group select and the collaboration form, on the real date ---------


@pytest.fixture
def scheduled_group(staff_user):
    group = make_organization(
        "ひばりが丘こども食堂の会", "ひばりがおかこどもしょくどうのかい", status="applied"
    )
    services.application_approve(
        actor=staff_user,
        organization=group,
        effective_date=timezone.localdate() + timedelta(days=30),
    )
    group.refresh_from_db()
    assert group.status == "scheduled"
    return group


def test_the_event_application_does_not_offer_it(client, staff_user, registered, scheduled_group):
    from kyodo.events import services as events

    event = events.event_create(
        actor=staff_user,
        status="published",
        title="団体登録・更新説明会",
        kind="briefing",
        date=timezone.localdate() + timedelta(days=60),
        start_time=None,
        end_time=None,
        venue_text="イングビル3階 第1会議室",
    )
    page = client.get(event.get_absolute_url()).text
    offered = [f'<option value="{g.pk}">{g.name}</option>' in page for g in registered]
    assert offered == [True, True]
    assert f'<option value="{scheduled_group.pk}">' not in page
    assert "ひばりが丘こども食堂の会" not in page
    # On its day the group is offered.
    services.status_changes_apply(today=timezone.localdate() + timedelta(days=30))
    page = client.get(event.get_absolute_url()).text
    assert f'<option value="{scheduled_group.pk}">ひばりが丘こども食堂の会</option>' in page


def test_the_collaboration_form_does_not_offer_it(staff_client, registered, scheduled_group):
    page = staff_client.get("/staff/collaboration/records/new/").text
    offered = [f'<option value="{g.pk}">{g.name}</option>' in page for g in registered]
    assert offered == [True, True]
    assert "ひばりが丘こども食堂の会" not in page
    services.status_changes_apply(today=timezone.localdate() + timedelta(days=30))
    page = staff_client.get("/staff/collaboration/records/new/").text
    assert f'<option value="{scheduled_group.pk}">ひばりが丘こども食堂の会</option>' in page
