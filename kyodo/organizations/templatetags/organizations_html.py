"""What the group pages show of a group's own fields, and what other apps' staff pages show of
a group's status (the application list of an event)."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kyodo.core.templatetags.kyodo_ja import wareki_date
from kyodo.core.wareki import WarekiError, format_wareki_year

register = template.Library()


@register.filter
def founded_year(value: int | None) -> str:
    """The year founded as 「2007年（平成19年）」; a year of two eras gives both (「2019年（平成31年・
    令和元年）」); a year before the calendar reform of 1873 only 「1870年」. In English: "2007"."""
    if value in (None, ""):
        return ""
    year = int(value)
    if not (translation.get_language() or "ja").startswith("ja"):
        return str(year)
    try:
        eras = dict.fromkeys(format_wareki_year(date(year, m, d)) for m, d in ((1, 1), (12, 31)))
    except (WarekiError, ValueError, OverflowError):
        return f"{year}年"
    return f"{year}年（{'・'.join(eras)}）"


@register.simple_tag
def group_status_notes(applications, on: date) -> dict[int, str]:
    """For the staff list of an event's applications (``on``: the event's date): a short note
    per group, by id, that is not registered on that day because a 休止 or 登録抹消 takes effect
    by then (「事業の日より前の令和9年3月31日に登録抹消予定」). Such an application is kept, not
    refused: staff see it and decide. One query for the whole list."""
    from kyodo.organizations.selectors import not_registered_on

    found = not_registered_on(organization_ids=[a.organization_id for a in applications], on=on)
    today = timezone.localdate()
    notes = {}
    for pk, change in found.items():
        values = {"change": change.label, "date": wareki_date(change.effective_date)}
        if change.effective_date > today:
            notes[pk] = _("%(change)s scheduled on %(date)s, before the event") % values
        else:
            notes[pk] = _("%(change)s since %(date)s") % values
    return notes


@register.filter
def note_for(notes: dict, key):
    """``notes[key]``, or "" (a template cannot index a dict with a variable)."""
    return notes.get(key, "") if notes else ""
