import zipfile

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from kyodo.core.audit import audit_log
from kyodo.core.models import AuditEntry, Center, Venue

pytestmark = pytest.mark.django_db(transaction=True)

# The search index is rebuilt on restore (new ids); it is compared by what it finds.
SKIP = {"contenttypes.contenttype", "auth.permission", "sessions.session", "search.searchdocument"}


def found(query: str) -> list[tuple[str, int]]:
    from kyodo.search.selectors import search

    return sorted((h.doc.kind, h.doc.object_id) for h in search(query, staff=True)[0:1000])


def snapshot() -> dict[str, list]:
    """Every table, row by row, in primary-key order.

    Content types are rebuilt by migrate with ids of their own, so references to them are
    compared by what they name (app label and model), as the backup stores them.
    """
    tables = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIP or model._meta.proxy:
            continue
        columns = []
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is ContentType:
                columns += [f"{field.name}__app_label", f"{field.name}__model"]
            else:
                columns.append(field.attname)
        tables[label] = list(model.objects.order_by("pk").values_list(*columns))
    return tables


def test_backup_then_restore_reproduces_every_table(demo, staff_user, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "docs").mkdir(parents=True)
    (tmp_path / "media" / "docs" / "規約.txt").write_text("第1条", encoding="utf-8")
    audit_log(actor=staff_user, action="kyodo.test.backup", obj=Venue.objects.first())
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 50
    hits = found("協働")
    assert len(hits) > 30

    call_command("backup", str(tmp_path / "kyodo.zip"))
    AuditEntry.objects.all().delete()
    Center.objects.update(name="別のセンター")
    (tmp_path / "media" / "docs" / "規約.txt").unlink()
    call_command("restore", str(tmp_path / "kyodo.zip"), "--yes")

    assert snapshot() == before
    assert found("協働") == hits
    assert (tmp_path / "media" / "docs" / "規約.txt").read_text(encoding="utf-8") == "第1条"
    # New rows after a restore get fresh ids (sequences moved past the restored ones).
    Venue.objects.create(name="新しい会場")


def test_restoring_something_else_is_refused_and_changes_nothing(demo, tmp_path):
    before = snapshot()
    bogus = tmp_path / "bogus.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("hello.txt", "not a backup")
    with pytest.raises(CommandError, match="Kyodo のバックアップファイルではありません"):
        call_command("restore", str(bogus), "--yes")
    (tmp_path / "text.zip").write_text("plain text")
    with pytest.raises(CommandError, match="バックアップファイルを開けません"):
        call_command("restore", str(tmp_path / "text.zip"), "--yes")
    assert snapshot() == before
