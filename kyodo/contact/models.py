"""Inquiries (お問い合わせ) sent from the public site, and staff's replies to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Inquiry(models.Model):
    """One message from the お問い合わせ form. Staff only: it holds personal data.

    An inquiry of the kind 「相談」 is a consultation draft: staff take it over into the
    consultation log (``Consultation``), which links it here."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("A question about the center or its events")
        CONSULTATION = "consultation", _("A consultation about civic activities")
        OPINION = "opinion", _("An opinion or a request")
        OTHER = "other", pgettext_lazy("inquiry kind", "Other")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("inquiry status", "New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", pgettext_lazy("inquiry status", "Closed")

    kind = models.CharField(
        pgettext_lazy("inquiry", "subject"), max_length=20, choices=Kind.choices
    )
    name = models.CharField(_("name"), max_length=100)
    organization_name = models.CharField(_("group or organization"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    body = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    # HMAC of the sender's address: enough to count their messages, not to know the address.
    sender_key = models.CharField(max_length=64, db_index=True, editable=False)
    consented_at = models.DateTimeField(_("consented to the privacy policy at"))
    consultation = models.OneToOneField(
        "consultations.Consultation",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiry",
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    @property
    def is_consultation(self) -> bool:
        return self.kind == self.Kind.CONSULTATION


class InquiryReply(models.Model):
    """A reply staff sent by mail (through the outbox)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("reply"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.ForeignKey(
        "core.OutboxMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.inquiry} {self.created_at:%Y-%m-%d}"
