"""Signal receivers that keep the index in step with every save, inside the same transaction.

Services write through ``save()``/``delete()`` (which send signals), except the committee
services that write many entries at once (``bulk_create`` in ``minutes_entries_set``,
``minutes_revise`` and the import, ``update()`` of positions in ``entry_move``/``entry_split``/
``_renumber``): those send ``kyodo.committees.signals.minutes_entries_changed`` in the same
transaction, which reindexes that meeting.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from kyodo.search import indexing
from kyodo.search.models import SearchDocument


def _on_save(reindex):
    """A post_save receiver indexing the saved instance (not when loading fixtures)."""

    def receiver(sender, instance, raw=False, **kwargs):
        if not raw:
            reindex(instance)

    return receiver


def _on_delete(kind: str):
    """A post_delete receiver forgetting the deleted instance's document of ``kind``."""

    def receiver(sender, instance, **kwargs):
        indexing.remove(kind, [instance.pk])

    return receiver


# Module-level names: signals keep weak references to their receivers.
_entry_saved = _on_save(indexing.reindex_entry)
_entry_deleted = _on_delete(SearchDocument.Kind.ENTRY)
_event_saved = _on_save(indexing.reindex_event)
_event_deleted = _on_delete(SearchDocument.Kind.EVENT)
_group_saved = _on_save(indexing.reindex_group)
_group_deleted = _on_delete(SearchDocument.Kind.GROUP)
_consultation_saved = _on_save(indexing.reindex_consultation)
_consultation_deleted = _on_delete(SearchDocument.Kind.CONSULTATION)


def _meeting_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.reindex_meeting(instance.meeting_id)


def _meeting_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.reindex_meeting(instance.pk)


def _committee_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        for meeting in instance.meetings.select_related("committee"):
            indexing.reindex_meeting(meeting)


def _member_saved(sender, instance, raw=False, created=False, **kwargs):
    # A name change shows in statements published by name.
    if raw or created:
        return
    from kyodo.committees.models import Meeting

    for meeting in Meeting.objects.filter(items__entries__member=instance).distinct():
        indexing.reindex_meeting(meeting.pk)


def _entries_changed(sender, meeting_id, **kwargs):
    indexing.reindex_meeting(meeting_id)


def _series_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        for event in instance.events.all():
            indexing.reindex_event(event)


def connect() -> None:
    from kyodo.committees.models import (
        AgendaItem,
        Committee,
        Meeting,
        Member,
        Minutes,
        MinutesEntry,
    )
    from kyodo.committees.signals import minutes_entries_changed
    from kyodo.consultations.models import Consultation
    from kyodo.events.models import Event, EventSeries
    from kyodo.organizations.models import Organization

    uid = "kyodo.search"
    post_save.connect(_entry_saved, sender=MinutesEntry, dispatch_uid=f"{uid}.entry")
    post_delete.connect(_entry_deleted, sender=MinutesEntry, dispatch_uid=f"{uid}.entry")
    post_save.connect(_meeting_changed, sender=Minutes, dispatch_uid=f"{uid}.minutes")
    post_save.connect(_meeting_changed, sender=AgendaItem, dispatch_uid=f"{uid}.item")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid=f"{uid}.meeting")
    post_save.connect(_committee_saved, sender=Committee, dispatch_uid=f"{uid}.committee")
    post_save.connect(_member_saved, sender=Member, dispatch_uid=f"{uid}.member")
    minutes_entries_changed.connect(_entries_changed, dispatch_uid=f"{uid}.entries")
    post_save.connect(_event_saved, sender=Event, dispatch_uid=f"{uid}.event")
    post_delete.connect(_event_deleted, sender=Event, dispatch_uid=f"{uid}.event")
    post_save.connect(_series_saved, sender=EventSeries, dispatch_uid=f"{uid}.series")
    post_save.connect(_group_saved, sender=Organization, dispatch_uid=f"{uid}.group")
    post_delete.connect(_group_deleted, sender=Organization, dispatch_uid=f"{uid}.group")
    post_save.connect(_consultation_saved, sender=Consultation, dispatch_uid=f"{uid}.c")
    post_delete.connect(_consultation_deleted, sender=Consultation, dispatch_uid=f"{uid}.c")


def _after_flush(sender, using="default", **kwargs):
    """``flush`` (as transactional tests run it) empties the documents but not the FTS5 table,
    whose stale rows would then answer for new documents that reuse their ids: empty it too."""
    from django.db import connections

    from kyodo.search import engine

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = connection.introspection.table_names()
    if engine.FTS not in tables or engine.TABLE not in tables:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {engine.TABLE} LIMIT 1")
        if cursor.fetchone() is None:
            cursor.execute(f"INSERT INTO {engine.FTS}({engine.FTS}) VALUES ('delete-all')")
