"""Middleware of Kyodo's own: the database-unavailable page, the guard of public forms (rate
limits per address, a honeypot field) and the sign-in delay page.

The public page cache is :class:`kyodo.core.cache.PublicPageCacheMiddleware`.
"""

from __future__ import annotations

import itertools
import logging
import math
import re

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kyodo.core.statements import is_stale_prepared_statement

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
    A statement a migration made stale (prepared before the upgrade's migration, before the
    web workers restart) gets the same page; its connection is replaced at the end of the
    request (``kyodo.core.statements.replace_after_stale_plans``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        return database_failure_response(request, exception)


def database_failure_response(request: HttpRequest, exception: Exception) -> HttpResponse | None:
    """The 503 page for a lost connection or a stale prepared statement, None for anything else
    (a bad query is a bug: the error page). For the view's exceptions (the middleware above) and
    for every other one (``handler500``, kyodo.core.views.public.server_error): a middleware's
    own read before the view, such as the rate limit's counter or the session, fails outside
    the view, and Django makes it its 500 page before any middleware sees it."""
    if is_stale_prepared_statement(exception):
        logger.warning(
            "statements prepared before a migration: %s %s: %s",
            request.method, request.path, exception,
        )  # fmt: skip
        return database_unavailable_response()
    if not isinstance(exception, DatabaseError) or not _is_connection_failure(exception):
        return None
    logger.warning("database unavailable: %s %s: %s", request.method, request.path, exception)
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
    return database_unavailable_response()


# --- public forms ------------------------------------------------------------------------------

# Areas where everyone is signed in and known: their forms are not limited per address.
SIGNED_IN_PREFIXES = ("/staff/", "/member/", "/group/", "/django-admin/", "/api/")
# Sign-in has its own growing delay (kyodo.core.signin); signing out is harmless.
UNLIMITED_PATHS = ("/accounts/login/", "/accounts/logout/")
HONEYPOT_FIELD = "kyodo_hp"
# The opening tag of a POST form in a page (the honeypot and kyodo.core.resubmit add fields after it).
POST_FORM_RE = re.compile(rb"<form\b[^>]*\bmethod=[\"']?post[\"']?[^>]*>", re.IGNORECASE)


def _is_public(request: HttpRequest) -> bool:
    return not request.path.startswith(SIGNED_IN_PREFIXES)


def _page(request, template: str, context: dict, status: int) -> HttpResponse:
    response = HttpResponse(render_to_string(template, context, request=request), status=status)
    response["Cache-Control"] = "no-store"
    return response


def too_many_requests(request: HttpRequest, *, message: str, retry_after: int) -> HttpResponse:
    """The Japanese 429 page: what happened and when to try again (``Retry-After`` too)."""
    response = _page(
        request,
        "429.html",
        {"message": message, "minutes": max(1, math.ceil(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


class PublicFormGuardMiddleware:
    """Every POST to a public page counts against a limit per client address, by URL name
    (``RATE_LIMITS``: ``{"organizations:apply": "10/h", …, "default": "30/h"}``); the steps its
    view declares to write nothing (``kyodo.core.ratelimit.counts_when``) count against a larger
    limit of their own (``kyodo.core.ratelimit.steps_limit``). Beyond a limit the answer is the
    Japanese 429 page and the view does not run. Every public page's POST
    forms get a honeypot field hidden from people (the ``hidden`` attribute; screen readers skip
    it too): a POST that fills it is refused with a Japanese 400 page and changes nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            _is_public(request)
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            self._add_honeypot(response)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method != "POST" or not _is_public(request):
            return None
        if request.POST.get(HONEYPOT_FIELD):
            logger.info("honeypot filled: %s", request.path)
            return _page(
                request,
                "core/public/refused.html",
                {},
                status=400,
            )
        if request.path in UNLIMITED_PATHS:
            return None
        from kyodo.core.ratelimit import address_key, client_address, counted, hit, steps_limit

        rates = settings.RATE_LIMITS
        name = request.resolver_match.view_name if request.resolver_match else ""
        step = not counted(request, view_func)
        if step:
            # A step that writes nothing (kyodo.core.ratelimit.counts_when): its own limit.
            scope, rate = steps_limit(name or request.path, rates)
        else:
            scope, rate = name or request.path, rates.get(name) or rates["default"]
        decision = hit(scope, address_key(client_address(request)), rate)
        if decision.allowed:
            return None
        logger.info("rate limit: %s %s (%s)", scope, request.path, decision.count)
        if step:
            message = _(
                "This form was checked or corrected many times from your connection in a short "
                "time, so this step was not accepted. Nothing has been sent yet."
            )
        else:
            message = _(
                "Many forms were sent from your connection in a short time, so this one was "
                "not accepted. Nothing was saved."
            )
        return too_many_requests(request, message=message, retry_after=decision.retry_after)

    def _add_honeypot(self, response: HttpResponse) -> None:
        content = response.content
        if b"<form" not in content and b"<FORM" not in content:
            return
        label = escape(_("Leave this field empty"))
        numbers = itertools.count(1)

        def field(match: re.Match) -> bytes:
            n = next(numbers)
            return (
                match.group(0)
                + (
                    f'<div class="kyodo-hp" hidden><label for="kyodo-hp-{n}">{label}</label>'
                    f'<input type="text" id="kyodo-hp-{n}" name="{HONEYPOT_FIELD}" value="" '
                    f'tabindex="-1" autocomplete="off"></div>'
                ).encode()
            )

        new = POST_FORM_RE.sub(field, content)
        if new != content:
            response.content = new
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(new))


# The largest id a database column holds (a signed 64-bit integer).
LARGEST_ID = 2**63 - 1


class IdRangeMiddleware:
    """An id in a URL beyond what the database holds names nothing: the 404 page. (Django's
    ``<int:…>`` takes any number of digits; SQLite raises OverflowError on such a number in a
    query, a 500 from a typed address.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if type(value) is int and not -LARGEST_ID <= value <= LARGEST_ID:
                raise Http404
        return None


class SigninDelayMiddleware:
    """A sign-in refused during its delay (:mod:`kyodo.core.signin`) becomes the 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        from kyodo.core.signin import REQUEST_MARK

        wait = getattr(request, REQUEST_MARK, 0)
        if not wait:
            return response
        return too_many_requests(
            request,
            message=_(
                "Sign-in was tried several times without the right password, so it is paused "
                "for %(seconds)s seconds. Please wait and try again; nothing is locked for "
                "longer than that."
            )
            % {"seconds": wait},
            retry_after=wait,
        )


def _procedure_start(path: str) -> str:
    """The nearest address above ``path`` that names a page (``/staff/groups/import/confirm/`` →
    ``/staff/groups/import/``), or ""."""
    from django.urls import Resolver404, resolve

    parts = [part for part in path.split("/") if part]
    while parts:
        parts.pop()
        candidate = "/" + "".join(part + "/" for part in parts)
        try:
            resolve(candidate)
        except Resolver404:
            continue
        return candidate
    return ""


class MethodNotAllowedPageMiddleware:
    """Django answers a GET to a view that only takes a form's POST (``require_POST``) with an
    empty 405: a clerk who reloads a confirmation step or opens it from the history sees a blank
    page. The answer stays 405 (its ``Allow`` header kept) with a page in Japanese saying why
    and where the procedure starts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != 405
            or request.method == "HEAD"
            or response.streaming
            or response.content
        ):
            return response
        page = _page(request, "405.html", {"start": _procedure_start(request.path)}, status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page


class PrivatePagesMiddleware:
    """``Cache-Control: private, no-store`` on every page that may hold personal data: the
    staff, member and group areas (consultations, applicants, exports …) and any page a signed-in
    person gets, unless the view chose a header itself. Browsers and proxies then keep no copy
    (a shared computer's back button, a proxy's cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and getattr(user, "is_authenticated", False)
        if (signed_in or not _is_public(request)) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
