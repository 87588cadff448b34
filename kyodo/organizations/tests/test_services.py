"""The services refuse what is not allowed and change nothing when they do."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.organizations import services
from kyodo.organizations.exceptions import (
    DuplicateRenewal,
    InvalidResubmitLink,
    InvalidTransition,
)
from kyodo.organizations.models import Organization, OrganizationStatusChange
from kyodo.organizations.selectors import registered_count_on
from kyodo.organizations.tests.factories import application_data, make_organization

pytestmark = pytest.mark.django_db


def unchanged(organization, status):
    organization.refresh_from_db()
    assert organization.status == status
    assert OutboxMessage.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_submit_writes_the_application_an_audit_row_and_a_mail(db):
    organization = services.application_submit(
        fields=services.ApplicationFields(**application_data())
    )
    assert organization.status == "applied"
    assert organization.activity_fields == ",community,children,"
    assert organization.reading_key == "にしとうきょうひかりのかい"
    assert AuditEntry.objects.get().action == "kyodo.organizations.application.submitted"
    mail = OutboxMessage.objects.get()
    assert (mail.to, mail.subject) == ("hikari@example.jp", "登録団体の申請を受け付けました")


@pytest.mark.parametrize("role", ["member_user", "group_user"])
def test_only_staff_review(request, role):
    actor = request.getfixturevalue(role)
    organization = make_organization()
    with pytest.raises(PermissionDenied):
        services.application_approve(
            actor=actor, organization=organization, effective_date=date(2011, 1, 1)
        )
    with pytest.raises(PermissionDenied):
        services.application_return(actor=actor, organization=organization, reason="x")
    with pytest.raises(PermissionDenied):
        services.application_reject(actor=actor, organization=organization, reason="x")
    unchanged(organization, "applied")


def test_a_registered_group_cannot_be_approved_returned_or_rejected_again(staff_user):
    group = make_organization(history=[("registered", date(2010, 12, 7))])
    for call in (
        lambda: services.application_approve(
            actor=staff_user, organization=group, effective_date=date(2011, 1, 1)
        ),
        lambda: services.application_return(actor=staff_user, organization=group, reason="x"),
        lambda: services.application_reject(actor=staff_user, organization=group, reason="x"),
    ):
        with pytest.raises(InvalidTransition):
            call()
    unchanged(group, "registered")
    assert OrganizationStatusChange.objects.count() == 1


def test_a_wrong_or_used_resubmit_link_is_refused(staff_user):
    organization = make_organization(email="a@example.jp")
    token = services.application_return(actor=staff_user, organization=organization, reason="x")
    with pytest.raises(InvalidResubmitLink):
        services.application_resubmit(
            organization=organization,
            token=token + "x",
            fields=services.ApplicationFields(**application_data()),
        )
    organization.refresh_from_db()
    assert organization.status == "returned"
    services.application_resubmit(
        organization=organization,
        token=token,
        fields=services.ApplicationFields(**application_data()),
    )
    with pytest.raises(InvalidResubmitLink):
        services.application_resubmit(
            organization=organization,
            token=token,
            fields=services.ApplicationFields(**application_data(name="別名")),
        )
    organization.refresh_from_db()
    assert organization.name == "西東京ひかりの会"


def test_renewal_once_per_fiscal_year_and_suspension_history(staff_user):
    group = make_organization(history=[("registered", date(2009, 6, 1))])
    services.organization_change_status(
        actor=staff_user, organization=group, kind="renewed", effective_date=date(2010, 4, 1)
    )
    with pytest.raises(DuplicateRenewal):
        services.organization_change_status(
            actor=staff_user, organization=group, kind="renewed", effective_date=date(2011, 3, 1)
        )
    services.organization_change_status(
        actor=staff_user, organization=group, kind="suspended", effective_date=date(2010, 10, 1)
    )
    with pytest.raises(InvalidTransition):
        services.organization_change_status(
            actor=staff_user, organization=group, kind="renewed", effective_date=date(2011, 4, 1)
        )
    services.organization_change_status(
        actor=staff_user, organization=group, kind="reinstated", effective_date=date(2011, 1, 1)
    )
    services.organization_change_status(
        actor=staff_user, organization=group, kind="withdrawn", effective_date=date(2011, 3, 31)
    )
    group.refresh_from_db()
    assert group.status == "withdrawn"
    assert [(c.kind, c.fiscal_year) for c in group.status_changes.order_by("effective_date")] == [
        ("registered", 2009),
        ("renewed", 2010),
        ("suspended", 2010),
        ("reinstated", 2010),
        ("withdrawn", 2010),
    ]
    assert [registered_count_on(d) for d in (
        date(2010, 9, 30), date(2010, 10, 1), date(2011, 1, 1), date(2011, 3, 31)
    )] == [1, 0, 1, 0]  # fmt: skip


def test_someone_else_cannot_edit_a_groups_profile(make_user, group_user):
    from kyodo.core.roles import Role

    group = make_organization(status="registered", representative_user=group_user, phone="1")
    stranger = make_user("stranger", Role.GROUP)
    with pytest.raises(PermissionDenied):
        services.change_request_submit(
            actor=stranger, organization=group, fields=services.ProfileFields(phone="042-000-0000")
        )
    with pytest.raises(PermissionDenied):
        services.organization_update_profile(
            actor=group_user,
            organization=group,
            fields=services.ProfileFields(phone="042-000-0000"),
        )
    group.refresh_from_db()
    assert group.phone == "1"
    assert AuditEntry.objects.count() == 0


def test_the_same_fields_of_activity_in_another_order_are_no_change(staff_user):
    group = make_organization(status="registered", activity_fields=",environment,community,")
    changes = services.organization_update_profile(
        actor=staff_user,
        organization=group,
        fields=services.ProfileFields(activity_fields=["community", "environment"]),
    )
    assert changes == {}
    assert AuditEntry.objects.count() == 0
    changes = services.organization_update_profile(
        actor=staff_user,
        organization=group,
        fields=services.ProfileFields(activity_fields=["community"]),
    )
    assert changes == {"activity_fields": [",environment,community,", ",community,"]}


def test_a_profile_update_records_old_and_new_values(staff_user):
    group = make_organization(status="registered", phone="042-111-2222")
    changes = services.organization_update_profile(
        actor=staff_user,
        organization=group,
        fields=services.ProfileFields(phone="042-999-0000", published_fields=["phone"]),
    )
    assert changes == {
        "phone": ["042-111-2222", "042-999-0000"],
        "published_fields": ["", ",phone,"],
    }
    entry = AuditEntry.objects.get()
    assert entry.action == "kyodo.organizations.organization.profile_updated"
    assert entry.actor == staff_user
    assert Organization.objects.get().published_field_list == ["phone"]
