from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, QuerySet
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage


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


# The latest rows' statement never changes: compiled once per process (the staff home page).
_latest_statements: dict[tuple, tuple[str, tuple]] = {}


def latest_audit_entries(count: int) -> list[AuditEntry]:
    """The ``count`` latest audit rows, as ``audit_entries()[:count]`` gives them, with their
    content types from Django's cache of them."""
    key = (connection.vendor, count)
    statement = _latest_statements.get(key)
    if statement is None:
        statement = AuditEntry.objects.all()[:count].query.sql_with_params()
        _latest_statements[key] = statement
    entries = list(AuditEntry.objects.raw(*statement))
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
