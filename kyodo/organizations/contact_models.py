"""A group's further contacts: accounts that act for a registered group besides its representative.

Kept in its own module (imported by ``models``) so that people management, which owns it, stays
apart from the group records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationContact(models.Model):
    """A second (third …) person who signs in for a registered group (担当者)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="group_contact",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("group contact")
        verbose_name_plural = _("group contacts")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.user}（{self.organization}）"
