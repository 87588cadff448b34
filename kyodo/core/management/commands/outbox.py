import time

from django.core.management.base import BaseCommand

from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.models import OutboxMessage
from kyodo.core.outbox import outbox_flush
from kyodo.core.selectors import outbox_counts


class Command(JapaneseHelp, BaseCommand):
    help = "送信待ちのメール：flush で送る時期になったものを送り、status で件数を表示します。"

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["flush", "status"],
            metavar="{flush,status}",
            help="flush: 送る時期になったメールを送ります。status: 状態ごとの件数を表示します。",
        )
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="秒",
            help="flush をこの秒数ごとに繰り返します（既定：0、一度だけ）。",
        )

    def handle(self, *args, action, every, **options):
        if action == "status":
            for status, count in outbox_counts().items():
                self.stdout.write(f"{_label(status)}：{count}")
            return
        while True:
            counts = outbox_flush()
            if counts or not every:
                self.stdout.write(
                    "、".join(f"{_label(k)}：{v}" for k, v in counts.items())
                    or "送る時期になったメールはありません。"
                )
            if not every:
                return
            time.sleep(every)


def _label(status: str) -> str:
    """「送信済み（sent）」: the word staff see, and the value the database and the API use."""
    try:
        return f"{OutboxMessage.Status(status).label}（{status}）"
    except ValueError:
        return status
