"""Backup and restore of a whole installation: every table as JSON, plus uploaded files, in a zip.

The format is database-neutral, so a backup taken on SQLite restores on PostgreSQL and back.
For large PostgreSQL installations, pg_dump stays the better tool (docs/operations.md).

**One snapshot.** Every table is read in one read-only transaction on a connection of its own,
so a backup taken while people use the site holds the database as it was at one instant: an
event note never without its event, an attachment row never without its proposal. On PostgreSQL
the transaction is ``REPEATABLE READ, READ ONLY`` (one snapshot for every statement, no lock that
holds anyone up); on SQLite it is a deferred read transaction, which in WAL mode sees the
database as of its first read while writers go on.

**Files of exactly those rows.** The uploaded files copied are the ones the snapshot's rows
name, read through their storage. Files are never changed in place; one removed between the
snapshot and the copy (a draft's attachment deleted) makes the backup start again, so that no row
is kept without its file.

**Restore** checks the whole backup before touching anything (format, data, every reference
between rows, file names); then replaces the database's content in one transaction, and the
files after it commits. Any refusal is a :class:`RestoreError` with a Japanese message, and the
database is left as it was.

**Verify** restores the zip into a scratch database (a temporary SQLite file, or a temporary
PostgreSQL database next to the live one), reads every table back and compares it with the
digests the backup recorded, and checks every file against its digest.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import os
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connections, models, transaction
from django.db.utils import load_backend

from kyodo.core.exceptions import DomainError
from kyodo.core.upkeep import after_bulk_load

FORMAT_VERSION = 2
READABLE_FORMATS = {1, 2}
# Rebuilt rather than copied: content types and permissions by migrate, the search index (which
# lives partly outside Django's tables) by its app's ``after_restore``; sessions and sign-in
# throttling are not worth keeping.
EXCLUDED = {"contenttypes", "auth.permission", "sessions", "search", "axes"}
# A removed file between the snapshot and its copy: take the snapshot again, this many times.
ATTEMPTS = 3

# Tests slow the backup down here (called with each table's label after it is read) to make
# writes happen in the middle of it.
after_table: Callable[[str], None] | None = None


class RestoreError(DomainError):
    """A backup that cannot be restored; the database was left as it was."""


class VerifyError(DomainError):
    """A backup whose restored copy differs from what was backed up."""


class BackupError(DomainError):
    """A backup that could not be written."""


@dataclass
class BackupResult:
    path: Path
    counts: dict[str, int]
    files: int
    attempts: int = 1


@dataclass
class VerifyResult:
    counts: dict[str, int]
    files: int
    differences: list[str] = field(default_factory=list)


class _Encoder(DjangoJSONEncoder):
    # DjangoJSONEncoder cuts datetimes to milliseconds; a backup must keep every microsecond.
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dumps(value) -> str:
    return json.dumps(value, cls=_Encoder, ensure_ascii=False, sort_keys=True)


def _models() -> list[type[models.Model]]:
    app_list = [(config, None) for config in apps.get_app_configs() if config.models_module]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if not model._meta.proxy
        and model._meta.label_lower not in EXCLUDED
        and model._meta.app_label not in EXCLUDED
    ]


# --- connections -------------------------------------------------------------------------------


@contextmanager
def _connection(settings_dict: dict) -> Iterator[str]:
    """A connection alias of our own for ``settings_dict``, closed and removed afterwards.

    The alias is not added to ``settings.DATABASES``: it lives for this one job only.
    """
    alias = f"kyodo_backup_{secrets.token_hex(4)}"
    backend = load_backend(settings_dict["ENGINE"])
    connections[alias] = backend.DatabaseWrapper(settings_dict, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


@contextmanager
def _snapshot(using: str = "default") -> Iterator[str]:
    """An alias whose reads all see one instant of ``using``'s database (see the module doc)."""
    settings_dict = copy.deepcopy(connections[using].settings_dict)
    vendor = connections[using].vendor
    if vendor == "sqlite":
        # A deferred transaction takes no write lock: writers go on, this one reads a snapshot.
        settings_dict.setdefault("OPTIONS", {})["transaction_mode"] = "DEFERRED"
    with _connection(settings_dict) as alias, transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            # The snapshot starts with the first read (SQLite) or statement (PostgreSQL).
            cursor.execute("SELECT 1")
        yield alias


# --- writing -----------------------------------------------------------------------------------


def _serialize(model: type[models.Model], using: str) -> list[dict]:
    objects = model._default_manager.using(using).order_by("pk")
    return serializers.serialize("python", objects.iterator(), use_natural_foreign_keys=True)


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _read_snapshot(using: str) -> tuple[list[tuple[str, list[dict]]], dict[str, object]]:
    """Every table's rows (label, rows) and the files they name (name → storage)."""
    tables: list[tuple[str, list[dict]]] = []
    files: dict[str, object] = {}
    with _snapshot(using) as alias:
        for model in _models():
            label = model._meta.label_lower
            rows = _serialize(model, alias)
            tables.append((label, rows))
            for file_field in _file_fields(model):
                for row in rows:
                    name = row["fields"].get(file_field.name)
                    if name:
                        files[name] = file_field.storage
            if after_table is not None:
                after_table(label)
    return tables, files


def backup_write(path: Path, *, using: str = "default") -> BackupResult:
    """Write the backup zip at ``path`` (readable by its owner only); see the module doc."""
    path = Path(path)
    vanished: set[str] = set()
    for attempt in range(1, ATTEMPTS + 1):
        tables, files = _read_snapshot(using)
        try:
            written = _write_zip(path, tables, files)
        except _FileVanished as exc:
            name = exc.args[0]
            if name in vanished:
                # Named again by a later snapshot: not deleted while we read, but missing.
                raise BackupError(_missing_files_message(files)) from None
            vanished.add(name)
            continue
        return BackupResult(
            path=path,
            counts={label: len(rows) for label, rows in tables if rows},
            files=written,
            attempts=attempt,
        )
    raise BackupError(
        "アップロードされたファイルがバックアップ中に削除され続けたため、"
        "バックアップを取れませんでした。しばらくしてからもう一度実行してください。"
    )


class _FileVanished(Exception):
    pass


def _missing_files_message(files: dict[str, object]) -> str:
    """「次のファイルがありません（MEDIA_ROOT=…）: news/1/test.pdf。…」: rows name files the
    storage does not have (a database restored without its files, another MEDIA_ROOT)."""
    missing = [name for name in sorted(files) if not files[name].exists(name)]
    shown = "、".join(missing[:5]) + (f" ほか {len(missing) - 5} 件" if len(missing) > 5 else "")
    where = (
        f"STORAGE_URL={settings.STORAGE_URL}"
        if getattr(settings, "STORAGE_URL", "")
        else f"MEDIA_ROOT={settings.MEDIA_ROOT}"
    )
    return (
        f"次のファイルがありません（{where}）：{shown}。"
        "データベースが名前を記録しているファイルです。ファイルの保存場所"
        "（MEDIA_ROOT / STORAGE_URL）を確認してください。"
    )


def _write_zip(path: Path, tables: list[tuple[str, list[dict]]], files: dict[str, object]) -> int:
    # A temporary file beside the target (mode 0600 from the start), renamed over it at the end:
    # nobody else can read it, and a failed backup never leaves half a zip under the name.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".kyodo-backup-", dir=path.parent)
    except OSError as exc:
        raise BackupError(
            f"バックアップファイルを書き込めません（{path.parent}）：{exc.strerror or exc}"
        ) from None
    os.close(handle)
    os.chmod(temporary, 0o600)
    try:
        digests = {}
        file_digests = {}
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with archive.open("data.json", "w", force_zip64=True) as out:
                out.write(b"[")
                first = True
                for label, rows in tables:
                    digests[label] = _digest(rows, apps.get_model(label))
                    for row in rows:
                        out.write(("" if first else ",").encode() + _dumps(row).encode())
                        first = False
                out.write(b"]")
            for name in sorted(files):
                storage = files[name]
                try:
                    with storage.open(name, "rb") as source:
                        content = source.read()
                except FileNotFoundError:
                    raise _FileVanished(name) from None
                file_digests[name] = hashlib.sha256(content).hexdigest()
                archive.writestr(str(PurePosixPath("media") / name), content)
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                "counts": {label: len(rows) for label, rows in tables if rows},
                "digests": digests,
                "files": file_digests,
            }
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(files)


def _digest(rows: list[dict], model: type[models.Model]) -> str:
    """SHA-256 of the rows' canonical JSON (many-to-many lists sorted: their order is none)."""
    m2m = [f.name for f in model._meta.many_to_many]
    if m2m:
        rows = [
            {
                **row,
                "fields": {
                    **row["fields"],
                    **{n: sorted(row["fields"].get(n) or [], key=str) for n in m2m},
                },
            }
            for row in rows
        ]
    return hashlib.sha256(_dumps(rows).encode()).hexdigest()


# --- reading and checking ----------------------------------------------------------------------


@dataclass
class _Backup:
    manifest: dict
    rows: list[dict]
    media: list[str]  # member names under media/


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise RestoreError(f"バックアップファイルがありません：{path}") from None
    except IsADirectoryError:
        raise RestoreError(f"バックアップファイルではなくフォルダーです：{path}") from None
    except PermissionError:
        raise RestoreError(f"バックアップファイルを読む権限がありません：{path}") from None
    except (OSError, zipfile.BadZipFile):
        raise RestoreError(
            f"バックアップファイルを開けません（zip ではありません）：{path}"
        ) from None


def _read(archive: zipfile.ZipFile) -> _Backup:
    names = set(archive.namelist())
    if not {"manifest.json", "data.json"} <= names:
        raise RestoreError("Kyodo のバックアップファイルではありません。")
    try:
        manifest = json.loads(archive.read("manifest.json"))
        rows = json.loads(archive.read("data.json"))
    except (ValueError, zipfile.BadZipFile, OSError, EOFError):
        raise RestoreError("バックアップのデータが壊れています。") from None
    if not isinstance(manifest, dict) or manifest.get("format") not in READABLE_FORMATS:
        raise RestoreError("このバックアップの形式には対応していません。")
    if not isinstance(rows, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("model"), str)
        and isinstance(r.get("fields"), dict)
        for r in rows
    ):
        raise RestoreError("バックアップのデータが壊れています。")
    # Older backups held tables that are now rebuilt or dropped instead (sign-in attempts).
    rows = [r for r in rows if not _excluded(r["model"].lower())]
    media = []
    for name in sorted(names):
        if name.startswith("media/") and not name.endswith("/"):
            relative = PurePosixPath(name).relative_to("media")
            if relative.is_absolute() or ".." in relative.parts or "\\" in name:
                raise RestoreError(f"バックアップに不正なファイル名があります：{name}")
            media.append(name)
    _check_references(rows)
    return _Backup(manifest=manifest, rows=rows, media=media)


def _excluded(label: str) -> bool:
    return label in EXCLUDED or label.split(".")[0] in EXCLUDED


# Models referred to by natural key in the backup, and the fields that make the key.
_NATURAL_KEYS = {"core.user": ("username",), "auth.group": ("name",)}


def _model_name(label: str) -> str:
    try:
        return f"{apps.get_model(label)._meta.verbose_name}（{label}）"
    except (LookupError, ValueError):
        return label


def _check_references(rows: list[dict]) -> None:
    """Every row's model is known and every reference names a row of the backup (Japanese
    message otherwise), so that a broken backup is refused before anything changes."""
    pks: dict[str, set] = {}
    natural: dict[str, set] = {}
    for row in rows:
        label = row["model"].lower()
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            raise RestoreError(
                f"バックアップに、このバージョンにない種類のデータ「{row['model']}」があります。"
            ) from None
        pks.setdefault(label, set()).add(str(model._meta.pk.to_python(row.get("pk"))))
        if label in _NATURAL_KEYS:
            natural.setdefault(label, set()).add(
                tuple(row["fields"].get(name) for name in _NATURAL_KEYS[label])
            )
    for row in rows:
        model = apps.get_model(row["model"])
        for f in model._meta.get_fields():
            if not (f.many_to_one or f.one_to_one or f.many_to_many) or not f.concrete:
                continue
            if f.name not in row["fields"]:
                continue
            value = row["fields"][f.name]
            targets = value if f.many_to_many else [value]
            target = f.related_model._meta.label_lower
            for ref in targets or ():
                if ref is None or _resolves(ref, target, pks, natural):
                    continue
                raise RestoreError(
                    f"バックアップが壊れています：{_model_name(row['model'].lower())} の "
                    f"{row.get('pk')} 番の行が参照する {_model_name(target)} の行"
                    f"（{ref}）がバックアップにありません。"
                )


def _resolves(ref, target: str, pks: dict[str, set], natural: dict[str, set]) -> bool:
    if isinstance(ref, list):
        if target == "contenttypes.contenttype":
            try:
                apps.get_model(*ref)
            except (LookupError, TypeError, ValueError):
                return False
            return True
        if target in _NATURAL_KEYS:
            return tuple(ref) in natural.get(target, set())
        return True  # a natural key we do not know how to check: the database will
    if _excluded(target):
        return True
    return str(ref) in pks.get(target, set())


# --- restoring ---------------------------------------------------------------------------------


def _load(rows: list[dict], *, using: str) -> None:
    """Replace ``using``'s content with ``rows`` (call inside a transaction on ``using``)."""
    call_command("flush", "--noinput", database=using, verbosity=0, inhibit_post_migrate=False)
    deferred = []
    for obj in serializers.deserialize(
        "python", rows, using=using, handle_forward_references=True, ignorenonexistent=True
    ):
        obj.save(using=using)
        if obj.deferred_fields:
            deferred.append(obj)
    for obj in deferred:
        obj.save_deferred_fields(using=using)
    _reset_sequences(using)


def backup_restore(path: Path, *, using: str = "default", rebuild: bool = True) -> dict[str, int]:
    """Replace the database's content (and uploaded files) with the backup at ``path``.

    Nothing changes unless everything can be restored (see the module doc).
    """
    with _open(path) as archive:
        backup = _read(archive)
        media = Path(settings.MEDIA_ROOT)
        staging = None
        try:
            if backup.media:
                media.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=".kyodo-restore-", dir=media))
                for name in backup.media:
                    target = staging / PurePosixPath(name).relative_to("media")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(name) as source, open(target, "wb") as out:
                        shutil.copyfileobj(source, out)
            try:
                with transaction.atomic(using=using):
                    _load(backup.rows, using=using)
                    # Derived data (the search index) is rebuilt from what was restored.
                    if rebuild:
                        for config in apps.get_app_configs():
                            if hasattr(config, "after_restore"):
                                config.after_restore()
            except (
                DeserializationError,
                DatabaseError,
                CommandError,
                ValueError,
                TypeError,
                KeyError,
            ) as exc:
                raise RestoreError(
                    "バックアップを復元できませんでした（"
                    f"{type(exc).__name__}）。データベースは元のままです。"
                ) from exc
            if staging is not None:
                for source in sorted(p for p in staging.rglob("*") if p.is_file()):
                    target = media / source.relative_to(staging)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(source, target)
        except OSError as exc:
            raise RestoreError(
                f"アップロードファイルを書き込めませんでした（{media}）：{exc.strerror or exc}"
            ) from None
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
    after_bulk_load(using)
    return dict(backup.manifest.get("counts", {}))


def _reset_sequences(using: str) -> None:
    # loaddata sets primary keys explicitly; PostgreSQL's sequences must then move past them.
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), list(apps.get_models()))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# --- verifying ---------------------------------------------------------------------------------


@contextmanager
def _scratch_database(using: str = "default") -> Iterator[str]:
    """An empty database of the same kind as ``using``, migrated, dropped afterwards."""
    base = connections[using]
    settings_dict = copy.deepcopy(base.settings_dict)
    if base.vendor == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="kyodo-verify-", dir=_tmp_dir()))
        settings_dict["NAME"] = str(folder / "verify.sqlite3")
        try:
            with _connection(settings_dict) as alias:
                call_command("migrate", database=alias, verbosity=0, interactive=False)
                yield alias
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    name = f"{settings_dict['NAME']}_verify_{secrets.token_hex(3)}"[:63]
    quoted = base.ops.quote_name(name)
    try:
        with base._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {quoted}")
    except DatabaseError as exc:
        raise VerifyError(
            "確認用の一時データベースを作れませんでした（PostgreSQL の CREATEDB 権限が必要です）："
            f"{type(exc).__name__}"
        ) from None
    settings_dict["NAME"] = name
    try:
        with _connection(settings_dict) as alias:
            call_command("migrate", database=alias, verbosity=0, interactive=False)
            yield alias
    finally:
        with base._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def _tmp_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def backup_verify(path: Path, *, using: str = "default") -> VerifyResult:
    """Restore ``path`` into a scratch database and compare it with what was backed up.

    Raises :class:`RestoreError` when the backup cannot be restored and :class:`VerifyError`
    when the restored copy differs (the differences in Japanese).
    """
    with _open(path) as archive:
        backup = _read(archive)
        differences = []
        expected_files = backup.manifest.get("files", {})
        for name, digest in sorted(expected_files.items()):
            member = str(PurePosixPath("media") / name)
            if member not in backup.media:
                differences.append(f"ファイル {name} がバックアップにありません。")
                continue
            with archive.open(member) as source:
                if hashlib.file_digest(source, "sha256").hexdigest() != digest:
                    differences.append(f"ファイル {name} の内容が記録と違います。")
    if differences:  # no need to restore a backup whose files are already wrong
        raise VerifyError("バックアップのファイルが記録と一致しません。\n" + "\n".join(differences))
    with _scratch_database(using) as alias:
        try:
            with transaction.atomic(using=alias):
                _load(backup.rows, using=alias)
        except (
            DeserializationError,
            DatabaseError,
            CommandError,
            ValueError,
            TypeError,
            KeyError,
        ) as exc:
            raise RestoreError(
                f"バックアップを確認用のデータベースに復元できませんでした（{type(exc).__name__}）。"
            ) from exc
        expected = backup.manifest.get("digests") or {}
        counts = {}
        for model in _models():
            label = model._meta.label_lower
            rows = _serialize(model, alias)
            if rows:
                counts[label] = len(rows)
            if label in expected and _digest(rows, model) != expected[label]:
                wanted = backup.manifest.get("counts", {}).get(label, 0)
                differences.append(
                    f"{_model_name(label)}: 復元した {len(rows)} 行が、バックアップした "
                    f"{wanted} 行と一致しません。"
                )
        if not expected:
            wanted = backup.manifest.get("counts", {})
            differences += [
                f"{_model_name(label)}: 行数 {counts.get(label, 0)}（記録は {n}）"
                for label, n in wanted.items()
                if counts.get(label, 0) != n
            ]
    if differences:
        raise VerifyError("復元した内容がバックアップと一致しません。\n" + "\n".join(differences))
    return VerifyResult(counts=counts, files=len(expected_files))
