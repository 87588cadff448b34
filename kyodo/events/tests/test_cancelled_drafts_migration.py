"""Migration 0005: an event cancelled while still a draft (before event_cancel refused it) and
never published goes back to draft, off the public site; every other cancelled event stays."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from kyodo.core.audit import audit_log
from kyodo.core.models import AuditEntry
from kyodo.events import services
from kyodo.events.models import Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db

migration = import_module("kyodo.events.migrations.0005_cancelled_drafts_back_to_draft")


def _cancelled_the_old_way(event: Event, staff_user) -> None:
    # What event_cancel did to a draft before it refused it.
    previous = event.status
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    audit_log(
        actor=staff_user,
        action="kyodo.events.event.cancelled",
        obj=event,
        changes={"status": [previous, Event.Status.CANCELLED]},
    )


def test_only_cancelled_drafts_never_published_go_back_to_draft(make_event, staff_user, client):
    never = make_event(title="間違えて中止した下書き", status=Event.Status.DRAFT)
    _cancelled_the_old_way(never, staff_user)
    was_published = make_event(title="公開後に下書きに戻して中止", status=Event.Status.DRAFT)
    services.event_publish(actor=staff_user, event=was_published)
    services.event_unpublish(actor=staff_user, event=was_published)
    _cancelled_the_old_way(was_published, staff_user)
    published = make_event(title="公開中に中止")
    services.event_cancel(actor=staff_user, event=published)
    with_applications = make_event(title="申し込みのあった講座")
    apply(with_applications, 1)
    services.event_unpublish(actor=staff_user, event=with_applications)
    services.event_cancel(actor=staff_user, event=with_applications)
    assert "間違えて中止した下書き" in client.get("/opendata/events.csv").content.decode(
        "utf-8-sig"
    )

    migration.cancelled_drafts_back_to_draft(apps, None)
    migration.cancelled_drafts_back_to_draft(apps, None)  # twice: nothing more

    statuses = dict(Event.objects.values_list("title", "status"))
    assert statuses == {
        "間違えて中止した下書き": "draft",
        "公開後に下書きに戻して中止": "cancelled",
        "公開中に中止": "cancelled",
        "申し込みのあった講座": "cancelled",
    }
    entry = AuditEntry.objects.filter(object_id=str(never.pk)).order_by("-pk").first()
    assert (entry.action, entry.actor, entry.object_repr, entry.changes) == (
        "kyodo.events.event.draft",
        None,
        "間違えて中止した下書き",
        {"status": ["cancelled", "draft"]},
    )
    assert AuditEntry.objects.filter(action="kyodo.events.event.draft").count() == 3
    assert "間違えて中止した下書き" not in client.get("/opendata/events.csv").content.decode(
        "utf-8-sig"
    )
    services.event_delete(actor=staff_user, event=never)
    assert not Event.objects.filter(pk=never.pk).exists()
