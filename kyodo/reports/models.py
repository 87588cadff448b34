"""The monthly report a committee meeting heard (報告事項「月次報告」), kept with its agenda item.

Until the center hands it out the report is compiled live from the other apps' rows; from then on
it is read from ``figures``, the report as presented, so later changes to an event, a group or a
consultation leave what the meeting heard as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyodo.core.months import Month


class PresentedReport(models.Model):
    item = models.OneToOneField(
        "committees.AgendaItem",
        on_delete=models.CASCADE,
        related_name="monthly_report",
        verbose_name=_("agenda item"),
    )
    month = models.DateField(_("month"))  # its first day
    # The report as presented (kyodo.reports.frozen.report_to_dict); None while not frozen.
    figures = models.JSONField(_("figures"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    frozen_at = models.DateTimeField(_("handed out"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("monthly report presented")
        verbose_name_plural = _("monthly reports presented")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frozen_at__isnull=True) | models.Q(figures__isnull=False),
                name="presented_report_frozen_has_figures",
            )
        ]

    def __str__(self) -> str:
        return str(self.report_month.label)

    @property
    def report_month(self) -> Month:
        return Month.containing(self.month)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None
