"""Django admin in the ja locale shows no English that Kyodo defines: its models' field names,
its list columns and filters, the site's header. What is left is not Kyodo's (the task queue
app's names, permission names Django stores in English, usernames and hashes)."""

from __future__ import annotations

import re

from django.contrib import admin
from django.urls import reverse

from kyodo.core.models import AuditEntry


def admin_pages():
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label not in ("committees", "core"):
            continue
        base = f"admin:{meta.app_label}_{meta.model_name}"
        yield reverse(f"{base}_changelist")
        yield reverse(f"{base}_add")
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            yield reverse(f"{base}_change", args=[obj.pk])


def test_every_admin_page_of_kyodo_renders_with_japanese_field_names(demo, client, superuser):
    from kyodo.committees.models import Minutes

    client.force_login(superuser)
    for url in ["/django-admin/", *admin_pages()]:
        response = client.get(url, headers={"accept-language": "ja"})
        # Read-only models (the audit log) have no add page.
        assert response.status_code in (200, 403), url
    minutes = Minutes.objects.order_by("pk").first()
    page = client.get(f"/django-admin/committees/minutes/{minutes.pk}/change/").content.decode()
    assert ">会議:</label>" in page
    assert ">Meeting:</label>" not in page
    assert "<title>" in page and "Kyodo 管理サイト" in page


def test_the_audit_log_is_read_in_words_and_never_written(demo, client, superuser):
    client.force_login(superuser)
    entry = AuditEntry.objects.filter(action="kyodo.committees.meeting.created").first()
    page = client.get("/django-admin/core/auditentry/").content.decode()
    # The filter and the column give the action's name, its code only in the filter's link.
    assert ">kyodo.committees.meeting.created<" not in page
    assert '<a href="?action=kyodo.committees.meeting.created">会議の作成</a>' in page
    assert '<td class="field-action_name">会議の作成</td>' in page
    assert client.get("/django-admin/core/auditentry/add/").status_code == 403
    before = AuditEntry.objects.count()
    response = client.post(f"/django-admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403 and AuditEntry.objects.count() == before


PERMISSIONS = re.compile(r'<select[^>]*name="(user_)?permissions".*?</select>', re.S)


def every_admin_page():
    """The changelist and first object's change page of every model registered, any app."""
    for model in admin.site._registry:
        meta = model._meta
        base = f"admin:{meta.app_label}_{meta.model_name}"
        yield reverse(f"{base}_changelist")
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            yield reverse(f"{base}_change", args=[obj.pk])


def test_booleans_are_told_in_japanese_and_the_task_queue_is_not_in_the_admin(
    demo, client, superuser
):
    from django_tasks_db.models import DBTaskResult

    assert not admin.site.is_registered(DBTaskResult)
    client.force_login(superuser)
    pages = ["/django-admin/", *every_admin_page()]
    for url in pages:
        response = client.get(url, headers={"accept-language": "ja"})
        assert response.status_code == 200, url
        # Permission names are stored by Django in English (see the module's docstring).
        page = PERMISSIONS.sub("", response.content.decode())
        for english in ('alt="True"', 'alt="False"', 'alt="None"', "Task Result", "Django_Tasks"):
            assert english not in page, (url, english)
    # The users' list marks the superuser with the icon and its Japanese words.
    users = client.get("/django-admin/core/user/").content.decode()
    assert '<img src="/static/admin/img/icon-yes.svg" alt="はい">' in users
    assert '<img src="/static/admin/img/icon-no.svg" alt="いいえ">' in users
    assert client.get("/django-admin/django_tasks_db/dbtaskresult/").status_code == 404
