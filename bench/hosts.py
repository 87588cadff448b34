"""Kyodo on several hosts: two web "hosts" and three task workers against one PostgreSQL, one
Redis and one S3 server.

Each host is a gunicorn (2 workers) with its own KYODO_VAR_DIR and port; both share the database
(PostgreSQL), CACHE_URL (Redis, database 12, keys under a CACHE_KEY_PREFIX of the run's own),
STORAGE_URL (moto's S3 server, started by the bench on loopback) and SECRET_KEY. The demo is
loaded once.

1. Load on both hosts at once: wrk on each host at the same time, cached and rendered pages.
2. A write on host A is visible on host B on the next request: staff publish a news item
   through A's form, B's news page is fetched right after; repeated, every time counted.
3. A file uploaded through A downloads through B, byte for byte.
4. 1,000 mails queued, three task workers (db_worker) and `kyodo periodic --once` on each host
   running at the same time: every mail delivered exactly once (by Message-ID).
5. Host A is killed (SIGKILL, master and workers) in the middle of a load on both hosts: host B
   keeps answering, without an error.

POSTGRES_BENCH_URL names the PostgreSQL server (a database kyodo_bench_hosts is created there and
dropped first), BENCH_HOSTS_REDIS the Redis (default redis://127.0.0.1:6379/12), BENCH_HOSTS_MAILS
the number of mails (1000).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import ExitStack
from pathlib import Path

from bench.common import ROOT, free_port, gunicorn, kyodo, reset_postgres, scratch_env
from bench.pages import DEMO_PASSWORD, wrk

MAILS = int(os.environ.get("BENCH_HOSTS_MAILS", "1000"))
REDIS = os.environ.get("BENCH_HOSTS_REDIS", "redis://127.0.0.1:6379/12")
WRITES = 20
BUCKET = "kyodo-bench"


def _s3_server(stack: ExitStack) -> str:
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    stack.callback(server.stop)
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench-secret",
    ).create_bucket(Bucket=BUCKET)
    return endpoint


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A person's cookie jar, used against either host (cookies are per address, not port)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def get(self, url: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def post(self, url: str, data: bytes, content_type: str) -> int:
        request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def token(self, url: str) -> str:
        status, page = self.get(url)
        assert status == 200, (url, status)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()

    def sign_in(self, base: str, username: str) -> None:
        token = self.token(base + "/accounts/login/")
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD}
        ).encode()
        status = self.post(base + "/accounts/login/", data, "application/x-www-form-urlencoded")
        assert status == 302, f"sign-in as {username} answered {status}"


def _multipart(fields: dict[str, str], name: str, filename: str, content: bytes):
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
        f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Kaijo")
    pdf.save()
    return buffer.getvalue()


def writes_across_hosts(a: str, b: str) -> dict:
    staff = Browser()
    staff.sign_in(a, "nishiguchi")
    visitor = Browser()
    seen, seconds = 0, []
    for n in range(WRITES):
        visitor.get(b + "/news/")  # B has the page cached before the write
        token = staff.token(a + "/staff/site/news/new/")
        title = f"ホスト間のお知らせ {n} {uuid.uuid4().hex[:6]}"
        now = time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 3600))
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "title": title,
                "body": "本文",
                "published_at": now,
                "is_published": "on",
            }
        ).encode()
        started = time.perf_counter()
        status = staff.post(a + "/staff/site/news/new/", data, "application/x-www-form-urlencoded")
        assert status == 302, f"news form on host A answered {status}"
        _, page = visitor.get(b + "/news/")
        seconds.append(time.perf_counter() - started)
        seen += title.encode() in page
    # The staff session from host A on host B.
    status, _ = staff.get(b + "/staff/")
    return {
        "writes": WRITES,
        "seen_on_b": seen,
        "session_on_b": status,
        "max_ms": max(seconds) * 1000,
    }


def file_across_hosts(a: str, b: str, env: dict[str, str]) -> dict:
    staff = Browser()
    staff.sign_in(a, "nishiguchi")
    post_id = _kyodo_shell(
        env,
        "from kyodo.website.models import NewsPost as P\n"
        "print(P.objects.filter(is_published=True).order_by('-pk').first().pk)",
    )
    token = staff.token(f"{a}/staff/site/news/{post_id}/")
    pdf = _pdf()
    body, content_type = _multipart(
        {"csrfmiddlewaretoken": token, "title": "会場図"}, "file", "kaijo.pdf", pdf
    )
    status = staff.post(f"{a}/staff/site/news/{post_id}/attach/", body, content_type)
    assert status == 302, f"attachment upload on host A answered {status}"
    attachment = _kyodo_shell(
        env,
        "from kyodo.website.models import NewsAttachment as A\n"
        f"print(A.objects.filter(post_id={post_id}).latest('pk').pk)",
    )
    status, content = Browser().get(f"{b}/news/{post_id}/attachments/{attachment}/")
    return {"status_on_b": status, "same_bytes": content == pdf, "size": len(pdf)}


def _kyodo_shell(env: dict[str, str], code: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "kyodo", "shell", "-c", code],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip


def mails_exactly_once(env: dict[str, str], var_b: Path) -> dict:
    from aiosmtpd.controller import Controller

    received: list[str] = []
    lock = threading.Lock()

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            from email import message_from_bytes, policy

            message = message_from_bytes(envelope.content, policy=policy.default)
            with lock:
                received.append(str(message["Message-ID"]))
            return "250 Message accepted for delivery"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mail_env = env | {"EMAIL_URL": f"smtp://127.0.0.1:{port}"}
        _kyodo_shell(
            mail_env,
            "from django.db import transaction\n"
            "from kyodo.core.outbox import outbox_enqueue\n"
            "from kyodo.core.models import OutboxMessage\n"
            "OutboxMessage.objects.all().delete()\n"
            "with transaction.atomic():\n"
            f"    for n in range({MAILS}):\n"
            "        outbox_enqueue(to=f'member{n}@example.jp', subject=f'招集通知 {n}', body='第9回')\n"
            "print('queued')",
        )
        started = time.perf_counter()
        command = [sys.executable, "-m", "kyodo", "db_worker", "--batch", "--no-startup-delay"]
        processes = [
            subprocess.Popen([*command, "--queue-name", "*", "-v", "0"], env=mail_env, cwd=ROOT)
            for _ in range(3)
        ]
        # `kyodo periodic` on each host too (its outbox flush and the daily jobs' claims).
        for var in (env["KYODO_VAR_DIR"], str(var_b)):
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "kyodo", "periodic", "--once", "-v", "0"],
                    env=mail_env | {"KYODO_VAR_DIR": var},
                    cwd=ROOT,
                )
            )
        for process in processes:
            process.wait(timeout=600)
        seconds = time.perf_counter() - started
        ids = _kyodo_shell(
            mail_env,
            "from kyodo.core.models import OutboxMessage as M\n"
            "print(M.objects.filter(status=M.Status.SENT).count())",
        )
    finally:
        controller.stop()
    return {
        "mails": MAILS,
        "received": len(received),
        "distinct": len(set(received)),
        "sent_rows": int(ids),
        "seconds": seconds,
    }


def _kill_tree(process: subprocess.Popen) -> None:
    from bench.common import children

    for pid in [*children(process.pid), process.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def kill_one_host(a_process: subprocess.Popen, a: str, b: str) -> dict:
    results: dict[str, dict] = {}

    def load(name: str, base: str) -> None:
        try:
            results[name] = wrk(base + "/events/")
        except subprocess.CalledProcessError as exc:  # wrk gives up on a dead host
            results[name] = {"rps": 0.0, "p50": 0.0, "p99": 0.0, "non2xx": -1, "error": str(exc)}

    threads = [threading.Thread(target=load, args=(n, u)) for n, u in (("a", a), ("b", b))]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    _kill_tree(a_process)
    for thread in threads:
        thread.join()
    status, _ = Browser().get(b + "/events/")
    return {"during": results, "b_after": status}


def run() -> dict:
    import redis

    server = os.environ.get("POSTGRES_BENCH_URL", "postgres://postgres@127.0.0.1:5432")
    database_url = server.rstrip("/") + "/kyodo_bench_hosts"
    reset_postgres(database_url)
    redis.Redis.from_url(REDIS).ping()
    result: dict = {}
    with ExitStack() as stack:
        endpoint = _s3_server(stack)
        env, var_a = scratch_env(database_url)
        var_b = Path(tempfile.mkdtemp(prefix="kyodo-bench-b-"))
        for var in (var_a, var_b):
            stack.callback(shutil.rmtree, var, ignore_errors=True)
        env.update(
            CACHE_URL=REDIS,
            CACHE_KEY_PREFIX=f"kyodo-bench-{uuid.uuid4().hex[:8]}",
            STORAGE_URL=f"s3://{BUCKET}/center",
            STORAGE_ENDPOINT_URL=endpoint,
            STORAGE_REGION="us-east-1",
            AWS_ACCESS_KEY_ID="bench",
            AWS_SECRET_ACCESS_KEY="bench-secret",
            SECRET_KEY="bench-hosts-" + uuid.uuid4().hex,
            STATIC_MANIFEST="false",
            WHITENOISE_USE_FINDERS="true",
        )
        kyodo(env, "migrate", "--noinput", "-v", "0")
        kyodo(env, "demo")
        a, a_server = stack.enter_context(gunicorn(env, workers=2))
        b, _ = stack.enter_context(gunicorn(env | {"KYODO_VAR_DIR": str(var_b)}, workers=2))

        load: dict[str, dict] = {}
        for kind, env_path in (
            ("cached", "/events/"),
            ("rendered", "/search/?q=%E5%8D%94%E5%83%8D"),
        ):

            def one(name: str, base: str, path: str = env_path, kind: str = kind) -> None:
                load[f"{kind} {name}"] = wrk(base + path) | {"path": path}

            threads = [threading.Thread(target=one, args=(n, u)) for n, u in (("A", a), ("B", b))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        result["load"] = load
        result["writes"] = writes_across_hosts(a, b)
        result["file"] = file_across_hosts(a, b, env)
        result["mails"] = mails_exactly_once(env, var_b)
        result["kill"] = kill_one_host(a_server, a, b)
    return result


def markdown(result: dict) -> str:
    load, writes, file, mails, kill = (
        result["load"], result["writes"], result["file"], result["mails"], result["kill"],
    )  # fmt: skip
    lines = [
        "Two web hosts (gunicorn, 2 workers each, their own `KYODO_VAR_DIR` and port) and three "
        "task workers on one machine, against one PostgreSQL, one Redis (`CACHE_URL`) and moto's "
        "S3 server (`STORAGE_URL`); the demo loaded once. Everything on the same 2 cores, so the "
        "load figures are a check that both hosts serve together, not a capacity.",
        "",
        "| load on both hosts at once | path | req/s | p50 ms | p99 ms | non-2xx |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, r in load.items():
        lines.append(
            f"| {name} | {urllib.parse.unquote(r['path'])} | {r['rps']:.0f} | {r['p50']:.1f} "
            f"| {r['p99']:.1f} | {r['non2xx']} |"
        )
    b_during = kill["during"].get("b", {})
    lines += [
        "",
        "| check | result |",
        "|---|---|",
        f"| news published through host A, seen on host B's next page | {writes['seen_on_b']} "
        f"of {writes['writes']} (slowest write + read {writes['max_ms']:.0f} ms) |",
        f"| staff session from host A on host B's /staff/ | HTTP {writes['session_on_b']} |",
        f"| PDF uploaded through A, downloaded through B | HTTP {file['status_on_b']}, "
        f"{'same bytes' if file['same_bytes'] else 'DIFFERENT bytes'} ({file['size']} bytes) |",
        f"| {mails['mails']} mails, 3 workers + `periodic --once` on both hosts | "
        f"{mails['received']} received, {mails['distinct']} distinct, {mails['sent_rows']} rows "
        f"sent, {mails['seconds']:.1f} s |",
        f"| host A killed 1.5 s into a {b_during and 'load'} on both | host B: "
        f"{b_during.get('rps', 0):.0f} req/s, {b_during.get('non2xx', '?')} non-2xx during, "
        f"HTTP {kill['b_after']} after |",
    ]
    return "\n".join(lines)
