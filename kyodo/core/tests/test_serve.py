"""`make run`'s last steps in a scratch directory: migrate, demo, collectstatic, then `kyodo serve`
(gunicorn + WhiteNoise, the task worker and the scheduled jobs) answers on a real port."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_runs_the_demo_site_with_worker_and_sweeper(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    } | {
        "KYODO_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kyodo.sqlite3'}",
    }

    def kyodo(*args):
        subprocess.run([sys.executable, "-m", "kyodo", *args], env=env, check=True, timeout=300)

    kyodo("migrate", "--noinput", "-v", "0")
    kyodo("demo")
    kyodo("collectstatic", "--noinput", "-v", "0")
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kyodo", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "the server did not answer within a minute"
        assert "西東京市市民協働推進センター" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/core/kyodo.css") as css:
            assert css.status == 200
            assert "max-age" in css.headers["Cache-Control"]
        # A search longer than gunicorn's default request line (4,094 bytes) is refused by the
        # search form, in Japanese, not by gunicorn's English 414.
        query = urllib.parse.quote("協働" * 1000)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/search/?q={query}") as search:
            assert search.status == 200
            assert (
                "検索語は100文字以内で入力してください（現在2000文字）。" in search.read().decode()
            )
        # All three processes are up: gunicorn's master, the task worker and the scheduled jobs.
        children = subprocess.run(
            ["pgrep", "-f", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(children) == 3
        # gunicorn's control socket is this instance's own, in its VAR_DIR.
        assert (tmp_path / f"gunicorn-127.0.0.1-{port}.ctl").is_socket()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert server.returncode == 0


def test_each_instance_has_its_own_gunicorn_control_socket(settings, tmp_path):
    from kyodo.core.management.commands.serve import web_command

    settings.VAR_DIR = tmp_path
    first = web_command("python", "127.0.0.1:8000", 2)
    second = web_command("python", "127.0.0.1:8001", 2)
    socket = first[first.index("--control-socket") + 1]
    assert socket == str(tmp_path / "gunicorn-127.0.0.1-8000.ctl")
    assert second[second.index("--control-socket") + 1] == str(
        tmp_path / "gunicorn-127.0.0.1-8001.ctl"
    )


def test_serve_refuses_a_database_with_migrations_not_applied(tmp_path):
    # Code newer than its database answers 500 on every page that reads a new column: the
    # server does not start, and says in Japanese what to run.
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    } | {
        "KYODO_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kyodo.sqlite3'}",
    }
    subprocess.run(
        [sys.executable, "-m", "kyodo", "migrate", "sessions", "--noinput", "-v", "0"],
        env=env,
        check=True,
        timeout=300,
    )
    port = _port()
    result = subprocess.run(
        [sys.executable, "-m", "kyodo", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "データベースに未適用のマイグレーションが" in result.stderr
    assert "先に `kyodo migrate` を実行してから、もう一度起動してください。" in result.stderr
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
