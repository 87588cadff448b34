"""Sessions that do not eat work.

Staff sessions end after ``SESSION_IDLE_MINUTES`` without a request (a signed-in office computer
left alone); the staff pages warn a few minutes before (``core/idle.js``). A form sent after the
end is not lost: its fields are kept in the (new, anonymous) session as a *draft* for the path it
was sent to, the person signs in again, lands back on that page and the form is filled in again
(``core/draft.js`` reads the draft the page carries); they look and press the button again.
Nothing is replayed as an action: a kept "delete" is only a form shown again.

The same keeps the text of a form refused by the CSRF check when it came from this site's own
page (a tab left open across a sign-out); a cross-site POST is never kept.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from kyodo.core.roles import Role, has_role

SEEN_KEY = "kyodo_seen"
DRAFT_KEY = "kyodo_draft"
# Refresh the stored time at most this often, so most requests do not write the session.
SEEN_RESOLUTION_SECONDS = 30
# A draft larger than this is not kept (minutes of a whole meeting are far below it).
MAX_DRAFT_CHARS = 500_000
# A draft is offered back for this long after it was kept.
DRAFT_SECONDS = 24 * 60 * 60
DRAFT_PATH_PREFIXES = ("/staff/",)
PRIVATE_PREFIXES = ("/staff/", "/member/", "/group/", "/accounts/password/")
# Fields never kept: the CSRF token is replaced at sign-in, passwords are never stored.
SKIPPED_FIELDS = {
    "csrfmiddlewaretoken",
    "password",
    "old_password",
    "new_password1",
    "new_password2",
}


def idle_seconds() -> int:
    return settings.SESSION_IDLE_MINUTES * 60


def keep_draft(request, *, user_id: int | None = None) -> bool:
    """Keep the fields of this POST in the session for its path; True when kept."""
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
        "fields": fields,
        "user": user_id,
        "at": int(time.time()),
        "files": bool(request.FILES),
    }
    return True


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
    if draft["path"] != request.path:
        return None
    del request.session[DRAFT_KEY]
    if draft.get("user") not in (None, user.pk):
        return None
    if time.time() - draft.get("at", 0) > DRAFT_SECONDS:
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
    """Send someone whose session ended to the sign-in page, keeping what they sent."""
    if keep_draft(request, user_id=user_id):
        messages.info(
            request,
            _(
                "Your session had ended, so nothing was saved. Sign in again: the form will be"
                " filled in with what you typed."
            ),
        )
        return redirect_to_login(request.path)
    return redirect_to_login(request.get_full_path())


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
        return self.get_response(request)
