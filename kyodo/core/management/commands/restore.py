from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kyodo.core.backup import RestoreError, backup_restore
from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.management.commands.serve import require_migrated


class Command(JapaneseHelp, BaseCommand):
    help = (
        "データベースの内容とアップロードされたファイルを、`kyodo backup` で作ったバックアップで"
        "置き換えます。バックアップ全体を復元できないときは何も変えません。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, metavar="ファイル", help="`kyodo backup` で作った zip ファイル"
        )
        parser.add_argument("--yes", action="store_true", help="確認の質問をせずに置き換えます。")

    def handle(self, *args, path, yes, **options):
        # Before the question: the answer would be asked for nothing.
        require_migrated()
        if not yes:
            try:
                answer = input(
                    "データベースの内容をバックアップで置き換えます。よろしいですか？ [y/N] "
                )
            except EOFError:
                raise CommandError(
                    "確認の入力ができません。置き換えてよい場合は --yes を付けて実行してください。"
                ) from None
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("中止しました。データベースは変更していません。")
        try:
            counts = backup_restore(path)
        except RestoreError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"{path}: {sum(counts.values())} 行を復元しました。")
