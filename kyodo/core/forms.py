from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.models import OutboxMessage
from kyodo.core.text import has_control_characters
from kyodo.core.wareki import WarekiError, format_wareki, parse_date_ja

# --- control characters ------------------------------------------------------------------------

CONTROL_CHARACTERS_MESSAGE = _(
    "Remove the control characters (invisible characters) from this field."
)

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


class WarekiDateField(forms.Field):
    """A date typed the way people type it: 平成23年1月18日, H23.1.18, 2011-01-18, full-width too."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("For example 令和7年4月1日, R7.4.1 or 2025-04-01."))
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
            return parse_date_ja(str(value))
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
