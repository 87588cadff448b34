"""Links of a list built once per list rather than once per row (``{% url %}`` in a loop)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.urls import reverse

from kyodo.core.links import reverse_once

# A number no object has, reversed in place of the argument and then replaced by it.
_SLOT = 987654321
# What reverse() would print as it is (no percent-encoding): pks and URL-safe tokens.
_PLAIN = re.compile(r"[A-Za-z0-9_-]+")


def pk_link(name: str) -> Callable[[int | str], str]:
    """``link(value)`` gives ``reverse(name, args=[value])`` for a URL whose only argument is a
    pk or a URL-safe token, resolving the pattern once (per process: ``reverse_once``)."""
    head, found, tail = reverse_once(name, args=[_SLOT]).rpartition(str(_SLOT))

    def link(value: int | str) -> str:
        text = str(value)
        if found and _PLAIN.fullmatch(text):
            return f"{head}{text}{tail}"
        return reverse(name, args=[value])

    return link
