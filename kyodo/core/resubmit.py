"""A form that creates a record is taken once, however often it is sent.

Pressing 保存 twice, or going back after saving and pressing it again, sent the same form twice
and made two consultations, two events or two inquiries, which staff cannot tell apart and the
monthly report counts twice. The pages of the views named in ``ONCE_PER_FORM`` (by URL name) get
a hidden field in each of their POST forms with an id of their own, new each time the page is
written; a POST carrying an id already taken is not run again: the person is sent back to the
page with a message, and nothing is saved. The id is taken when the POST begins (in the shared
``ratelimit`` cache: the database, or Redis with ``CACHE_URL``, so two hosts or two clicks at once
see the same), and given back when the POST does not end in a redirect (a form shown again with
its errors can be corrected and sent with the same id). A POST without the field (a page written
before this module, a test's client) is run as before.

The field is written outside the page cache (``ResubmitGuardMiddleware`` stands before it), so
each visitor of a cached page gets an id of their own.
"""

from __future__ import annotations

import logging
import re
import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kyodo.core.middleware import POST_FORM_RE

logger = logging.getLogger(__name__)

FIELD = "kyodo_form_id"

# The views whose POST creates a record (URL names).
ONCE_PER_FORM = frozenset(
    {
        "contact:form",
        "consultations-staff:create",
        "events-staff:event-create",
        "events-staff:application-add",
        "collaboration-staff:record-new",
        "committees-staff:index",
        "committees-staff:appointment-add",
        "committees-staff:item-add",
        "website-staff:news-new",
        # Pages whose forms post elsewhere, and the actions they post to: a note or an action
        # item added twice, a second round of circulation mail, a group's application mailed
        # twice for confirmation.
        "events-staff:event",
        "events-staff:note-add",
        "events-staff:guest-add",
        "committees-staff:item",
        "committees-staff:item-action",
        "committees-staff:minutes",
        "committees-staff:minutes-circulate",
        "collaboration-staff:calls",
        "collaboration-group:proposal-new",
        "organizations:apply",
    }
)

_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
_TAKEN_SECONDS = 7 * 24 * 3600  # a page left open for a week and sent again is still refused


def _view_name(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.view_name if match is not None else ""


_fixed_paths: dict[str, str] | None = None


def _cached_page_name(path: str) -> str:
    """The name of a view of ``ONCE_PER_FORM`` whose page has no parameters and is at ``path``
    (a page the cache served: no view ran, so no URL was resolved)."""
    global _fixed_paths
    if _fixed_paths is None:
        paths = {}
        for name in ONCE_PER_FORM:
            try:
                paths[reverse(name)] = name
            except NoReverseMatch:
                continue  # a page with parameters: staff pages, never cached
        _fixed_paths = paths
    return _fixed_paths.get(path, "")


def _with_ids(content: bytes) -> bytes:
    def field(match: re.Match) -> bytes:
        form_id = secrets.token_urlsafe(16)
        return match.group(0) + f'<input type="hidden" name="{FIELD}" value="{form_id}">'.encode()

    return POST_FORM_RE.sub(field, content)


class ResubmitGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        taken = getattr(request, "_kyodo_form_id", None)
        if taken is not None and response.status_code not in (301, 302, 303):
            from kyodo.core.ratelimit import cache

            try:
                cache().delete(taken)  # not saved: the same form may be sent again
            except Exception:
                logger.exception("resubmit guard: the form's id could not be given back")
        if (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and (_view_name(request) or _cached_page_name(request.path)) in ONCE_PER_FORM
        ):
            new = _with_ids(response.content)
            if new != response.content:
                response.content = new
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(new))
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method != "POST" or _view_name(request) not in ONCE_PER_FORM:
            return None
        form_id = request.POST.get(FIELD, "")
        if not _ID.fullmatch(form_id):
            return None
        from kyodo.core.ratelimit import cache

        key = f"form-sent:{form_id}"
        try:
            first = cache().add(key, 1, timeout=_TAKEN_SECONDS)
        except Exception:  # the shared cache cannot be reached (Redis down): take the form
            logger.exception("resubmit guard: the form's id could not be recorded")
            return None
        if first:
            request._kyodo_form_id = key
            return None
        messages.warning(
            request,
            _(
                "This form was sent already and has been saved once; sending it again saved "
                "nothing. Check the list for what you entered."
            ),
        )
        return HttpResponseRedirect(request.get_full_path())
