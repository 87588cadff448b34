"""``{% form_fields form %}``: a form's fields as ``core/_form_fields.html`` writes them.

A template builtin (settings.TEMPLATES). The template stays the reference; the tag writes the same
HTML with Python (``kyodo.core.forms.form_fields_html``, compared with the template in the tests),
because the template's loop and lookups cost more than the fields' widgets on every page with a
form.
"""

from __future__ import annotations

from django import template

from kyodo.core.forms import error_summary_html, form_fields_html
from kyodo.core.forms import fieldset_describedby as fieldset_describedby_ids

register = template.Library()


@register.simple_tag
def form_fields(form) -> str:
    return form_fields_html(form)


@register.simple_tag
def error_summary(form, by_page: bool = False) -> str:
    """``{% error_summary form by_page=True %}``: the summary of the form's errors
    (``kyodo.core.forms.error_summary_html``), once a form."""
    return error_summary_html(form, by_page=by_page)


@register.simple_tag
def fieldset_describedby(field) -> str:
    """The ids a group's <fieldset> is described by (help text, error)."""
    return fieldset_describedby_ids(field)
