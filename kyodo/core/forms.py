from __future__ import annotations

import html
import re
from datetime import date, time

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import localdate, template_localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kyodo.core.models import OutboxMessage
from kyodo.core.text import has_control_characters
from kyodo.core.wareki import (
    WarekiError,
    format_wareki,
    parse_date_ja,
    parse_time_ja,
    parse_year_ja,
)

# --- widgets rendered in Python ----------------------------------------------------------------


class UseTemplate(Exception):
    """A value the Python rendering does not reproduce exactly: render the template instead."""


def escaped(text) -> str:
    # conditional_escape(), without its lazy-argument wrapper.
    if type(text) is str:  # the usual case first (not SafeString, a subclass: kept as it is)
        return html.escape(text)
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


def shown(value) -> str:
    # ``{{ value }}`` in an autoescaping template (render_value_in_context).
    if type(value) is str:  # the usual case first, as escaped() does
        return html.escape(value)
    if isinstance(value, Promise):
        value = str(value)
    elif callable(value):
        raise UseTemplate
    elif not isinstance(value, str):
        value = localize(template_localtime(value))
        if not isinstance(value, str):
            value = str(value)
    return escaped(value)


def _formatted(value) -> str:
    # ``{{ value|stringformat:'s' }}``: str() without localizing; safe text stays unescaped.
    if callable(value) and not isinstance(value, Promise):
        raise UseTemplate
    text = str(value)
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {shown(name)}")
        else:
            parts.append(f' {shown(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    # django/forms/widgets/input.html (text, email, number, hidden, checkbox … include it)
    value = widget["value"]
    value_attr = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"'
        f"{value_attr}{_attrs(widget['attrs'])}>"
    )


def _option(option: dict) -> str:
    # django/forms/widgets/select_option.html, with its final line break
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{shown(option['label'])}</option>\n"
    )


_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _select(widget: dict) -> str:
    # django/forms/widgets/select.html
    parts = [f'<select name="{shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in options:
            if option["template_name"] != _OPTION_TEMPLATE:
                raise UseTemplate
            parts.append("\n  ")
            parts.append(_option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_INPUT_OPTION_TEMPLATES = frozenset(
    ("django/forms/widgets/checkbox_option.html", "django/forms/widgets/radio_option.html")
)


def _input_option(option: dict) -> str:
    # django/forms/widgets/input_option.html as checkbox_option.html and radio_option.html
    # include it: input.html's and both files' final line breaks included.
    if option["template_name"] not in _INPUT_OPTION_TEMPLATES:
        raise UseTemplate
    if not option["wrap_label"]:
        return f"{_input(option)}\n\n\n"
    option_id = option["attrs"].get("id")
    label_for = f' for="{shown(option_id)}"' if option_id else ""
    return f"<label{label_for}>{_input(option)}\n {shown(option['label'])}</label>\n\n"


def _input_option_alone(option: dict) -> str:
    # One option rendered on its own ({{ radio.tag }}): the renderer strips a template's output.
    return _input_option(option).strip()


def _multiple_input(widget: dict) -> str:
    # django/forms/widgets/multiple_input.html (checkbox_select.html, radio.html)
    widget_id = widget["attrs"].get("id")
    css = widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{shown(widget_id)}"' if widget_id else "",
        f' class="{shown(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{shown(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_input_option(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    # django/forms/widgets/textarea.html
    value = widget["value"]
    return (
        f'<textarea name="{shown(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{shown(value) if value else ''}</textarea>"
    )


_WIDGETS = {
    **{
        f"django/forms/widgets/{kind}.html": _input
        for kind in (
            "checkbox color date datetime email file hidden number password search tel text "
            "time url"
        ).split()
    },
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/checkbox_select.html": _multiple_input,
    "django/forms/widgets/radio.html": _multiple_input,
    # One choice of a group on its own, as a template writes it with {{ radio.tag }}.
    **dict.fromkeys(_INPUT_OPTION_TEMPLATES, _input_option_alone),
}


class WidgetRenderer(DjangoTemplates):
    """Django's template renderer, but the common widgets (inputs, selects with their options,
    checkbox and radio groups and their single choices, text areas) are written by Python
    instead of a template per widget and per option: the same HTML, byte for byte, for a
    fraction of the time (a select of 20 options took 20 template renders). Anything else, or a value the Python code would not write exactly as the
    template does, is rendered by the template as before.

    Kyodo overrides none of these widget templates; one that did would have to leave this
    table.
    """

    def render(self, template_name, context, request=None):
        write = _WIDGETS.get(template_name)
        if write is not None:
            try:
                return write(context["widget"])
            except UseTemplate:
                pass
        return super().render(template_name, context, request)


#: One instance, so that its template engine (and its cached templates) is made once.
widget_renderer = WidgetRenderer()


def field_html(field, required: str) -> str:
    # One visible field of core/_form_fields.html.
    errors = field.errors
    auto_id = shown(field.auto_id)
    help_text = field.help_text
    mark = f' <span class="required">{required}</span>' if field.field.required else ""
    help_html = (
        f'<p class="help" id="{auto_id}_helptext">{shown(help_text)}</p>' if help_text else ""
    )
    errors_html = "".join(
        f'<p class="error" id="{auto_id}_error">{shown(error)}</p>' for error in errors
    )
    css = "field has-error" if errors else "field"
    if field.use_fieldset:
        described = fieldset_describedby(field)
        described = f' aria-describedby="{shown(described)}"' if described else ""
        return (
            f'\n<fieldset class="{css}"{described}>\n'
            f"  <legend>{shown(field.label)}{mark}</legend>\n"
            f"  {help_html}\n"
            f"  {errors_html}\n"
            f"  {field}\n"
            f"</fieldset>\n"
        )
    return (
        f'\n<div class="{css}">\n'
        f'  <label for="{shown(field.id_for_label)}">{shown(field.label)}{mark}</label>\n'
        f"  {field}\n"
        f"  {help_html}\n"
        f"  {errors_html}\n"
        f"</div>\n"
    )


def fieldset_describedby(field) -> str:
    """The ids a group's <fieldset> is described by: its help text and its error. Django puts
    them on each control of a single field but on none of a group's radios or checkboxes (each
    gets only ``aria-invalid``): the group says why it is invalid (WCAG 1.3.1, 3.3.1)."""
    ids = []
    if field.auto_id:
        if field.help_text:
            ids.append(f"{field.auto_id}_helptext")
        if field.errors:
            ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


# A form whose error summary the page wrote itself (website/_error_summary.html, above the form)
# or that core/_form_fields.html wrote at the top of its fields: one summary a form.
_SUMMARY_BY_PAGE = "_kyodo_error_summary_by_page"
_SUMMARY_IN_FIELDS = "_kyodo_error_summary_in_fields"


def error_summary_html(form, *, by_page: bool = False) -> str:
    """The summary of ``form``'s errors (core/_error_summary.html): role=alert, focused when
    the page opens (``autofocus``, and site.js), a link to each field in error. Every form has
    one: written where the page asks for it (``by_page``, the public forms above the form), or
    else at the top of the form's fields by ``{% form_fields %}`` (staff forms, password reset,
    a member's correction), so that an error below the fold is announced and reached.
    "" for a form without errors, or whose summary the page or its fields already wrote."""
    if not form.errors:
        return ""
    if by_page:
        if getattr(form, _SUMMARY_IN_FIELDS, False):
            return ""
        setattr(form, _SUMMARY_BY_PAGE, True)
    elif getattr(form, _SUMMARY_BY_PAGE, False):
        return ""
    else:
        setattr(form, _SUMMARY_IN_FIELDS, True)
    from django.template.loader import render_to_string

    return mark_safe(render_to_string("core/_error_summary.html", {"form": form}))


class KeptWhenEmpty:
    """A form whose empty state is the same for every request: its fields' HTML, unbound and
    without initial values, is written once per process and language and kept until the next
    write to the database (kyodo.core.memo), by :func:`form_fields_html`; bound, each field left
    empty without an error is (the search form's filters, around the words searched for). For a
    form shown on a busy page (the staff committee page's new meeting, the search page) whose
    fields depend on nothing but the database (choices read from it) and ``kept_variant``: not
    on the request, the person or the time."""

    #: What else the fields depend on (the search form's options differ for staff), in the key.
    kept_variant = ""


def _kept_key(form, what: str) -> str:
    return (
        f"{what}:{type(form).__module__}.{type(form).__qualname__}:{form.prefix}:"
        f"{form.auto_id}:{get_language() or ''}:{form.kept_variant}"
    )


def _kept_empty_key(form) -> str | None:
    if not isinstance(form, KeptWhenEmpty) or form.is_bound or form.initial:
        return None
    if any(field.initial is not None for field in form.fields.values()):
        return None
    return _kept_key(form, "form-html")


def _kept_fields(form) -> dict[str, str] | None:
    """For a bound :class:`KeptWhenEmpty` form, the HTML of its fields left empty, by name, as
    written since the last write (filled as they are written)."""
    if not isinstance(form, KeptWhenEmpty) or not form.is_bound:
        return None
    from kyodo.core.memo import until_next_write

    return until_next_write(_kept_key(form, "form-fields-empty"), dict)


_EMPTY_VALUES = (None, "", [], ())


def form_fields_html(form) -> str:
    """What ``{% include "core/_form_fields.html" %}`` writes for ``form``, byte for byte, written
    by Python (the builtin ``{% form_fields form %}``): the template's loop and lookups cost more
    than the fields' widgets. A form showing a refused stale save is rendered by the template;
    an empty :class:`KeptWhenEmpty` form is written once until the next write."""
    key = _kept_empty_key(form)
    if key is not None:
        from kyodo.core.memo import until_next_write

        return until_next_write(key, lambda: _form_fields_html(form))
    return _form_fields_html(form)


def _form_fields_html(form) -> str:
    if getattr(form, "stale", False):
        from django.template.loader import render_to_string

        return render_to_string("core/_form_fields.html", {"form": form})
    non_field_errors = form.non_field_errors()
    parts = []
    summary = error_summary_html(form)
    if summary:
        parts.append(summary)
    elif non_field_errors:
        errors = "".join(f"<p>{shown(error)}</p>" for error in non_field_errors)
        parts.append(f'<div class="errors" role="alert">{errors}</div>')
    parts.append("\n\n")
    parts.extend(str(field) for field in form.hidden_fields())
    parts.append("\n")
    required = str(gettext("(required)"))  # the {% translate %} of a literal: not escaped
    kept = _kept_fields(form)
    for field in form.visible_fields():
        parts.append("\n")
        if kept is None or field.errors or field.data not in _EMPTY_VALUES:
            parts.append(field_html(field, required))
        else:
            html = kept.get(field.name)
            if html is None:
                html = kept[field.name] = field_html(field, required)
            parts.append(html)
        parts.append("\n")
    parts.append("\n")
    return mark_safe("".join(parts))


# --- control characters ------------------------------------------------------------------------

CONTROL_CHARACTERS_MESSAGE = _(
    "Remove the control characters (invisible characters) from this field."
)
# Django's message for NUL in a form outside CleanTextMixin, named here so that the project's
# catalogue keeps its translation (Django's Japanese reads 「何か文字を入力してください。」).
NULL_CHARACTERS_MESSAGE = _("Null characters are not allowed.")

# Invisible format characters that hide or reorder text: zero-width space, left-to-right and
# right-to-left marks, bidi embeddings, overrides and isolates, the byte order mark. The
# zero-width (non-)joiners stay allowed: emoji sequences and some scripts need them.
_INVISIBLE = frozenset(
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
_LINE_CHARACTERS = frozenset("\t\n\r")


def _has_invisible(value: str) -> bool:
    return any(c in _INVISIBLE for c in value)


def reject_control_characters(value: str) -> None:
    """Validator for one-line text: no control character at all (tabs and line breaks neither),
    no invisible format character. Such characters only arrive by accident (a paste from another
    program) or by attack, and break mail, CSV, PDF and the printed page later."""
    if (
        has_control_characters(value)
        or _has_invisible(value)
        or any(c in _LINE_CHARACTERS for c in value)
    ):
        raise forms.ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


def reject_control_characters_in_text(value: str) -> None:
    """Validator for a text area: as :func:`reject_control_characters`, but tabs and line breaks
    are allowed."""
    if has_control_characters(value) or _has_invisible(value):
        raise forms.ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


def _is_text_area(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


class CleanTextMixin:
    """For any form: every text field refuses control and invisible characters (text areas keep
    tabs and line breaks, stored with ``\\n`` line ends whatever the browser sent).

    Put it first among the bases: ``class MyForm(CleanTextMixin, forms.ModelForm)``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                validator = (
                    reject_control_characters_in_text
                    if _is_text_area(field)
                    else reject_control_characters
                )
                if validator not in field.validators:
                    # Django's own refusal of NUL says the same less clearly (its Japanese
                    # catalogue even reads 「何か文字を入力してください」): one message, ours.
                    field.validators[:] = [
                        v
                        for v in field.validators
                        if not isinstance(v, ProhibitNullCharactersValidator)
                    ]
                    field.validators.append(validator)

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if _is_text_area(field) and isinstance(data.get(name), str):
                data[name] = data[name].replace("\r\n", "\n").replace("\r", "\n")
        return data


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids outside the database's integer range as unknown choices.

    Django turns such an id into "no match" for single lookups, but an ``__in`` lookup passes it
    to SQLite, which raises OverflowError (a 500 from a tampered form).
    """

    def _check_values(self, value):
        for pk in value or ():
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # Django reports it as an invalid choice
            if not -(2**63) <= number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class CleanTextForm(CleanTextMixin, forms.Form):
    """A plain form whose text fields refuse control characters (see :class:`CleanTextMixin`)."""


class TextField(forms.CharField):
    """A one-line text field that refuses control and invisible characters."""

    default_validators = [reject_control_characters]


class MultilineTextField(forms.CharField):
    """A text area that refuses control and invisible characters other than tabs and line
    breaks."""

    widget = forms.Textarea
    default_validators = [reject_control_characters_in_text]


# A month and day typed without a year (「12/21」, 「12月21日」, 「１２／２１（月）」), after NFKC and
# without white space; the weekday is checked against the date it is read as.
_MONTH_DAY_RE = re.compile(
    r"(?P<month>[0-9]{1,2})(?:月(?P<d1>[0-9]{1,2})日|[./-](?P<d2>[0-9]{1,2}))"
    r"(?P<weekday>\([月火水木金土日](?:曜日?)?\)|[月火水木金土日]曜日?)?"
)

#: ``WarekiDateField(month_day=UPCOMING)``: a month and day alone is the next such day on or
#: after today (a follow-up, a deadline): 「12/21」 on 2026-12-07 is 2026-12-21, 「1/5」 is
#: 2027-01-05, 「12/7」 is today.
UPCOMING = "upcoming"
#: ``WarekiDateField(month_day=THIS_YEAR)``: a month and day alone is this year's, and only
#: when that day is not after today (a day that has been, such as a 相談日): 「12/5」 on
#: 2026-12-07 is 2026-12-05; 「12/21」 is refused with a request for the year (last year's, or
#: a typing mistake: not guessed).
THIS_YEAR = "this_year"
_MONTH_DAY_READINGS = (UPCOMING, THIS_YEAR)


def date_from_month_day(text, *, reading: str, today: date) -> date | None:
    """The date that a month and day typed without a year stands for under ``reading``
    (:data:`UPCOMING` or :data:`THIS_YEAR`) on ``today``; None when ``text`` is not a month and
    day alone. Raises WarekiError for a day that does not exist (「2/30」, 「2/29」 in a common
    year), a wrong weekday, and under :data:`THIS_YEAR` a day after today."""
    if reading not in _MONTH_DAY_READINGS:
        raise ValueError(f"month_day must be one of {_MONTH_DAY_READINGS}, not {reading!r}")
    match = _MONTH_DAY_RE.fullmatch(re.sub(r"\s+", "", _nfkc(str(text or ""))))
    if match is None:
        return None
    month, day = int(match["month"]), int(match["d1"] or match["d2"])
    weekday = match["weekday"] or ""
    if reading == UPCOMING:
        year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
    else:
        year = today.year
    # The full date read again: the same refusals as a date typed with its year (no such day,
    # a weekday that is wrong), in the same words.
    result = parse_date_ja(f"{year}年{month}月{day}日{weekday}")
    if reading == THIS_YEAR and result > today:
        raise WarekiError(_this_year_after_today(month, day, result))
    return result


def _this_year_after_today(month: int, day: int, result: date) -> str:
    try:
        last_year = format_wareki(result.replace(year=result.year - 1), weekday=False)
    except (ValueError, WarekiError):  # 2/29 of a leap year: last year had none
        return gettext("Enter the year too (for example 令和8年12月7日, 2026/12/7).")
    return gettext(
        "Without a year, “%(text)s” is this year's, %(date)s, which is after today. Enter the "
        "year too (for example %(example)s)."
    ) % {
        "text": f"{month}月{day}日",
        "date": format_wareki(result, weekday=False),
        "example": last_year,
    }


_MONTH_DAY_HELP = {
    UPCOMING: _(
        "For example 令和7年4月1日 or R7.4.1. A month and day alone (12/21) is the next such "
        "day from today on."
    ),
    THIS_YEAR: _(
        "For example 令和7年4月1日 or R7.4.1. A month and day alone (12/5) is this year's; "
        "a day after today needs its year."
    ),
}


class WarekiDateField(forms.Field):
    """A date typed the way people type it: 平成23年1月18日, H23.1.18, 2011-01-18, full-width too.

    A month and day without a year (「12/21」) is refused with a request for the year, unless
    ``month_day`` says how to read it: :data:`UPCOMING` for a day to come (a follow-up),
    :data:`THIS_YEAR` for a day that has been (see :func:`date_from_month_day`); the default
    help text then says the rule. A form returned for another error shows such a date as it was
    read, in 和暦 with its weekday (「令和8年12月21日(月)」), not as typed."""

    widget = forms.TextInput

    def __init__(self, *args, month_day: str | None = None, **kwargs):
        if month_day is not None and month_day not in _MONTH_DAY_READINGS:
            raise ValueError(f"month_day must be one of {_MONTH_DAY_READINGS}, not {month_day!r}")
        self.month_day = month_day
        kwargs.setdefault(
            "help_text",
            _MONTH_DAY_HELP.get(month_day, _("For example 令和7年4月1日, R7.4.1 or 2025-04-01.")),
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, date):
            return format_wareki(value, weekday=False)
        return value

    def to_python(self, value) -> date | None:
        if isinstance(value, date):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            if self.month_day is not None:
                read = date_from_month_day(value, reading=self.month_day, today=localdate())
                if read is not None:
                    return read
            return parse_date_ja(str(value))
        except WarekiError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    def bound_data(self, data, initial):
        data = super().bound_data(data, initial)
        if self.month_day is None or self.disabled or not isinstance(data, str):
            return data
        try:
            read = date_from_month_day(data, reading=self.month_day, today=localdate())
        except WarekiError:
            return data  # refused: shown as typed, beside its error
        return data if read is None else format_wareki(read)


def _numeric_text_input(widget: forms.Widget) -> dict:
    # A text box, not type=number: a number input cannot show back what it cannot parse
    # (「１５」, 「平成17年」), so a form returned for another error would look emptied.
    # inputmode still brings up the numeric keyboard on phones.
    return {} if widget.is_hidden else {"inputmode": "numeric"}


class NumberField(forms.IntegerField):
    """A whole number as people type it: full-width digits (１５), thousands separators
    (1,200), a trailing 人 or 名; in a text box with the numeric keyboard, so that what was
    typed is shown back when the form returns. Limits as IntegerField's ``min_value`` and
    ``max_value``, refused in Japanese."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter a whole number in figures (for example 15)."),
    }

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # IntegerField puts min/max/step on a number input only; a text box takes none of them.
        for name in ("min", "max", "step"):
            attrs.pop(name, None)
        return attrs | _numeric_text_input(widget)

    def to_python(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = _nfkc(str(value) if value is not None else "").replace(",", "")
        text = re.sub(r"\s+", "", text).removesuffix("人").removesuffix("名")
        text = re.sub(r"\.0*$", "", text)  # 15.0, as IntegerField reads it (a spreadsheet's cell)
        if not text:
            return None
        if not re.fullmatch(r"[+-]?[0-9]{1,18}", text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class YearField(NumberField):
    """A calendar year in 西暦 or 和暦 (``kyodo.core.wareki.parse_year_ja``): 2005, ２００５年,
    平成17年, H17, 令和元年, 昭和50年; kept as the Western year. What was typed is shown back."""

    def to_python(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_year_ja(str(value))
        except WarekiError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class JapaneseTimeField(forms.TimeField):
    """A clock time typed the way people type it: 19:00, １９：００, 19時, 19時30分, 7時半,
    午後7時, 午後7時30分 (``kyodo.core.wareki.parse_time_ja``); anything else, 「25時」 among
    them, is refused in Japanese. Django's ``TimeField`` otherwise: the same widget, so the same
    HTML."""

    def to_python(self, value) -> time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, time):
            return value
        text = str(value).strip()
        if not text:
            return None
        try:
            return parse_time_ja(text)
        except WarekiError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class DateRangeForm(forms.Form):
    """A form with optional ``since`` and ``until`` dates (和暦 accepted), in that order."""

    since = WarekiDateField(label=_("From"), required=False)
    until = WarekiDateField(label=_("Until"), required=False)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


class AuditFilterForm(DateRangeForm):
    """The audit log's filter: by person, by kind of action (an area or one action), by date."""

    person = forms.TypedChoiceField(label=_("Who"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    field_order = ["person", "kind", "since", "until"]

    def __init__(self, *args, **kwargs):
        from kyodo.core.audit_labels import ACTION_LABELS, AREAS
        from kyodo.core.models import AuditEntry, User

        super().__init__(*args, **kwargs)
        actor_ids = AuditEntry.objects.filter(actor__isnull=False).values("actor")
        people = User.objects.filter(pk__in=actor_ids).order_by("name_reading", "username")
        self.fields["person"].choices = [("", _("Everyone"))] + [(u.pk, str(u)) for u in people]
        kinds: list = [("", _("All"))]
        for prefix, area in AREAS:
            actions = [
                (key, label) for key, label in ACTION_LABELS.items() if key.startswith(prefix)
            ]
            kinds.append((area, [(prefix, _("All of “%(area)s”") % {"area": area}), *actions]))
        self.fields["kind"].choices = kinds


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *OutboxMessage.Status.choices],
    )


# --- fields of the public forms ------------------------------------------------------------------

# Dashes people type in a telephone number (full-width, minus, katakana ー, dashes): all "-".
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−ーｰ－﹣"})


def _nfkc(value) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", value or "").strip()


# Dashes between two digits of an address (「１－２－３」, 「1ー2ー3」, 「1−2−3」): all "-". A
# dash elsewhere may be a long vowel (「コーポ」, 「センター」) and stays as written.
_ADDRESS_DASH_RE = re.compile("(?<=[0-9])[‐‑‒–—―−ーｰ－﹣](?=[0-9])")
_SPACES_RE = re.compile(r"\s+")


def normalize_address(value: str) -> str:
    """An address as Kyodo stores it: NFKC (digits, Latin letters and spaces half-width,
    ｶﾀｶﾅ full-width), the dashes between digits as "-", runs of spaces made one:
    「西東京市ひばりが丘１－２－３　ＡＢＣビル」 → 「西東京市ひばりが丘1-2-3 ABCビル」. The width
    people typed carries no meaning; one form lets the CSV, search and a filter compare them."""
    text = _SPACES_RE.sub(" ", _nfkc(value))
    return _ADDRESS_DASH_RE.sub("-", text)


class AddressField(TextField):
    """A one-line address (所在地, 活動地域) stored as :func:`normalize_address` writes it, as a
    telephone number is stored in half-width; control characters refused like any text."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_address(value) if value else value


class EmailField(forms.EmailField):
    """An e-mail address typed in full-width (ｔａｎａｓｈｉ＠ｅｘａｍｐｌｅ．ｊｐ) is the same
    address: NFKC before it is checked. The browser may fill it in (``autocomplete="email"``,
    WCAG 1.3.5)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "email")

    def to_python(self, value):
        return super().to_python(_nfkc(value))


class URLField(forms.URLField):
    """A web address typed in full-width (ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／) is the same
    address: NFKC before it is checked; without a scheme, https. The browser may fill it in
    (``autocomplete="url"``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "url")

    def to_python(self, value):
        return super().to_python(_nfkc(value))


# The two ways people write a telephone number with parentheses, and only those: the area
# code in front of them (「(03)1234-5678」) or the local exchange between them (「03(1234)5678」).
_PARENTHESES = (
    (re.compile(r"\((0[0-9]+)\)-?([0-9]+(?:-[0-9]+)?)"), r"\1-\2"),
    (re.compile(r"(0[0-9]+)\(([0-9]+)\)-?([0-9]+)"), r"\1-\2-\3"),
)


class PhoneField(forms.CharField):
    """A Japanese telephone number: full-width digits, any dash and the parentheses of
    「03(1234)5678」 or 「(03)1234-5678」 are accepted and stored as half-width digits and hyphens
    (０４２ー０００ー００００ → 042-000-0000, 03(1234)5678 → 03-1234-5678); anything else is refused."""

    default_error_messages = {
        "invalid": _(
            "Write the telephone number with digits and hyphens only (for example 042-000-0000)."
        ),
        "digits": _("A telephone number has 10 or 11 digits (for example 042-000-0000)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "tel")
        self.widget.attrs.setdefault("inputmode", "tel")

    def to_python(self, value):
        value = _nfkc(value).translate(_DASHES).replace(" ", "")
        for pattern, hyphenated in _PARENTHESES:
            if pattern.fullmatch(value):
                value = pattern.sub(hyphenated, value)
                break
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        import re

        if not re.fullmatch(r"[0-9]+(-[0-9]+)*", value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        digits = value.replace("-", "")
        if not 10 <= len(digits) <= 11:
            raise forms.ValidationError(self.error_messages["digits"], code="digits")


class ConsentField(forms.BooleanField):
    """The 個人情報 consent every public form asks for: required, unticked by default."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "label", _("I agree to the handling of personal information described in the policy")
        )
        kwargs.setdefault(
            "error_messages",
            {"required": _("Please agree to the handling of personal information to send.")},
        )
        kwargs.setdefault("required", True)
        super().__init__(**kwargs)


def confirmation_rows(form, *, skip=()) -> list[tuple[str, str]]:
    """(label, value as shown) of a valid form's fields, for a 確認 page: choices by their
    label, a ticked consent as 同意する, nothing given as 「（なし）」."""
    from django.utils.translation import gettext

    rows = []
    for field in form.visible_fields():
        if field.name in skip:
            continue
        value = form.cleaned_data.get(field.name)
        if isinstance(field.field, forms.BooleanField):
            shown = (
                gettext("Agreed")
                if isinstance(field.field, ConsentField)
                else (gettext("Yes") if value else gettext("No"))
            )
        elif isinstance(field.field, forms.ModelChoiceField):
            shown = str(value) if value is not None else ""
        elif getattr(field.field, "choices", None) and not isinstance(value, list | tuple):
            shown = str(dict(field.field.choices).get(value, value or ""))
        else:
            shown = "" if value is None else str(value)
        rows.append((str(field.label), shown or gettext("(none)")))
    return rows


def posted_values(request, form) -> list[tuple[str, str]]:
    """(name, value) of every posted value of ``form``'s fields: hidden inputs that carry the
    input through a 確認 page unchanged."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name in form.fields
        for value in values
    ]


def initial_from_post(request, form_class) -> dict:
    """What was posted, as a form's initial values: the input shown again to be corrected
    (「修正する」) without error messages."""
    fields = form_class.base_fields
    return {
        name: values if len(values) > 1 else values[0]
        for name, values in request.POST.lists()
        if name in fields
    }
