"""Django admin in the ja locale shows no English that Kyodo defines: its models' field names,
its list columns and filters, the site's header. What is left is not Kyodo's (the task queue
app's names, permission names Django stores in English, usernames and hashes)."""

from __future__ import annotations

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
