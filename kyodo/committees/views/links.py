"""Links of a list built once per list rather than once per row (``{% url %}`` in a loop)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# A number no object has, reversed in place of the primary key and then replaced by it.
_SLOT = 987654321


def pk_link(name: str) -> Callable[[int], str]:
    """``link(pk)`` gives ``reverse(name, args=[pk])`` for a URL whose last argument is a pk,
    resolving the pattern once."""
    head, found, tail = reverse(name, args=[_SLOT]).rpartition(str(_SLOT))
    if not found:  # pragma: no cover - every pk URL prints its pk
        return lambda pk: reverse(name, args=[pk])
    return lambda pk: f"{head}{pk}{tail}"
