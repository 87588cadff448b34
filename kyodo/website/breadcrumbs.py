"""パンくず (breadcrumbs) of every public page, with their BreadcrumbList structured data.

The trail is ホーム › the page's section › the page itself. The section comes from the URL's
namespace (events, groups, committee, collaboration, news); the page's own name is its <title>
block, so no view or template has to repeat it. A view may put ``breadcrumb_parents`` (a list of
(label, url)) in its context for pages deeper than their section (an event's application pages).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.core.links import reverse_once as reverse

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
    section = None
    if match is not None:
        if match.namespace == "website":
            section = WEBSITE_SECTIONS.get(match.url_name)
        else:
            section = SECTIONS.get(match.namespace)
    if section is not None:
        label, name = section
        url = reverse(name)
        if url != request.path:
            crumbs.append(Crumb(str(label), url))
    for label, url in parents:
        crumbs.append(Crumb(str(label), url))
    crumbs.append(Crumb(title or str(_("This page")), None))
    return crumbs


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
