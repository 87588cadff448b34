"""The roles people have in Kyodo, and the checks that enforce them.

A role is a Django group with a fixed name, so one person can hold several (a committee member
who also represents a group). Superusers pass every check.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Center staff")
    MEMBER = "member", _("Committee member")
    GROUP = "group", _("Group representative")


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return {role.value for role in Role}
    cached = getattr(user, "_kyodo_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) & {r.value for r in Role}
        user._kyodo_roles = cached
    return cached


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
