from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kyodo.core.backup import BackupError, RestoreError, VerifyError, backup_verify, backup_write
from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.management.commands.serve import require_migrated


class Command(JapaneseHelp, BaseCommand):
    help = (
        "すべてのデータとアップロードされたファイルを、ある一時点のそろった内容で zip ファイルに"
        "書き出します（所有者だけが読み書きできるファイル。戻すときは `kyodo restore`）。"
        "--verify を付けると、確認用のデータベースに復元して中身を照らし合わせます。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, metavar="ファイル", help="書き出す zip ファイル（例：kyodo.zip）"
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="書き出した zip を確認用のデータベースに復元し、今のデータと照らし合わせます。",
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="書き出さず、既にある zip を確認だけします（確認用のデータベースに復元して照合）。",
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
