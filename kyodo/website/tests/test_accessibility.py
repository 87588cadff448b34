"""axe-core (WCAG 2.0 A and AA rules) on every page, in Debian's chromium: 0 violations.

Pages without parameters are found by walking the URL configuration; for every page that takes
one, a sample from the demo is listed below, and a test fails if a new kind of page is missing
from that list. Each area is visited as the role it is for.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import URLPattern, URLResolver, get_resolver

from kyodo.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
# Not HTML pages, or actions reached only by POST.
NOT_PAGES = re.compile(
    r"(feed/|\.xml$|\.txt$|\.csv$|\.ics$|report\.<|/export/|/bylaws/|download|logout|healthz|"
    r"django-admin/|api/|/resend/$|/attach/$|/approve/$|/return/$|/reject/$|/status/|/remove/$|"
    r"/cancel/$|/circulate/$|/notice/$|/next/$|/resolve/$|<str:change>|/decision/$|"
    r"/requests/$|/documents/$|attachments/|/revise/$|import/confirm/$|/password/)"
)


def all_routes() -> list[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not route.startswith("^"):
                yield route

    return sorted({"/" + r for r in walk(get_resolver().url_patterns) if not NOT_PAGES.search(r)})


def samples() -> dict[str, str]:
    """A real URL from the demo for each route that takes a parameter."""
    from kyodo.committees.models import (
        AgendaItem,
        CirculationRecipient,
        Meeting,
        Minutes,
        MinutesEntry,
    )
    from kyodo.consultations.models import Consultation
    from kyodo.core.models import OutboxMessage
    from kyodo.events.models import Event, EventSeries, Guest
    from kyodo.organizations.models import Organization
    from kyodo.website.models import NewsPost

    event = Event.objects.filter(status="published").first()
    group = Organization.objects.filter(status="registered").first()
    consultation = Consultation.objects.first()
    meeting = Meeting.objects.get(date="2011-01-18")
    minutes = Minutes.objects.filter(status="confirmed").first()
    item = AgendaItem.objects.filter(meeting=meeting).first()
    return {
        "/<slug:slug>/": "/about/",
        "/news/<int:pk>/": f"/news/{NewsPost.objects.published().first().pk}/",
        "/groups/<int:pk>/": f"/groups/{group.pk}/",
        "/events/<int:pk>/": f"/events/{event.pk}/",
        "/committee/minutes/<int:pk>/": f"/committee/minutes/{minutes.pk}/",
        "/committee/check/<str:token>/": f"/committee/check/{CirculationRecipient.objects.first().token}/",
        "/groups/apply/<int:pk>/<str:token>/": None,  # a one-time link held only by its applicant
        "/events/applications/<str:token>/cancel/": None,  # covered below as POST-only action
        "/staff/groups/<int:pk>/": f"/staff/groups/{group.pk}/",
        "/staff/events/<int:pk>/": f"/staff/events/{event.pk}/",
        "/staff/events/<int:pk>/edit/": f"/staff/events/{event.pk}/edit/",
        "/staff/events/<int:pk>/guests/new/": f"/staff/events/{event.pk}/guests/new/",
        "/staff/events/guests/<int:pk>/edit/": f"/staff/events/guests/{Guest.objects.first().pk}/edit/",
        "/staff/events/<int:pk>/applications/new/": f"/staff/events/{event.pk}/applications/new/",
        "/staff/events/<int:pk>/attendance/": f"/staff/events/{event.pk}/attendance/",
        "/staff/events/<int:pk>/notes/new/": f"/staff/events/{event.pk}/notes/new/",
        "/staff/events/series/<int:pk>/edit/": f"/staff/events/series/{EventSeries.objects.first().pk}/edit/",
        "/staff/consultations/<int:pk>/": f"/staff/consultations/{consultation.pk}/",
        "/staff/consultations/<int:pk>/edit/": f"/staff/consultations/{consultation.pk}/edit/",
        "/staff/reports/monthly/<str:slug>/": "/staff/reports/monthly/2010-12/",
        "/staff/committees/meetings/<int:pk>/": f"/staff/committees/meetings/{meeting.pk}/",
        "/staff/committees/meetings/<int:pk>/edit/": f"/staff/committees/meetings/{meeting.pk}/edit/",
        "/staff/committees/meetings/<int:pk>/items/new/": f"/staff/committees/meetings/{meeting.pk}/items/new/",
        "/staff/committees/items/<int:pk>/": f"/staff/committees/items/{item.pk}/",
        "/staff/committees/documents/<int:pk>/": None,  # a file download
        "/staff/committees/entries/<int:pk>/": f"/staff/committees/entries/{MinutesEntry.objects.first().pk}/",
        "/staff/committees/minutes/<int:pk>/": f"/staff/committees/minutes/{minutes.pk}/",
        "/staff/site/pages/<slug:slug>/": "/staff/site/pages/about/",
        "/staff/site/news/<int:pk>/": f"/staff/site/news/{NewsPost.objects.first().pk}/",
        "/staff/outbox/<int:pk>/": f"/staff/outbox/{OutboxMessage.objects.first().pk}/",
        "/member/meetings/<int:pk>/": f"/member/meetings/{meeting.pk}/",
    }  # fmt: skip


def app_samples() -> dict[str, str]:
    """Samples an app lists itself, in ``kyodo/<app>/tests/axe_samples.py`` (``def samples()``)."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    found: dict[str, str] = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.axe_samples"
        if (
            config.name.startswith("kyodo.")
            and find_spec(f"{config.name}.tests")
            and find_spec(name)
        ):
            found.update(import_module(name).samples())
    return found


def pages_by_area() -> dict[str, list[str]]:
    sample = samples() | app_samples()
    missing = [r for r in all_routes() if "<" in r and r not in sample]
    assert missing == [], "add a sample page for these routes"
    urls = [sample.get(r, r) for r in all_routes()]
    urls = [u for u in urls if u is not None]
    areas = {"public": [], "staff": [], "member": [], "group": []}
    for url in urls:
        area = next((a for a in ("staff", "member", "group") if url.startswith(f"/{a}/")), "public")
        areas[area].append(url)
    return areas


def violations(page, url: str) -> list[str]:
    probe = page.request.get(url)
    if probe.status == 405 or not probe.headers.get("content-type", "").startswith("text/html"):
        return []  # an action that only takes POST, or a download: not a page
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def test_every_page_passes_axe(page, demo):
    areas = pages_by_area()
    found = []
    for url in areas["public"]:
        found += violations(page, url)
    for area, username in (("staff", "nishiguchi"), ("member", "kumada"), ("group", "kazenokai")):
        sign_in(page, username)
        for url in areas[area]:
            found += violations(page, url)
    assert sum(len(urls) for urls in areas.values()) >= 55
    assert found == []


# 特大 and 黒地, then ふりがな too, as the header's switches set them.
LARGE_ON_BLACK = {"kyodo_size": "xlarge", "kyodo_contrast": "dark"}
WIDTHS = (375, 1280)
# ふりがな adds readings in the colours of the text they read (contrast is checked without
# them); axe's contrast rule on thousands of <rt> takes half a minute a page.
NO_CONTRAST = {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}}


def violations_at_widths(page, url: str, options: dict) -> list[str]:
    """axe on ``url`` at each of WIDTHS (the page loaded once, then resized)."""
    probe = page.request.get(url)
    if probe.status == 405 or not probe.headers.get("content-type", "").startswith("text/html"):
        return []
    found = []
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    assert page.goto(url).status == 200, url
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page, options=options)
        found += [
            f"{url} at {width}px: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]
    return found


def test_public_pages_pass_axe_with_large_text_on_black_and_furigana(page, live_server, demo):
    public = pages_by_area()["public"]
    found = []
    for cookies, options in ((LARGE_ON_BLACK, AXE_OPTIONS), ({"kyodo_ruby": "on"}, NO_CONTRAST)):
        page.context.add_cookies(
            [{"name": n, "value": v, "url": live_server.url} for n, v in cookies.items()]
        )
        for url in public:
            found += violations_at_widths(page, url, options)
    page.goto("/")
    assert page.evaluate("document.documentElement.className") == (
        "text-xlarge contrast-dark ruby-on"
    )
    assert page.locator("main ruby").count() > 10
    assert found == []


def test_axe_reports_a_planted_violation(page, demo):
    # The check above must be able to fail: an unlabelled input is reported.
    page.goto("/")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert "label" in {v["id"] for v in results.response["violations"]}
