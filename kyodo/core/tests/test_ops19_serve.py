"""`kyodo serve` as an operator runs it (real processes, real sockets): a port in use is refused
in Japanese before anything starts; SIGHUP reloads gunicorn and restarts the task worker and the
scheduled jobs; a child that dies stops the rest and `serve` exits non-zero; children never
outlive `serve`; no start without the static files; the access log hides the secrets of links."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(var_dir: Path) -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "DATABASE_URL", "CACHE_URL"}
    } | {
        "KYODO_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'kyodo.sqlite3'}",
        "SECRET_KEY": "ops19-" * 10,
    }


def _kyodo(*args, env, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kyodo", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


@pytest.fixture
def migrated(db, django_db_blocker, tmp_path) -> Path:
    """A KYODO_VAR_DIR whose SQLite database has every migration (a copy of the test database's
    schema: no second `kyodo migrate`) and a static manifest."""
    from django.db import connection

    target = tmp_path / "kyodo.sqlite3"
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            source = sqlite3.connect(connection.settings_dict["NAME"])
            with sqlite3.connect(target) as copy:
                source.backup(copy)
            source.close()
        else:
            _kyodo("migrate", "--noinput", "-v", "0", env=_env(tmp_path), check=True)
    static = tmp_path / "static"
    static.mkdir()
    (static / "staticfiles.json").write_text(
        json.dumps({"paths": {}, "version": "1.1", "hash": "0"})
    )
    return tmp_path


def _children(pid: int) -> dict[str, int]:
    out = subprocess.run(
        ["ps", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout
    found = {}
    for line in out.splitlines():
        child, _, args = line.strip().partition(" ")
        for name, mark in (("web", "gunicorn"), ("worker", "db_worker"), ("periodic", "periodic")):
            if mark in args:
                found[name] = int(child)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone for our purpose
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def test_a_port_in_use_is_refused_in_japanese_before_anything_starts(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        bind = f"127.0.0.1:{holder.getsockname()[1]}"
        started = time.monotonic()
        result = _kyodo("serve", "--bind", bind, env=_env(tmp_path))
    assert result.returncode == 1
    assert (
        f"{bind} は別のプログラムが使っています。--bind で別のポートを指定するか、"
        "そのプログラムを止めてください。" in result.stderr
    )
    assert "Traceback" not in result.stderr
    # Neither "serving" nor gunicorn's five seconds of retries, nor a task worker.
    assert "動かしています" not in result.stdout
    assert "gunicorn" not in result.stderr and "Starting worker" not in result.stderr
    assert time.monotonic() - started < 20


def test_no_start_without_the_static_files(migrated):
    (migrated / "static" / "staticfiles.json").unlink()
    env = _env(migrated)
    result = _kyodo("serve", "--bind", f"127.0.0.1:{_port()}", env=env)
    assert result.returncode == 1
    assert "静的ファイルがありません" in result.stderr
    assert "先に `kyodo collectstatic --noinput` を実行してから" in result.stderr
    # gunicorn started by hand with Kyodo's configuration refuses too, before it listens.
    port = _port()
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "python:kyodo.core.serving",
         "kyodo.wsgi:application", "--bind", f"127.0.0.1:{port}"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "静的ファイルがありません" in result.stderr
    assert "Listening at" not in result.stderr


def test_hup_reloads_and_a_dead_child_stops_serve_with_failure(migrated):
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kyodo", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=_env(migrated),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        # Any answer: this test's manifest is empty, so /healthz says 503 (static files missing).
        assert _wait(lambda: _get(f"http://127.0.0.1:{port}/healthz") == 503, 60), "no answer"
        before = _children(server.pid)
        assert set(before) == {"web", "worker", "periodic"}
        # An applicant's link in the request line and the Referer: not in the access log.
        secret = "vCNGB_STVPVLM4jQfPrBX2N541UcCqR7lXoAcdYEDIM"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/events/applications/{secret}/cancel/",
            headers={"Referer": f"http://127.0.0.1:{port}/committee/check/{secret}/"},
        )
        _get(request.full_url)  # pages are 500 with this test's empty manifest: only the log counts
        try:
            urllib.request.urlopen(request, timeout=5)
        except urllib.error.HTTPError:
            pass

        os.kill(server.pid, signal.SIGHUP)
        # The task worker and the scheduled jobs start again; gunicorn's master stays (its
        # workers are replaced by ones with the new code).
        assert _wait(
            lambda: (
                (now := _children(server.pid)).get("worker") not in (None, before["worker"])
                and now.get("periodic") not in (None, before["periodic"])
            ),
            60,
        ), _children(server.pid)
        after = _children(server.pid)
        assert after["web"] == before["web"]
        assert not _alive(before["worker"]) and not _alive(before["periodic"])
        assert server.poll() is None
        # The new workers answer (they may take a moment to start on a loaded machine).
        assert _wait(lambda: _get(f"http://127.0.0.1:{port}/healthz") == 503, 60)

        # gunicorn dies: serve stops the others and fails (systemd restarts it).
        os.kill(after["web"], signal.SIGKILL)
        server.wait(timeout=40)
        assert server.returncode == 1
        assert _wait(lambda: not _alive(after["worker"]) and not _alive(after["periodic"]), 10)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    output = server.stdout.read()
    assert "新しいコードを読み込みます（SIGHUP）。" in output
    assert "Handling signal: hup" in output
    assert "Web サーバー（gunicorn）が終了しました（終了コード -9）。" in output
    access_log = [line for line in output.splitlines() if '" ' in line and "HTTP/1.1" in line]
    assert len(access_log) >= 2
    assert not [line for line in access_log if secret in line]
    assert "/events/applications/…/cancel/" in output
    assert "/committee/check/…/" in output


def test_children_end_when_serve_is_killed(tmp_path):
    # PR_SET_PDEATHSIG: `kill -9` of serve (or its crash) takes its children with it.
    script = (
        "from kyodo.core.management.commands.serve import spawn; import sys, time\n"
        "child = spawn(['sleep', '60']); print(child.pid, flush=True); time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=_env(tmp_path)
    )
    child = int(parent.stdout.readline())
    try:
        assert _alive(child)
        parent.kill()
        parent.wait()
        assert _wait(lambda: not _alive(child), 10)
    finally:
        if _alive(child):
            os.kill(child, signal.SIGKILL)


def test_search_into_a_closed_pipe_has_no_traceback(migrated):
    process = subprocess.Popen(
        [sys.executable, "-m", "kyodo", "search", "協働"],
        env=_env(migrated),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # `| head -0`: the reader is gone before the first line
    stderr = process.stderr.read()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr


def test_operator_errors_are_one_japanese_line(tmp_path):
    env = _env(tmp_path)
    # Not migrated (an empty database): setup and restore say what to run, no ProgrammingError
    # (backup, demo, periodic and db_worker call the same check).
    for args in (
        ["setup", "--center", "みなと", "--staff-username", "sato", "--staff-name", "佐藤"],
        ["restore", str(tmp_path / "x.zip"), "--yes"],
    ):
        result = _kyodo(*args, env=env)
        assert result.returncode == 1, args
        assert "データベースに未適用のマイグレーションが" in result.stderr, args
        assert "先に `kyodo migrate` を実行してから、もう一度実行してください。" in result.stderr
        assert "Traceback" not in result.stderr
    # A PostgreSQL server that is not there.
    port = _port()
    result = _kyodo(
        "migrate", env=env | {"DATABASE_URL": f"postgres://kyodo:pw@127.0.0.1:{port}/kyodo_x"}
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith(
        f"データベースに接続できません（DATABASE_URL=postgres://kyodo:***@127.0.0.1:{port}/kyodo_x）"
    )
    assert f"127.0.0.1:{port} で PostgreSQL が動いていません。" in result.stderr
    # A URL of another database: no list of the library's backends.
    result = _kyodo("check", env=env | {"DATABASE_URL": "mysqlx://foo"})
    assert result.returncode == 1
    assert (
        "DATABASE_URL の値 'mysqlx://foo' はデータベースの URL として読めません。" in result.stderr
    )
    assert "oracle" not in result.stderr and "Traceback" not in result.stderr
    # A KYODO_VAR_DIR below a file.
    (tmp_path / "afile").write_text("")
    result = _kyodo("migrate", env=env | {"KYODO_VAR_DIR": str(tmp_path / "afile" / "var")})
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"KYODO_VAR_DIR（{tmp_path / 'afile' / 'var'}）を作成できません：途中にディレクトリでない"
        "ファイルがあります。書き込めるディレクトリを環境変数 KYODO_VAR_DIR に指定してください。"
    )


def test_version_is_kyodos(tmp_path):
    from importlib.metadata import version

    for args in (["--version"], ["version"], ["serve", "--version"]):
        result = _kyodo(*args, env=_env(tmp_path))
        assert result.returncode == 0
        assert result.stdout.startswith(f"Kyodo {version('kyodo')}（"), result.stdout
