"""``kyodo setup``: a new center's installation without the demo, and without an administrator:
the center, its first staff account (who sets a password with a code printed here) and its
steering committee. Everything else staff do in the browser."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kyodo.core import center as center_services
from kyodo.core.exceptions import DomainError
from kyodo.core.mail import absolute_url
from kyodo.core.templatetags.kyodo_ja import wareki


class Command(BaseCommand):
    help = (
        "Set up a new center: kyodo setup --center 名前 --staff-username sato --staff-name 佐藤花子 "
        "[--staff-email …] [--committee 運営委員会] [--city … --address … --phone …]."
    )

    def add_arguments(self, parser):
        parser.add_argument("--center", required=True, help="The center's name.")
        parser.add_argument("--staff-username", required=True, help="The first staff account.")
        parser.add_argument("--staff-name", required=True, help="The staff member's full name.")
        parser.add_argument("--staff-email", default="", help="Also mail them the invitation.")
        parser.add_argument(
            "--committee",
            default="運営委員会",
            help="The steering committee's name; an empty string for none.",
        )
        for field in center_services.SETUP_FIELDS:
            parser.add_argument("--" + field.replace("_", "-"), default=None, dest=field)

    def handle(self, *args, **options):
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
                if options["committee"].strip():
                    from kyodo.committees.services.imports import committee_create

                    committee_create(
                        actor=done.user, center=done.center, name=options["committee"], via="setup"
                    )
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        expires = timezone.localtime(done.letter.expires_at)
        self.stdout.write(
            f"{done.center.name}を登録しました。\n"
            f"最初の事務局アカウント: {done.user.username}（{done.user.full_name}）\n"
            f"パスワードは本人が決めます: {absolute_url('account-start')} を開き、ユーザー名と"
            f"次のコードを入力してください。\n"
            f"  コード: {done.letter.code}\n"
            f"  有効期限: {wareki(expires)} {expires:%H:%M}（一度だけ使えます）\n"
            + (
                f"招待メールも {done.user.email} に送ります（送信は kyodo serve か kyodo outbox flush）。\n"
                if done.user.email
                else ""
            )
            + "センターの情報・会場・委員会・アクセス情報は、ログイン後の事務局の画面で登録できます。"
        )
