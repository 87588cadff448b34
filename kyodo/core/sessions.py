"""Sessions that do not eat work.

Staff sessions end after ``SESSION_IDLE_MINUTES`` without a request (a signed-in office computer
left alone); the staff pages warn a few minutes before (``core/idle.js``). A form sent after the
end is not lost: its fields are kept in the (new, anonymous) session as a *draft* for the path it
was sent to, the person signs in again, lands back on the page the form was on and the form is
filled in again (``core/staff.js`` reads the draft the page carries); they look and press the
button again. Nothing is replayed as an action: a kept "delete" is only a form shown again.

The page the form was on is the one the browser names (``Referer``, same site only), else the
form's own address when it answers GET. Many buttons post to an address that only takes POST
(``/staff/events/1/status/publish/``): signing in and landing there would be a 405. A button
without fields (送付, 公開, 中止 …) has nothing to keep; the person lands on the page with a
message to press it again.

The same keeps the text of a form refused by the CSRF check when it came from this site's own
page (a tab left open across a sign-out); a cross-site POST is never kept.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from kyodo.core.middleware import HONEYPOT_FIELD
from kyodo.core.resubmit import FIELD as FORM_ID_FIELD
from kyodo.core.roles import Role, has_role

SEEN_KEY = "kyodo_seen"
DRAFT_KEY = "kyodo_draft"
# A button sent after the end, with nothing to keep: the page to say "press it again" on.
PRESS_AGAIN_KEY = "kyodo_press_again"
# Refresh the stored time at most this often, so most requests do not write the session.
SEEN_RESOLUTION_SECONDS = 30
# A draft larger than this is not kept (minutes of a whole meeting are far below it).
MAX_DRAFT_CHARS = 500_000
# A draft is offered back for this long after it was kept.
DRAFT_SECONDS = 24 * 60 * 60
DRAFT_PATH_PREFIXES = ("/staff/",)
PRIVATE_PREFIXES = ("/staff/", "/member/", "/group/", "/accounts/password/")
# Fields never kept: the CSRF token is replaced at sign-in, passwords are never stored, and
# the form's one-time id (kyodo.core.resubmit) and honeypot are the page's, not typed.
SKIPPED_FIELDS = {
    "csrfmiddlewaretoken",
    FORM_ID_FIELD,
    HONEYPOT_FIELD,
    "password",
    "old_password",
    "new_password1",
    "new_password2",
}


def idle_seconds() -> int:
    return settings.SESSION_IDLE_MINUTES * 60


def answers_get(path: str) -> bool:
    """Whether this site's ``path`` is a page (a view that takes GET), not an action that only
    takes POST (``require_POST``)."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    view_class = getattr(match.func, "view_class", None)
    if view_class is not None:
        return "get" in view_class.http_method_names and hasattr(view_class, "get")
    func = match.func
    while func is not None:
        # Django's require_http_methods keeps the allowed methods in its wrapper's closure.
        code, closure = getattr(func, "__code__", None), getattr(func, "__closure__", None)
        if code is not None and closure:
            cells = dict(zip(code.co_freevars, closure, strict=False))
            if "request_method_list" in cells:
                return "GET" in cells["request_method_list"].cell_contents
        func = getattr(func, "__wrapped__", None)
    return True


def _referring_page(request) -> str | None:
    """The path and query of this site's page the browser says the request came from."""
    referer = request.headers.get("Referer") or ""
    host = request.get_host()
    for scheme in ("http", "https"):
        origin = f"{scheme}://{host}"
        if referer == origin or referer.startswith(origin + "/"):
            parts = urlsplit(referer[len(origin) :])
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return None


def form_page(request) -> str:
    """Where a form sent to ``request.path`` was shown (path and query): the referring page of
    this site, else the form's own address if it is a page, else the nearest page above it
    (``/staff/events/1/`` for ``/staff/events/1/status/publish/``), else the home page."""
    referring = _referring_page(request)
    if referring is not None:
        path = urlsplit(referring).path
        if path != resolve_url(settings.LOGIN_URL) and answers_get(path):
            return referring
    path = request.path
    while path not in ("", "/"):
        if answers_get(path):
            return path
        path = path.rstrip("/").rsplit("/", 1)[0] + "/"
    return "/"


def keep_draft(request, *, user_id: int | None = None, page: str | None = None) -> bool:
    """Keep the fields of this POST in the session for its path; True when kept. The draft is
    given back on ``page`` (default: :func:`form_page`), where the form it fills in is."""
    path = request.path
    if request.method != "POST" or not path.startswith(DRAFT_PATH_PREFIXES):
        return False
    fields = {
        name: values
        for name, values in request.POST.lists()
        if name not in SKIPPED_FIELDS and "password" not in name
    }
    if not fields or sum(len(v) for values in fields.values() for v in values) > MAX_DRAFT_CHARS:
        return False
    request.session[DRAFT_KEY] = {
        "path": path,
        "page": urlsplit(page or form_page(request)).path,
        "fields": fields,
        "user": user_id,
        "at": int(time.time()),
        "files": bool(request.FILES),
    }
    return True


def _own(kept: dict, request) -> bool:
    """Whether what was kept is for the signed-in person and still fresh."""
    return kept.get("user") in (None, request.user.pk) and (
        time.time() - kept.get("at", 0) <= DRAFT_SECONDS
    )


def take_draft(request) -> dict | None:
    """The draft kept for this page (and its signed-in user), removed from the session."""
    if not hasattr(request, "session"):
        return None
    draft = request.session.get(DRAFT_KEY)
    if not draft or request.method != "GET":
        return None
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return None
    if draft.get("page", draft["path"]) != request.path:
        return None
    del request.session[DRAFT_KEY]
    if not _own(draft, request):
        return None
    return draft


def same_origin(request) -> bool:
    """Whether the browser says the request came from one of this site's pages."""
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    host = request.get_host()
    return any(
        origin == f"{scheme}://{host}" or origin.startswith(f"{scheme}://{host}/")
        for scheme in ("http", "https")
    )


def expired_login_redirect(request, *, user_id: int | None = None):
    """Send someone whose session ended to the sign-in page, keeping what they sent; after
    signing in they land on the page the form was on (never on an action that only takes POST)."""
    page = form_page(request)
    if keep_draft(request, user_id=user_id, page=page):
        messages.info(
            request,
            _(
                "Your session had ended, so nothing was saved. Sign in again: the form will be"
                " filled in with what you typed."
            ),
        )
    elif request.method == "POST" and request.path.startswith(DRAFT_PATH_PREFIXES):
        # A button (送付, 公開 …): nothing to keep, and nothing was done.
        request.session[PRESS_AGAIN_KEY] = {
            "page": urlsplit(page).path,
            "user": user_id,
            "at": int(time.time()),
        }
        messages.info(
            request,
            _(
                "Your session had ended, so nothing was done. Sign in again: you will be taken"
                " back to the page, where you can press the button again."
            ),
        )
    return redirect_to_login(page)


def _ask_to_press_again(request) -> None:
    """On the page a signed-in person lands on after a button sent too late: say so."""
    pressed = request.session.get(PRESS_AGAIN_KEY)
    if pressed and pressed["page"] == request.path:
        del request.session[PRESS_AGAIN_KEY]
        if _own(pressed, request):
            messages.info(
                request,
                _(
                    "You had been signed out, so the button you pressed did nothing. Check the"
                    " page and press it again."
                ),
            )


def _to_the_forms_page(request, response):
    """A kept draft's own address that only takes POST (the CSRF page links to it): the page
    the form was on instead of a 405."""
    draft = request.session.get(DRAFT_KEY)
    if draft and draft["path"] == request.path and draft.get("page", request.path) != request.path:
        return HttpResponseRedirect(draft["page"])
    return response


def mark_signed_in(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: the idle clock starts at sign-in (so the first page after it
    does not write the session again)."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Ends a staff session after ``SESSION_IDLE_MINUTES`` without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and has_role(user, Role.STAFF):
            now = int(time.time())
            seen = request.session.get(SEEN_KEY)
            if seen is not None and now - seen > idle_seconds():
                user_id = user.pk
                logout(request)
                if request.path.startswith(PRIVATE_PREFIXES):
                    if request.method == "POST":
                        return expired_login_redirect(request, user_id=user_id)
                    messages.info(request, _("You were signed out after a period of inactivity."))
                    return redirect_to_login(request.get_full_path())
                # A public page goes on, for a visitor who is no longer signed in.
            elif seen is None or now - seen >= SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_KEY] = now
        signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
        if signed_in and request.method == "GET":
            _ask_to_press_again(request)
        response = self.get_response(request)
        if response.status_code == 405 and signed_in and request.method == "GET":
            return _to_the_forms_page(request, response)
        return response
