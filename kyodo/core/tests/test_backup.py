import json
import stat
import threading
import zipfile
from datetime import date

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from kyodo.core import backup
from kyodo.core.audit import audit_log
from kyodo.core.models import AuditEntry, Center, Venue
from kyodo.events.models import Event, EventNote
from kyodo.organizations.models import Organization

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
        if label in SKIP or model._meta.proxy or model._meta.app_label == "axes":
            continue
        columns = []
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is ContentType:
                columns += [f"{field.name}__app_label", f"{field.name}__model"]
            else:
                columns.append(field.attname)
        tables[label] = list(model.objects.order_by("pk").values_list(*columns))
    return tables


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def test_backup_then_restore_reproduces_every_table(demo, staff_user, tmp_path, media):
    group = Organization.objects.order_by("pk").first()
    group.bylaws.save("規約.txt", ContentFile("第1条".encode()), save=True)
    stored = media / group.bylaws.name
    (media / "orphan.txt").write_text("no row names me")
    audit_log(actor=staff_user, action="kyodo.test.backup", obj=Venue.objects.first())
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 50
    hits = found("協働")
    assert len(hits) > 30

    call_command("backup", str(tmp_path / "kyodo.zip"))
    # Only its owner may read it: it holds password hashes and personal data.
    assert stat.S_IMODE((tmp_path / "kyodo.zip").stat().st_mode) == 0o600
    with zipfile.ZipFile(tmp_path / "kyodo.zip") as archive:
        # The files of the rows, and only those.
        assert [n for n in archive.namelist() if n.startswith("media/")] == [
            f"media/{group.bylaws.name}"
        ]
    AuditEntry.objects.all().delete()
    Center.objects.update(name="別のセンター")
    stored.unlink()
    started = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT clock_timestamp()")
            started = cursor.fetchone()[0]
    call_command("restore", str(tmp_path / "kyodo.zip"), "--yes")

    assert snapshot() == before
    if connection.vendor == "postgresql":
        # The planner has statistics on the restored rows at once (ANALYZE after the load).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'core_venue'"
            )
            (analysed,) = cursor.fetchone()
        assert analysed is not None and analysed >= started
    assert found("協働") == hits
    assert stored.read_text(encoding="utf-8") == "第1条"
    # New rows after a restore get fresh ids (sequences moved past the restored ones).
    Venue.objects.create(name="新しい会場")


def _refused(path, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), "--yes")


def test_restoring_something_else_is_refused_and_changes_nothing(demo, tmp_path, media):
    before = snapshot()
    bogus = tmp_path / "bogus.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("hello.txt", "not a backup")
    _refused(bogus, "Kyodo のバックアップファイルではありません")
    (tmp_path / "text.zip").write_text("plain text")
    _refused(tmp_path / "text.zip", "バックアップファイルを開けません")
    _refused(tmp_path / "none.zip", "バックアップファイルがありません")

    # A backup holding a note whose event it lacks (what a table-by-table copy produced).
    call_command("backup", str(tmp_path / "good.zip"))
    with zipfile.ZipFile(tmp_path / "good.zip") as archive:
        manifest = archive.read("manifest.json")
        rows = json.loads(archive.read("data.json"))
    note = next(r for r in rows if r["model"] == "events.eventnote")
    rows = [r for r in rows if not (r["model"] == "events.event" and r["pk"] == note["fields"]["event"])]  # fmt: skip
    with zipfile.ZipFile(tmp_path / "broken.zip", "w") as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("data.json", json.dumps(rows))
    _refused(
        tmp_path / "broken.zip",
        f"バックアップが壊れています：.*の行が参照する 事業（events.event） の行"
        f"（{note['fields']['event']}）がバックアップにありません。",
    )
    with zipfile.ZipFile(tmp_path / "climbing.zip", "w") as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("data.json", json.dumps([]))
        archive.writestr("media/../../etc/passwd", "x")
    _refused(tmp_path / "climbing.zip", "不正なファイル名")
    assert snapshot() == before


def test_restore_without_a_terminal_asks_for_yes(demo, tmp_path, monkeypatch):
    call_command("backup", str(tmp_path / "kyodo.zip"))

    def no_terminal(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    with pytest.raises(CommandError, match="--yes を付けて実行してください"):
        call_command("restore", str(tmp_path / "kyodo.zip"))


def test_a_backup_taken_while_staff_write_is_one_snapshot_and_verifies(
    demo, staff_user, tmp_path, media, monkeypatch
):
    """Acceptance (issue 18): writes through the services in a second thread in the middle of
    `kyodo backup`; the zip restores into an empty database and --verify passes."""
    from kyodo.events import services

    written = []

    def write_events():
        try:
            for n in range(3):
                event = services.event_create(
                    actor=staff_user,
                    kind="other",
                    title=f"途中の事業{n}",
                    date=date(2030, 1, n + 1),
                )
                services.note_add(actor=staff_user, event=event, kind="feedback", text="途中のメモ")
                written.append(event.pk)
        finally:
            connection.close()

    def slow_down(label: str) -> None:
        # Right after the events are read and before their notes are: another person saves.
        if label == "events.event" and not written:
            writer = threading.Thread(target=write_events)
            writer.start()
            writer.join(timeout=60)

    monkeypatch.setattr(backup, "after_table", slow_down)
    events_before = Event.objects.count()
    notes_before = EventNote.objects.count()

    call_command("backup", str(tmp_path / "kyodo.zip"), "--verify")

    assert len(written) == 3 and Event.objects.count() == events_before + 3
    with zipfile.ZipFile(tmp_path / "kyodo.zip") as archive:
        rows = json.loads(archive.read("data.json"))
        manifest = json.loads(archive.read("manifest.json"))
    # The instant before the writes: neither the events nor their notes.
    assert manifest["counts"]["events.event"] == events_before
    assert manifest["counts"]["events.eventnote"] == notes_before
    event_ids = {r["pk"] for r in rows if r["model"] == "events.event"}
    assert all(r["fields"]["event"] in event_ids for r in rows if r["model"] == "events.eventnote")

    # And it restores over the live database: back to that instant.
    call_command("restore", str(tmp_path / "kyodo.zip"), "--yes")
    assert Event.objects.count() == events_before
    assert not Event.objects.filter(pk__in=written).exists()


def test_verify_reports_a_file_that_does_not_match(demo, tmp_path, media):
    group = Organization.objects.order_by("pk").first()
    group.bylaws.save("規約.txt", ContentFile("第1条".encode()), save=True)
    call_command("backup", str(tmp_path / "kyodo.zip"))
    with zipfile.ZipFile(tmp_path / "kyodo.zip") as source:
        with zipfile.ZipFile(tmp_path / "changed.zip", "w") as archive:
            for name in source.namelist():
                content = source.read(name)
                archive.writestr(name, b"changed" if name.startswith("media/") else content)
    with pytest.raises(CommandError, match=f"ファイル {group.bylaws.name} の内容が記録と違います"):
        call_command("backup", str(tmp_path / "changed.zip"), "--verify-only")
