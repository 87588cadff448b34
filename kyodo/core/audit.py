"""The audit log: every service records who did what to which object (dotted action names)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from kyodo.core.models import AuditEntry


def audit_log(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit row. Call it inside the service's transaction, so both commit together."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=user,
        actor_label=str(user) if user else "",
        action=action,
        changes=_jsonable(changes or {}),
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:300]
    entry.save()
    return entry


def diff_fields(before: models.Model | None, after: models.Model, fields: list[str]) -> dict:
    """``{field: [old, new]}`` for the fields that differ, for the ``changes`` of an audit row."""
    changes = {}
    for name in fields:
        old = getattr(before, name, None) if before is not None else None
        new = getattr(after, name, None)
        if old != new:
            changes[name] = [old, new]
    return changes


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)
