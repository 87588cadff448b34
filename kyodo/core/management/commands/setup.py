"""``kyodo setup``: a new center's installation without the demo, and without an administrator:
the center, its first staff account (who sets a password with a code printed here) and its
steering committee. Everything else staff do in the browser."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kyodo.core import center as center_services
from kyodo.core.exceptions import DomainError
from kyodo.core.mail import absolute_url
from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.management.commands.serve import require_migrated
from kyodo.core.templatetags.kyodo_ja import wareki


class Command(JapaneseHelp, BaseCommand):
    help = (
        "新しいセンターを登録します（デモを使わない本番用）：センター、最初の事務局アカウント"
        "（パスワードを決めるための一度きりのコードを表示）、運営委員会を作ります。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--center", required=True, help="センターの名称")
        parser.add_argument(
            "--staff-username",
            required=True,
            help="最初の事務局アカウントのユーザー名（半角英数字）",
        )
        parser.add_argument("--staff-name", required=True, help="その人の氏名")
        parser.add_argument(
            "--staff-email", default="", help="その人のメールアドレス（招待メールも送ります）"
        )
        parser.add_argument(
            "--committee",
            default="運営委員会",
            help="作る委員会の名称（既定：運営委員会。作らないときは空文字）",
        )
        labels = {
            "name_reading": "センター名の読み（ひらがな）",
            "prefecture": "都道府県",
            "city": "市区町村",
            "municipality_code": "地方公共団体コード（6桁）",
            "operator": "運営者",
            "email": "センターのメールアドレス",
            "about": "センターの紹介文",
            "address": "所在地",
            "phone": "電話番号",
            "opening_hours": "開館時間",
        }
        for field in center_services.SETUP_FIELDS:
            parser.add_argument(
                "--" + field.replace("_", "-"), default=None, dest=field, help=labels[field]
            )

    def handle(self, *args, **options):
        require_migrated()
        details = {f: options[f] for f in center_services.SETUP_FIELDS if options[f] is not None}
        try:
            with transaction.atomic():
                done = center_services.center_setup(
                    name=options["center"],
                    staff_username=options["staff_username"],
                    staff_name=options["staff_name"],
                    staff_email=options["staff_email"],
                    **details,
                )
                _pages_to_write()
                if options["committee"].strip():
                    from kyodo.committees.services.imports import committee_create

                    committee_create(
                        actor=None, center=done.center, name=options["committee"], via="setup"
                    )
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        expires = timezone.localtime(done.letter.expires_at)
        self.stdout.write(
            f"{done.center.name}を登録しました。\n"
            f"最初の事務局アカウント：{done.user.username}（{done.user.full_name}）\n"
            f"パスワードは本人が決めます：{absolute_url('account-start')} を開き、ユーザー名と"
            f"次のコードを入力してください。\n"
            f"  コード：{done.letter.code}\n"
            f"  有効期限：{wareki(expires)} {expires:%H:%M}（一度だけ使えます）\n"
            + (
                f"招待メールも {done.user.email} に送ります（送信は kyodo serve か kyodo outbox flush）。\n"
                if done.user.email
                else ""
            )
            + "センターの情報・会場・委員会・アクセス情報は、ログイン後の事務局の画面で登録できます。\n"
            + f"メールや案内状に書くリンクは {settings.SITE_URL} で始まります（環境変数 SITE_URL）。"
            "利用者が開くアドレスと違うときは、SITE_URL を設定し直してください。"
        )


def _pages_to_write() -> None:
    """The pages every public page links (privacy policy, access, about, accessibility), empty:
    the staff's to-do list counts them until they are written."""
    from django.utils import translation

    from kyodo.core.todo import PAGES_TO_WRITE
    from kyodo.website.models import Page

    with translation.override(settings.LANGUAGE_CODE):
        for slug in PAGES_TO_WRITE:
            Page.objects.get_or_create(slug=slug, defaults={"title": str(Page.Slug(slug).label)})
