"""A cache of anonymous public pages, emptied by any write to the database.

What is cached: GET requests for public HTML pages from visitors without a session (cookies
other than the CSRF and language cookies send the request past the cache), with no query string
or only a whitelisted one (``page``, ``fiscal_year``, ``year``), answered 200 with
``text/html``, without ``Cache-Control: private/no-cache/no-store`` (``never_cache`` views), without
a new session or message, and outside the staff, member and group areas, the API, sign-in and
search.

Invalidation: every INSERT, UPDATE, DELETE or TRUNCATE the application sends to the database,
except on tables no public page shows (sessions, rate-limit counters, the audit log, the outbox,
submissions waiting for confirmation, queued tasks), moves a *generation* on. The generation is part of every cache key, so a page
cached before the write is never served after it. Writes are seen with a database execute
wrapper rather than model signals, because services also write with ``QuerySet.update()``,
which sends no signal. The generation has two parts: the process's own, moved at every write
(this process sees its uncommitted writes, so its pages are stale at once; a ``ROLLBACK TO
SAVEPOINT`` moves it too), and the shared one, moved when the write is committed (the other
processes cannot see it before; moving it earlier would let them cache the old page under the
new generation).

Where the generation lives. On one host (no ``CACHE_URL``): a small file under ``VAR_DIR`` shared
by every process on the machine (gunicorn workers, the task worker, management commands); reading
it costs about 50 µs, moving it about 20 µs, once per committed transaction: 16 new random hex
digits are written over the old ones in place (no temporary file and rename, which cost about
1.3 ms; no fsync, as before: after a crash the cached pages are gone too). The file is never
truncated and always the same length, so a reader sees the old value, the new one or, while
the write is under way, a mix of both; a mix is read only after the commit whose bump is being
written, so the page cached under it is fresh, and no later generation is that mix again (64
random bits). Truncating first would be wrong: the empty value would recur at every bump.

On several hosts (``CACHE_URL=redis://…``): a key in Redis, read with one round trip per
cacheable request and moved with one SET per committed transaction, so a write on one host
makes the pages of every host stale; the pages themselves are then in Redis too. If Redis cannot
be reached, requests go past the page cache (rendered, never stale) and the failure is logged.
The pages are in the ``pages`` cache of ``settings.CACHES``; entries also expire after its
``TIMEOUT``, which bounds how late a page follows the clock (an application period that opens).

Only committed data is cached: a request served inside an open transaction (which happens in
tests, where each test runs in a transaction that is rolled back) goes past the cache.

CSRF: a cached page's form carries a placeholder instead of the token; each visitor gets the
page with a token of their own, and the CSRF middleware sets their cookie as for any page.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import logging
import os
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_TOKEN_LENGTH,
    _unmask_cipher_token,
    get_token,
)

CACHE_ALIAS = "pages"
# With CACHE_URL, the generation is this key of the shared cache (Redis).
GENERATION_ALIAS = "ratelimit"
GENERATION_KEY = "page-generation"

logger = logging.getLogger("kyodo.core")

# Areas with personal or role-dependent content, and anything not an HTML page for everyone.
EXCLUDED_PREFIXES = (
    "/staff/",
    "/member/",
    "/group/",
    "/accounts/",
    "/api/",
    "/django-admin/",
    "/search/",
    "/static/",
    "/media/",
    "/healthz",
)
# Query parameters that only choose which public page to show; short values only.
QUERY_WHITELIST = {"page", "fiscal_year", "year"}
MAX_QUERY_VALUE = 20
# Cookies that do not change a public page (the language is part of the key).
HARMLESS_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}

# Tables whose writes no public page shows: writing them leaves the generation alone.
_QUIET_TABLE_PREFIXES = ("django_session", "axes_", "django_tasks", "django_migrations")
_QUIET_TABLES = {
    "core_auditentry",
    "core_outboxmessage",
    "core_pendingsubmission",
    "kyodo_ratelimit",
}

_WRITE_RE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[`"]?(\w+)',
    re.IGNORECASE,
)
_ALWAYS_RE = re.compile(r"\s*(?:TRUNCATE|ROLLBACK\s+TO)\b", re.IGNORECASE)
# A statement with a WITH clause (PostgreSQL's data-modifying CTEs, as
# kyodo.core.statements.insert_together writes): each of its parts that writes, the clauses'
# ``name AS (INSERT …)`` and the statement after them.
_WITH_RE = re.compile(r"\s*WITH\b", re.IGNORECASE)
_WRITE_IN_WITH_RE = re.compile(
    r'(?:\bAS|\))\s*\(?\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE
)

_PLACEHOLDER = b"%%kyodo-csrf-token%%"
_TOKEN_CHARS = re.escape(CSRF_ALLOWED_CHARS.encode())
# A masked CSRF token: exactly CSRF_TOKEN_LENGTH token characters, not part of a longer run.
_TOKEN_RE = re.compile(
    rb"(?<!["
    + _TOKEN_CHARS
    + rb"])["
    + _TOKEN_CHARS
    + rb"]{%d}(?![" % CSRF_TOKEN_LENGTH
    + _TOKEN_CHARS
    + rb"])"
)


# --- the generation ----------------------------------------------------------------------------


# Tables with a generation of their own besides the page generation, for values read from them
# alone (``kyodo.core.memo.until_next_write(..., table=…)``): such a value outlives the writes to
# every other table. The center's row, which every page and mail shows, is written a few times a
# year; in a rush of applications every request is a write.
OWN_GENERATION_TABLES = ("core_center",)
_ALL_GENERATIONS = ("", *OWN_GENERATION_TABLES)


def _generation_key(table: str) -> str:
    """The Redis key of the page generation, or of ``table``'s own (with CACHE_URL)."""
    return f"{GENERATION_KEY}:{table}" if table else GENERATION_KEY


def generation_path(table: str = "") -> Path:
    """The file of the page generation, or of ``table``'s own."""
    return Path(_generation_file(str(settings.VAR_DIR), table))


@functools.cache
def _generation_file(var_dir: str, table: str) -> str:
    # A string made once: building the Path cost more than reading the file it names, several
    # times a page.
    return os.path.join(var_dir, "page-cache-generation" + (f"-{table}" if table else ""))


_local_generation = itertools.count()
_local_value = dict.fromkeys(_ALL_GENERATIONS, 0)


def _bump_local(table: str = "") -> None:
    _local_value[table] = next(_local_generation) + 1


def _shared_store():
    """The shared cache holding the generation, or None on one host (the file)."""
    return caches[GENERATION_ALIAS] if settings.CACHE_URL else None


def current_generation(table: str = "") -> str:
    """The shared generation (the file, or Redis with CACHE_URL) and this process's own (writes
    not yet committed): the page generation, or ``table``'s own (one of OWN_GENERATION_TABLES)."""
    store = _shared_store()
    if store is not None:
        key = _generation_key(table)
        shared = store.get(key)
        if shared is None:
            # Redis restarted or evicted the key: a new random generation, never an old one.
            store.add(key, secrets.token_hex(8), timeout=None)
            shared = store.get(key) or "0"
    else:
        # os.open and os.read: a quarter of the time of open() and its buffered file object,
        # read several times by every page (kyodo.core.memo).
        try:
            fd = os.open(_generation_file(str(settings.VAR_DIR), table), os.O_RDONLY)
        except FileNotFoundError:
            shared = "0"
        else:
            try:
                shared = os.read(fd, 64).decode("ascii", "replace")
            finally:
                os.close(fd)
    return f"{shared}.{_local_value[table]}"


def bump_generation(table: str = "") -> None:
    """Make every cached page stale (or what was kept of ``table``), in every process of this
    machine (of every host with CACHE_URL)."""
    store = _shared_store()
    if store is not None:
        try:
            store.set(_generation_key(table), secrets.token_hex(8), timeout=None)
        except Exception:
            # The write is committed already; the pages cached elsewhere expire after
            # PAGE_CACHE_SECONDS at most. Worth an alert, not an error page.
            logger.exception("page cache: could not move the shared generation in Redis")
        return
    # In place, without truncating: see "Where the generation lives" in the module's doc.
    path = generation_path(table)
    value = secrets.token_hex(8).encode()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        os.pwrite(fd, value, 0)
    finally:
        os.close(fd)


def _generations_moved(sql: str) -> tuple[str, ...]:
    """The generations a statement moves: none, the page generation ("") or also its tables'."""
    if _ALWAYS_RE.match(sql):
        return _ALL_GENERATIONS
    if _WITH_RE.match(sql):
        moved = {
            generation
            for match in _WRITE_IN_WITH_RE.finditer(sql)
            for generation in _table_generations(match.group(1))
        }
        return tuple(g for g in _ALL_GENERATIONS if g in moved)
    match = _WRITE_RE.match(sql)
    if match is None:
        return ()
    return _table_generations(match.group(1))


def _table_generations(table: str) -> tuple[str, ...]:
    table = table.lower()
    if table in _QUIET_TABLES or table.startswith(_QUIET_TABLE_PREFIXES):
        return ()
    return ("", table) if table in OWN_GENERATION_TABLES else ("",)


# What moves each shared generation once the transaction commits (one hook per transaction).
_BUMPERS = {"": bump_generation} | {
    table: functools.partial(bump_generation, table) for table in OWN_GENERATION_TABLES
}


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str):
        for table in _generations_moved(sql):
            # This process sees the write at once (its own pages are stale now); the other
            # processes can only see it once it is committed, so the shared file moves then.
            _bump_local(table)
            connection = context["connection"]
            bump = _BUMPERS[table]
            if not connection.in_atomic_block:
                bump()
            elif not any(func is bump for _, func, _ in connection.run_on_commit):
                transaction.on_commit(bump, using=connection.alias)
    return result


def _install_on(connection) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def _on_connection_created(sender, connection, **kwargs) -> None:
    _install_on(connection)


def install() -> None:
    """Watch the writes of every database connection of this process (idempotent)."""
    connection_created.connect(_on_connection_created, dispatch_uid="kyodo-page-cache")
    for connection in connections.all(initialized_only=True):
        _install_on(connection)


# --- the middleware ----------------------------------------------------------------------------


def page_cache():
    try:
        return caches[CACHE_ALIAS]
    except InvalidCacheBackendError:
        return None


def _query_key(request: HttpRequest) -> str | None:
    """The normalized query string, or None when it makes the page uncacheable."""
    if not request.META.get("QUERY_STRING"):
        return ""
    parts = []
    for name, values in sorted(request.GET.lists()):
        if name not in QUERY_WHITELIST or len(values) != 1 or len(values[0]) > MAX_QUERY_VALUE:
            return None
        parts.append(f"{name}={values[0]}")
    return "&".join(parts)


def cache_key(request: HttpRequest) -> str | None:
    """The key of this request's page, or None when the request must not use the cache."""
    if request.method != "GET" or request.path.startswith(EXCLUDED_PREFIXES):
        return None
    if any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        # Inside an open transaction (in tests: Django wraps each test in one and rolls it back)
        # a page may show what is never committed: it is neither served nor kept.
        return None
    if set(request.COOKIES) - HARMLESS_COOKIES:
        return None
    query = _query_key(request)
    if query is None:
        return None
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    # The address as a digest: a whitelisted value may still hold spaces or control characters
    # (「?page= 1 」), which memcached refuses in a key and Django warns of on every request.
    address = hashlib.blake2b(
        f"{request.scheme}://{request.get_host()}{request.path}?{query}".encode(),
        digest_size=16,
    ).hexdigest()
    return f"page:{current_generation()}:{language}:{address}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage.added_new or storage._queued_messages):
        return False
    return True


def _without_tokens(request: HttpRequest, content: bytes) -> bytes | None:
    """The page with its CSRF tokens replaced by the placeholder (None if one is foreign)."""
    secret = request.META.get("CSRF_COOKIE")

    def replace(match: re.Match) -> bytes:
        token = match.group(0).decode()
        if secret and _unmask_cipher_token(token) == secret:
            return _PLACEHOLDER
        return match.group(0)

    return _TOKEN_RE.sub(replace, content)


class PublicPageCacheMiddleware:
    """Serves anonymous public pages from the ``pages`` cache (see the module's doc string).

    Sits after the CSRF, authentication and message middleware, so that the CSRF middleware
    sets the visitor's own cookie on a cached page and the request's user and messages are known
    when a page is stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cache = page_cache()
        try:
            key = cache_key(request) if cache is not None else None
            cached = cache.get(key) if key is not None else None
        except Exception:  # Redis unreachable: render the page, never serve a stale one
            logger.exception("page cache unavailable")
            return self.get_response(request)
        if key is None:
            return self.get_response(request)
        if cached is not None:
            return self._from_cache(request, cached)
        response = self.get_response(request)
        if _storable(request, response):
            content = _without_tokens(request, response.content)
            headers = {k: v for k, v in response.items() if k.lower() != "set-cookie"}
            try:
                cache.set(key, (content, headers))
            except Exception:
                logger.exception("page cache unavailable")
        return response

    def _from_cache(self, request: HttpRequest, cached) -> HttpResponse:
        content, headers = cached
        if _PLACEHOLDER in content:
            content = content.replace(_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=200)
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(content))
        return response
