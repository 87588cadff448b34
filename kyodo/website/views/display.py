from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kyodo.website import display


@require_POST
def display_settings(request):
    # The switches in the header post here when the site's script does not run (or for
    # ふりがな, which the server renders); the visitor comes back to the page they were on.
    response = HttpResponseRedirect(_next(request))
    for name, cookie, choices in (
        ("size", display.SIZE_COOKIE, display.SIZES),
        ("contrast", display.CONTRAST_COOKIE, display.CONTRASTS),
        ("ruby", display.RUBY_COOKIE, [("on", ""), ("off", "")]),
    ):
        value = request.POST.get(name)
        if value is None or value not in {c for c, _label in choices}:
            continue
        if value in ("normal", "off"):
            response.delete_cookie(cookie, samesite="Lax")
        else:
            response.set_cookie(
                cookie,
                value,
                max_age=display.COOKIE_MAX_AGE,
                samesite="Lax",
                secure=request.is_secure(),
            )
    return response


def _next(request) -> str:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("website:home")
