"""``kyodo db_worker``: django_tasks_db's worker, which also delivers the outbox.

The same command, options and task handling as the library's ``db_worker`` (this one is found
first: kyodo.core comes before django_tasks_db in INSTALLED_APPS). Each round it delivers the mail
that is due (kyodo.core.outbox: a few messages at most, each claimed with ``SKIP LOCKED``), then
runs one task; it sleeps ``--interval`` only when there was neither. ``--batch`` exits once no
task is ready and no mail is due. A worker whose queues leave out the default queue delivers no
mail. SIGTERM waits for the message being sent, as for a running task.
"""

from __future__ import annotations

import random
import time

from django.db import close_old_connections
from django.db.utils import OperationalError
from django_tasks_db.compat import DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.management.commands.serve import require_migrated
from kyodo.core.outbox import outbox_deliver_due

# Messages sent in one round before the worker looks at its tasks again.
MAIL_PER_ROUND = 20


class Worker(library.Worker):
    @property
    def delivers_mail(self) -> bool:
        return (
            self.process_all_queues or DEFAULT_TASK_QUEUE_NAME in self.queue_names
        ) and DEFAULT_TASK_QUEUE_NAME not in self.excluded_queue_names

    def run(self) -> None:
        library.logger.info(
            "Starting worker worker_id=%s queues=%s mail=%s",
            self.worker_id,
            ",".join(self.queue_names),
            "yes" if self.delivers_mail else "no",
        )
        if self.startup_delay and self.interval:
            time.sleep(random.random())
        while self.running:
            close_old_connections()
            sent = self.deliver_mail()
            task_result, retrieved = self.claim_task()
            if task_result is not None:
                self.run_task(task_result)
            if self.batch and retrieved and task_result is None and not sent:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and task_result is None and not sent:
                time.sleep(self.interval)

    def deliver_mail(self) -> int:
        """Sends the mail that is due, one message at a time, at most MAIL_PER_ROUND and none
        once the worker is told to stop; how many were tried."""
        if not self.delivers_mail:
            return 0
        tried = 0
        self.running_task = True  # a stop signal waits for the message being sent, no more
        try:
            while self.running and tried < MAIL_PER_ROUND and outbox_deliver_due(limit=1):
                tried += 1
        except OperationalError as exc:
            if not is_locked_database_exception(exc):  # SQLite busy: the next round
                raise
        finally:
            self.running_task = False
        return tried

    def claim_task(self) -> tuple[DBTaskResult | None, bool]:
        """The next ready task, claimed for this worker, and whether the queue could be read
        (the library's loop, step for step)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except OperationalError as exc:
                if is_locked_database_exception(exc):
                    return None, False
                raise
        return task_result, True


# The library's options, in Japanese for `kyodo db_worker --help` (by their dest).
OPTIONS = {
    "queue_name": "処理するキュー（カンマ区切り。* はすべて。既定：%(default)s）",
    "exclude_queues": "処理しないキュー（カンマ区切り）",
    "interval": "仕事がないとき、次に見るまで待つ秒数（既定：%(default)s）",
    "batch": "たまっている仕事をすべて処理したら終了します（--max-tasks と併用可）。",
    "reload": "コードが変わったら読み込み直します（開発用。既定：DEBUG のとき）。",
    "backend_name": "処理するタスクのバックエンド（既定：%(default)s）",
    "startup_delay": "起動時の短い待ち時間を省きます。",
    "max_tasks": "この数の仕事を処理したら終了します。",
    "worker_id": "ワーカーの ID（ワーカーごとに違う値。既定：自動）",
}


class Command(JapaneseHelp, library.Command):
    help = (
        "タスクワーカーを動かします：後で行う仕事（タスク）を処理し、送信待ちのメールも送ります"
        "（`kyodo serve` はこれを自分で起動します）。"
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        for action in parser._actions:
            if action.dest in OPTIONS:
                action.help = OPTIONS[action.dest]

    def handle(self, **options) -> None:
        require_migrated()
        # The library's handle() builds its worker from the name ``Worker`` of its module.
        original, library.Worker = library.Worker, Worker
        try:
            super().handle(**options)
        finally:
            library.Worker = original
