"""Every visible string is translatable and translated: the Japanese catalogue is complete."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import kyodo

SOURCE = Path(kyodo.__file__).resolve().parent


APPS = sorted(p.parent.parent.parent.name for p in SOURCE.glob("*/locale/ja/LC_MESSAGES"))


def test_every_app_with_a_catalogue_is_checked():
    assert {"core", "committees", "website"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_every_string_in_the_source_has_a_japanese_translation(tmp_path, app):
    # Extract the messages from a copy, so the working tree's catalogue is not touched.
    copy = tmp_path / "kyodo"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    result = subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "ja", "--no-obsolete",
         "-i", "tests/*", "-i", "locale/*"],
        cwd=copy / app,
        env={"PYTHONPATH": str(tmp_path), "DJANGO_SETTINGS_MODULE": "kyodo.settings",
             "KYODO_VAR_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    catalogue = polib.pofile(str(copy / app / "locale" / "ja" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    fuzzy = [e.msgid for e in catalogue if e.fuzzy]
    assert missing == []
    assert fuzzy == []


def test_the_interface_speaks_japanese(client, db):
    response = client.get("/accounts/login/")
    assert "ログイン" in response.text
    assert "パスワード" in response.text


def test_no_two_apps_translate_the_same_message_differently():
    # Django merges every app's catalogue; for a message id two apps share, the app listed
    # first in INSTALLED_APPS wins, so a different translation elsewhere would silently be lost.
    # Give such messages a context (pgettext) instead.
    seen: dict[tuple[str | None, str], tuple[str, str]] = {}
    clashes = []
    for app in APPS:
        path = SOURCE / app / "locale" / "ja" / "LC_MESSAGES" / "django.po"
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr:
                continue
            key = (entry.msgctxt, entry.msgid)
            if key in seen and seen[key][1] != entry.msgstr:
                clashes.append(
                    f"{entry.msgid!r}: {seen[key][0]}={seen[key][1]} {app}={entry.msgstr}"
                )
            seen.setdefault(key, (app, entry.msgstr))
    assert clashes == []
