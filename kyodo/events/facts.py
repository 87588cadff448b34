"""An event's facts (date, venue, kind, theme, guests, capacity, applications so far): the
``<dl>`` the public pages and the staff's event page show, written in Python; and the public
list's articles (an event's heading and its facts).

It was the template ``events/_event_facts.html``, included once per event: on the event list
its rendering cost more than the rest of the page. The HTML is the same, byte for byte:
values escaped as the template escaped them, translated literals not (Django marks them safe).
The list's articles are the loop of ``events/_event_articles.html``.
"""

from __future__ import annotations

from functools import cached_property

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from kyodo.core.templatetags.kyodo_ja import time_range_ja, wareki
from kyodo.events.models import Event, Guest


def _people(n: int) -> str:
    return ngettext("%(n)s person", "%(n)s people", n) % {"n": conditional_escape(n)}


def _groups(n: int) -> str:
    return ngettext("%(n)s group", "%(n)s groups", n) % {"n": conditional_escape(n)}


class Words:
    """The facts' words, each translated once for a page (a list shows many events' facts, and
    a translation costs a few µs each time). One per page: the language does not change."""

    @cached_property
    def date(self) -> str:
        return pgettext("events", "Date")

    @cached_property
    def venue(self) -> str:
        return gettext("Venue")

    @cached_property
    def to_be_decided(self) -> str:
        return gettext("To be decided")

    @cached_property
    def kind(self) -> str:
        return gettext("Kind")

    @cached_property
    def theme(self) -> str:
        return gettext("Theme")

    @cached_property
    def guests(self) -> str:
        return gettext("Guests and speakers")

    @cached_property
    def capacity(self) -> str:
        return gettext("Capacity")

    @cached_property
    def separator(self) -> str:
        return pgettext("list separator", ", ")

    @cached_property
    def groups_take_places(self) -> str:
        return gettext(" (a group's application takes a place for each of its people too)")

    @cached_property
    def applications_so_far(self) -> str:
        return gettext("Applications so far")

    @cached_property
    def application_period(self) -> str:
        return gettext("Application period")

    @cached_property
    def cancelled(self) -> str:
        return pgettext("event status", "Cancelled")

    @cached_property
    def cancelled_in_brackets(self) -> str:
        # 「（中止）」: Japanese brackets full-width, with no space before them.
        return pgettext("brackets", " (") + self.cancelled + pgettext("brackets", ")")

    @cached_property
    def status(self) -> str:
        return gettext("Status")

    @cached_property
    def ended(self) -> str:
        return gettext("This event has ended.")

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return {}

    def kind_label(self, value: str) -> str:
        """``event.get_kind_display()``."""
        label = self._kinds.get(value)
        if label is None:
            choices = dict(Event._meta.get_field("kind").flatchoices)
            label = self._kinds[value] = str(choices.get(value, value))
        return label

    @cached_property
    def with_affiliation(self) -> str:
        # 「山田 花子（NPO法人… 代表理事）」: Japanese brackets the affiliation full-width.
        return gettext("%(name)s (%(affiliation)s)")

    @cached_property
    def _roles(self) -> dict[str, str]:
        return {}

    def role_label(self, value: str) -> str:
        """``guest.get_role_display()``."""
        label = self._roles.get(value)
        if label is None:
            choices = dict(Guest._meta.get_field("role").flatchoices)
            label = self._roles[value] = str(choices.get(value, value))
        return label


def event_facts_html(
    event: Event, *, facts_only: bool = False, words: Words | None = None
) -> SafeString:
    """``events/_event_facts.html`` for ``event``; ``facts_only`` leaves out the applications
    (counts and period, or that the event has ended). The counts are those the selectors set
    (``PUBLIC_COUNTS``). ``words``: the page's, when it shows several events."""
    w = words or Words()
    esc = conditional_escape
    when = esc(wareki(event.date))
    if event.start_time:
        when += " " + esc(time_range_ja(event.start_time, event.end_time))
    parts = [
        f'<dl class="fields">\n  <dt>{w.date}</dt>\n  <dd>{when}</dd>\n'
        f"  <dt>{w.venue}</dt>\n"
        f"  <dd>{esc(event.venue_name) if event.venue_name else w.to_be_decided}</dd>\n"
        f"  <dt>{w.kind}</dt>\n  <dd>{esc(w.kind_label(event.kind))}</dd>\n  "
    ]
    if event.theme:
        parts.append(f"<dt>{w.theme}</dt><dd>{esc(event.theme)}</dd>")
    parts.append("\n  ")
    # The public selectors read the guests as ``guest_list`` (``attach_list_details``,
    # ``public_event``).
    guests = getattr(event, "guest_list", None)
    if guests is None:
        guests = list(event.guests.all())
    if guests:
        items = "".join(
            f"<li>{esc(w.role_label(guest.role))}："
            + (
                w.with_affiliation
                % {"name": esc(guest.name), "affiliation": esc(guest.affiliation)}
                if guest.affiliation
                else esc(guest.name)
            )
            + "</li>"
            for guest in guests
        )
        parts.append(f'<dt>{w.guests}</dt>\n  <dd><ul class="guests">{items}</ul></dd>')
    parts.append("\n  ")
    people, groups = event.capacity_people, event.capacity_groups
    if people or groups:
        parts.append(
            f"<dt>{w.capacity}</dt>\n  <dd>"
            + (_people(people) if people else "")
            + (" / " if people and groups else "")
            + (_groups(groups) if groups else "")
            + "</dd>"
        )
    parts.append("\n  ")
    if not facts_only and event.shows_application_counts:
        so_far = _people(event.confirmed_people)
        if event.confirmed_groups:
            # 「6人（3団体）」: Japanese brackets full-width.
            so_far = gettext("%(people)s (%(groups)s)") % {
                "people": so_far,
                "groups": _groups(event.confirmed_groups),
            }
        # Full for people, or someone waiting: every new application waits (the rule of
        # ``services.application_submit``), a group's too whatever group places are free.
        all_wait = event.all_applications_wait
        if event.places_left is not None:
            # 「満席」, not 「残り0席」.
            so_far += w.separator + (
                pgettext("event places", "full")
                if event.places_left == 0
                else gettext("places left: %(n)s") % {"n": esc(event.places_left)}
            )
            if groups and event.group_places_left != 0 and event.places_left:
                # Both capacities: a group's people count against the places for people too
                # (services._fits), or 「残り2席」 beside a free group place reads as room for a
                # group of 5 (with none free, 「団体でのお申し込みはキャンセル待ち」 says enough;
                # when 「満席」, 「個人も団体もキャンセル待ち」 does).
                so_far += w.groups_take_places
        if (
            event.group_places_left is not None
            and not (all_wait and event.group_places_left)
            and event.places_left != 0
        ):
            # A group deciding whether to apply needs the groups' places too (懇談会: 20団体);
            # not when a group would wait anyway (「残り5団体」 while full said otherwise), nor
            # beside 「満席」, which says it for groups too.
            so_far += w.separator + (
                pgettext("event places", "group places: full")
                if event.group_places_left == 0
                else gettext("group places left: %(n)s") % {"n": esc(event.group_places_left)}
            )
        if event.waitlisted_count:
            so_far += w.separator + gettext("waiting list: %(n)s") % {
                "n": esc(event.waitlisted_count)
            }
        if (
            all_wait
            and event.places_left
            and event.group_places_left != 0
            and not event.has_started
        ):
            # Places left while people wait: the first in line needs more than are left, and
            # nobody overtakes it (services._promote_from_waitlist); 「残り2席、キャンセル待ち
            # 1件」 read as a mistake without a word of why. (Once the event has begun, places
            # given up at the door go to nobody on the list: not said then.)
            so_far += gettext(
                " (the places left are fewer than the first on the waiting list needs, so they "
                "go to those waiting in turn as places free up; new applications, of people and "
                "of groups, go on the waiting list)"
            )
        elif all_wait:
            so_far += gettext(
                " (new applications, of people and of groups, go on the waiting list)"
            )
        elif event.group_places_left == 0:
            so_far += gettext(" (applications of groups go on the waiting list)")
        parts.append(f"<dt>{w.applications_so_far}</dt>\n  <dd>{so_far}</dd>\n  ")
        if event.applications_open_on or event.applications_close_on:
            opens = esc(wareki(event.applications_open_on)) if event.applications_open_on else ""
            closes = esc(wareki(event.applications_close_on or event.date))
            parts.append(f"<dt>{w.application_period}</dt>\n  <dd>{opens}～{closes}</dd>")
    elif not facts_only and event.has_ended:
        # Instead of the places left: a past event takes no one any more.
        parts.append(f"<dt>{w.status}</dt>\n  <dd>{w.ended}</dd>")
    parts.append("\n</dl>\n")
    return mark_safe("".join(parts))


def event_articles_html(events) -> SafeString:
    """``events/_event_articles.html``: the public list's ``<article>`` of each of ``events``
    (its heading and its facts)."""
    words = Words()
    esc = conditional_escape
    parts = []
    for event in events:
        cancelled = (
            f'<span class="status-failed">{words.cancelled_in_brackets}</span>'
            if event.status == "cancelled"
            else ""
        )
        parts.append(
            f'\n  <article class="event" aria-labelledby="event-{esc(event.pk)}">\n'
            f'    <h3 id="event-{esc(event.pk)}"><a href="{esc(event.get_absolute_url())}">'
            f"{esc(event.name)}</a>{cancelled}</h3>\n"
            f"    {event_facts_html(event, words=words)}\n  </article>\n  "
        )
    return mark_safe("".join(parts))
