"""No lost updates: an edit form carries the version of the row it was read at.

Two members of staff open the same event; both save. Without this, the second save silently
overwrites the first. With it, the second is refused with 「他の人が先に変更しました」, the
other person's change is shown field by field, and what the second person typed stays in the
form, with the form now carrying the current version: saving again is a deliberate choice.

How it works (no column, no migration): the version is the row's own content. When the form is
shown, :func:`edit_version` signs (Django's ``signing``, so it cannot be forged) the values of the
row's concrete fields (``auto_now`` time stamps left out) and of any many-to-many fields named,
and the form carries that in a hidden field. On save, :func:`kyodo.core.views.actions.submit_edit`
locks the row (``SELECT … FOR UPDATE``; on SQLite the transaction's write lock), compares it with
the version and runs the service in the same transaction only when nothing changed since.

Using it in a view (see docs/contributing.md, "Edit forms")::

    class EventForm(VersionedFormMixin, CleanTextMixin, forms.Form): ...

    form = EventForm(request.POST or None, initial=…, version_of=event)
    if request.method == "POST" and form.is_valid():
        submit_edit(form, services.event_update, obj=event, actor=request.user, event=event,
                    **form.cleaned_data)
        if not form.errors:
            return redirect(event)

ModelForms take the version of their ``instance``. ``version_related`` on the form names
many-to-many fields that belong to the version too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError
from kyodo.core.wareki import format_time_ja, format_wareki

VERSION_FIELD = "edit_version"
_SALT = "kyodo.core.versions"
# Long texts are shown cut in the list of the other person's changes.
_SHOWN_CHARACTERS = 300


@dataclass(frozen=True)
class Change:
    """One field the other person changed: its label, and its value before and now."""

    label: str
    before: str
    after: str


class StaleEdit(DomainError):
    """The row changed after the form was shown; ``changes`` says how, ``current`` is the
    version to save against if the person still wants their values."""

    default_message = _(
        "Someone else changed this first. Their changes are shown below; what you typed is "
        "still in the form. Check it and save again to keep your version."
    )

    def __init__(self, message=None, *, changes: list[Change], current: str):
        super().__init__(message)
        self.changes = changes
        self.current = current


class RowGone(DomainError):
    default_message = _("This was deleted by someone else in the meantime.")


def _compared_fields(model: type[models.Model]) -> list[models.Field]:
    # Time stamps that move on every save say nothing of what changed.
    return [
        f
        for f in model._meta.concrete_fields
        if not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
    ]


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def edit_state(obj: models.Model, related: tuple[str, ...] = ()) -> dict:
    """The values the version is made of: ``{attname: value}``, JSON-safe."""
    state = {f.attname: _jsonable(getattr(obj, f.attname)) for f in _compared_fields(type(obj))}
    for name in related:
        state[name] = sorted(getattr(obj, name).values_list("pk", flat=True))
    return state


def edit_version(obj: models.Model | None, related: tuple[str, ...] = ()) -> str:
    """The signed version of ``obj`` for an edit form ("" for a row not saved yet)."""
    if obj is None or obj.pk is None:
        return ""
    return signing.dumps(
        {"m": obj._meta.label_lower, "pk": str(obj.pk), "s": edit_state(obj, related)},
        salt=_SALT,
        compress=True,
    )


def check_version(obj: models.Model, version: str, related: tuple[str, ...] = ()) -> None:
    """Raise :class:`StaleEdit` unless ``obj`` (just locked and read) is as it was when
    ``version`` was made. A missing or tampered version counts as stale."""
    current = edit_state(obj, related)
    if not version:
        # The form was shown before the row existed: someone else created it meanwhile.
        raise StaleEdit(changes=[], current=edit_version(obj, related))
    try:
        data = signing.loads(version, salt=_SALT)
    except signing.BadSignature:
        data = None
    if (
        not isinstance(data, dict)
        or data.get("m") != obj._meta.label_lower
        or data.get("pk") != str(obj.pk)
        or not isinstance(data.get("s"), dict)
    ):
        raise StaleEdit(
            _(
                "This page was out of date, so nothing was saved. What you typed is still in "
                "the form: check the saved values (open the page again in another tab) and save "
                "again."
            ),
            changes=[],
            current=edit_version(obj, related),
        )
    before = data["s"]
    if before == current:
        return
    raise StaleEdit(changes=_changes(obj, before, current), current=edit_version(obj, related))


def _changes(obj: models.Model, before: dict, after: dict) -> list[Change]:
    model = type(obj)
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    changed = []
    for name in after:
        if before.get(name) == after[name]:
            continue
        field = by_attname.get(name) or model._meta.get_field(name)
        change = Change(
            label=capfirst(str(field.verbose_name)),
            before=_display(field, before.get(name)),
            after=_display(field, after[name]),
        )
        changed.append((not field.editable, len(changed), change))
    # Fields a person edits first; the ones the system keeps (keys, stamps) after them.
    return [change for _internal, _n, change in sorted(changed)]


def _display(field: models.Field, value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return gettext("(empty)")
    if display := getattr(field, "display_text", None):
        # A field that writes its own values (collaboration's 年度別予算額), not raw JSON.
        return display(value)
    if field.many_to_many:
        objects = field.related_model._default_manager.filter(pk__in=value)
        return "、".join(sorted(str(o) for o in objects))
    if field.is_relation:
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target is not None else gettext("(deleted)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.DateTimeField):
        moment = datetime.datetime.fromisoformat(value)
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        return f"{format_wareki(local.date())} {format_time_ja(local.time())}"
    if isinstance(field, models.DateField):
        return format_wareki(datetime.date.fromisoformat(value))
    if isinstance(field, models.TimeField):
        return format_time_ja(datetime.time.fromisoformat(value))
    text = str(value)
    return text if len(text) <= _SHOWN_CHARACTERS else text[:_SHOWN_CHARACTERS] + "…"


class VersionedFormMixin:
    """An edit form that carries the version of the row it shows (hidden ``edit_version``).

    Pass ``version_of=<row>`` (ModelForms use their ``instance``). After ``is_valid()`` the
    version is ``form.edit_version`` and is not in ``cleaned_data``, so ``**cleaned_data`` still
    fits the service. After a refused save, ``form.stale_changes`` lists the other person's
    changes (shown by ``core/_form_fields.html``).
    """

    version_related: tuple[str, ...] = ()

    def __init__(self, *args, version_of: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version_of is None:
            instance = getattr(self, "instance", None)
            version_of = instance if instance is not None and instance.pk else None
        self.version_of = version_of
        self.edit_version = ""
        self.stale = False  # set when a save was refused as stale
        self.stale_changes: list[Change] = []
        self.fields[VERSION_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=200_000
        )
        self.initial[VERSION_FIELD] = edit_version(version_of, self.version_related)

    def clean(self):
        data = super().clean()
        self.edit_version = (data.pop(VERSION_FIELD, "") or "") if data is not None else ""
        return data

    def show_stale(self, error: StaleEdit) -> None:
        """Keep what was typed, carry the current version, list the other person's changes."""
        self.stale = True
        self.stale_changes = error.changes
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = error.current
