"""Shared pieces: a scratch installation with the demo, a server, the machine description."""

from __future__ import annotations

import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scratch_env(database_url: str | None = None) -> tuple[dict[str, str], Path]:
    var = Path(tempfile.mkdtemp(prefix="kyodo-bench-"))
    env = dict(os.environ)
    env.update(
        {
            "KYODO_VAR_DIR": str(var),
            "DATABASE_URL": database_url or f"sqlite:///{var / 'bench.sqlite3'}",
            "DEBUG": "false",
            "LOG_LEVEL": "ERROR",
            # The benchmarks' clients all post from 127.0.0.1: limits per address stay on (their
            # cost is measured) but high enough never to refuse them.
            "RATE_LIMITS": "default=10000000/h,events:detail=10000000/h,"
            "organizations:apply=10000000/h",
        }
    )
    return env, var


def kyodo(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "kyodo", *args], env=env, check=True, cwd=ROOT)


@contextmanager
def demo_server(
    workers: int = 2,
    database_url: str | None = None,
    app: str = "kyodo.wsgi:application",
    extra_env: dict[str, str] | None = None,
):
    """gunicorn + WhiteNoise with the demo loaded, as `make run` serves it; yields the base URL."""
    env, var = scratch_env(database_url)
    env.update(extra_env or {})
    kyodo(env, "migrate", "--noinput", "-v", "0")
    kyodo(env, "demo")
    kyodo(env, "collectstatic", "--noinput", "-v", "0")
    try:
        with gunicorn(env, workers=workers, app=app) as (base, server):
            server.env = env  # for benchmarks that run `kyodo shell` against the same installation
            yield base, server
    finally:
        shutil.rmtree(var, ignore_errors=True)


@contextmanager
def gunicorn(
    env: dict[str, str],
    workers: int = 2,
    app: str = "kyodo.wsgi:application",
    ready_timeout: float = 30,
):
    """One more gunicorn on a free port with this environment; yields (base URL, process) once
    it answers (within ``ready_timeout`` seconds)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", timeout=ready_timeout)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=20)


def reset_postgres(url: str) -> None:
    """An empty database of this URL's name (dropped first if it exists)."""
    import urllib.parse

    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def wait_for(url: str, timeout: float = 30) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


def rss_mb(pid: int) -> float:
    """Resident memory of one process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []
