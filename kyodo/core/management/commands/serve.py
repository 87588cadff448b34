import ctypes
import errno
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.env import env_int


def control_socket(bind: str) -> Path:
    """gunicorn's control socket for this instance: in its VAR_DIR, named after its address.

    gunicorn's default (~/.gunicorn/gunicorn.ctl) is one socket for every gunicorn of the user
    on the host, so one instance's control commands would reach another.
    """
    return Path(settings.VAR_DIR) / f"gunicorn-{re.sub(r'[^A-Za-z0-9.]+', '-', bind)}.ctl"


def web_command(python: str, bind: str, workers: int) -> list[str]:
    socket = control_socket(bind)
    socket.parent.mkdir(parents=True, exist_ok=True)
    return [
        python,
        "-m",
        "gunicorn",
        # kyodo.core.serving: the access log without the secrets of links, and no start
        # without the static files' manifest.
        "--config",
        "python:kyodo.core.serving",
        "kyodo.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "10",
        "--control-socket",
        str(socket),
        # No limit of gunicorn's on the request line (4,094 bytes by default, answered with an
        # English 414 page): a long search or a pasted paragraph in a GET form reaches Django,
        # whose forms refuse it in Japanese. The proxy in front bounds it (docs/deployment.md).
        "--limit-request-line",
        "0",
    ]


def unapplied_migrations(alias: str = "default") -> list[str]:
    """「app.name」 of each migration the database has not had yet."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def require_migrated() -> None:
    """For the commands that read or write the data (setup, demo, backup, restore, periodic,
    db_worker): on a database without every migration, one Japanese line instead of a
    ProgrammingError's traceback."""
    if pending := unapplied_migrations():
        raise CommandError(
            f"データベースに未適用のマイグレーションが{len(pending)}件あります"
            f"（{', '.join(pending[:5])}{' …' if len(pending) > 5 else ''}）。"
            "先に `kyodo migrate` を実行してから、もう一度実行してください。"
        )


def bind_problem(bind: str) -> str | None:
    """Why gunicorn could not listen on ``bind`` (one Japanese line), or None.

    Tried before anything starts: gunicorn alone would retry for five seconds in English, then
    exit while the task worker already sends mail (and ``serve`` said it was serving)."""
    from gunicorn.util import parse_address

    if bind.startswith(("unix:", "fd://")):
        return None
    try:
        host, port = parse_address(bind)
    except (RuntimeError, ValueError):
        return (
            f"--bind {bind} はアドレスとして読めません。127.0.0.1:8000 のように指定してください。"
        )
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror:
        return f"--bind {bind}: ホスト名 {host} を解決できません。IP アドレスで指定してください。"
    with socket.socket(family, kind, proto) as probe:
        # As gunicorn binds: a port left in TIME_WAIT by the last run is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"{bind} は別のプログラムが使っています。--bind で別のポートを指定するか、"
                    "そのプログラムを止めてください。"
                )
            if exc.errno == errno.EACCES:
                return (
                    f"{bind} を使う権限がありません（1024 未満のポートは管理者の権限が必要です）。"
                    "8000 などのポートを --bind で指定し、80/443 はプロキシ（nginx など）で"
                    "受けてください。"
                )
            if exc.errno == errno.EADDRNOTAVAIL:
                return f"このマシンにはアドレス {host} がありません（--bind {bind}）。"
            return f"{bind} で待ち受けられません：{exc.strerror or exc}"
    return None


def _die_with_parent() -> None:
    """In a child, before it runs: end (SIGTERM) when ``kyodo serve`` ends, however it ends
    (Linux's PR_SET_PDEATHSIG; elsewhere the children notice nothing)."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl
        os.kill(os.getpid(), signal.SIGTERM)


def spawn(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command, preexec_fn=_die_with_parent)


# What each child is, for the operator's messages.
PARTS = {"web": "Web サーバー（gunicorn）", "worker": "タスクワーカー", "periodic": "定期処理"}


class Command(JapaneseHelp, BaseCommand):
    help = (
        "本番と同じ構成で Kyodo を動かします：Web サーバー（gunicorn + WhiteNoise）、タスクワーカー"
        "（メール送信を含む）、定期処理。SIGHUP で新しいコードを読み込みます（gunicorn を再読み込みし、"
        "タスクワーカーと定期処理を起動し直します）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("KYODO_BIND", "127.0.0.1:8000"),
            help="待ち受けるアドレスとポート（既定：127.0.0.1:8000、環境変数 KYODO_BIND）",
        )
        parser.add_argument(
            "--workers",
            type=int,
            # A bad WEB_WORKERS: one Japanese line by name, not a ValueError's traceback.
            default=env_int("WEB_WORKERS", 2, minimum=1),
            help="Web サーバーのワーカープロセスの数（既定：2、環境変数 WEB_WORKERS）",
        )

    def handle(self, *args, bind, workers, **options):
        # Nothing starts (no mail leaves) unless the site can answer.
        if problem := bind_problem(bind):
            raise CommandError(problem)
        # A site serving code newer than its database answers 500 on every page that reads a new
        # column (a member's mailed link among them): refuse to start instead.
        if pending := unapplied_migrations():
            raise CommandError(
                _(
                    "The database has %(count)d migration(s) not applied yet (%(names)s). Run "
                    "`kyodo migrate` first, then start again."
                )
                % {"count": len(pending), "names": ", ".join(pending[:5])}
            )
        from kyodo.core.serving import static_manifest_problem

        if problem := static_manifest_problem():
            raise CommandError(problem)
        python = sys.executable
        commands = {
            "web": web_command(python, bind, workers),
            "worker": [python, "-m", "kyodo", "db_worker", "--queue-name", "*", "--no-reload"],
            "periodic": [python, "-m", "kyodo", "periodic", "--every", "60"],
        }
        state = {"stopping": False, "reload": False}
        children: dict[str, subprocess.Popen] = {}

        def stop(*_):
            state["stopping"] = True
            for child in children.values():
                if child.poll() is None:
                    child.terminate()

        def reload(*_):
            state["reload"] = True

        # Handlers first: a signal while the children start is not lost.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGHUP, reload)
        for name, command in commands.items():
            children[name] = spawn(command)
        self.stdout.write(
            f"Kyodo を http://{bind}/ で動かしています（Ctrl-C で止まります。"
            f"kill -HUP {os.getpid()} で新しいコードを読み込みます）。"
        )
        self.stdout.flush()
        failed = None
        try:
            # If any part dies, stop the rest: a half-running site would lose mail silently.
            while not state["stopping"]:
                if state["reload"]:
                    state["reload"] = False
                    self._reload(children, commands)
                    continue
                failed = next(
                    (name for name, child in children.items() if child.poll() is not None), None
                )
                if failed:
                    break
                time.sleep(0.5)
        finally:
            stop()
            for child in children.values():
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        if failed:
            # systemd's Restart=on-failure and monitoring see the site down.
            raise CommandError(
                f"{PARTS[failed]}が終了しました（終了コード {children[failed].returncode}）。"
                "ほかのプロセスも止めて終了します。原因は上のログを見てください。"
            )

    def _reload(self, children: dict[str, subprocess.Popen], commands: dict[str, list[str]]):
        """SIGHUP: gunicorn reloads (new workers with the new code, the old ones finish their
        requests); the task worker and the scheduled jobs finish what they do and start again."""
        self.stdout.write("新しいコードを読み込みます（SIGHUP）。")
        self.stdout.flush()
        if children["web"].poll() is None:
            children["web"].send_signal(signal.SIGHUP)
        for name in ("worker", "periodic"):
            child = children[name]
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
            children[name] = spawn(commands[name])
