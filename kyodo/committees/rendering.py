"""Form HTML written in Python, byte for byte as the templates write it, for the committee pages.

Django renders every widget with a template (``input.html`` includes ``attrs.html``; a select
includes ``select_option.html`` and ``attrs.html`` once per option), and on a page with a form of
six fields that costs more than the rest of the page. :class:`FastWidgetRenderer` is Django's
``DjangoTemplates`` form renderer that writes the HTML of those few built-in templates itself, byte
for byte as they render (``tests/test_rendering.py`` compares both), and leaves every other
template, or a value it does not know how to print the same way, to the template.

:func:`form_fields` is ``{% include "core/_form_fields.html" %}`` in Python (a few dozen template
nodes per field otherwise); it checks that the template is still the one it copies (by the hash of
its source) and renders the template itself when it is not, or for what it does not copy (the
list of another person's changes after a refused save).
"""

from __future__ import annotations

import hashlib
import html
from functools import cache
from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.template.loader import get_template, render_to_string
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext

_BUILTIN = Path(django.forms.__file__).parent / "templates"
_INPUT = "django/forms/widgets/input.html"
_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"
# The widgets whose template is only ``{% include "django/forms/widgets/input.html" %}``.
_INPUTS = {
    _INPUT,
    *(
        f"django/forms/widgets/{name}.html"
        for name in ("text", "number", "email", "url", "password", "hidden", "checkbox", "date")
    ),
    "django/forms/widgets/time.html",
    "django/forms/widgets/datetime.html",
}


class _Fallback(Exception):
    """A value the template would print differently (a number, a date...): use the template."""


def _text(value) -> str:
    # ``{{ value }}``: safe strings as they are, other strings escaped; anything else (numbers,
    # dates, which the template localizes; callables, which it calls) goes to the template.
    if callable(value):
        raise _Fallback
    if isinstance(value, SafeData):
        return str(value)
    if isinstance(value, (str, Promise)):
        return html.escape(str(value))
    raise _Fallback


def _formatted(value) -> str:
    # ``{{ value|stringformat:'s' }}``: ``"%s" % value``, escaped unless the value was safe.
    if isinstance(value, tuple) or callable(value):
        raise _Fallback
    text = str(value)
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(attrs: dict) -> str:
    # attrs.html
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        )
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>\n"
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _OPTION:
                raise _Fallback
            parts.append("\n  ")
            parts.append(_option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


class FastWidgetRenderer(DjangoTemplates):
    """``DjangoTemplates`` with the built-in input and select templates written in Python."""

    def render(self, template_name, context, request=None):
        if template_name in _INPUTS or template_name == _SELECT:
            widget = context.get("widget")
            if widget is not None and self._builtin(template_name):
                try:
                    html_ = _select(widget) if template_name == _SELECT else _input(widget)
                except _Fallback:
                    pass
                else:
                    # BaseRenderer.render strips what the template gives.
                    return html_.strip()
        return super().render(template_name, context, request=request)

    def _builtin(self, template_name: str) -> bool:
        return _is_builtin(self.engine, template_name)


@cache
def _is_builtin(engine, template_name: str) -> bool:
    """Whether ``template_name`` (and what it includes) is Django's own template, not one an app
    overrides (tests/test_rendering.py compares the output with the templates of the installed
    Django)."""
    names = {template_name, _INPUT, "django/forms/widgets/attrs.html"}
    if template_name == _SELECT:
        names.add(_OPTION)
    for name in names:
        origin = Path(engine.get_template(name).origin.name)
        if origin.parent.parent.parent.parent != _BUILTIN:
            return False
    return True


renderer = FastWidgetRenderer()


def _cell(value) -> str:
    # ``{{ value }}`` of a string (or a lazy one): escaped unless safe.
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def rows_html(row: str, rows) -> SafeString:
    """``row``, HTML with a ``{}`` for each value, filled in for each tuple of ``rows`` (every
    value escaped) and joined: what ``{% for ... %}row{% endfor %}`` prints for text values,
    without a template lookup and filter per cell."""
    return mark_safe("".join(row.format(*map(_cell, values)) for values in rows))


# --- core/_form_fields.html ----------------------------------------------------------------------

FIELDS_TEMPLATE = "core/_form_fields.html"
# The SHA-256 of the template's source this module copies; any other source is rendered as it is.
FIELDS_TEMPLATE_SHA256 = "a6423f405d7e6a8353f1e6b6a969c03e1b3c143420614c4b061ac84b650844b1"


@cache
def _fields_template_is_copied() -> bool:
    source = get_template(FIELDS_TEMPLATE).template.source
    return hashlib.sha256(source.encode()).hexdigest() == FIELDS_TEMPLATE_SHA256


def _errors(field) -> str:
    return "".join(
        f'<p class="error" id="{conditional_escape(field.auto_id)}_error">'
        f"{conditional_escape(error)}</p>"
        for error in field.errors
    )


def form_fields(form) -> SafeString:
    """What ``{% include "core/_form_fields.html" %}`` gives for ``form``."""
    if getattr(form, "stale", False) or not _fields_template_is_copied():
        return render_to_string(FIELDS_TEMPLATE, {"form": form})
    parts = []
    non_field = form.non_field_errors()
    if non_field:
        parts.append('<div class="errors" role="alert">')
        parts.extend(f"<p>{conditional_escape(error)}</p>" for error in non_field)
        parts.append("</div>")
    parts.append("\n\n")
    parts.extend(str(field) for field in form.hidden_fields())
    parts.append("\n")
    required = f' <span class="required">{conditional_escape(gettext("(required)"))}</span>'
    for field in form.visible_fields():
        has_error = " has-error" if field.errors else ""
        mark = required if field.field.required else ""
        auto_id = conditional_escape(field.auto_id)
        label = conditional_escape(field.label)
        help_text = field.help_text
        if help_text:
            help_html = (
                f'<p class="help" id="{auto_id}_helptext">{conditional_escape(help_text)}</p>'
            )
        else:
            help_html = ""
        if field.use_fieldset:
            described = f' aria-describedby="{auto_id}_helptext"' if help_text else ""
            parts.append(
                f'\n\n<fieldset class="field{has_error}"{described}>\n'
                f"  <legend>{label}{mark}</legend>\n"
                f"  {help_html}\n"
                f"  {_errors(field)}\n"
                f"  {field}\n"
                "</fieldset>\n\n"
            )
        else:
            parts.append(
                f'\n\n<div class="field{has_error}">\n'
                f'  <label for="{conditional_escape(field.id_for_label)}">{label}{mark}</label>\n'
                f"  {field}\n"
                f"  {help_html}\n"
                f"  {_errors(field)}\n"
                "</div>\n\n"
            )
    parts.append("\n")
    return mark_safe("".join(parts))
