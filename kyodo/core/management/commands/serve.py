import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve Kyodo as in production: gunicorn + WhiteNoise, the task worker and scheduled jobs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("KYODO_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", 2)))

    def handle(self, *args, bind, workers, **options):
        python = sys.executable
        commands = {
            "web": [
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
            ],
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
