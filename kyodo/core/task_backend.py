"""Kyodo's task backend: ``django_tasks_db``'s, its rows written by a compiled INSERT.

Django's ``create()`` compiled that INSERT anew for every task (about a third of queueing one).
The row, its routing and everything else are the library's. (Outgoing mail has no task row of
its own: Kyodo's ``db_worker`` reads the outbox, kyodo.core.outbox.)
"""

from __future__ import annotations

from django.db import router
from django_tasks_db import DatabaseBackend as LibraryDatabaseBackend
from django_tasks_db.compat import normalize_json

from kyodo.core.statements import insert


class DatabaseBackend(LibraryDatabaseBackend):
    def _task_to_db_task(self, task, args, kwargs):
        from django_tasks_db.models import DBTaskResult

        row = DBTaskResult(
            id=self._get_id(),
            args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            run_after=task.run_after,
            backend_name=self.alias,
        )
        return insert(row, using=router.db_for_write(DBTaskResult, instance=row))
