"""A form renderer that writes Django's common widgets in Python, byte for byte as Django's own
widget templates do, and renders everything else with those templates.

Rendering a widget through the template engine costs a template render per widget and per
``<option>`` (a select of 50 groups is 50 renders, about 5 ms). The widgets written here are the
``<input>`` family (text, e-mail, number, checkbox, hidden …), ``<select>`` with its options,
``<textarea>``, and one radio or checkbox of a choice widget (``{{ radio.tag }}``). They follow
``django/forms/templates/django/forms/widgets/*.html``: attributes in order, ``False``
attributes left out, ``True`` ones written bare, every value escaped as ``{{ }}`` escapes it;
``kyodo/core/tests/test_form_rendering.py`` checks them against the templates.

A project template that overrides one of these widget templates would be bypassed: the renderer
only takes over Django's own template names, so such an override must also drop the name from
``FAST_WIDGETS``.

A form uses it with ``default_renderer = fast_renderer`` (one instance: one template engine for
the widgets it leaves to the templates).
"""

from __future__ import annotations

import html

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime

_WIDGETS = "django/forms/widgets/"
_OPTION = _WIDGETS + "select_option.html"


def _text(value) -> str:
    """``{{ value }}`` in an autoescaping template."""
    if type(value) is str:
        # What Django's escape does (html.escape of the text), without its lazy-string check.
        return html.escape(value)
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` in an autoescaping template."""
    # ``"%s" % value`` is ``str(value)`` for anything but a tuple, which the filter makes a
    # string first: ``str`` in both cases.
    text = str(value)
    # stringformat is a "safe" filter: safe input stays unescaped.
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            if value is True:
                parts.append(f" {_text(name)}")
            else:
                parts.append(f' {_text(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """``django/forms/widgets/input.html``."""
    value = widget["value"]
    value = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def _input_option(widget: dict) -> str:
    """``django/forms/widgets/input_option.html`` (a radio or checkbox of a choice widget)."""
    if not widget.get("wrap_label"):
        return _input(widget)
    element_id = widget["attrs"].get("id")
    label_for = f' for="{_text(element_id)}"' if element_id else ""
    # The included input template ends with a line break, kept inside the label.
    return f"<label{label_for}>{_input(widget)}\n {_text(widget['label'])}</label>"


def _option(option: dict) -> str:
    """``django/forms/widgets/select_option.html``, without its final line break."""
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>"
    )


def _select(widget: dict) -> str | None:
    """``django/forms/widgets/select.html``; None when an option has a template of its own."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _OPTION:
                return None
            # The included option template ends with a line break, kept inside the select.
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    """``django/forms/widgets/textarea.html``."""
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>"
    )


FAST_WIDGETS = {
    _WIDGETS + name + ".html": _input
    for name in (
        "input",
        "text",
        "email",
        "number",
        "password",
        "hidden",
        "url",
        "search",
        "tel",
        "color",
        "date",
        "datetime",
        "time",
        "checkbox",
    )
} | {
    _WIDGETS + "radio_option.html": _input_option,
    _WIDGETS + "checkbox_option.html": _input_option,
    _WIDGETS + "input_option.html": _input_option,
    _WIDGETS + "select.html": _select,
    _OPTION: _option,
    _WIDGETS + "textarea.html": _textarea,
}


class FastRenderer(DjangoTemplates):
    """Django's default renderer, with the widgets of ``FAST_WIDGETS`` written in Python."""

    def render(self, template_name, context, request=None):
        write = FAST_WIDGETS.get(template_name)
        if write is not None and request is None:
            html = write(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)


fast_renderer = FastRenderer()
