"""Repeated markup written in Python for the committee and collaboration pages: ``rows_html``
fills an HTML row with each tuple's escaped values, what ``{% for %}`` over the rows would print,
without a template lookup and filter per cell; ``links_html`` writes a list of links joined by a
separator. (Form widgets and fields are written by the project's renderer and
``{% form_fields %}``, kyodo.core.forms.)
"""

from __future__ import annotations

import html

from django.utils.safestring import SafeData, SafeString, mark_safe


def _cell(value) -> str:
    # ``{{ value }}`` of a string (or a lazy one): escaped unless safe.
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def rows_html(row: str, rows) -> SafeString:
    """``row``, HTML with a ``{}`` for each value, filled in for each tuple of ``rows`` (every
    value escaped) and joined: what ``{% for ... %}row{% endfor %}`` prints for text values,
    without a template lookup and filter per cell."""
    return mark_safe("".join(row.format(*map(_cell, values)) for values in rows))


def links_html(items, separator: str, empty: str = "") -> SafeString:
    """Each ``(url, text)`` or ``(url, text, after)`` of ``items`` as a link to ``url`` (the text
    alone without a url), then a space and ``after`` if given, joined by ``separator`` (HTML);
    ``empty`` (HTML) when there are none. Every value escaped: what this loop prints::

        {% for url, text, after in items %}{% if url %}<a href="{{ url }}">{{ text }}</a>
        {% else %}{{ text }}{% endif %} {{ after }}{% if not forloop.last %}{{ separator }}
        {% endif %}{% empty %}{{ empty }}{% endfor %}
    """
    parts = []
    for url, text, *after in items:
        part = f'<a href="{_cell(url)}">{_cell(text)}</a>' if url else _cell(text)
        parts.append(f"{part} {_cell(after[0])}" if after else part)
    return mark_safe(separator.join(parts) if parts else empty)
