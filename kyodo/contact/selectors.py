from __future__ import annotations

from django.db.models import Count, QuerySet

from kyodo.contact.models import Inquiry


def staff_inquiries(*, status: str = "") -> QuerySet[Inquiry]:
    """The inbox: newest first, each with its number of replies."""
    qs = Inquiry.objects.annotate(reply_count=Count("replies"))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def status_counts() -> dict[str, int]:
    return dict(Inquiry.objects.order_by().values_list("status").annotate(n=Count("pk")))


def inquiry_with_replies(pk: int) -> Inquiry | None:
    return (
        Inquiry.objects.select_related("consultation")
        .prefetch_related("replies__sent_by", "replies__message")
        .filter(pk=pk)
        .first()
    )
