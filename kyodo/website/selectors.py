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
