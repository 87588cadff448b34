"""The roles people have in Kyodo, and the checks that enforce them.

A role is a Django group with a fixed name, so one person can hold several (a committee member
who also represents a group). Superusers pass every check.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyodo.core.statements import Prepared


class Role(models.TextChoices):
    STAFF = "staff", _("Center staff")
    # The センター長 (or whoever heads the office): staff who answer for the staff accounts. Only a
    # manager appoints another or changes a manager's account, and the last one is never
    # removed (kyodo.core.people), so the center always has someone who can.
    MANAGER = "manager", _("Center manager")
    MEMBER = "member", _("Committee member")
    GROUP = "group", _("Group representative")


def user_roles(user) -> set[str]:
    """The roles ``user`` holds now (cached on the object for the request).

    Rights follow state: the member role counts only while the person holds a committee seat
    that has not ended (a seat starting later counts: a new member prepares for the first
    meeting). An account given the role without any seat record keeps it as given.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return {role.value for role in Role}
    cached = getattr(user, "_kyodo_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) & ROLE_NAMES
        if Role.MEMBER in cached and member_term_ended(user):
            cached.discard(Role.MEMBER)
        user._kyodo_roles = cached
    return cached


ROLE_NAMES = frozenset(role.value for role in Role)


def with_roles(users, on: date | None = None):
    """``users`` (a queryset) with what :func:`user_roles` needs read in the same statement.

    The authentication backend loads the signed-in person this way, so a request does not ask
    again for their groups and their committee seats; :func:`roles_from_row` turns the columns
    into the cached roles.
    """
    from django.db.models import Exists, OuterRef, Q, StringAgg, Value
    from django.utils import timezone

    from kyodo.committees.models import Membership

    on = on or timezone.localdate()
    seats = Membership.objects.filter(member__user=OuterRef("pk"))
    return users.annotate(
        kyodo_role_names=StringAgg(
            "groups__name", delimiter=Value(","), filter=Q(groups__name__in=ROLE_NAMES)
        ),
        kyodo_has_seat=Exists(seats),
        kyodo_seat_running=Exists(seats.filter(_running_seat(on))),
    )


def _signed_in_user(user_id: int, on: date):
    from django.contrib.auth import get_user_model

    return with_roles(get_user_model()._default_manager.filter(pk=user_id), on=on)


# The authentication backend's statement (kyodo.core.signin.ThrottledModelBackend.get_user).
SIGNED_IN_USER = Prepared(_signed_in_user, user_id=1, on=date(2000, 4, 1))


def roles_from_row(user) -> None:
    """Cache the roles of a ``user`` loaded through :func:`with_roles` (same rules as
    :func:`user_roles`: a member whose every seat has ended is no longer a member)."""
    names = set(filter(None, (user.kyodo_role_names or "").split(","))) & ROLE_NAMES
    if Role.MEMBER in names and user.kyodo_has_seat and not user.kyodo_seat_running:
        names.discard(Role.MEMBER)
    user._kyodo_roles = names


def member_term_ended(user, on: date | None = None) -> bool:
    """True when ``user`` sat on a committee and every one of their seats ended before ``on``."""
    from django.db.models import Count
    from django.utils import timezone

    from kyodo.committees.models import Membership

    on = on or timezone.localdate()
    counts = Membership.objects.filter(member__user=user).aggregate(
        seats=Count("pk"), running=Count("pk", filter=_running_seat(on))
    )
    return counts["seats"] > 0 and counts["running"] == 0


def _running_seat(on: date):
    """A committee seat that has not ended on ``on`` (one starting later counts)."""
    return models.Q(term_end__isnull=True) | models.Q(term_end__gte=on)


def has_role(user, role: Role | str) -> bool:
    return str(role) in user_roles(user)


def require_role(user, role: Role | str) -> None:
    """Raise PermissionDenied unless ``user`` holds ``role``; services call this first."""
    if not has_role(user, role):
        raise PermissionDenied(_("You do not have permission to do this."))


def grant_role(user, role: Role | str) -> None:
    from django.contrib.auth.models import Group

    group, _created = Group.objects.get_or_create(name=str(role))
    user.groups.add(group)
    user.__dict__.pop("_kyodo_roles", None)
