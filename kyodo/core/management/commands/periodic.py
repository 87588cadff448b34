import datetime as dt
import logging
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string

from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.management.commands.serve import require_migrated
from kyodo.core.outbox import outbox_flush

logger = logging.getLogger("kyodo.periodic")


# How long a day's claim is kept: past the day itself, whatever the hosts' clocks.
CLAIM_SECONDS = 2 * 86400


def claim_daily(dotted: str, day) -> bool:
    """True for the one process, on any host, that runs ``dotted`` on ``day``.

    The claim is an atomic add to the shared cache (``CACHES["ratelimit"]``: the database table
    without CACHE_URL, where the key is the primary key, so of two inserts one fails; Redis
    ``SET NX`` with it). `kyodo periodic` may then run on every host: each daily job runs once.
    """
    from django.core.cache import caches

    return caches["ratelimit"].add(f"periodic:{dotted}:{day.isoformat()}", 1, CLAIM_SECONDS)


def daily_schedule() -> list[tuple[str, dt.time]]:
    """(dotted path, local time from which it runs) of the idempotent jobs the apps want run once
    a day (``periodic_daily``: a dotted path, run from midnight, or (dotted path, "HH:MM") for a
    job people notice, such as mail to the public, which should not leave at night)."""
    schedule = []
    for config in apps.get_app_configs():
        for job in getattr(config, "periodic_daily", ()):
            dotted, at = (job, "00:00") if isinstance(job, str) else job
            schedule.append((dotted, dt.time.fromisoformat(at)))
    return schedule


def daily_jobs() -> list[str]:
    """Dotted paths of the daily jobs, in the order they run."""
    return [dotted for dotted, _at in daily_schedule()]


def due_jobs(now: dt.datetime, ran: dict[str, dt.date]) -> list[str]:
    """The daily jobs this process should try now (local time ``now``): not run by it today, and
    their hour come. ``claim_daily`` then decides which process runs each."""
    today = now.date()
    return [
        dotted for dotted, at in daily_schedule() if ran.get(dotted) != today and now.time() >= at
    ]


class Command(JapaneseHelp, BaseCommand):
    help = (
        "定期処理：送る時期になったメールを毎分送り、毎日の処理（催しの申込者の個人情報の削除など）"
        "を1日1回行います。どの処理も二度行って差し支えありません。複数のサーバーで動かしても、"
        "毎日の処理は最初に引き受けた1台だけが行います。`kyodo serve` はこれを自分で起動します。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=60, metavar="秒", help="処理の間隔（秒、既定：60）"
        )
        parser.add_argument("--once", action="store_true", help="一度だけ処理して終了します。")

    def handle(self, *args, every, once, verbosity, **options):
        self.verbosity = verbosity
        require_migrated()
        ran: dict[str, dt.date] = {}
        while True:
            self._run("outbox flush", outbox_flush)
            now = timezone.localtime()
            for dotted in due_jobs(now, ran):
                try:
                    claimed = claim_daily(dotted, now.date())
                except Exception:  # the shared cache (Redis) is down: the next round tries again
                    logger.exception("periodic job %s: its daily claim failed", dotted)
                    continue
                if claimed:
                    self._run(dotted, import_string(dotted))
                elif self.verbosity > 1:
                    self.stdout.write(f"{dotted}: 今日はほかのプロセスが行いました")
                ran[dotted] = now.date()
            if once:
                return
            time.sleep(every)

    def _run(self, name, job):
        # One failing job must not stop the others, nor the next round.
        try:
            result = job()
        except Exception:
            logger.exception("periodic job %s failed", name)
            self.stderr.write(f"{name}: 失敗しました（ログを見てください）")
        else:
            if self.verbosity > 1 or (result and self.verbosity > 0):
                self.stdout.write(f"{name}: {result}")
