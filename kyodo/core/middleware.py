"""Middleware of Kyodo's own: the database-unavailable page.

The public page cache is :class:`kyodo.core.cache.PublicPageCacheMiddleware`.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger("kyodo.core")

RETRY_AFTER_SECONDS = 30


def database_unavailable_response() -> HttpResponse:
    """A 503 page that needs nothing from the database (no center name, no base template)."""
    title = escape(_("The service is temporarily unavailable"))
    text = escape(
        _(
            "The database cannot be reached for the moment, so nothing was saved. "
            "Please wait a little and try again."
        )
    )
    language = escape(get_language() or "ja")
    html = (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main>"
        f"</body></html>"
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _is_connection_failure(exc: BaseException) -> bool:
    """True for "the database is not there" (restart, network), not for a bad query."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    # SQLite reports a locked or missing table as OperationalError too: that is a bug, a 500.
    message = str(exc).lower()
    if "no such table" in message or "no such column" in message or "syntax error" in message:
        return False
    return True


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection into a 503 page in the visitor's language.

    A view that loses its connection (PostgreSQL restarting, the network gone) raises
    ``OperationalError`` or ``InterfaceError``; its transaction is rolled back by the database,
    so nothing is half-written, and the visitor is told to try again instead of seeing the
    generic error page. The broken connection is closed so the next request opens a new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DatabaseError) or not _is_connection_failure(exception):
            return None
        logger.warning("database unavailable: %s %s: %s", request.method, request.path, exception)
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()
        return database_unavailable_response()
