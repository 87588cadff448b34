"""axe-core (WCAG 2.0 A and AA rules) on every page without parameters, and on sample pages of
every kind that takes one, in Debian's chromium: 0 violations."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import URLPattern, URLResolver, get_resolver

from kyodo.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
# Not HTML pages, or actions reached only by POST.
SKIP = re.compile(
    r"(feed/|\.xml$|\.txt$|\.csv$|\.ics$|\.pdf$|\.docx$|\.xlsx$|export|download|logout|"
    r"django-admin/|api/|/resend/$|/attach/$)"
)


def parameterless_routes() -> list[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "<" not in route and not route.startswith("^"):
                yield "/" + route

    return sorted({r for r in walk(get_resolver().url_patterns) if not SKIP.search(r)})


def sample_routes() -> list[str]:
    """One page of each kind that takes a parameter, from the demo data."""
    from kyodo.website.models import NewsPost

    routes = [f"/news/{NewsPost.objects.published().first().pk}/"]
    return routes


def violations(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_every_page_passes_axe(page, demo, make_user):
    make_user("axe-admin", superuser=True)
    found = []
    public = [
        r for r in parameterless_routes() if not r.startswith(("/staff/", "/member/", "/group/"))
    ]
    for url in public:
        found += violations(page, url)

    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("axe-admin")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/staff/")
    for url in [r for r in parameterless_routes() if r not in public] + sample_routes():
        found += violations(page, url)
    assert found == []


def test_axe_reports_a_planted_violation(page, demo):
    # The check above must be able to fail: an unlabelled input is reported.
    page.goto("/")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert "label" in {v["id"] for v in results.response["violations"]}
