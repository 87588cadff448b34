"""The home page's lists (its events and its news) and every public page's breadcrumbs, written
in Python rather than by templates: their loops, date filters and lookups cost a public page more
than the rest of its content.

The HTML is that of ``website/_home_events.html``, ``website/_news_items.html`` and
``website/_breadcrumbs.html``, byte for byte (compared in tests/test_rendering.py): values
escaped as the templates escape them, translated literals not (Django marks them safe).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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
            f"{f'（{esc(venue)}）' if venue else ''}</li>"
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


def breadcrumbs_html(crumbs, structured_data: str) -> SafeString:
    """``website/_breadcrumbs.html`` for ``crumbs`` (``kyodo.website.breadcrumbs.Crumb``) and
    their ``structured_data`` (JSON already safe inside ``<script>``): nothing for one crumb."""
    if len(crumbs) <= 1:
        return mark_safe("\n")
    esc = conditional_escape
    items = "".join(
        f'<li><a href="{esc(crumb.url)}">{esc(crumb.label)}</a></li>'
        if crumb.url
        else f'<li><span aria-current="page">{esc(crumb.label)}</span></li>'
        for crumb in crumbs
    )
    return mark_safe(
        f'<nav class="breadcrumbs" aria-label="{gettext("Breadcrumbs")}">\n'
        f'  <div class="wrap"><ol>{items}</ol></div>\n</nav>\n'
        f'<script type="application/ld+json">{esc(structured_data)}</script>\n'
    )
