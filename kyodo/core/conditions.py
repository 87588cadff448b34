"""One condition, two uses: a ``Q`` filters a queryset, and :func:`holds` asks it of one row in
memory (without a query), so that a rule like "takes applications" is written once and a list
and a refusal cannot disagree (``kyodo.events.models.application_conditions``)."""

from __future__ import annotations

import operator
from typing import Any

from django.db import models
from django.db.models import Q

__all__ = ["holds"]

_COMPARE = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "in": lambda value, choices: value in choices,
}


def holds(condition: Q, row: models.Model) -> bool:
    """Whether ``row`` (as it is in memory) meets ``condition``, as ``filter(condition)`` would
    find it: a comparison with NULL fails, and a negated one then holds (as Django negates).

    Only the row's own, non-relation fields with ``exact``, ``lt``, ``lte``, ``gt``, ``gte``,
    ``in`` and ``isnull`` against plain values, joined by AND, OR and NOT; anything else is a
    ValueError (a programming error, not input).
    """
    results = (
        holds(child, row) if isinstance(child, Q) else _lookup_holds(row, *child)
        for child in condition.children
    )
    if condition.connector == Q.AND:
        met = all(results)
    elif condition.connector == Q.OR:
        met = any(results)
    else:
        raise ValueError(f"holds() does not know the connector {condition.connector}")
    return met != condition.negated


def _lookup_holds(row: models.Model, lookup: str, expected: Any) -> bool:
    name, _, kind = lookup.partition("__")
    field = row._meta.get_field(name)
    kind = kind or "exact"
    if not field.concrete or field.is_relation or hasattr(expected, "resolve_expression"):
        raise ValueError(f"holds() compares a row's own fields with values, not {lookup!r}")
    value = getattr(row, field.attname)
    if kind == "isnull":
        return (value is None) == bool(expected)
    if kind == "exact" and expected is None:
        return value is None
    if kind not in _COMPARE:
        raise ValueError(f"holds() does not know the lookup {lookup!r}")
    return value is not None and _COMPARE[kind](value, expected)
