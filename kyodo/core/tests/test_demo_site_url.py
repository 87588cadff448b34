"""Mail queued by `kyodo demo` links to the address the site is served at (SITE_URL), and
`make run` gives the demo step the same SITE_URL as the server."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from kyodo.core.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_the_demo_s_mail_links_to_the_site_url_it_runs_with(settings):
    settings.SITE_URL = "http://127.0.0.1:8107"
    out = io.StringIO()
    call_command("demo", stdout=out)

    assert "メールのリンクのアドレス（SITE_URL）：http://127.0.0.1:8107\n" in out.getvalue()
    circulations = OutboxMessage.objects.filter(kind="committees.minutes.circulation")
    # Three drafts of this year's meetings and the 8th and 9th of 2010, twelve members each, and
    # 吉田's link to the 8th's draft sent again after his mail bounced.
    assert circulations.count() == 49
    for message in circulations:
        assert "http://127.0.0.1:8107/committee/check/" in message.body
    assert not OutboxMessage.objects.filter(body__contains="127.0.0.1:8000").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_gives_the_demo_the_server_s_site_url():
    root = Path(django_settings.BASE_DIR)
    if not (root / "Makefile").exists():
        pytest.skip("no Makefile beside an installed package")

    # Neither the caller's SITE_URL nor a `make test` around this test decides the answer.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SITE_URL", "KYODO_BIND", "BIND", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    }

    def commands(*args: str) -> list[str]:
        dry = subprocess.run(
            ["make", "-n", "run", *args], cwd=root, env=env, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
        return [line for line in dry.stdout.splitlines() if " demo" in line or " serve " in line]

    assert commands("BIND=127.0.0.1:8107") == [
        "SITE_URL='http://127.0.0.1:8107' .venv/bin/kyodo demo",
        "SITE_URL='http://127.0.0.1:8107' .venv/bin/kyodo serve --bind '127.0.0.1:8107'",
    ]
    assert commands("BIND=0.0.0.0:8107", "SITE_URL=http://kyodo-pc.example.lan:8107") == [
        "SITE_URL='http://kyodo-pc.example.lan:8107' .venv/bin/kyodo demo",
        "SITE_URL='http://kyodo-pc.example.lan:8107' .venv/bin/kyodo serve --bind '0.0.0.0:8107'",
    ]
