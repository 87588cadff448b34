"""Group representatives' sign-in names were group<number>, and the number is in public URLs:
give each one a name that says nothing, and tell its owner by mail (issue 18)."""

import re
import secrets

from django.conf import settings
from django.db import migrations

_OLD = re.compile(r"group\d+(?:-\d+)?")
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

BODY = """{name} 様

{center}のウェブサイトにログインするときのユーザー名を変更しました。
これまでのユーザー名は、公開されているページのアドレスから推測できたためです。

新しいユーザー名: {new}
（これまでのユーザー名: {old}）

パスワードは変わりません。次のページから新しいユーザー名でログインしてください。
{login}

お心当たりのない場合やご不明な点は、センターまでお問い合わせください。
"""


def rename(apps, schema_editor):
    db = schema_editor.connection.alias
    Organization = apps.get_model("organizations", "Organization")
    User = apps.get_model("core", "User")
    Center = apps.get_model("core", "Center")
    OutboxMessage = apps.get_model("core", "OutboxMessage")
    center = Center.objects.using(db).order_by("pk").first()
    center_name = center.name if center else "センター"
    representatives = User.objects.using(db).filter(
        pk__in=Organization.objects.using(db)
        .exclude(representative_user=None)
        .values("representative_user")
    )
    for user in representatives:
        if not _OLD.fullmatch(user.username):
            continue
        while True:
            new = "dantai-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))
            if not User.objects.using(db).filter(username=new).exists():
                break
        old, user.username = user.username, new
        user.save(update_fields=["username"])
        if user.email:
            OutboxMessage.objects.using(db).create(
                to=user.email,
                subject=f"【{center_name}】ログインのユーザー名を変更しました",
                body=BODY.format(
                    name=user.full_name or new,
                    center=center_name,
                    new=new,
                    old=old,
                    login=f"{settings.SITE_URL}/accounts/login/",
                ),
                kind="core.username_changed",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_pending_submission_and_rate_limit_cache"),
        ("organizations", "0003_status_date_index"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
