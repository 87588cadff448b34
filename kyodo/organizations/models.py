from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kyodo.core.text import match_key, normalize_reading


class Organization(models.Model):
    """A registered civic group (登録団体) of the center, or an application to become one."""

    class LegalForm(models.TextChoices):
        NPO = "npo", _("NPO corporation")
        GENERAL_ASSOCIATION = "general_association", _("General incorporated association")
        GENERAL_FOUNDATION = "general_foundation", _("General incorporated foundation")
        VOLUNTARY = "voluntary", _("Voluntary group")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    name_reading = models.CharField(_("reading"), max_length=300)
    # NFKC-folded name and reading, to find possible duplicates (ＮＰＯ法人 = NPO法人).
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    reading_key = models.CharField(max_length=300, db_index=True, editable=False)
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registered group")
        verbose_name_plural = _("registered groups")
        ordering = ["reading_key", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_reading = normalize_reading(self.name_reading)
        self.name_key = match_key(self.name)
        self.reading_key = match_key(self.name_reading)
        super().save(*args, **kwargs)
