from django.conf import settings
from django.core.management.base import BaseCommand

from kyodo.core.demo import DEMO_PASSWORD, load_demo
from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.management.commands.serve import require_migrated
from kyodo.core.upkeep import after_bulk_load


class Command(JapaneseHelp, BaseCommand):
    help = (
        "デモのセンター（西東京市市民協働推進センター）をデータベースに読み込みます：2011年1月の"
        "記録と、今日を基準にした今年度の記録。試用と開発のためのもので、本番では使いません"
        "（本番は `kyodo setup`）。"
    )

    def handle(self, *args, **options):
        require_migrated()
        logins = load_demo(current=True)
        after_bulk_load(vacuum=True)
        self.stdout.write(
            self.style.SUCCESS("デモのセンターを読み込みました：西東京市市民協働推進センター")
        )
        # Mail queued by the demo keeps the links written now: say where they point, so that a
        # server on another address is run with the same SITE_URL (`make run` does).
        self.stdout.write(f"メールのリンクのアドレス（SITE_URL）：{settings.SITE_URL}")
        self.stdout.write(f"デモのアカウント（パスワードはすべて {DEMO_PASSWORD}）：")
        for login in logins:
            self.stdout.write(f"  {login.username:<12} {login.role:<10} {login.name}")
