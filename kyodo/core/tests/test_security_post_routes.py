"""Every route of the URL configuration, POSTed to as the role it is for, on the demo.

- CSRF: without a token every POST is refused with the CSRF failure page (403), whatever the
  route; no view is exempt.
- Bad input: with a valid token, the fields of the route's own page filled with garbage (10,000
  characters, control characters, right-to-left overrides, emoji, huge numbers, impossible
  dates, an HTML file named .pdf) never give a 5xx, and a refusal (anything but a redirect)
  writes nothing: no audit entry, no queued mail.

Routes with a parameter use the demo samples of the accessibility test (and, for actions with no
page of their own, the sample of their sibling page); the rest get placeholders (the view then
answers 404 after its role check, which still tests CSRF and the absence of a 5xx).
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.crypto import get_random_string

from kyodo.core.middleware import HONEYPOT_FIELD
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.roles import Role

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("django-admin/", "api/")
DEMO_USERS = {
    str(Role.STAFF): "nishiguchi",
    str(Role.MEMBER): "kumada",
    str(Role.GROUP): "kazenokai",
}
PLACEHOLDERS = {"int": "999999", "str": "x", "slug": "x", "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12, "path": "x"}  # fmt: skip
PARAM_RE = re.compile(r"<(?:(\w+):)?(\w+)>")
FIELD_RE = re.compile(
    r"<(input|textarea|select)\b([^>]*?)\bname=\"([^\"]+)\"([^>]*)>", re.IGNORECASE | re.DOTALL
)

NASTY = [
    "x" * 10_000,
    "あ" * 10_000,
    "\x00\x07\x1b[31m",
    "\u202eevil\u202c",
    "😀👨‍👩‍👧" * 50,
    "مرحبا שלום Привет",
    "9" * 40,
    "-1",
    "2011-02-30",
    "平成99年99月99日",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "",
]
HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def all_routes() -> list[tuple[str, URLPattern]]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not route.startswith(SKIPPED_PREFIXES):
                if not route.startswith("^"):
                    yield "/" + route, pattern

    return sorted(walk(get_resolver().url_patterns), key=lambda r: r[0])


def sample_urls() -> dict[str, str | None]:
    from kyodo.website.tests.test_accessibility import app_samples, samples

    return samples() | app_samples()


def url_for(route: str, samples: dict[str, str | None]) -> str:
    if "<" not in route:
        return route
    if samples.get(route):
        return samples[route]
    # An action without a page of its own: take the parameter from a sibling route's sample.
    params = PARAM_RE.findall(route)
    if len(params) == 1:
        head = route[: route.index("<")] + route[route.index("<") : route.index(">") + 1]
        for other, url in samples.items():
            if url and other.startswith(head) and len(PARAM_RE.findall(other)) == 1:
                pattern = "^" + PARAM_RE.sub(r"([^/]+)", re.escape(other).replace(r"\<", "<").replace(r"\>", ">")) + "$"  # fmt: skip
                match = re.match(pattern, url)
                if match:
                    return PARAM_RE.sub(match.group(1), route)
    return PARAM_RE.sub(lambda m: PLACEHOLDERS[m.group(1) or "str"], route)


def role_of(pattern: URLPattern) -> str:
    roles = [str(r) for r in getattr(pattern.callback, "kyodo_roles", ())]
    return roles[0] if roles else "anonymous"


def client_for(role: str, django_user_model) -> Client:
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(django_user_model.objects.get(username=DEMO_USERS[role]))
    return client


def form_fields(html: str) -> list[tuple[str, bool]]:
    """(name, is a file input) for every field of the page, the CSRF token left out."""
    fields = []
    for tag, before, name, after in FIELD_RE.findall(html):
        if name in ("csrfmiddlewaretoken", HONEYPOT_FIELD):
            continue  # garbage in the honeypot would refuse every form before it is checked
        is_file = tag.lower() == "input" and re.search(r'type="file"', before + after) is not None
        fields.append((name, is_file))
    return list(dict.fromkeys(fields))


def garbage(fields: list[tuple[str, bool]], variant: int) -> dict:
    data: dict = {}
    for n, (name, is_file) in enumerate(fields):
        if is_file:
            data[name] = SimpleUploadedFile("規約.pdf", HTML_AS_PDF, content_type="application/pdf")
        else:
            data[name] = NASTY[(n + variant * 5) % len(NASTY)]
    return data


@pytest.fixture
def demo_routes(demo):
    samples = sample_urls()
    return [(route, pattern, url_for(route, samples)) for route, pattern in all_routes()]


def test_every_post_without_a_csrf_token_is_refused(demo_routes, django_user_model):
    assert len(demo_routes) > 50, "the URL walk is broken"
    accepted = []
    for route, pattern, url in demo_routes:
        client = client_for(role_of(pattern), django_user_model)
        response = client.post(url, {"name": "x"})
        if response.status_code == 405 and response.get("Allow") == "GET, HEAD, OPTIONS":
            continue  # public data (kyodo.api.opendata.public_data): nothing to write, a 405
        if response.status_code != 403 or "CSRF" not in response.text:
            accepted.append(f"{route} ({url}): {response.status_code}")
    assert accepted == []


def test_garbage_posted_to_every_route_gives_no_5xx_and_saves_nothing_when_refused(
    demo_routes, django_user_model
):
    server_errors, written = [], []
    for route, pattern, url in demo_routes:
        if route in ("/accounts/logout/",):
            continue
        role = role_of(pattern)
        client = client_for(role, django_user_model)
        page = client.get(url)
        if page.status_code >= 500:
            server_errors.append(f"GET {url}: {page.status_code}")
            continue
        fields = []
        if page.get("Content-Type", "").startswith("text/html"):
            fields = form_fields(page.content.decode("utf-8", "replace"))
        if not fields:
            fields = [("name", False), ("title", False), ("text", False)]
        # A CSRF cookie of our own (pages without a form set none); its secret is a valid token.
        token = get_random_string(32)
        client.cookies["csrftoken"] = token
        for variant in range(3):
            audit, outbox = AuditEntry.objects.count(), OutboxMessage.objects.count()
            data = garbage(fields, variant) | {"csrfmiddlewaretoken": token}
            response = client.post(url, data)
            if response.status_code >= 500:
                server_errors.append(
                    f"POST {url} ({route}) variant {variant}: {response.status_code}"
                )
            elif response.status_code != 302 and (
                AuditEntry.objects.count() != audit or OutboxMessage.objects.count() != outbox
            ):
                written.append(f"POST {url} variant {variant}: {response.status_code}")
            if role != "anonymous" and response.status_code == 302:
                # A sign-out or a role change must not end the sweep's session.
                client = client_for(role, django_user_model)
                client.cookies["csrftoken"] = token
    assert server_errors == []
    assert written == []
