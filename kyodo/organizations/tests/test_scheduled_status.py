"""A status change dated after today (a 登録抹消 at 年度末) takes effect on its date: until then
the group keeps its status, the lists say what is scheduled, and the status always agrees with
the monthly report's count (registered_count_on)."""

from datetime import date

import pytest
from django.utils import timezone

from kyodo.core.models import AuditEntry
from kyodo.organizations import services
from kyodo.organizations.exceptions import InvalidTransition, OrganizationError
from kyodo.organizations.models import Organization, OrganizationStatusChange
from kyodo.organizations.selectors import registered_count_on
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 6)
END_OF_YEAR = date(2027, 3, 31)
SCHEDULED = "令和9年3月31日に登録抹消予定"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def group():
    return make_organization(
        history=[("registered", date(2025, 4, 1))], published_fields=["phone"], phone="042-1"
    )


@pytest.fixture
def other():
    return make_organization(
        "ひばりの会", "ひばりのかい", history=[("registered", date(2024, 4, 1))]
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _schedule(staff_client, group, on: str = "令和9年3月31日", kind: str = "withdrawn"):
    return staff_client.post(
        f"/staff/groups/{group.pk}/status/",
        {"kind": kind, "effective_date": on, "note": "年度末で解散"},
    )


def _listed_agrees_with_the_count(on: date) -> bool:
    return Organization.objects.listed().count() == registered_count_on(on)


def test_a_future_deregistration_waits_for_its_date(staff_client, client, group, other):
    response = _schedule(staff_client, group)
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == "registered"
    assert group.can_act
    assert [(c.kind, c.effective_date) for c in group.status_changes.all()] == [
        ("registered", date(2025, 4, 1)),
        ("withdrawn", END_OF_YEAR),
    ]
    entry = AuditEntry.objects.get()
    assert entry.action == "kyodo.organizations.organization.withdrawn"
    assert entry.changes == {
        "effective_date": "2027-03-31",
        "fiscal_year": "令和8年度",
        "note": "年度末で解散",
    }
    # Still in the directory and the API, as the report counts it.
    assert f"/groups/{group.pk}/" in client.get("/groups/").text
    assert client.get(f"/api/v1/groups/{group.pk}").status_code == 200
    assert registered_count_on(TODAY) == 2
    assert registered_count_on(date(2027, 3, 30)) == 2
    assert registered_count_on(END_OF_YEAR) == 1
    assert _listed_agrees_with_the_count(TODAY)
    # The staff list and the group's page say what is coming.
    listing = staff_client.get("/staff/groups/")
    rows = listing.text.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    mine = next(row for row in rows if f"/staff/groups/{group.pk}/" in row)
    theirs = next(row for row in rows if f"/staff/groups/{other.pk}/" in row)
    assert "<td>登録<br>" in mine and SCHEDULED in mine
    assert "予定" not in theirs
    detail = staff_client.get(f"/staff/groups/{group.pk}/")
    assert SCHEDULED in detail.text


def test_the_daily_job_puts_it_into_force_on_the_day(staff_client, client, group, other):
    _schedule(staff_client, group)
    for day in (TODAY, date(2027, 1, 1), date(2027, 3, 30)):
        assert services.status_changes_apply(today=day) == 0
        assert Organization.objects.get(pk=group.pk).status == "registered"
        assert _listed_agrees_with_the_count(day)
    assert services.status_changes_apply(today=END_OF_YEAR) == 1
    group.refresh_from_db()
    assert group.status == "withdrawn"
    assert _listed_agrees_with_the_count(END_OF_YEAR)
    assert services.status_changes_apply(today=END_OF_YEAR) == 0  # safe to run twice
    entry = AuditEntry.objects.order_by("pk").last()
    assert entry.action == "kyodo.organizations.organization.withdrawn"
    assert entry.actor is None
    assert entry.changes == {"status": ["registered", "withdrawn"], "effective_date": "2027-03-31"}
    assert f"/groups/{group.pk}/" not in client.get("/groups/").text
    assert client.get(f"/api/v1/groups/{group.pk}").status_code == 404
    assert Organization.objects.get(pk=other.pk).status == "registered"


def test_the_job_is_run_daily_by_kyodo_periodic():
    from kyodo.core.management.commands.periodic import daily_jobs

    assert "kyodo.organizations.services.status_changes_apply" in daily_jobs()


def test_a_change_dated_today_or_before_applies_at_once(staff_user, group):
    services.organization_change_status(
        actor=staff_user, organization=group, kind="suspended", effective_date=TODAY
    )
    group.refresh_from_db()
    assert group.status == "suspended"
    assert AuditEntry.objects.get().changes["status"] == ["registered", "suspended"]
    assert _listed_agrees_with_the_count(TODAY)


def test_what_may_follow_is_judged_from_the_end_of_the_history(staff_user, group):
    services.organization_change_status(
        actor=staff_user, organization=group, kind="withdrawn", effective_date=END_OF_YEAR
    )
    # After the scheduled 登録抹消 the group will be withdrawn: no renewal, no suspension.
    for kind in ("renewed", "suspended"):
        with pytest.raises(InvalidTransition):
            services.organization_change_status(
                actor=staff_user, organization=group, kind=kind, effective_date=date(2027, 4, 1)
            )
    assert group.status_changes.count() == 2
    assert AuditEntry.objects.count() == 1


def test_nothing_is_slipped_in_before_a_scheduled_change(staff_user, group):
    services.organization_change_status(
        actor=staff_user, organization=group, kind="suspended", effective_date=date(2027, 1, 1)
    )
    # A 登録抹消 may follow the suspension, but not before it: the history stays in date order.
    with pytest.raises(OrganizationError) as error:
        services.organization_change_status(
            actor=staff_user, organization=group, kind="withdrawn", effective_date=TODAY
        )
    assert str(error.value.message) == "日付は前回の変更（令和9年1月1日(金)）より前にはできません。"
    assert group.status_changes.count() == 2
    assert Organization.objects.get(pk=group.pk).status == "registered"
    assert AuditEntry.objects.count() == 1


def test_a_scheduled_change_can_be_cancelled_before_its_date(staff_client, staff_user, group):
    _schedule(staff_client, group)
    change = group.status_changes.get(kind="withdrawn")
    detail = staff_client.get(f"/staff/groups/{group.pk}/")
    cancel = f"/staff/groups/{group.pk}/status/{change.pk}/cancel/"
    assert f'action="{cancel}"' in detail.text
    response = staff_client.post(cancel, follow=True)
    assert response.redirect_chain == [(f"/staff/groups/{group.pk}/", 302)]
    assert "予定していた変更を取り消しました。" in response.text
    assert SCHEDULED not in response.text
    assert list(group.status_changes.values_list("kind", flat=True)) == ["registered"]
    entry = AuditEntry.objects.order_by("pk").last()
    assert entry.action == "kyodo.organizations.organization.schedule_cancelled"
    assert entry.changes == {"kind": "withdrawn", "effective_date": "2027-03-31"}
    assert Organization.objects.get(pk=group.pk).status == "registered"
    assert registered_count_on(END_OF_YEAR) == 1


def test_a_change_in_force_is_never_cancelled(staff_client, staff_user, group):
    change = group.status_changes.get()
    response = staff_client.post(f"/staff/groups/{group.pk}/status/{change.pk}/cancel/")
    assert response.status_code == 302
    assert OrganizationStatusChange.objects.filter(pk=change.pk).exists()
    assert AuditEntry.objects.count() == 0
    with pytest.raises(OrganizationError):
        services.status_change_cancel(actor=staff_user, change=change)


def test_only_the_last_scheduled_change_is_cancelled(staff_user, group):
    services.organization_change_status(
        actor=staff_user, organization=group, kind="suspended", effective_date=date(2027, 1, 1)
    )
    services.organization_change_status(
        actor=staff_user, organization=group, kind="withdrawn", effective_date=END_OF_YEAR
    )
    first = group.status_changes.get(kind="suspended")
    with pytest.raises(OrganizationError):
        services.status_change_cancel(actor=staff_user, change=first)
    assert group.status_changes.count() == 3


def test_the_status_catches_up_when_staff_record_the_next_change(staff_user, group, monkeypatch):
    services.organization_change_status(
        actor=staff_user, organization=group, kind="suspended", effective_date=date(2026, 12, 10)
    )
    # The day came, but the daily job has not run yet: the next change still sees it.
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda value=None, timezone=None: date(2026, 12, 10),
    )
    services.organization_change_status(
        actor=staff_user, organization=group, kind="reinstated", effective_date=date(2026, 12, 10)
    )
    group.refresh_from_db()
    assert group.status == "registered"
    assert [e.changes.get("status") for e in AuditEntry.objects.order_by("pk")] == [
        None,
        ["registered", "suspended"],
        ["suspended", "registered"],
    ]


def test_the_demos_statuses_agree_with_their_history(demo):
    from kyodo.organizations.selectors import status_out_of_date

    assert list(status_out_of_date(on=TODAY)) == []
    assert services.status_changes_apply(today=TODAY) == 0
    assert _listed_agrees_with_the_count(TODAY)
