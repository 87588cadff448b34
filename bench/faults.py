"""Faults: PostgreSQL restarted during an application load, SMTP refusing then accepting, a
backup taken under load and restored.

1. PostgreSQL restart. The bench starts a PostgreSQL server of its own (initdb in a scratch
   directory, its own port), so that restarting it disturbs nothing else on the machine. The
   production server (gunicorn, 2 workers) runs the demo on it; client threads post applications
   for an event without limit; after a few seconds the database is stopped, kept down for a few
   seconds, then started again, while the clients go on. Expected: every request answered; those
   during the outage refused cleanly (503 with the Japanese page, no traceback); no 500; every
   application whose POST was answered with the redirect (302) is in the database afterwards;
   nothing half-written (each application has its audit entry and its confirmation mail, and
   there is no row without them).

3. A backup under load, restored. The production server runs the demo (SQLite, and PostgreSQL
   on a server of the bench's own) while client threads post applications; in the middle,
   `kyodo backup --verify` runs against the live database. Then the zip is restored into an
   empty database of the same kind (`migrate`, `restore`). Expected: the backup and its check
   pass under load, the clients see no error meanwhile, and the restored database is one
   instant of the live one: every application in it has its audit entry and its mail (they
   are written in one transaction), and exactly the applications the zip holds.

2. SMTP refusing, then accepting. A scratch installation queues N mails in the outbox while an
   aiosmtpd server on loopback answers every delivery with 451 for the first seconds, then
   accepts; two real task workers (`db_worker --batch`) run side by side until the outbox is
   empty. Expected: every mail delivered exactly once (compared by Message-ID), every row sent.
"""

from __future__ import annotations

import glob
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

from bench.common import ROOT, demo_server, free_port, kyodo, scratch_env

CLIENTS = int(os.environ.get("BENCH_FAULTS_CLIENTS", "16"))
LOAD_SECONDS = 25
STOP_AFTER_SECONDS = 6
DOWN_SECONDS = 6
MAILS = int(os.environ.get("BENCH_FAULTS_MAILS", "1000"))
SMTP_REFUSING_SECONDS = 4
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
JAPANESE_503 = "データベースに一時的に接続できないため"


# --- a PostgreSQL server of the bench's own ----------------------------------------------------


def postgres_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = candidates[0] if candidates else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the PostgreSQL server (postgresql)")
    return found


class PrivatePostgres:
    """initdb + pg_ctl in a scratch directory, run as the postgres user when we are root."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="kyodo-bench-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.log = self.dir / "postgres.log"
        self.as_postgres = os.geteuid() == 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def init(self) -> None:
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(postgres_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run(
            postgres_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def destroy(self) -> None:
        self._run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop", check=False)  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)


def django_python(env: dict[str, str], code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kyodo", "shell", "-c", code],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"kyodo shell failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


CREATE_EVENT = """
import datetime
from django.utils import timezone
from kyodo.core.models import User
from kyodo.events import services
from kyodo.events.models import Event
staff = User.objects.filter(is_superuser=True).first()
event = services.event_create(
    actor=staff, kind="lecture", title="障害試験講座", status=Event.Status.PUBLISHED,
    date=timezone.localdate() + datetime.timedelta(days=14),
    start_time=datetime.time(19), end_time=datetime.time(21),
)
print(event.pk)
"""

CHECK = """
import json
from django.contrib.contenttypes.models import ContentType
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events.models import Application
rows = list(Application.objects.filter(event_id={pk}).values("pk", "email"))
print(json.dumps({{
    "emails": [r["email"] for r in rows],
    "outbox_to": list(OutboxMessage.objects.filter(to__startswith="fault").values_list("to", flat=True)),
    "audit_ids": [str(v) for v in AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application)
    ).values_list("object_id", flat=True)],
    "application_ids": [str(r["pk"]) for r in rows],
}}))
"""


def _client(base: str, path: str, n: int, stop: threading.Event, log: list, lock) -> None:
    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    token = None
    i = 0
    while not stop.is_set():
        i += 1
        started = time.time()
        entry: dict = {"t": started}
        try:
            if token is None:
                with opener.open(base + path, timeout=30) as response:
                    token = TOKEN_RE.search(response.read().decode())[1]
            email = f"fault{n}-{i}@example.jp"
            entry["email"] = email
            body = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "kind": "individual", "name": f"申込者{n}-{i}",
                 "email": email, "consent": "on", "step": "send"}
            ).encode()  # fmt: skip
            request = urllib.request.Request(base + path, data=body)
            with opener.open(request, timeout=30) as response:
                entry["status"] = response.status
        except urllib.error.HTTPError as exc:
            entry["status"] = exc.code
            text = exc.read().decode("utf-8", "replace")
            entry["japanese"] = JAPANESE_503 in text
            entry["traceback"] = "Traceback" in text
            if exc.code == 503:
                time.sleep(0.2)
        except Exception as exc:  # connection refused or reset: counted, not hidden
            entry["status"] = 0
            entry["error"] = repr(exc)
            token = None
            time.sleep(0.2)
        entry["ms"] = (time.time() - started) * 1000
        with lock:
            log.append(entry)


def postgres_restart() -> dict:
    pg = PrivatePostgres()
    try:
        pg.init()
        pg.create_database("kyodo_faults")
        with demo_server(workers=2, database_url=pg.url("kyodo_faults")) as (base, server):
            env = server.env
            pk = int(django_python(env, CREATE_EVENT).splitlines()[-1])
            path = f"/events/{pk}/"
            stop, lock, log = threading.Event(), threading.Lock(), []
            threads = [
                threading.Thread(target=_client, args=(base, path, n, stop, log, lock))
                for n in range(CLIENTS)
            ]
            began = time.time()
            for thread in threads:
                thread.start()
            time.sleep(STOP_AFTER_SECONDS)
            down_at = time.time()
            pg.stop()
            time.sleep(DOWN_SECONDS)
            pg.start()
            up_at = time.time()
            time.sleep(max(0.0, LOAD_SECONDS - (time.time() - began)))
            stop.set()
            for thread in threads:
                thread.join()
            state = json.loads(django_python(env, CHECK.format(pk=pk)).splitlines()[-1])
    finally:
        pg.destroy()
    statuses: dict[int, int] = {}
    for entry in log:
        statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
    accepted = {e["email"] for e in log if e.get("status") == 302}
    in_db = set(state["emails"])
    refused_503 = [e for e in log if e["status"] == 503]
    during = [e for e in log if down_at <= e["t"] <= up_at]
    return {
        "requests": len(log),
        "statuses": statuses,
        "during_outage": len(during),
        "503": len(refused_503),
        "503_japanese": sum(1 for e in refused_503 if e.get("japanese")),
        "tracebacks": sum(1 for e in log if e.get("traceback")),
        "500": statuses.get(500, 0),
        "accepted": len(accepted),
        "accepted_missing": len(accepted - in_db),
        # Applications the server wrote but whose answer did not reach the client: allowed
        # (the client saw an error and may try again), counted.
        "in_db_not_acknowledged": len(in_db - accepted),
        "without_mail": len(in_db - set(state["outbox_to"])),
        "without_audit": len(set(state["application_ids"]) - set(state["audit_ids"])),
        "outage_s": up_at - down_at,
        "first_302_after_restart_s": min(
            (
                e["t"] + e["ms"] / 1000 - up_at
                for e in log
                if e.get("status") == 302 and e["t"] >= up_at
            ),
            default=None,
        ),
    }


# --- SMTP refusing, then accepting -------------------------------------------------------------


def smtp_refusing_then_accepting() -> dict:
    from aiosmtpd.controller import Controller

    received: list[str] = []
    refused = [0]
    lock = threading.Lock()
    accept_after = [float("inf")]

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            with lock:
                if time.time() < accept_after[0]:
                    refused[0] += 1
                    return "451 4.3.0 Temporarily unable to accept mail, try again later"
                from email import message_from_bytes, policy

                message = message_from_bytes(envelope.content, policy=policy.default)
                received.append(str(message["Message-ID"]))
            return "250 Message accepted for delivery"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    env, var = scratch_env()
    # Retries 1, 2, 4 … s apart (60 s in production): with no backoff at all a message would
    # spend all its attempts inside the outage and be marked failed, which is not the question.
    env.update({"EMAIL_URL": f"smtp://127.0.0.1:{port}", "OUTBOX_RETRY_BASE_SECONDS": "1"})
    env["OUTBOX_MAX_ATTEMPTS"] = "50"
    try:
        kyodo(env, "migrate", "--noinput", "-v", "0")
        django_python(
            env,
            "from django.db import transaction\n"
            "from kyodo.core.outbox import outbox_enqueue\n"
            "with transaction.atomic():\n"
            f"    for n in range({MAILS}):\n"
            "        outbox_enqueue(to=f'member{n}@example.jp', subject=f'招集通知 {n}', body='第9回')\n",
        )
        accept_after[0] = time.time() + SMTP_REFUSING_SECONDS
        started = time.time()
        rounds = 0
        while True:
            rounds += 1
            workers = [
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "kyodo",
                        "db_worker",
                        "--batch",
                        "--no-startup-delay",
                        "--queue-name",
                        "*",
                        "-v",
                        "0",
                    ],
                    env=env,
                    cwd=ROOT,
                )
                for _ in range(2)
            ]
            for worker in workers:
                worker.wait()
            left = int(
                django_python(
                    env,
                    "from kyodo.core.models import OutboxMessage as M\n"
                    "print(M.objects.exclude(status=M.Status.SENT).count())",
                ).splitlines()[-1]
            )
            if left == 0 or rounds >= 30:
                break
            time.sleep(0.5)
        elapsed = time.time() - started
        rows = json.loads(
            django_python(
                env,
                "import json\nfrom kyodo.core.models import OutboxMessage as M\n"
                "print(json.dumps([(m.message_id, m.status, m.attempts) for m in M.objects.all()]))",
            ).splitlines()[-1]
        )
    finally:
        controller.stop()
        shutil.rmtree(var, ignore_errors=True)
    ids = [row[0] for row in rows]
    return {
        "mails": MAILS,
        "refused": refused[0],
        "received": len(received),
        "duplicates": len(received) - len(set(received)),
        "missing": len(set(ids) - set(received)),
        "unknown": len(set(received) - set(ids)),
        "sent_rows": sum(1 for row in rows if row[1] == "sent"),
        "attempts": sum(row[2] for row in rows),
        "rounds": rounds,
        "seconds": elapsed,
    }


# --- a backup under load, restored --------------------------------------------------------------

BACKUP_LOAD_SECONDS = 3


def _load(base: str, path: str, stop: threading.Event, log: list, lock) -> list[threading.Thread]:
    threads = [
        threading.Thread(target=_client, args=(base, path, n, stop, log, lock))
        for n in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    return threads


def backup_under_load(database: str) -> dict:
    pg = PrivatePostgres() if database == "postgresql" else None
    folder = Path(tempfile.mkdtemp(prefix="kyodo-bench-backup-"))
    zip_path = folder / "kyodo.zip"
    try:
        url = None
        if pg is not None:
            pg.init()
            pg.create_database("kyodo_live")
            url = pg.url("kyodo_live")
        with demo_server(workers=2, database_url=url) as (base, server):
            env = server.env
            pk = int(django_python(env, CREATE_EVENT).splitlines()[-1])
            stop, lock, log = threading.Event(), threading.Lock(), []
            threads = _load(base, f"/events/{pk}/", stop, log, lock)
            time.sleep(BACKUP_LOAD_SECONDS)
            began = time.time()
            done = subprocess.run(
                [sys.executable, "-m", "kyodo", "backup", str(zip_path), "--verify"],
                env=env, cwd=ROOT, capture_output=True, text=True,
            )  # fmt: skip
            ended = time.time()
            time.sleep(BACKUP_LOAD_SECONDS)
            stop.set()
            for thread in threads:
                thread.join()
            live = json.loads(django_python(env, CHECK.format(pk=pk)).splitlines()[-1])
        with zipfile.ZipFile(zip_path) as archive:
            in_zip = sum(
                1
                for row in json.loads(archive.read("data.json"))
                if row["model"] == "events.application" and row["fields"]["event"] == pk
            )
        restored_url = None
        if pg is not None:
            pg.create_database("kyodo_restored")
            restored_url = pg.url("kyodo_restored")
        env, var = scratch_env(restored_url)
        try:
            kyodo(env, "migrate", "--noinput", "-v", "0")
            started = time.time()
            kyodo(env, "restore", str(zip_path), "--yes")
            restore_seconds = time.time() - started
            state = json.loads(django_python(env, CHECK.format(pk=pk)).splitlines()[-1])
        finally:
            shutil.rmtree(var, ignore_errors=True)
    finally:
        if pg is not None:
            pg.destroy()
    during = [e for e in log if began <= e["t"] <= ended]
    statuses: dict[int, int] = {}
    for entry in during:
        statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
    applications = set(state["application_ids"])
    return {
        "database": database,
        "backup_ok": done.returncode == 0,
        "backup_output": (done.stdout + done.stderr).strip()[-500:],
        "backup_seconds": ended - began,
        "zip_kb": zip_path.stat().st_size // 1024 if zip_path.exists() else 0,
        "requests_during": len(during),
        "statuses_during": statuses,
        "errors_during": sum(n for status, n in statuses.items() if status not in (302,)),
        "live_applications": len(live["application_ids"]),
        "restored_applications": len(applications),
        "zip_applications": in_zip,
        "restored_without_audit": len(applications - set(state["audit_ids"])),
        "restored_without_mail": len(set(state["emails"]) - set(state["outbox_to"])),
        "restore_seconds": restore_seconds,
    }


def run(parts: list[str] | None = None) -> dict:
    parts = parts or ["postgres", "smtp", "backup"]
    result = {}
    if "backup" in parts:
        result["backup"] = [backup_under_load("sqlite"), backup_under_load("postgresql")]
        print(json.dumps(result["backup"]), flush=True)
    if "postgres" in parts:
        result["postgres"] = postgres_restart()
        print(json.dumps(result["postgres"]), flush=True)
    if "smtp" in parts:
        result["smtp"] = smtp_refusing_then_accepting()
        print(json.dumps(result["smtp"]), flush=True)
    return result


def markdown(result: dict) -> str:
    lines = []
    if "postgres" in result:
        lines += _postgres_markdown(result["postgres"])
    if "smtp" in result:
        lines += _smtp_markdown(result["smtp"])
    if "backup" in result:
        lines += _backup_markdown(result["backup"])
    return "\n".join(lines)


def _backup_markdown(runs: list[dict]) -> list[str]:
    lines = [
        "",
        f"**A backup under load, restored.** {CLIENTS} clients post applications against "
        f"gunicorn (2 workers) while `kyodo backup --verify` runs on the live database; the zip "
        f"is then restored into an empty database (`migrate`, `restore --yes`).",
        "",
        "| database | backup + verify | zip | requests meanwhile | errors meanwhile | "
        "applications live / in zip / restored | restored without audit | without mail | "
        "restore |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {'PostgreSQL' if r['database'] == 'postgresql' else 'SQLite'} | "
            f"{'passed' if r['backup_ok'] else 'FAILED'} in {r['backup_seconds']:.1f} s | "
            f"{r['zip_kb']} KB | {r['requests_during']} | {r['errors_during']} | "
            f"{r['live_applications']} / {r['zip_applications']} / "
            f"{r['restored_applications']} | {r['restored_without_audit']} | "
            f"{r['restored_without_mail']} | {r['restore_seconds']:.1f} s |"
        )
    lines += [
        "",
        "Goal: the backup and its check pass under load with no error for the clients; the "
        "restored database holds exactly the applications the zip counted, each with its audit "
        "entry and its mail (one instant, not tables read at different moments).",
    ]
    return lines


def _postgres_markdown(pg: dict) -> list[str]:
    return [
        f"**PostgreSQL restarted under load.** {CLIENTS} clients post applications for "
        f"{LOAD_SECONDS} s against gunicorn (2 workers) on a PostgreSQL server of the bench's "
        f"own; after {STOP_AFTER_SECONDS} s it is stopped (`pg_ctl stop -m fast`) and started "
        f"again {DOWN_SECONDS} s later.",
        "",
        "| requests | during the outage | 503 (Japanese page) | 500 | tracebacks | "
        "accepted (302) | accepted but missing | in DB, answer lost | without mail | "
        "without audit | back after restart |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| {pg['requests']} | {pg['during_outage']} | {pg['503']} ({pg['503_japanese']}) | "
        f"{pg['500']} | {pg['tracebacks']} | {pg['accepted']} | {pg['accepted_missing']} | "
        f"{pg['in_db_not_acknowledged']} | {pg['without_mail']} | {pg['without_audit']} | "
        + (
            f"{pg['first_302_after_restart_s']:.1f} s |"
            if pg["first_302_after_restart_s"] is not None
            else "never |"
        ),
        "",
        f"Statuses seen: {dict(sorted(pg['statuses'].items()))} (0 = connection refused or "
        f"reset). Goal: 0 errors other than 503, 0 accepted but missing, 0 without mail or "
        f"audit.",
        "",
    ]


def _smtp_markdown(smtp: dict) -> list[str]:
    return [
        f"**SMTP refusing, then accepting.** {smtp['mails']} mails queued; the SMTP server "
        f"answers 451 for {SMTP_REFUSING_SECONDS} s, then accepts; two `db_worker --batch` "
        f"processes side by side, retries 1, 2, 4 … s apart (the production base is 60 s), "
        f"{smtp['rounds']} rounds, {smtp['seconds']:.1f} s.",
        "",
        "| queued | refused (451) | received | duplicates | missing | rows sent | attempts |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {smtp['mails']} | {smtp['refused']} | {smtp['received']} | {smtp['duplicates']} "
        f"| {smtp['missing']} | {smtp['sent_rows']} | {smtp['attempts']} |",
        "",
        "Goal: every mail received exactly once (0 duplicates, 0 missing).",
    ]


if __name__ == "__main__":
    outcome = run(sys.argv[1:])
    print(json.dumps(outcome, indent=2))
    print(markdown(outcome))
