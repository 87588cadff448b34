"""The ``kyodo`` command: Django's manage.py for this project, installed as a console script.

What an operator gets wrong (a database not created yet, a server not running, a bad value in
the environment, a KYODO_VAR_DIR that cannot be made) is one Japanese line naming the variable
and what to do, exit status 1; the traceback only with ``--traceback``. ``kyodo --version`` and
``kyodo version`` print Kyodo's version (and the commit of a git checkout), not Django's.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def version() -> str:
    """「Kyodo 0.1.0（コミット 1986b6d、Django 6.1.3）」"""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    import django

    try:
        number = installed("kyodo")
    except PackageNotFoundError:
        number = "不明"
    details = []
    try:
        commit = subprocess.run(
            ["git", "-C", str(PACKAGE_DIR.parent), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        commit = None
    if commit is not None and commit.returncode == 0 and commit.stdout.strip():
        details.append(f"コミット {commit.stdout.strip()}")
    details.append(f"Django {django.get_version()}")
    return f"Kyodo {number}（{'、'.join(details)}）"


_REASONS = {
    errno.ENOTDIR: "途中にディレクトリでないファイルがあります",
    errno.EACCES: "書き込む権限がありません",
    errno.EPERM: "書き込む権限がありません",
    errno.EROFS: "読み取り専用のファイルシステムです",
    errno.ENOSPC: "ディスクに空きがありません",
    errno.EEXIST: "同じ名前のファイルがあります",
}


def var_dir_problem() -> str | None:
    """KYODO_VAR_DIR (settings.VAR_DIR, the same default) cannot be made or written: why."""
    var_dir = Path(os.environ.get("KYODO_VAR_DIR") or PACKAGE_DIR.parent / "var")
    try:
        var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not var_dir.is_dir():
            raise FileExistsError(errno.EEXIST, "exists", str(var_dir))
    except OSError as exc:
        reason = _REASONS.get(exc.errno, exc.strerror or str(exc))
        return (
            f"KYODO_VAR_DIR（{var_dir}）を作成できません：{reason}。"
            "書き込めるディレクトリを環境変数 KYODO_VAR_DIR に指定してください。"
        )
    return None


def database_problem(exc: Exception) -> str:
    """One Japanese line for a database that cannot be reached (OperationalError)."""
    from django.conf import settings

    from kyodo.env import masked

    database = settings.DATABASES["default"]
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{database.get('NAME')}"
    # The password stays out of the terminal and its logs.
    url = masked(url)
    text = str(exc).strip()
    lowered = text.lower()
    name = database.get("NAME", "")
    if "does not exist" in lowered and "database" in lowered:
        hint = f"データベース「{name}」がありません。createdb {name} で作成してから、もう一度実行してください。"
    elif "connection refused" in lowered or "could not connect" in lowered:
        hint = (
            f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432} で PostgreSQL が"
            "動いていません。サーバーが起動しているか、ホスト名とポートが正しいかを確認してください。"
        )
    elif "password authentication failed" in lowered or "no password supplied" in lowered:
        hint = "ユーザー名かパスワードが違います。DATABASE_URL のユーザー名とパスワードを確認してください。"
    elif "role" in lowered and "does not exist" in lowered:
        hint = f"ユーザー「{database.get('USER')}」がありません。createuser で作成するか、DATABASE_URL を直してください。"
    elif "unable to open database file" in lowered:
        hint = "SQLite のファイルを開けません。ファイルの置き場所（KYODO_VAR_DIR）に書き込めるか確認してください。"
    else:
        first_line = text.splitlines()[0] if text else type(exc).__name__
        hint = f"{first_line}。DATABASE_URL とデータベースサーバーの状態を確認してください。"
    return f"データベースに接続できません（DATABASE_URL={url}）：{hint}"


def _fail(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
    sys.exit(1)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")
    # 「kyodo」 in usage lines and errors, also for `python -m kyodo` (not 「__main__.py」).
    argv = ["kyodo", *sys.argv[1:]]
    if argv[1:] in (["--version"], ["version"], ["-V"]):
        print(version())
        return
    traceback = "--traceback" in argv
    if not traceback and (problem := var_dir_problem()):
        _fail(problem)
    try:
        from django.core.exceptions import ImproperlyConfigured
        from django.db.utils import OperationalError

        try:
            from django.core.management import execute_from_command_line

            if "--version" in argv[2:]:  # `kyodo serve --version`: Kyodo's, not Django's
                print(version())
                return
            execute_from_command_line(argv)
            sys.stdout.flush()
        except ImproperlyConfigured as exc:
            if traceback:
                raise
            _fail(f"設定に誤りがあります（環境変数）：{exc}")
        except OperationalError as exc:
            if traceback:
                raise
            _fail(database_problem(exc))
    except BrokenPipeError:
        # `kyodo search 協働 | head`: the reader has gone; no traceback. Python would flush
        # stdout once more at exit and fail again: stdout becomes /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    main()
