"""パンくず (breadcrumbs) of every public page, with their BreadcrumbList structured data.

The trail is ホーム › the page's section › the page itself. The section comes from the URL's
namespace (events, groups, committee, collaboration, news); the page's own name is its <title>
block, so no view or template has to repeat it. A view may put ``breadcrumb_parents`` (a list of
(label, url)) in its context for pages deeper than their section (an event's application pages);
a :class:`Section` first in that list stands for the section itself. The committee pages have one
section per body: the first body (the steering committee) is the 「運営委員会」 section as ever,
another body's pages and minutes are under that body (:func:`committee_section`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.committees.models import Committee
from kyodo.core.links import reverse_once as reverse
from kyodo.core.statements import Prepared

# namespace → (label, URL name of the section's index)
SECTIONS = {
    "events": (_("Events"), "events:list"),
    "organizations": (_("Registered groups"), "organizations:directory"),
    "committees": (_("Steering committee"), "committees:index"),
    "collaboration": (_("Collaboration"), "collaboration:index"),
    "contact": (pgettext_lazy("site", "Contact"), "contact:form"),
}
# URL names inside the website namespace that belong under a section of their own.
WEBSITE_SECTIONS = {"news-detail": (_("News"), "website:news")}

# Paths whose pages are not part of the public site's tree.
NOT_PUBLIC = ("/staff/", "/member/", "/group/", "/django-admin/", "/api/")


class Section(NamedTuple):
    """The section of a page when its URL's namespace does not tell it (a body's pages), put
    first in ``breadcrumb_parents``."""

    label: str
    url: str


def committee_section(name: str, slug: str, *, first: bool) -> Section:
    """The section of a committee's pages (its page, its minutes and their versions): the first
    body's is the site's 「運営委員会」 section, another body's is that body by its name."""
    if first:
        label, url_name = SECTIONS["committees"]
        return Section(str(label), reverse(url_name))
    return Section(name, reverse("committees:committee", args=[slug]))


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str | None  # None: the current page


def trail(request, title: str, parents=()) -> list[Crumb]:
    """The breadcrumbs of the page ``request`` asks for, whose own name is ``title``."""
    if request is None or request.path.startswith(NOT_PUBLIC):
        return []
    home = reverse("website:home")
    if request.path == home:
        return [Crumb(str(_("Home")), None)]
    crumbs = [Crumb(str(_("Home")), home)]
    match = getattr(request, "resolver_match", None)
    parents = list(parents)
    section = None
    if parents and isinstance(parents[0], Section):
        section = parents.pop(0)
    elif match is not None:
        if match.namespace == "website":
            section = WEBSITE_SECTIONS.get(match.url_name)
        elif match.namespace == "committees":
            section = _committee_of(match.kwargs) or SECTIONS["committees"]
        else:
            section = SECTIONS.get(match.namespace)
        if section is not None and not isinstance(section, Section):
            label, name = section
            section = Section(str(label), reverse(name))
    if section is not None and section.url != request.path:
        crumbs.append(Crumb(str(section.label), section.url))
    for label, url in parents:
        crumbs.append(Crumb(str(label), url))
    crumbs.append(Crumb(title or str(_("This page")), None))
    return crumbs


def _committee_of(kwargs: dict) -> Section | None:
    # The versions and the difference pages of a body's minutes and a member's personal link to
    # a draft (whose views put no section in their context): the body, asked once.
    if isinstance(pk := kwargs.get("pk"), int):
        if not -(2**63) <= pk < 2**63:
            return None  # no such row (the 404 page of an id beyond 64 bits)
        found = _BODY_OF_MINUTES.rows(pk=pk)
    elif isinstance(token := kwargs.get("token"), str):
        found = _BODY_OF_LINK.rows(token=token)
    else:
        return None
    if not found:
        return None
    name, slug, first = found[0]
    return committee_section(name, slug, first=first)


def _body_with_place(bodies):
    # (name, slug, whether it is the first body: the steering committee)
    return bodies.annotate(
        first=~Exists(Committee.objects.filter(pk__lt=OuterRef("pk")))
    ).values_list("name", "slug", "first")


_BODY_OF_MINUTES = Prepared(
    lambda pk: _body_with_place(Committee.objects.filter(meetings__minutes=pk)), pk=1
)
_BODY_OF_LINK = Prepared(
    lambda token: _body_with_place(
        Committee.objects.filter(meetings__minutes__circulations__recipients__token=token)
    ),
    token="sample",
)


def structured_data(request, crumbs: list[Crumb]) -> str:
    """schema.org BreadcrumbList as JSON, safe inside <script type="application/ld+json">."""
    items = []
    for position, crumb in enumerate(crumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": crumb.label}
        item["item"] = request.build_absolute_uri(crumb.url or request.path)
        items.append(item)
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    text = json.dumps(data, ensure_ascii=False)
    # As Django's json_script: nothing in the data can close the script element.
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
