"""Backup and restore of a whole installation: every table as JSON, plus uploaded files, in a zip.

The format is database-neutral, so a backup taken on SQLite restores on PostgreSQL and back.
For large PostgreSQL installations, pg_dump stays the better tool (docs/operations.md).
"""

from __future__ import annotations

import datetime
import json
import zipfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from kyodo.core.exceptions import DomainError

FORMAT_VERSION = 1
# Rebuilt by migrate; natural keys refer to them.
# Rebuilt rather than copied: content types and permissions by migrate, the search index (which
# lives partly outside Django's tables) by its app's ``after_restore``.
EXCLUDED = {"contenttypes", "auth.permission", "sessions", "search"}


class _Encoder(DjangoJSONEncoder):
    # DjangoJSONEncoder cuts datetimes to milliseconds; a backup must keep every microsecond.
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _models():
    app_list = [(config, None) for config in apps.get_app_configs() if config.models_module]
    for model in serializers.sort_dependencies(app_list, allow_cycles=True):
        label = model._meta.label_lower
        if model._meta.proxy or label in EXCLUDED or model._meta.app_label in EXCLUDED:
            continue
        yield model


def backup_write(path: Path) -> dict[str, int]:
    """Write the backup zip at ``path``; returns the row count per model."""
    rows: list[dict] = []
    counts: dict[str, int] = {}
    for model in _models():
        objects = model._default_manager.order_by("pk")
        chunk = serializers.serialize("python", objects.iterator(), use_natural_foreign_keys=True)
        rows += chunk
        if chunk:
            counts[model._meta.label_lower] = len(chunk)
    media = Path(settings.MEDIA_ROOT)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json",
            json.dumps({"format": FORMAT_VERSION, "counts": counts}, ensure_ascii=False),
        )
        archive.writestr("data.json", json.dumps(rows, cls=_Encoder, ensure_ascii=False))
        if media.is_dir():
            for file in sorted(p for p in media.rglob("*") if p.is_file()):
                archive.write(file, str(PurePosixPath("media") / file.relative_to(media)))
    return counts


class RestoreError(DomainError):
    """A backup that cannot be restored; the database was left as it was."""


def backup_restore(path: Path) -> dict[str, int]:
    """Replace the database's content (and uploaded files) with the backup at ``path``."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise RestoreError(f"バックアップファイルを開けません: {exc}") from None
    with archive:
        names = set(archive.namelist())
        if not {"manifest.json", "data.json"} <= names:
            raise RestoreError("Kyodo のバックアップファイルではありません。")
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError("このバックアップの形式には対応していません。")
        try:
            rows = json.loads(archive.read("data.json"))
        except ValueError:
            raise RestoreError("バックアップのデータが壊れています。") from None
        with transaction.atomic():
            call_command("flush", "--noinput", verbosity=0, inhibit_post_migrate=False)
            deferred = []
            for obj in serializers.deserialize(
                "python", rows, handle_forward_references=True, ignorenonexistent=True
            ):
                obj.save()
                if obj.deferred_fields:
                    deferred.append(obj)
            for obj in deferred:
                obj.save_deferred_fields()
            _reset_sequences()
            # Derived data (the search index) is rebuilt from what was restored.
            for config in apps.get_app_configs():
                if hasattr(config, "after_restore"):
                    config.after_restore()
        media = Path(settings.MEDIA_ROOT)
        for name in names:
            if name.startswith("media/") and not name.endswith("/"):
                target = media / PurePosixPath(name).relative_to("media")
                if media.resolve() not in target.resolve().parents:
                    continue  # a path that climbs out of MEDIA_ROOT is never written
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    return manifest["counts"]


def _reset_sequences() -> None:
    # loaddata sets primary keys explicitly; PostgreSQL's sequences must then move past them.
    models = list(apps.get_models())
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
