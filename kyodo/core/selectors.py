from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Count, QuerySet
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("actor", "content_type")
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    tz = timezone.get_current_timezone()
    if since:
        qs = qs.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        qs = qs.filter(created_at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return qs


def outbox_messages(*, status: str = "") -> QuerySet[OutboxMessage]:
    qs = OutboxMessage.objects.all()
    if status:
        qs = qs.filter(status=status)
    return qs


def outbox_counts() -> dict[str, int]:
    rows = OutboxMessage.objects.values("status").annotate(n=Count("pk"))
    counts = {status: 0 for status in OutboxMessage.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
