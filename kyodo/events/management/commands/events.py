from django.core.management.base import BaseCommand

from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.events.services import anonymise_after_days, personal_data_anonymise


class Command(JapaneseHelp, BaseCommand):
    help = (
        "催し：anonymise は、EVENTS_ANONYMISE_AFTER_DAYS 日以上前に開かれた催しの申込者の個人情報"
        "（氏名・住所・電話番号など）を消します（毎日行って差し支えありません。`kyodo periodic` が"
        "毎日行います）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["anonymise"],
            metavar="anonymise",
            help="anonymise: 古い催しの申込者の個人情報を消します。",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="ここでは行わず、タスクワーカーの仕事として登録します。",
        )

    def handle(self, *args, action, queue, **options):
        if queue:
            from kyodo.events.tasks import anonymise_personal_data

            anonymise_personal_data.enqueue()
            self.stdout.write("タスクワーカーの仕事として登録しました。")
            return
        count = personal_data_anonymise()
        self.stdout.write(
            f"{count} 件の申込みから個人情報を消しました"
            f"（{anonymise_after_days()} 日以上前に開かれた催し）。"
        )
