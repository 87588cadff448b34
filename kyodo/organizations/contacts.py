"""A registered group's contacts: staff invite a second person to sign in for the group.

The representative (``Organization.representative_user``) stays the group's first contact; the
others are :class:`~kyodo.organizations.contact_models.OrganizationContact` rows. Both act for the
group in the group area (:func:`speaks_for`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kyodo.core import people
from kyodo.core.audit import audit_log
from kyodo.core.roles import Role, require_role
from kyodo.organizations.contact_models import OrganizationContact
from kyodo.organizations.exceptions import OrganizationError
from kyodo.organizations.models import Organization


class NotRegistered(OrganizationError):
    default_message = _("Only a registered group can have contacts invited.")


def speaks_for(user, organization: Organization) -> bool:
    """Whether ``user`` acts for ``organization``: its representative or one of its contacts."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return False
    return organization.representative_user_id == pk or (
        OrganizationContact.objects.filter(organization=organization, user_id=pk).exists()
    )


def contact_invite(
    *, actor, organization: Organization, full_name: str, name_reading: str = "", email: str
) -> OrganizationContact:
    """Staff give a registered group one more person who signs in for it, invited by mail."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        if organization.status != Organization.Status.REGISTERED:
            raise NotRegistered()
        if not email:
            raise people.NoEmail()
        user = people.account_create(
            username=people.username_for(email),
            full_name=full_name,
            name_reading=name_reading,
            email=email,
            roles=[Role.GROUP],
        )
        contact = OrganizationContact.objects.create(organization=organization, user=user)
        audit_log(
            actor=actor,
            action="kyodo.organizations.contact.invited",
            obj=organization,
            changes={"full_name": full_name, "username": user.username, "email": user.email},
        )
        people.invitation_enqueue(
            user,
            what=str(_("Contact of %(group)s") % {"group": organization.name}),
            related=organization,
        )
    return contact


def contact_remove(*, actor, contact: OrganizationContact) -> None:
    """Staff take a contact off a group: the account is deactivated (its history stays)."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        contact = OrganizationContact.objects.select_related("organization", "user").get(
            pk=contact.pk
        )
        user = contact.user
        audit_log(
            actor=actor,
            action="kyodo.organizations.contact.removed",
            obj=contact.organization,
            changes={"full_name": str(user), "username": user.username},
        )
        contact.delete()
        user.is_active = False
        user.save(update_fields=["is_active"])


def contacts_of(*, organization: Organization):
    return OrganizationContact.objects.filter(organization=organization).select_related("user")
