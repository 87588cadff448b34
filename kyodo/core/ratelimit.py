"""Who is asking, and how often: the client's address and counters kept in Django's cache.

**The client's address.** Behind the TLS proxy the documentation describes, every request comes
from the proxy's address; limits by ``REMOTE_ADDR`` would then throttle everybody at once (and let
one attacker lock everybody out). The address is taken from ``CLIENT_IP_HEADER`` (for example
``X-Forwarded-For`` or ``X-Real-IP``) only when that setting names it *and* the request comes from
one of ``TRUSTED_PROXIES`` (addresses or networks); anyone else could write the header. With
``X-Forwarded-For`` the client is the right-most address that is not a trusted proxy. IPv6
addresses count by their /64 network, which one subscriber usually holds whole.

**Counters** live in the ``ratelimit`` cache of ``settings.CACHES``: the database by default
(Django's database cache, table ``kyodo_ratelimit``, shared by every process and host), Redis
with ``CACHE_URL=redis://…``. A counter is read and moved in one step, so a burst of parallel
requests cannot slip past a limit: in the database cache by one statement, an upsert
(``INSERT … ON CONFLICT (cache_key) DO UPDATE SET value = value + 1 … RETURNING value``, atomic
on SQLite and PostgreSQL alike, no transaction or lock around it; Django's own ``incr`` there is
a read then a write in a transaction), in Redis by its atomic ``INCR``. A counter row holds the
count as plain digits, not the cache's pickled value: only :func:`hit` reads it (its key is of
its own, see ``_counter_name``). Expired rows are removed as the database cache does, when a new
counter is written and the table holds more than its ``MAX_ENTRIES``. Windows are fixed (the key
names the window), which is simple and predictable: at most ``N`` in each period.

**What counts.** Every POST to a public page, by the page's URL name (``RATE_LIMITS``), unless
its view declares which of its POSTs count (:func:`counts_when`): a form of several steps
(入力 → 確認 → 完了) counts only the step that writes, so that "20 applications an hour" means
20 applications, not 10 of two POSTs each. The other steps (確認, 「修正する」) count against a
limit of their own, per page and address, generous enough for anyone going back and forth
(``RATE_LIMITS["steps"]``, else :data:`STEPS_RATE`): each renders a page, so a script must not
post them without end either.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connections, router, transaction
from django.utils import timezone

from kyodo.env import parse_rate

CACHE_ALIAS = "ratelimit"


# --- the client's address ----------------------------------------------------------------------


def _networks(values) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            # As kyodo/settings.py says it at start-up (a value set later, by a test or a
            # settings override, reaches only this).
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES の {value.strip()!r} はIPアドレスでもネットワーク（192.0.2.0/24 "
                "など）でもありません。プロキシのアドレスをカンマ区切りで指定してください"
                "（既定：127.0.0.1,::1）。"
            ) from None
    return networks


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip().strip('"')
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_address(request) -> str:
    """The address of the person behind ``request`` (see the module doc)."""
    remote = _parse(request.META.get("REMOTE_ADDR", "")) or ipaddress.ip_address("0.0.0.0")
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if not header:
        return str(remote)
    trusted = _networks(getattr(settings, "TRUSTED_PROXIES", ()))

    def is_trusted(address) -> bool:
        return any(address in network for network in trusted)

    if not is_trusted(remote):
        return str(remote)
    raw = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    hops = [_parse(part) for part in raw.split(",") if part.strip()]
    if not hops or any(hop is None for hop in hops):
        return str(remote)  # absent or garbled: the proxy's own address, never a guess
    for hop in reversed(hops):
        if not is_trusted(hop):
            return str(hop)
    return str(hops[0])


def address_key(address: str) -> str:
    """What a limit counts by: the address, or its /64 network for IPv6."""
    parsed = ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


# --- which POSTs count ------------------------------------------------------------------------

# The attribute a view's declaration (counts_when) leaves on it.
COUNTS_ATTRIBUTE = "rate_limit_counts"


def counts_when(predicate: Callable) -> Callable:
    """Declare which POSTs of a public view count against its page's limit: those for which
    ``predicate(request)`` is true, the steps that write (an application sent, a submission
    mailed for confirmation). The others (a 確認 page, 「修正する」 back to the input) write
    nothing and count against the steps' own, larger limit instead (:func:`steps_limit`); the
    honeypot still refuses them. A view without a declaration counts every POST. Put it below decorators that do not copy the function's attributes."""

    def declare(view: Callable) -> Callable:
        setattr(view, COUNTS_ATTRIBUTE, predicate)
        return view

    return declare


# The limit of the steps that write nothing (counts_when), per page and address, unless
# RATE_LIMITS names one with the key STEPS_KEY ("steps=300/h").
STEPS_KEY = "steps"
STEPS_RATE = "120/h"


def steps_limit(scope: str, rates: dict[str, str]) -> tuple[str, str]:
    """The counter's scope and the rate of the steps of page ``scope`` that write nothing."""
    return f"{scope}#{STEPS_KEY}", rates.get(STEPS_KEY) or STEPS_RATE


def counted(request, view_func) -> bool:
    """Whether ``request``, a POST to the public ``view_func``, counts against the page's limit
    (:func:`counts_when`; kyodo.core.middleware.PublicFormGuardMiddleware asks)."""
    predicate = getattr(view_func, COUNTS_ATTRIBUTE, None)
    return predicate is None or bool(predicate(request))


# --- counters ----------------------------------------------------------------------------------


def cache():
    return caches[CACHE_ALIAS]


class SharedCacheUnavailable(OperationalError):
    """The shared cache of the counters (Redis, CACHE_URL) cannot be reached.

    A database error on purpose: the counters are the data a sign-in or a public form needs
    first, and Kyodo already answers a data store that is down with the 503 page in the
    visitor's language and ``Retry-After`` (kyodo.core.middleware, from the view or, for a
    middleware's counter, from handler500), not the 500 page. Nothing is counted or saved."""


def _unreachable(exc: BaseException) -> bool:
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency
        return False
    return isinstance(exc, (RedisConnectionError, RedisTimeoutError))


@contextmanager
def _reachable() -> Iterator[None]:
    """Redis down (restarting, the network gone): :class:`SharedCacheUnavailable`."""
    try:
        yield
    except Exception as exc:
        if _unreachable(exc):
            raise SharedCacheUnavailable(
                f"shared cache (CACHE_URL) unreachable: {type(exc).__name__}: {exc}"
            ) from exc
        raise


def _hashed(key: str) -> str:
    # Keys hold addresses and user names: stored hashed, and short enough for any backend.
    return "kyodo:" + hashlib.sha256(key.encode()).hexdigest()[:40]


@contextmanager
def locked(key: str) -> Iterator[None]:
    """Run the block as one step for ``key`` with respect to every process (see module doc)."""
    backend = cache()
    if not isinstance(backend, DatabaseCache):
        yield  # Redis' INCR is atomic; local memory is one process (tests, development)
        return
    alias = router.db_for_write(backend.cache_model_class)
    with transaction.atomic(using=alias):
        connection = connections[alias]
        if connection.vendor == "postgresql":
            number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])
        # SQLite: the transaction began with BEGIN IMMEDIATE, the database's write lock.
        yield


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the window ends


def hit(scope: str, key: str, rate: str, *, now: float | None = None) -> Decision:
    """Count one request of ``key`` in ``scope`` against ``rate``: refused beyond the limit."""
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    retry_after = max(1, int((window + 1) * period - now))
    backend = cache()
    if isinstance(backend, DatabaseCache):
        count = _database_hit(backend, _counter_name(scope, key, period, window), period)
        return Decision(count <= limit, count, limit, retry_after)
    name = _hashed(f"{scope}|{key}|{period}|{window}")
    with _reachable(), locked(name):
        # The counter exists for every hit but the first of a window: incremented first, since
        # a refused add() costs the database cache a failed INSERT and a rollback.
        try:
            count = backend.incr(name)
        except ValueError:  # the window's first hit, or its counter expired
            if backend.add(name, 1, timeout=period + 60):
                count = 1
            else:  # another process counted first (backends without the lock)
                count = backend.incr(name)
    return Decision(count <= limit, count, limit, retry_after)


def _counter_name(scope: str, key: str, period: int, window: int) -> str:
    # "count|…": never the name of a pickled value written by the cache's own set() or incr()
    # (as counters were before they were upserted), which the upsert could not add one to.
    return _hashed(f"count|{scope}|{key}|{period}|{window}")


def _database_hit(backend: DatabaseCache, name: str, period: int) -> int:
    """One more hit of counter ``name`` in the database cache, in one atomic statement: its
    count after it. A counter found expired starts again at 1."""
    alias = router.db_for_write(backend.cache_model_class)
    connection = connections[alias]
    quote = connection.ops.quote_name
    table = quote(backend._table)
    now = timezone.now().replace(microsecond=0)
    expires = now + timedelta(seconds=period + 60)
    adapt = connection.ops.adapt_datetimefield_value
    key, value, expiry = quote("cache_key"), quote("value"), quote("expires")
    row = "VALUES (%s, '1', %s)"
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The statement is its own transaction: its commit need not wait for the disk (a
        # counter may lose its last hits in a crash; an application's commit still waits).
        row = "SELECT %s, '1', %s FROM (SELECT set_config('synchronous_commit', 'off', true)) AS s"
    sql = (
        f"INSERT INTO {table} ({key}, {value}, {expiry}) {row} "
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"{value} = CASE WHEN {table}.{expiry} < %s THEN '1' "
        f"ELSE CAST(CAST({table}.{value} AS INTEGER) + 1 AS TEXT) END, "
        f"{expiry} = CASE WHEN {table}.{expiry} < %s THEN %s ELSE {table}.{expiry} END "
        f"RETURNING {value}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [backend.make_and_validate_key(name), adapt(expires), adapt(now), adapt(now),
                  adapt(expires)],
        )  # fmt: skip
        count = int(cursor.fetchone()[0])
        if count == 1:  # a new row: keep the table within MAX_ENTRIES, as the cache's set() does
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            rows = cursor.fetchone()[0]
            if rows > backend._max_entries:
                backend._cull(alias, cursor, now, rows)
    return count


def state_get(key: str) -> dict:
    with _reachable():
        return cache().get(_hashed(key)) or {}


def state_set(key: str, value: dict, *, timeout: int) -> None:
    with _reachable():
        cache().set(_hashed(key), value, timeout=timeout)


def state_delete(key: str) -> None:
    with _reachable():
        cache().delete(_hashed(key))
