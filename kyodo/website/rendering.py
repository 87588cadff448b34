"""The home page's lists (its events and its news) written in Python rather than by the
template's loops: their date filters and lookups cost a public page more than the rest of its
content.

The HTML is the loops' of ``website/_home_events.html`` and ``website/_news_items.html``, byte
for byte (compared in tests/test_rendering.py): values escaped as the templates escape them.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from kyodo.core.templatetags.kyodo_ja import time_ja, wareki


def _iso_date(value) -> str:
    """``{{ value|date:'Y-m-d' }}`` for a date or a datetime (shown in the current time zone)."""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def home_events_html(events) -> SafeString:
    """The ``<li>`` of each of ``events`` (date, time, name and venue), as
    ``website/_home_events.html`` writes them."""
    esc = conditional_escape
    items = []
    for event in events:
        when = f" {esc(time_ja(event.start_time))}" if event.start_time else ""
        venue = event.venue_name
        items.append(
            f'<li><time datetime="{_iso_date(event.date)}">{esc(wareki(event.date))}</time>'
            f'{when} <a href="{esc(event.get_absolute_url())}">{esc(event.name)}</a>'
            f"{f' ({esc(venue)})' if venue else ''}</li>"
        )
    return mark_safe("".join(items))


def news_items_html(posts) -> SafeString:
    """The ``<li>`` of each of ``posts`` (date and title), as ``website/_news_items.html``
    writes them."""
    esc = conditional_escape
    return mark_safe(
        "".join(
            f'<li><time datetime="{_iso_date(post.published_at)}">'
            f"{esc(wareki(post.published_at))}</time> "
            f'<a href="{esc(post.get_absolute_url())}">{esc(post.title)}</a></li>'
            for post in posts
        )
    )
