from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kyodo.core.statements import Prepared
from kyodo.website.models import AccessibilityStatement, AccessInfo, NewsAttachment, NewsPost, Page


def published_news() -> QuerySet[NewsPost]:
    return NewsPost.objects.published().prefetch_related(
        Prefetch("attachments", queryset=NewsAttachment.objects.order_by("pk"))
    )


def news_titles(limit: int) -> list[NewsPost]:
    """The first ``limit`` of ``published_news`` with titles and dates only (the home page and
    the news list): no body, no attachments."""
    return _news_titles(limit).objects(now=timezone.now())


@functools.cache
def _news_titles(limit: int) -> Prepared:
    # Compiled once per process and limit (kyodo.core.statements).
    return Prepared(
        lambda now: NewsPost.objects.published(now).only("title", "published_at")[:limit],
        now=datetime(2000, 4, 1, tzinfo=UTC),
    )


def page_or_none(slug: str) -> Page | None:
    """The page ``slug`` (unique), or None. Every information page and the home page read it:
    compiled once per process (kyodo.core.statements)."""
    return _PAGE_BY_SLUG.first(slug=str(slug))


_PAGE_BY_SLUG = Prepared(lambda slug: Page.objects.filter(slug=slug), slug="about")


def latest_accessibility_statement() -> AccessibilityStatement | None:
    return AccessibilityStatement.objects.first()


def page_search_text(page: Page) -> str:
    """What a reader sees on ``page``, as plain text, for the search index (the access page
    with its facts: address, station, opening hours …)."""
    from django.utils.html import strip_tags

    from kyodo.core.markup import render_markdown

    text = " ".join(strip_tags(render_markdown(page.body or "")).split())
    if page.slug == Page.Slug.ACCESS:
        text = "\n".join(t for t in (text, access_search_text(site_access())) if t)
    return text


@dataclass(frozen=True)
class Access:
    """How to reach the center: the access information, completed from the center's own."""

    postal_code: str = ""
    address: str = ""
    nearest_station: str = ""
    walking_minutes: int | None = None
    other_transport: str = ""
    opening_hours: str = ""
    closed_days: str = ""
    barrier_free: str = ""
    phone: str = ""
    fax: str = ""
    map_url: str = ""
    map_description: str = ""

    @property
    def tel(self) -> str:
        """The telephone number for a ``tel:`` link (digits and hyphens)."""
        return tel_href(self.phone)


def tel_href(phone: str) -> str:
    import re
    import unicodedata

    return "tel:" + re.sub(r"[^0-9+-]", "", unicodedata.normalize("NFKC", phone or ""))


def site_access(center=None) -> Access:
    """The access information, with the center's address, telephone and hours as defaults."""
    from django.urls import reverse

    from kyodo.core.models import Center

    center = center or Center.objects.current()
    info = AccessInfo.objects.order_by("pk").first() or AccessInfo()
    return Access(
        postal_code=info.postal_code,
        address=info.address or (center.address if center else ""),
        nearest_station=info.nearest_station,
        walking_minutes=info.walking_minutes,
        other_transport=info.other_transport,
        opening_hours=info.opening_hours or (center.opening_hours if center else ""),
        closed_days=info.closed_days,
        barrier_free=info.barrier_free,
        phone=info.phone or (center.phone if center else ""),
        fax=info.fax,
        map_url=reverse("website:access-map") if info.map_image else "",
        map_description=info.map_description,
    )


def access_search_text(access: Access) -> str:
    """The access page's facts as the page shows them, in Japanese, for the search index."""
    from django.utils import translation
    from django.utils.translation import gettext

    lines = []
    with translation.override("ja"):
        for label, value in (
            (gettext("Postal code"), access.postal_code and f"〒{access.postal_code}"),
            (gettext("Address"), access.address),
            (gettext("Nearest station"), access.nearest_station),
            (
                gettext("Walking time"),
                access.walking_minutes
                and gettext("%(minutes)s minutes on foot") % {"minutes": access.walking_minutes},
            ),
            (gettext("Buses and parking"), access.other_transport),
            (gettext("Opening hours"), access.opening_hours),
            (gettext("Closed days"), access.closed_days),
            (gettext("Barrier-free information"), access.barrier_free),
            (gettext("Telephone"), access.phone),
        ):
            if value:
                lines.append(f"{label} {value}")
    return "\n".join(lines)
