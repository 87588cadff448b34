"""``{% audit_table rows %}``: audit rows as ``core/staff/_audit_table.html`` writes them.

A template builtin (settings.TEMPLATES), written by ``kyodo.core.audit.audit_table_html``; the
template stays the reference, compared with it in the tests.
"""

from __future__ import annotations

from django import template

from kyodo.core.audit import audit_table_html

register = template.Library()


@register.simple_tag
def audit_table(rows) -> str:
    return audit_table_html(rows)
