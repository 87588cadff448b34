"""What every update service shares: "lock, snapshot, set, save, diff, audit", said once.

The service style (docs/contributing.md): keyword-only, typed arguments, ``actor`` first, the
fields named explicitly. A partial update names each field it may change with the default
:data:`UNCHANGED`; a record whose many fields a create and an update share takes them as one
frozen dataclass (``ConsultationFields``) instead of listing them twice. Never a ``data=`` dict,
never ``**changes``.

    def guest_update(*, actor: User, guest: Guest, name: str | Unchanged = UNCHANGED, ...) -> Guest:
        require_role(actor, Role.STAFF)
        with transaction.atomic():
            guest, changes = update_fields(
                actor=actor,
                instance=guest,
                values=given(name=name, ...),
                fields=GUEST_FIELDS,
                action="kyodo.events.guest.updated",
            )
        return guest
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, Final, Literal

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from kyodo.core.audit import audit_log

__all__ = ["UNCHANGED", "Unchanged", "field_values", "given", "update_fields"]


class _Unchanged(Enum):
    UNCHANGED = "UNCHANGED"

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged.UNCHANGED
"""The default of a field an update may change: "leave it as it is"."""
type Unchanged = Literal[_Unchanged.UNCHANGED]


def given(**values: Any) -> dict[str, Any]:
    """The keyword arguments that are not :data:`UNCHANGED`, in the order given."""
    return {name: value for name, value in values.items() if value is not UNCHANGED}


def field_values(fields: object) -> dict[str, Any]:
    """A fields dataclass as a dict (shallow: model instances stay as they are)."""
    return {f.name: getattr(fields, f.name) for f in dataclasses.fields(fields)}


def update_fields[M: models.Model](
    *,
    actor,
    instance: M,
    values: Mapping[str, Any],
    fields: Iterable[str],
    action: str,
    before_save: Callable[[M, M], None] | None = None,
    audited: Iterable[str] | None = None,
    audit_extra: Callable[[M, M], dict] | None = None,
    audit_context: Mapping[str, Any] | None = None,
) -> tuple[M, dict]:
    """Lock ``instance``'s row, snapshot ``fields``, set ``values``, run ``before_save(after,
    before)`` (checks that may raise a DomainError, so the transaction rolls back, and derived
    fields), save if a field changed, and write one audit row if anything changed. Returns the
    locked instance and the ``{field: [old, new]}`` changes (empty: nothing was written).

    ``values`` may only name ``fields`` (a TypeError otherwise: a programming error, not input);
    ``fields`` may name more (derived ones the diff should show). ``audited`` (default: all of
    ``fields``) are the ones whose old and new values the audit row shows; leave personal data
    out of it and say in ``audit_extra`` that it changed.
    ``audit_extra(after, before)`` adds keys to the audit row's changes (and to the result):
    many-to-many or category changes, "changed" for personal data. ``audit_context`` adds keys
    that say what the row belongs to (not changes: they alone write no audit row).
    """
    fields = list(fields)
    unknown = set(values) - set(fields)
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)}")
    model = type(instance)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=instance.pk)
        before = model(**{name: _stored(locked, name) for name in _concrete(model, fields)})
        before.pk = locked.pk
        for name, value in values.items():
            setattr(locked, name, value)
        if before_save is not None:
            before_save(locked, before)
        differ = [n for n in fields if getattr(before, n, None) != getattr(locked, n, None)]
        if differ:
            locked.save()
        shown = set(fields if audited is None else audited)
        changes = {
            n: [getattr(before, n, None), getattr(locked, n, None)] for n in differ if n in shown
        }
        if audit_extra is not None:
            changes |= audit_extra(locked, before)
        if changes:
            audit_log(
                actor=actor, action=action, obj=locked, changes={**(audit_context or {}), **changes}
            )
    return locked, changes


def _stored(instance: models.Model, name: str) -> Any:
    # A file field's value is a FieldFile bound to its row (saving a new file renames it in
    # place); the snapshot keeps the stored name instead, so the diff sees the change.
    value = getattr(instance, name)
    return value.name if isinstance(value, FieldFile) else value


def _concrete(model: type[models.Model], names: list[str]) -> list[str]:
    # The snapshot copies concrete fields only (a many-to-many cannot be set on an unsaved row).
    concrete = {f.name for f in model._meta.concrete_fields}
    return [name for name in names if name in concrete]
