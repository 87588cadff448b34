"""``{% form_fields form %}``: a form's fields as ``core/_form_fields.html`` writes them.

A template builtin (settings.TEMPLATES). The template stays the reference; the tag writes the same
HTML with Python (``kyodo.core.forms.form_fields_html``, compared with the template in the tests),
because the template's loop and lookups cost more than the fields' widgets on every page with a
form.
"""

from __future__ import annotations

from django import template

from kyodo.core.forms import form_fields_html

register = template.Library()


@register.simple_tag
def form_fields(form) -> str:
    return form_fields_html(form)
