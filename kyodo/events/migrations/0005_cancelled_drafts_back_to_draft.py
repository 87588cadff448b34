"""Take off the public site the events cancelled while they were drafts and never published.

Before ``services.event_cancel`` refused it, 中止 of a draft put the draft on the public list, the
open-data CSV and the calendar file as cancelled. Such an event goes back to draft (where staff
can delete it) when the audit log shows it was cancelled from draft and never published, and it
has no application; an audit row says so. Nothing else is touched; going back does nothing."""

from django.db import migrations

CANCELLED = "kyodo.events.event.cancelled"
# Actions after which an event has been on the public site.
SHOWN = ("kyodo.events.event.published", "kyodo.events.event.attendance_recorded")


def cancelled_drafts_back_to_draft(apps, schema_editor) -> None:
    Event = apps.get_model("events", "Event")
    Application = apps.get_model("events", "Application")
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="events", model="event").first()
    if content_type is None:  # a new database: no event was ever written
        return
    for event in Event.objects.filter(status="cancelled").order_by("pk"):
        if Application.objects.filter(event_id=event.pk).exists():
            continue
        history = list(
            AuditEntry.objects.filter(content_type=content_type, object_id=str(event.pk))
            .order_by("created_at", "pk")
            .values_list("action", "changes", "object_repr")
        )
        created_public = any(
            action == "kyodo.events.event.created"
            and (changes or {}).get("status", [None, None])[-1] in ("published", "held")
            for action, changes, _repr in history
        )
        cancellations = [
            (changes or {}, name) for action, changes, name in history if action == CANCELLED
        ]
        if created_public or any(action in SHOWN for action, _changes, _repr in history):
            continue
        if not cancellations or cancellations[-1][0].get("status") != ["draft", "cancelled"]:
            continue
        Event.objects.filter(pk=event.pk).update(status="draft")
        AuditEntry.objects.create(
            actor=None,
            action="kyodo.events.event.draft",
            content_type=content_type,
            object_id=str(event.pk),
            object_repr=cancellations[-1][1],
            changes={"status": ["cancelled", "draft"]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_group_usernames"),
        ("events", "0004_application_indexes"),
    ]

    operations = [
        migrations.RunPython(cancelled_drafts_back_to_draft, migrations.RunPython.noop),
    ]
