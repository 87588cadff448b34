"""The search form's HTML written in Python: the same bytes as Django's widget templates and
``core/_form_fields.html``, at a fraction of the cost.

The search page is the one page whose form comes with every request (ten fields, four of them
selects): through the template engine its fields cost more than the search itself. The tests
compare this output with the templates' for bound, unbound and invalid forms, so a change to
either shows.
"""

from __future__ import annotations

import html

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

INPUT_TEMPLATES = {
    "django/forms/widgets/text.html",
    "django/forms/widgets/search.html",
    "django/forms/widgets/input.html",
}
SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _escape(value) -> str:
    """django.utils.html.conditional_escape without its checks for lazy arguments on each call
    (they cost more than the escaping)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _text(value) -> str:
    """``{{ value }}`` in a template: localized, then escaped unless safe."""
    return _escape(localize(value))


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: no localization, escaped unless safe."""
    return _escape(value if isinstance(value, SafeString) else str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(f" {_text(name)}")
            if value is not True:
                out.append(f'="{_formatted(value)}"')
    return "".join(out)


def _input(widget: dict) -> str:
    value = ""
    if widget["value"] is not None:
        value = f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _select(widget: dict) -> str | None:
    out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            out.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


class WidgetRenderer(DjangoTemplates):
    """Text inputs and selects without templates; any other widget through them."""

    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return _input(context["widget"])
        if template_name == SELECT_TEMPLATE:
            html = _select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)


def form_fields(form) -> SafeString | None:
    """``core/_form_fields.html`` for ``form``; None when it needs what this does not write (a
    fieldset, the stale-changes notice): the template then renders it."""
    if getattr(form, "stale", False):
        return None
    visible = form.visible_fields()
    if any(field.use_fieldset for field in visible):
        return None
    out = []
    non_field = form.non_field_errors()
    if non_field:
        errors = "".join(f"<p>{_text(e)}</p>" for e in non_field)
        out.append(f'<div class="errors" role="alert">{errors}</div>')
    out.append("\n\n")
    out.extend(str(field) for field in form.hidden_fields())
    out.append("\n")
    for field in visible:
        errors = field.errors
        label = _text(field.label)
        if field.field.required:
            label += f' <span class="required">{_text(gettext("(required)"))}</span>'
        help_text = ""
        if field.help_text:
            help_text = (
                f'<p class="help" id="{_text(field.auto_id)}_helptext">{_text(field.help_text)}</p>'
            )
        error_html = "".join(
            f'<p class="error" id="{_text(field.auto_id)}_error">{_text(e)}</p>' for e in errors
        )
        out.append(
            f'\n\n<div class="field{" has-error" if errors else ""}">\n'
            f'  <label for="{_text(field.id_for_label)}">{label}</label>\n'
            f"  {_text(field)}\n"
            f"  {help_text}\n"
            f"  {error_html}\n"
            "</div>\n\n"
        )
    out.append("\n")
    return mark_safe("".join(out))  # every value is escaped above, widgets by Django


def hits_html(hits, *, staff: bool) -> SafeString:
    """The results' list items (each ``search.selectors.Hit``): title, kind, date, agenda item
    and speaker of a statement, staff-only mark, highlighted snippet."""
    from kyodo.core.templatetags.kyodo_ja import wareki
    from kyodo.search.models import SearchDocument

    # get_kind_display() builds a dictionary of the choices at each call.
    kinds = dict(SearchDocument.Kind.choices)
    agenda_item, speaker_word = _text(gettext("Agenda item")), _text(gettext("Speaker"))
    staff_only = _text(gettext("Staff only"))
    out = []
    for hit in hits:
        doc, kind, speaker = hit.doc, hit.kind, hit.speaker
        kind_label = str(kinds.get(kind, kind))
        meta = [f"<li>{_text(kind_label)}</li>"]
        if doc.date:
            meta.append(f"<li>{_text(wareki(doc.date))}</li>")
        if kind == "entry":
            title = _text(doc.title) + (f" {_text(speaker)}" if speaker else "")
            meta.append(f"<li>{agenda_item}: {_text(doc.subtitle)}</li>")
            if speaker:
                meta.append(f"<li>{speaker_word}: {_text(speaker)}</li>")
        else:
            title = _text(doc.title or kind_label)
        if staff and doc.audience == "staff":
            meta.append(f"<li><strong>{staff_only}</strong></li>")
        out.append(
            f'\n<li class="search-hit search-hit-{_text(kind)}">\n'
            f'  <h3><a href="{_text(hit.url)}">{title}</a></h3>\n'
            f'  <ul class="search-meta link-list">{"".join(meta)}</ul>\n'
            f'  <p class="search-snippet" lang="ja">{_text(hit.snippet)}</p>\n'
            "</li>\n"
        )
    return mark_safe("".join(out))  # every value is escaped above, the snippet by its maker
