"""Every visible string is translatable and translated: the Japanese catalogue is complete."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

import kyodo

SOURCE = Path(kyodo.__file__).resolve().parent


CATALOGUE = Path("locale") / "ja" / "LC_MESSAGES" / "django.po"


def test_one_catalogue_for_the_whole_project():
    # Django merges catalogues, and a message two apps shared was translated twice and had to be
    # kept equal; one catalogue says each message once.
    assert (SOURCE / CATALOGUE).exists()
    assert sorted(str(p.relative_to(SOURCE)) for p in SOURCE.glob("*/locale")) == []


def test_every_string_in_the_source_has_a_japanese_translation(tmp_path):
    # Extract the messages from a copy with scripts/messages, so the working tree's catalogue is
    # not touched.
    copy = tmp_path / "kyodo"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    result = subprocess.run(
        ["sh", str(SOURCE.parent / "scripts" / "messages"), str(copy)],
        env={"PYTHON": sys.executable, "PYTHONPATH": str(tmp_path),
             "KYODO_VAR_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    catalogue = polib.pofile(str(copy / CATALOGUE))
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    fuzzy = [e.msgid for e in catalogue if e.fuzzy]
    assert missing == []
    assert fuzzy == []
    # Every app's strings are in it (the extraction did not skip an app).
    places = {o[0].split("/")[0] for e in catalogue for o in e.occurrences}
    assert {"core", "committees", "events", "website", "contact", "search"} <= places


def test_the_interface_speaks_japanese(client, db):
    response = client.get("/accounts/login/")
    assert "ログイン" in response.text
    assert "パスワード" in response.text
