from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kyodo.core.backup import BackupError, RestoreError, VerifyError, backup_verify, backup_write
from kyodo.core.management.commands.serve import require_migrated


class Command(BaseCommand):
    help = (
        "Write every table and the uploaded files to a zip file, from one consistent snapshot "
        "(restore with `kyodo restore`). --verify restores it into a scratch database and "
        "compares."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Restore the new zip into a scratch database and compare it with the data.",
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Only verify an existing zip (restore it into a scratch database and compare).",
        )

    def handle(self, *args, path, verify, verify_only, **options):
        if not verify_only:
            require_migrated()
        try:
            if not verify_only:
                result = backup_write(path)
                rows = sum(result.counts.values())
                self.stdout.write(
                    f"{path}: {len(result.counts)} 種類のデータ {rows} 行、"
                    f"ファイル {result.files} 件をバックアップしました（所有者のみ読み書き可）。"
                )
            if verify or verify_only:
                checked = backup_verify(path)
                self.stdout.write(
                    f"{path}: 確認用のデータベースに復元し、{sum(checked.counts.values())} 行と"
                    f"ファイル {checked.files} 件がバックアップと一致することを確認しました。"
                )
        except (BackupError, RestoreError, VerifyError) as exc:
            raise CommandError(str(exc.message)) from None
