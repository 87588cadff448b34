"""Signals the committee services send for writes that model signals do not announce."""

from django.dispatch import Signal

# Sent inside the transaction after a service rewrote a meeting's minutes entries in bulk
# (bulk_create, position updates), with ``meeting_id``. The search index listens to it.
minutes_entries_changed = Signal()
