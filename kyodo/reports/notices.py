"""What staff are told about the report a meeting heard on the pages of other apps."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kyodo.core.templatetags.kyodo_ja import wareki


def frozen_prose_notice(item) -> str:
    """For the page where staff edit an agenda item's explanation (the prefilled 業務報告
    prose): once the item's monthly report is handed out its figures are frozen while the prose
    stays editable, so the two can come to differ; "" for an item without a frozen report."""
    presented = getattr(item, "monthly_report", None)
    if presented is None or not presented.is_frozen:
        return ""
    return _(
        "The monthly report of this item (%(month)s) was handed out on %(day)s: its figures "
        "are frozen. Make the explanation agree with them; the members and the public read "
        "the figures as handed out."
    ) % {"month": presented.report_month.label, "day": wareki(presented.frozen_at)}
