from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyodo.core.models import Center
from kyodo.core.text import normalize_reading


class Committee(models.Model):
    """A committee of the center, such as its steering committee (運営委員会)."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    purpose = models.TextField(_("purpose"), blank=True)
    min_members = models.PositiveIntegerField(_("minimum members"), null=True, blank=True)
    max_members = models.PositiveIntegerField(_("maximum members"), null=True, blank=True)
    quorum = models.PositiveIntegerField(
        _("quorum"), null=True, blank=True, help_text=_("Members needed for a valid meeting.")
    )

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A person who sits (or sat) on a committee; readings are stored for gojūon order."""

    class Sector(models.TextChoices):
        NPO = "npo", _("NPO / NGO")
        VOLUNTEER = "volunteer", _("Volunteer")
        BUSINESS = "business", _("Business")
        ACADEMIC = "academic", _("Academic expert")
        PUBLIC = "public", _("Government / education")
        CITIZEN = "citizen", _("Citizen")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100)
    name_reading = models.CharField(_("reading"), max_length=200)
    sector = models.CharField(_("field represented"), max_length=20, choices=Sector.choices)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_member",
    )

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["name_reading", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_reading = normalize_reading(self.name_reading)
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A member's seat on a committee for a term, with their role."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        MEMBER = "member", _("Member")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["member__name_reading"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="membership_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_role_display()})"


class SecretariatMember(models.Model):
    """Center staff serving a committee as its secretariat (事務局), listed with their titles."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="secretariat")
    name = models.CharField(_("name"), max_length=100)
    name_reading = models.CharField(_("reading"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("secretariat member")
        verbose_name_plural = _("secretariat")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}{self.title}"
