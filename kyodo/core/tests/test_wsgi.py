"""The WSGI application as gunicorn loads it (kyodo.wsgi), in a process of its own."""

from __future__ import annotations

import json
import subprocess
import sys

from django.conf import settings

LOAD = """
import gc, json
gc.collect()
tracked = len(gc.get_objects())
import kyodo.wsgi
print(json.dumps([tracked, gc.get_freeze_count(), len(gc.get_objects())]))
"""


def test_start_up_objects_are_left_out_of_the_collectors_passes(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "KYODO_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
    }
    out = subprocess.run(
        [sys.executable, "-c", LOAD], env=env, cwd=settings.BASE_DIR,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    before, frozen, after = json.loads(out.splitlines()[-1])
    # Django and Kyodo's start-up made tens of thousands of objects, all frozen: the collector
    # tracks next to none (without the freeze: all of them, over 100,000).
    assert frozen > before + 20_000
    assert after < 100
