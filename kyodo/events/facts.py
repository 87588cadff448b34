"""An event's facts (date, venue, kind, theme, guests, capacity, applications so far): the
``<dl>`` the public pages and the staff's event page show, written in Python.

It was the template ``events/_event_facts.html``, included once per event: on the event list
its rendering cost more than the rest of the page. The HTML is the same, byte for byte:
values escaped as the template escaped them, translated literals not (Django marks them safe).
"""

from __future__ import annotations

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from kyodo.core.templatetags.kyodo_ja import time_range_ja, wareki
from kyodo.events.models import Event


def _people(n: int) -> str:
    return ngettext("%(n)s person", "%(n)s people", n) % {"n": conditional_escape(n)}


def _groups(n: int) -> str:
    return ngettext("%(n)s group", "%(n)s groups", n) % {"n": conditional_escape(n)}


def event_facts_html(event: Event, *, facts_only: bool = False) -> SafeString:
    """``events/_event_facts.html`` for ``event``; ``facts_only`` leaves out the applications
    (counts and period). The counts are those the selectors set (``PUBLIC_COUNTS``)."""
    esc = conditional_escape
    when = esc(wareki(event.date))
    if event.start_time:
        when += " " + esc(time_range_ja(event.start_time, event.end_time))
    parts = [
        f'<dl class="fields">\n  <dt>{pgettext("events", "Date")}</dt>\n  <dd>{when}</dd>\n'
        f"  <dt>{gettext('Venue')}</dt>\n"
        f"  <dd>{esc(event.venue_name) if event.venue_name else gettext('To be decided')}</dd>\n"
        f"  <dt>{gettext('Kind')}</dt>\n  <dd>{esc(event.get_kind_display())}</dd>\n  "
    ]
    if event.theme:
        parts.append(f"<dt>{gettext('Theme')}</dt><dd>{esc(event.theme)}</dd>")
    parts.append("\n  ")
    # The public selectors read the guests as ``guest_list`` (``attach_guests_and_counts``, ``public_event``).
    guests = getattr(event, "guest_list", None)
    if guests is None:
        guests = list(event.guests.all())
    if guests:
        items = "".join(
            f"<li>{esc(guest.get_role_display())}: {esc(guest.name)}"
            + (f" ({esc(guest.affiliation)})" if guest.affiliation else "")
            + "</li>"
            for guest in guests
        )
        parts.append(
            f'<dt>{gettext("Guests and speakers")}</dt>\n  <dd><ul class="guests">{items}</ul></dd>'
        )
    parts.append("\n  ")
    people, groups = event.capacity_people, event.capacity_groups
    if people or groups:
        parts.append(
            f"<dt>{gettext('Capacity')}</dt>\n  <dd>"
            + (_people(people) if people else "")
            + (" / " if people and groups else "")
            + (_groups(groups) if groups else "")
            + "</dd>"
        )
    parts.append("\n  ")
    if not facts_only and event.shows_application_counts:
        separator = pgettext("list separator", ", ")
        so_far = _people(event.confirmed_people)
        if event.confirmed_groups:
            so_far += f" ({_groups(event.confirmed_groups)})"
        if event.places_left is not None:
            so_far += separator + gettext("places left: %(n)s") % {"n": esc(event.places_left)}
        if event.waitlisted_count:
            so_far += separator + gettext("waiting list: %(n)s") % {
                "n": esc(event.waitlisted_count)
            }
        parts.append(f"<dt>{gettext('Applications so far')}</dt>\n  <dd>{so_far}</dd>\n  ")
        if event.applications_open_on or event.applications_close_on:
            opens = esc(wareki(event.applications_open_on)) if event.applications_open_on else ""
            closes = esc(wareki(event.applications_close_on or event.date))
            parts.append(f"<dt>{gettext('Application period')}</dt>\n  <dd>{opens}～{closes}</dd>")
    parts.append("\n</dl>\n")
    return mark_safe("".join(parts))
