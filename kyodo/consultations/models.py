from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.core.wareki import format_wareki

# 相談内容 is a TextField: no limit in the database, this one in the form and the service. Ten
# thousand characters is some twenty pages of notes, far beyond a consultation's summary, and
# keeps a paste of a whole document out of the search index and the report.
SUMMARY_MAX_LENGTH = 10_000


class Consultation(models.Model):
    """One consultation (相談) taken by the center's staff. Staff only: it holds personal data."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("Visit to the center")
        PHONE = "phone", _("By telephone")
        EMAIL = "email", _("By e-mail")
        OUTREACH = "outreach", _("Outreach visit")

    class ClientType(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        GROUP = "group", _("Group")
        GOVERNMENT = "government", _("Public administration")
        BUSINESS = "business", _("Business")

    received_on = models.DateField(_("date of consultation"), db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    client_type = models.CharField(_("client type"), max_length=20, choices=ClientType.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("registered group"),
        null=True,
        blank=True,
        # Deleting a group must not erase the center's record of having advised it.
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    client_name = models.CharField(_("client name"), max_length=200, blank=True)
    client_contact = models.CharField(_("client contact"), max_length=300, blank=True)
    summary = models.TextField(_("summary"))
    advice = models.TextField(_("advice given"), blank=True)
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_notes = models.TextField(_("follow-up notes"), blank=True)
    # The day staff marked the follow-up done: off the to-do list, kept as a record.
    follow_up_done_on = models.DateField(_("followed up on"), null=True, blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="consultations_taken",
    )
    report_example = models.CharField(_("example for the report"), max_length=300, blank=True)
    use_in_report = models.BooleanField(_("use in the monthly report"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-received_on", "-pk"]
        constraints = [
            # An example chosen for the report must exist: the report prints it verbatim.
            models.CheckConstraint(
                condition=models.Q(use_in_report=False) | ~models.Q(report_example=""),
                name="consultation_report_example_when_used",
            ),
        ]

    def __str__(self) -> str:
        # Shown to staff (the audit log's "to what"): the date in 和暦, as every page writes it.
        first_line = self.summary.strip().splitlines()[0] if self.summary.strip() else ""
        return f"{format_wareki(self.received_on, weekday=False)} {first_line[:40]}"

    @property
    def category_values(self) -> list[str]:
        """The categories in the list's order; uses the rows the selector prefetched."""
        return sorted((c.category for c in self.categories.all()), key=_order)

    @property
    def category_labels(self) -> list[str]:
        return [Category(value).label for value in self.category_values]


class Category(models.TextChoices):
    """What a consultation is about; one consultation may touch several."""

    LEGAL_FORM = "legal_form", _("Legal form")
    ACCOUNTING = "accounting", _("Accounting")
    GRANTS = "grants", _("Grants and funding")
    PUBLICITY = "publicity", _("Publicity")
    PEOPLE = "people", _("Volunteers and staff")
    MANAGEMENT = "management", _("Running a group")
    PLACE = "place", _("Places to meet")
    COLLABORATION = "collaboration", _("Collaboration with the city")
    OTHER = "other", _("Other")


def _order(value: str) -> int:
    return Category.values.index(value) if value in Category.values else len(Category.values)


class ConsultationCategory(models.Model):
    """One category of a consultation: a row each, so that the report counts them in SQL."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="categories"
    )
    category = models.CharField(
        pgettext_lazy("consultation", "category"), max_length=20, choices=Category.choices
    )

    class Meta:
        verbose_name = _("consultation category")
        verbose_name_plural = _("consultation categories")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "category"], name="consultation_category_once"
            ),
        ]

    def __str__(self) -> str:
        return self.get_category_display()
