from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from kyodo.website.models import AccessibilityStatement, NewsAttachment, NewsPost, Page


def published_news() -> QuerySet[NewsPost]:
    return NewsPost.objects.published().prefetch_related(
        Prefetch("attachments", queryset=NewsAttachment.objects.order_by("pk"))
    )


def page_or_none(slug: str) -> Page | None:
    return Page.objects.filter(slug=slug).first()


def latest_accessibility_statement() -> AccessibilityStatement | None:
    return AccessibilityStatement.objects.first()


def page_search_text(page: Page) -> str:
    """What a reader sees on ``page``, as plain text, for the search index."""
    from django.utils.html import strip_tags

    from kyodo.core.markup import render_markdown

    return " ".join(strip_tags(render_markdown(page.body or "")).split())
