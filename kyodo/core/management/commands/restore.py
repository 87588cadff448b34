from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kyodo.core.backup import RestoreError, backup_restore
from kyodo.core.management.commands.serve import require_migrated


class Command(BaseCommand):
    help = (
        "Replace the database's content and uploaded files with a backup from `kyodo backup`. "
        "Nothing changes unless the whole backup can be restored."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

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
