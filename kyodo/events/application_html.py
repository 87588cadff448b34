"""The application form's fields (``events/_application_fields.html``) written in Python: the
template's loops and lookups cost more than the widgets on every open event's page.

The template stays the reference (and is rendered instead for anything the Python code would not
write exactly as it does). Values are escaped as the template escapes them; translated literals are
not (Django marks them safe).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from kyodo.core.forms import UseTemplate, field_html, shown
from kyodo.core.links import reverse_once


def _fields(fields, required: str) -> str:
    # events/_application_fields.html's loop: core/_form_fields.html's <div> of each field,
    # without the newline before it.
    parts = []
    for field in fields:
        if field.use_fieldset:
            raise UseTemplate
        parts.append(field_html(field, required)[1:])
    return "".join(parts)


def application_fields_html(form) -> SafeString:
    """What ``{% include "events/_application_fields.html" %}`` writes for ``form``."""
    try:
        return _application_fields_html(form)
    except UseTemplate:
        return mark_safe(render_to_string("events/_application_fields.html", {"form": form}))


def _application_fields_html(form) -> SafeString:
    required = gettext("(required)")
    parts = []
    non_field_errors = form.non_field_errors()
    if non_field_errors:
        errors = "".join(f"<p>{shown(error)}</p>" for error in non_field_errors)
        parts.append(f'<div class="errors" role="alert">{errors}</div>')
    kind = form["kind"]
    kind_errors = kind.errors
    auto_id = shown(kind.auto_id)
    parts.append(
        f'\n<fieldset class="field{" has-error" if kind_errors else ""}">\n'
        f'  <legend>{shown(kind.label)} <span class="required">{required}</span></legend>\n  '
    )
    parts.extend(f'<p class="error" id="{auto_id}_error">{shown(e)}</p>' for e in kind_errors)
    parts.append("\n  ")
    parts.extend(
        f'<div class="choice">{shown(radio.tag())} <label for="{shown(radio.id_for_label)}">'
        f"{shown(radio.choice_label)}</label></div>"
        for radio in kind
    )
    parts.append(
        f"\n</fieldset>\n<fieldset>\n  <legend>{gettext('When applying for a group')}</legend>\n  "
    )
    parts.append(_fields(form.group_bound_fields(), required))
    parts.append(
        "\n</fieldset>\n<fieldset>\n"
        f"  <legend>{gettext('Applicant (for a group: the contact person)')}</legend>\n  "
    )
    parts.append(_fields(form.person_bound_fields(), required))
    parts.append("\n</fieldset>\n")
    if "consent" in form.fields:
        field = form["consent"]
        errors = field.errors
        auto_id = shown(field.auto_id)
        privacy = reverse_once("website:page", args=["privacy"])
        parts.append(
            f'<div class="field consent{" has-error" if errors else ""}">\n'
            f'  <p class="help"><a href="{privacy}">'
            f"{gettext('How the center handles personal information')}</a></p>\n  "
        )
        parts.extend(f'<p class="error" id="{auto_id}_error">{shown(e)}</p>' for e in errors)
        parts.append(
            f'\n  {field} <label for="{shown(field.id_for_label)}" class="inline-label">'
            f'{shown(field.label)} <span class="required">{required}</span></label>\n</div>'
        )
    parts.append("\n")
    return mark_safe("".join(parts))
