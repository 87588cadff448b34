"""Django's database sessions, with the session's row read by a statement compiled once.

``SESSION_ENGINE = "kyodo.core.session_store"`` (the default without ``CACHE_URL``; with it,
sessions live in the cache in front of the database). Every signed-in request reads its session
first; Django compiled that query anew each time (see :mod:`kyodo.core.statements`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.contrib.sessions.models import Session
from django.db import router
from django.utils import timezone

from kyodo.core.statements import Prepared

LIVE_SESSION = Prepared(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
    key="sample",
    now=datetime(2000, 1, 1, tzinfo=UTC),
)


class SessionStore(DatabaseStore):
    def _get_session_from_db(self):
        if self.get_model_class() is not Session:  # a subclass with its own model
            return super()._get_session_from_db()
        found = LIVE_SESSION.first(
            router.db_for_read(Session), key=self.session_key, now=timezone.now()
        )
        if found is None:
            self._session_key = None
        return found
