"""Table rows written in Python for the committee pages: ``rows_html`` fills an HTML row with
each tuple's escaped values, what ``{% for %}`` over the rows would print, without a template
lookup and filter per cell. (Form widgets and fields are written by the project's renderer and
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
