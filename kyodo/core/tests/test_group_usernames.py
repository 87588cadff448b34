"""Group sign-in names say nothing about the group (issue 18): new ones are random, old
``group<number>`` ones are renamed and their owners told by mail."""

import importlib
import re
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from kyodo.core.models import OutboxMessage, User
from kyodo.core.roles import Role
from kyodo.organizations import services
from kyodo.organizations.tests.factories import application_data

NAME_RE = re.compile(r"dantai-[a-hjkmnp-z2-9]{8}")


def test_an_approved_group_gets_a_name_not_made_of_its_number(db, staff_user):
    group = services.application_submit(
        actor=None, fields=services.ApplicationFields(**application_data())
    )
    services.application_approve(
        actor=staff_user, organization=group, effective_date=group.submitted_at.date()
    )
    group.refresh_from_db()
    username = group.representative_user.username
    assert NAME_RE.fullmatch(username)
    assert str(group.pk) not in username.removeprefix("dantai-")


def test_existing_group_names_are_renamed_and_their_owners_told(db, make_user):
    migration = importlib.import_module("kyodo.core.migrations.0004_group_usernames")
    group = services.application_submit(
        actor=None, fields=services.ApplicationFields(**application_data())
    )
    old = make_user(
        f"group{group.pk}", Role.GROUP, email="hikari@example.jp", full_name="山田 花子"
    )
    group.representative_user = old
    group.save(update_fields=["representative_user"])
    staff = make_user("group9-staff", Role.STAFF)  # not a group's representative: left alone

    migration.rename(apps, SimpleNamespace(connection=connection))

    old.refresh_from_db()
    assert NAME_RE.fullmatch(old.username)
    assert User.objects.get(pk=staff.pk).username == "group9-staff"
    mail = OutboxMessage.objects.get(kind="core.username_changed")
    assert mail.to == "hikari@example.jp"
    assert f"新しいユーザー名: {old.username}" in mail.body
    assert f"（これまでのユーザー名: group{group.pk}）" in mail.body
    assert old.check_password("correct-horse-battery-9")  # the password stays
