"""A form renderer that writes Django's plain widgets in Python, for the public お問い合わせ form.

Django renders each widget through three or four nested templates (input → attrs, radio →
multiple_input → radio_option → input_option → input → attrs), about a third of the page's
time. The functions below give exactly the HTML of Django's own templates for the widgets that
form uses; any other template goes to the default renderer.
"""

from __future__ import annotations

from django.forms.renderers import get_default_renderer
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe


def _text(value) -> str:
    # {{ value|stringformat:'s' }} ("%s" % value): a safe value stays as it is, anything else
    # is escaped.
    return conditional_escape(value) if isinstance(value, SafeData) else escape(str(value))


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    # django/forms/widgets/input.html
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _radio_option(option: dict) -> str:
    # django/forms/widgets/radio_option.html and input_option.html, with the line ends of
    # the included templates (only the outermost template's output is stripped)
    if not option["wrap_label"]:
        return f"{_input(option)}\n\n\n"
    id_ = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(id_)}"' if id_ else ""
    label = conditional_escape(option["label"])
    return f"<label{label_for}>{_input(option)}\n {label}</label>\n\n"


def _multiple_input(widget: dict) -> str:
    # django/forms/widgets/multiple_input.html (for radio.html)
    id_ = widget["attrs"].get("id")
    css = widget["attrs"].get("class")
    out = ["<div"]
    if id_:
        out.append(f' id="{conditional_escape(id_)}"')
    if css:
        out.append(f' class="{conditional_escape(css)}"')
    out.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        for option in options:
            out.append(f"<div>\n    {_radio_option(option)}</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


def _textarea(widget: dict) -> str:
    # django/forms/widgets/textarea.html
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


_IN_PYTHON = {
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/email.html": _input,
    "django/forms/widgets/checkbox.html": _input,
    "django/forms/widgets/radio.html": _multiple_input,
    "django/forms/widgets/textarea.html": _textarea,
}


class PlainWidgetRenderer:
    """Django's default form renderer, with the plain widgets written in Python."""

    def __init__(self):
        self.default = get_default_renderer()
        self.form_template_name = self.default.form_template_name
        self.formset_template_name = self.default.formset_template_name
        self.field_template_name = self.default.field_template_name
        self.bound_field_class = self.default.bound_field_class

    def get_template(self, template_name):
        return self.default.get_template(template_name)

    def render(self, template_name, context, request=None):
        write = _IN_PYTHON.get(template_name)
        if write is None:
            return self.default.render(template_name, context, request=request)
        return mark_safe(write(context["widget"]))
