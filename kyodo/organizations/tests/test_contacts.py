"""A registered group's second contact: invited by staff, acts for the group, can be removed."""

import pytest

from kyodo.collaboration.tests.conftest import make_group
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.roles import Role, user_roles
from kyodo.organizations import contacts
from kyodo.organizations.models import Organization


@pytest.fixture
def staff(make_user):
    return make_user("nishiguchi", Role.STAFF, full_name="西口")


def test_a_second_contact_is_invited_and_edits_the_group_profile(client, make_user, staff):
    group = make_group(make_user, "kaze", "西東京風の会")
    client.force_login(staff)
    response = client.post(
        f"/staff/people/groups/{group.pk}/",
        {"full_name": "風間 次郎", "name_reading": "かざま じろう", "email": "kazama@example.jp"},
    )
    assert response["Location"] == f"/staff/people/groups/{group.pk}/"
    contact = group.contacts.get()
    assert contact.user.username == "kazama"
    assert user_roles(contact.user) == {"group"}
    mail = OutboxMessage.objects.get(to="kazama@example.jp")
    assert "西東京風の会の担当者としてアカウントを用意しました。" in mail.body
    assert AuditEntry.objects.get(action="kyodo.organizations.contact.invited").object_id == str(
        group.pk
    )
    # The contact acts for the group like its representative.
    assert contacts.speaks_for(contact.user, group)
    client.force_login(contact.user)
    assert client.get("/group/organization/").status_code == 200

    client.force_login(staff)
    client.post(f"/staff/people/groups/contacts/{contact.pk}/remove/")
    contact.user.refresh_from_db()
    assert not contact.user.is_active
    assert group.contacts.count() == 0


def test_only_a_registered_group_gets_contacts(client, make_user, staff):
    group = make_group(make_user, "kaze", "西東京風の会")
    Organization.objects.filter(pk=group.pk).update(status=Organization.Status.WITHDRAWN)
    before = (OutboxMessage.objects.count(), AuditEntry.objects.count())
    with pytest.raises(contacts.NotRegistered):
        contacts.contact_invite(
            actor=staff, organization=group, full_name="風間", email="kazama@example.jp"
        )
    assert (OutboxMessage.objects.count(), AuditEntry.objects.count()) == before
    assert group.contacts.count() == 0
