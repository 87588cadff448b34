from __future__ import annotations

import functools
from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.statements import Prepared


def audit_entries(
    *,
    kind: str = "",
    person: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit rows, newest first; ``kind`` is an action or an area's prefix (``kyodo.events.``)."""
    # Rows show who as recorded (actor_label): the user row itself is not needed.
    qs = AuditEntry.objects.select_related("content_type")
    if kind:
        qs = qs.filter(action__startswith=kind) if kind.endswith(".") else qs.filter(action=kind)
    if person:
        qs = qs.filter(actor_id=person)
    tz = timezone.get_current_timezone()
    if since:
        qs = qs.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        qs = qs.filter(created_at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return qs


@functools.cache
def _latest(count: int) -> Prepared:
    # The staff home page's statement, compiled once per process and count.
    return Prepared(lambda: AuditEntry.objects.all()[:count])


def latest_audit_entries(count: int) -> list[AuditEntry]:
    """The ``count`` latest audit rows, as ``audit_entries()[:count]`` gives them, with their
    content types from Django's cache of them."""
    entries = _latest(count).objects()
    for entry in entries:
        if entry.content_type_id:
            entry.content_type = ContentType.objects.get_for_id(entry.content_type_id)
    return entries


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
