"""Values kept by a process until the next write to the database, anywhere.

``until_next_write(name, compute)`` gives ``compute()``'s value, computed again only after a write
that moves the page cache's generation (kyodo.core.cache: every visible INSERT, UPDATE, DELETE or
TRUNCATE of any process, on any host with ``CACHE_URL``, once committed; this process's own writes
at once). Reading the generation costs a small file read (or one Redis round trip), less than the
query it replaces. For small values every page needs, such as the center's own row: it is kept
until the next write to its own table (``table="core_center"``), so a rush of applications, each
a write, does not read it again for every request and every confirmation mail.

Inside an open transaction (a service's, or a test's, which is rolled back without a write being
seen) nothing is kept or served: the value is computed each time, as without this module.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections

from kyodo.core.cache import current_generation

_kept: dict[str, tuple[str, object]] = {}


def until_next_write[T](
    name: str,
    compute: Callable[[], T],
    *,
    table: str = "",
    fresh: Callable[[T], bool] | None = None,
) -> T:
    """``compute()``'s value, kept until the next write; with ``table`` (one of
    ``kyodo.core.cache.OWN_GENERATION_TABLES``, the only table ``compute`` reads) until the next
    write to that table. With ``fresh``, a kept value for which ``fresh(value)`` is false (one
    that depends on the day, the next day) is computed again too."""
    if any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        return compute()
    try:
        generation = current_generation(table)
    except Exception:  # the shared generation cannot be read (Redis down): never serve a kept value
        return compute()
    kept = _kept.get(name)
    if kept is not None and kept[0] == generation and (fresh is None or fresh(kept[1])):
        return kept[1]
    value = compute()
    # The generation read before the query: a write committed meanwhile moved it, so the value
    # is computed again next time rather than kept past that write.
    _kept[name] = (generation, value)
    return value


def forget() -> None:
    _kept.clear()
