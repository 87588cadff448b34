import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _


def control_socket(bind: str) -> Path:
    """gunicorn's control socket for this instance: in its VAR_DIR, named after its address.

    gunicorn's default (~/.gunicorn/gunicorn.ctl) is one socket for every gunicorn of the user
    on the host, so one instance's control commands would reach another.
    """
    return Path(settings.VAR_DIR) / f"gunicorn-{re.sub(r'[^A-Za-z0-9.]+', '-', bind)}.ctl"


def web_command(python: str, bind: str, workers: int) -> list[str]:
    socket = control_socket(bind)
    socket.parent.mkdir(parents=True, exist_ok=True)
    return [
        python,
        "-m",
        "gunicorn",
        "kyodo.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "10",
        "--control-socket",
        str(socket),
        # No limit of gunicorn's on the request line (4,094 bytes by default, answered with an
        # English 414 page): a long search or a pasted paragraph in a GET form reaches Django,
        # whose forms refuse it in Japanese. The proxy in front bounds it (docs/deployment.md).
        "--limit-request-line",
        "0",
    ]


def unapplied_migrations(alias: str = "default") -> list[str]:
    """「app.name」 of each migration the database has not had yet."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


class Command(BaseCommand):
    help = (
        "Serve Kyodo as in production: gunicorn + WhiteNoise, the task worker and scheduled jobs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("KYODO_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", 2)))

    def handle(self, *args, bind, workers, **options):
        # A site serving code newer than its database answers 500 on every page that reads a new
        # column (a member's mailed link among them): refuse to start instead.
        if pending := unapplied_migrations():
            raise CommandError(
                _(
                    "The database has %(count)d migration(s) not applied yet (%(names)s). Run "
                    "`kyodo migrate` first, then start again."
                )
                % {"count": len(pending), "names": ", ".join(pending[:5])}
            )
        python = sys.executable
        commands = {
            "web": web_command(python, bind, workers),
            "worker": [python, "-m", "kyodo", "db_worker", "--queue-name", "*", "--no-reload"],
            "periodic": [python, "-m", "kyodo", "periodic", "--every", "60"],
        }
        children = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}
        self.stdout.write(f"Kyodo is serving on http://{bind}/ (Ctrl-C stops it)")

        def stop(*_):
            for child in children.values():
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            # If any part dies, stop the rest: a half-running site would lose mail silently.
            while all(child.poll() is None for child in children.values()):
                time.sleep(0.5)
        finally:
            stop()
            for child in children.values():
                child.wait(timeout=15)
