"""変更届: a group's new registered details wait for staff review; rights follow the group's state."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.organizations import services
from kyodo.organizations.exceptions import ChangeRequestDecided, GroupNotActive, OrganizationError
from kyodo.organizations.models import ChangeRequest, Organization
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(group_user, staff_user):
    # staff_user exists so that a new 変更届 has someone to tell.
    return make_organization(
        status="registered",
        history=[("registered", date(2010, 12, 7))],
        representative_user=group_user,
        representative_name="山田 花子",
        representative_reading="やまだ はなこ",
        phone="042-111-2222",
        published_fields=["representative_name"],
    )


def submit(group, user, **data):
    return services.change_request_submit(
        actor=user, organization=group, fields=services.ProfileFields(**data)
    )


def test_new_details_wait_while_the_choice_of_published_fields_applies_at_once(group, group_user):
    result = submit(
        group,
        group_user,
        representative_name="佐藤 一郎",
        representative_reading="さとう いちろう",
        published_fields=["representative_name", "phone"],
    )

    group.refresh_from_db()
    assert (group.representative_name, group.published_fields) == (
        "山田 花子",
        ",representative_name,phone,",
    )
    request = result.change_request
    assert result.applied == {
        "published_fields": [",representative_name,", ",representative_name,phone,"]
    }
    assert (request.status, request.proposed, request.previous, request.submitted_by) == (
        "pending",
        {"representative_name": "佐藤 一郎", "representative_reading": "さとう いちろう"},
        {"representative_name": "山田 花子", "representative_reading": "やまだ はなこ"},
        group_user,
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "kyodo.organizations.change_request.submitted"
    mail = OutboxMessage.objects.get()
    assert (mail.to, mail.subject, mail.kind) == (
        "staff1@example.jp",
        "西東京風の会から変更届が届きました",
        "organizations.change.received",
    )
    assert "代表者：山田 花子 → 佐藤 一郎" in mail.body
    assert f"/staff/groups/changes/{request.pk}/" in mail.body


def test_a_new_save_replaces_the_waiting_one_and_saving_the_approved_values_withdraws_it(
    group, group_user
):
    first = submit(group, group_user, phone="042-222-3333").change_request
    again = submit(group, group_user, phone="042-222-3333")
    assert again.change_request == first and again.applied == {}
    assert AuditEntry.objects.count() == 1  # the same proposal again changes nothing

    second = submit(group, group_user, phone="042-444-5555").change_request
    first.refresh_from_db()
    assert (first.status, second.status, second.proposed) == (
        "withdrawn",
        "pending",
        {"phone": "042-444-5555"},
    )

    back = submit(group, group_user, phone="042-111-2222")
    second.refresh_from_db()
    assert (back.change_request, second.status) == (None, "withdrawn")
    assert ChangeRequest.objects.pending().count() == 0
    assert AuditEntry.objects.order_by("pk").last().changes == {"change_request": "withdrawn"}


def test_staff_approve_and_the_values_apply_with_their_history(group, group_user, staff_user):
    request = submit(group, group_user, representative_name="佐藤 一郎").change_request
    OutboxMessage.objects.all().delete()

    services.change_request_approve(actor=staff_user, change_request=request)

    group.refresh_from_db()
    request.refresh_from_db()
    assert group.representative_name == "佐藤 一郎"
    assert (request.status, request.decided_by, request.previous) == (
        "approved",
        staff_user,
        {"representative_name": "山田 花子"},
    )
    entry = AuditEntry.objects.order_by("pk").last()
    assert (entry.action, entry.changes) == (
        "kyodo.organizations.change_request.approved",
        {"representative_name": ["山田 花子", "佐藤 一郎"]},
    )
    mail = OutboxMessage.objects.get()
    assert (mail.to, mail.subject) == ("group@example.jp", "変更届を承認しました")
    with pytest.raises(ChangeRequestDecided):
        services.change_request_approve(actor=staff_user, change_request=request)


def test_staff_return_with_a_reason_and_nothing_changes(group, group_user, staff_user):
    request = submit(group, group_user, address="東京都西東京市南町1-1").change_request
    OutboxMessage.objects.all().delete()
    with pytest.raises(OrganizationError):
        services.change_request_return(actor=staff_user, change_request=request, reason=" ")
    assert OutboxMessage.objects.count() == 0

    services.change_request_return(
        actor=staff_user, change_request=request, reason="番地まで書いてください。"
    )

    group.refresh_from_db()
    request.refresh_from_db()
    assert (group.address, request.status, request.return_reason) == (
        "",
        "returned",
        "番地まで書いてください。",
    )
    mail = OutboxMessage.objects.get()
    assert (mail.to, mail.subject) == ("group@example.jp", "変更届についてのお知らせ")
    assert "番地まで書いてください。" in mail.body
    assert "/group/organization/" in mail.body


@pytest.mark.parametrize("role", ["group_user", "member_user"])
def test_only_staff_decide(request, group, group_user, role):
    change = submit(group, group_user, phone="042-999-0000").change_request
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.change_request_approve(actor=actor, change_request=change)
    with pytest.raises(PermissionDenied):
        services.change_request_return(actor=actor, change_request=change, reason="x")
    change.refresh_from_db()
    group.refresh_from_db()
    assert (change.status, group.phone) == ("pending", "042-111-2222")


@pytest.mark.parametrize("kind", ["suspended", "withdrawn"])
def test_a_suspended_or_withdrawn_group_cannot_change_anything(
    client, group, group_user, staff_user, kind
):
    services.organization_change_status(
        actor=staff_user, organization=group, kind=kind, effective_date=date(2026, 12, 1)
    )
    audit_rows = AuditEntry.objects.count()

    with pytest.raises(GroupNotActive):
        submit(group, group_user, phone="042-999-0000", published_fields=[])

    client.force_login(group_user)
    page = client.get("/group/organization/")
    assert "休止中または登録抹消済みのため" in page.text and 'name="phone"' not in page.text
    response = client.post("/group/organization/", {"phone": "042-999-0000"})
    assert response.status_code == 200
    group.refresh_from_db()
    assert (group.phone, group.published_fields) == ("042-111-2222", ",representative_name,")
    assert (ChangeRequest.objects.count(), AuditEntry.objects.count()) == (0, audit_rows)
    assert Organization.objects.get().status == kind


def test_a_new_change_request_goes_to_the_centers_own_address_when_it_has_one(
    group, group_user, make_user
):
    # The same rule as a member's 訂正依頼 (kyodo.core.people.staff_inbox): the center's
    # address, not every staff member's.
    from kyodo.core.models import Center
    from kyodo.core.roles import Role

    make_user("suda", Role.STAFF)
    Center.objects.create(name="西東京市市民協働推進センター", email="center@example.jp")

    request = submit(group, group_user, phone="042-222-3333").change_request

    mail = OutboxMessage.objects.get()
    assert (mail.to, mail.subject, mail.kind, mail.related) == (
        "center@example.jp",
        "西東京風の会から変更届が届きました",
        "organizations.change.received",
        request,
    )


def test_without_a_center_address_every_active_staff_member_is_told_of_a_change_request(
    group, group_user, make_user
):
    from kyodo.core.models import Center
    from kyodo.core.roles import Role

    make_user("suda", Role.STAFF)
    make_user("away", Role.STAFF, is_active=False)
    Center.objects.create(name="西東京市市民協働推進センター")

    submit(group, group_user, phone="042-222-3333")

    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == [
        "staff1@example.jp",
        "suda@example.jp",
    ]
