"""Session 19, operator's audit: the documentation says what the code does.

- operations.md's "Every environment variable" lists every variable Kyodo reads, and nothing it
  does not read; its defaults are those of a fresh start; README's short table agrees with it.
- Every ``kyodo …`` command line in README.md and docs/*.md parses with its command's parser.
- ``EVENTS_ANONYMISE_AFTER_DAYS`` and ``TRUSTED_PROXIES`` are read and checked at start-up, in
  Japanese; ``make run BIND=…`` serves there with SITE_URL following; ``kyodo minutes export``
  without ``--output`` writes ``2010-9.pdf``; a new SQLite database is its owner's only.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shlex
import stat
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError

ROOT = Path(settings.BASE_DIR)
README = ROOT / "README.md"
OPERATIONS = ROOT / "docs" / "operations.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
# Read by a library, not by Kyodo's code (boto3 for STORAGE_URL=s3://…).
READ_BY_LIBRARIES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
# Set by the `kyodo` command and kyodo.wsgi themselves; the table's note names it.
SET_BY_KYODO = {"DJANGO_SETTINGS_MODULE"}

_READ = re.compile(
    r"""(?:\benv_\w+|os\.environ\.get|os\.getenv|os\.environ\.setdefault)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]+)["']\s*\]"""
)


@functools.cache
def variables_in_code() -> frozenset[str]:
    """Every environment variable Kyodo's own code reads (tests and their fixtures left out)."""
    names: set[str] = set()
    for path in (ROOT / "kyodo").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or path.name == "conftest.py":
            continue
        for match in _READ.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2))
    return frozenset(names - SET_BY_KYODO)


def section(path: Path, heading: str) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def table_rows(text: str) -> list[tuple[list[str], str, str]]:
    """(variable names, default, meaning) of each row of the tables in ``text``."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        names = re.findall(r"`([A-Z][A-Z0-9_]+)`", cells[0])
        rows.append((names, cells[1], cells[2]))
    return rows


def operations_table() -> dict[str, str]:
    table = {}
    for names, default, _meaning in table_rows(section(OPERATIONS, "Every environment variable")):
        for name in names:
            assert name not in table, f"{name} is twice in operations.md's table"
            table[name] = default
    return table


def test_every_variable_the_code_reads_is_in_the_one_table():
    table = operations_table()
    missing = sorted(variables_in_code() - set(table))
    assert not missing, f"not in docs/operations.md 'Every environment variable': {missing}"


def test_the_table_names_no_variable_nobody_reads():
    stale = sorted(set(operations_table()) - variables_in_code() - READ_BY_LIBRARIES)
    assert not stale, f"in the table but read nowhere: {stale}"


def test_the_readme_links_to_the_table_and_agrees_with_it():
    readme = README.read_text(encoding="utf-8")
    assert "(docs/operations.md#every-environment-variable)" in readme
    table = operations_table()
    rows = table_rows(section(README, "Configuration"))
    assert rows
    for names, default, _meaning in rows:
        for name in names:
            assert name in table, name
            assert table[name] in default, (name, default, table[name])


# The defaults a fresh start has, read from the settings in a clean environment, against the
# table's default column where it is a plain value.
_PLAIN = re.compile(r"^`([^`]+)`$")


def test_the_tables_plain_defaults_are_the_settings_of_a_fresh_start(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in variables_in_code() and key != "DJANGO_SETTINGS_MODULE"
    }
    environment["KYODO_VAR_DIR"] = str(tmp_path)
    names = [name for name, default in operations_table().items() if _PLAIN.match(default)]
    script = (
        "import json, sys, kyodo.settings as s\n"
        "out = {}\n"
        "for name in sys.argv[1:]:\n"
        "    if hasattr(s, name):\n"
        "        value = getattr(s, name)\n"
        "        if isinstance(value, dict):\n"
        "            value = ','.join(f'{k}={v}' for k, v in value.items())\n"
        "        out[name] = ','.join(value) if isinstance(value, list) else value\n"
        "print(json.dumps(out, default=str))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *names],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout)
    assert len(values) > 20
    table = operations_table()
    for name, value in values.items():
        documented = _PLAIN.match(table[name]).group(1).replace("$KYODO_VAR_DIR", str(tmp_path))
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        assert shown == documented, (name, value, documented)


# --- every `kyodo …` command line in the documentation parses ----------------------------------

_CODE_BLOCK = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"`([^`\n]+)`")
# `kyodo NAME …` at the start, after a space or an opening bracket, or as …/bin/kyodo.
_KYODO = re.compile(r"(?:^|(?<=[\s(])|(?<=bin/))kyodo (?=[a-z])")
_END = re.compile(r"\s(?:#|;|&&|\|\||\||>)\s|\s#\s*$|, ")
# Written by `make bench` from bench/faults.py, whose text is not this test's to change.
GENERATED = {("benchmarks.md", "backup --verify")}


def command_lines() -> list[tuple[str, str, bool]]:
    """(file, command line after `kyodo `, whether in a code block) of every command line the
    documentation shows."""
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        snippets = []
        for block in _CODE_BLOCK.findall(text):
            lines = block.replace("\\\n", " ").splitlines()
            snippets += [(line, True) for line in lines if not line.lstrip().startswith("#")]
        snippets += [(span, False) for span in _INLINE.findall(_CODE_BLOCK.sub("", text))]
        for snippet, in_block in snippets:
            snippet = re.sub(r"\$\(date \+\\?%F\)", "2026-12-07", snippet)
            for match in _KYODO.finditer(snippet):
                rest = snippet[match.end() :]
                end = _END.search(rest)
                found.append((path.name, rest[: end.start()] if end else rest, in_block))
    return found


def _arguments(line: str) -> tuple[list[str], bool]:
    """The words of a documented command line, and whether it elides some (`…`)."""
    words = shlex.split(line.replace("[", " ").replace("]", " "))
    elided = any(word in ("…", "...") for word in words)
    words = [word.rstrip("…") or "x" for word in words if word not in ("…", "...")]
    return words, elided


def test_the_documentation_shows_commands():
    lines = command_lines()
    assert len(lines) > 40
    shown = {line.split()[0] for _file, line, _block in lines}
    assert {"serve", "backup", "minutes", "collectstatic", "migrate", "periodic"} <= shown


def test_every_documented_kyodo_command_line_parses():
    commands = get_commands()
    problems = []
    for file, line, in_block in command_lines():
        if (file, line) in GENERATED:
            continue
        try:
            words, elided = _arguments(line)
        except ValueError as error:
            problems.append(f"{file}: kyodo {line}: {error}")
            continue
        name, arguments = words[0], words[1:]
        if name == "kyodo":  # `createdb -U kyodo kyodo`: the user and database's name
            continue
        if name not in commands:
            problems.append(f"{file}: kyodo {line}: no such command")
            continue
        command = load_command_class(commands[name], name)
        parser = command.create_parser("kyodo", name)
        # `kyodo restore`, `kyodo minutes import`, `kyodo setup …`: a command (and sub-command)
        # named in prose, its required arguments left out: only the names must be right. A
        # line in a code block, or one with an option, is a command to type: it must parse.
        partial = elided or not (in_block or any(word.startswith("-") for word in arguments))
        try:
            if partial:
                parser.parse_known_args(arguments)
            else:
                parser.parse_args(arguments)
        except CommandError as error:
            if not partial or "invalid choice" in str(error):
                problems.append(f"{file}: kyodo {line}: {error}")
    assert not problems, "\n".join(problems)


# --- settings read and checked at start-up ------------------------------------------------------


def _start(tmp_path, **variables) -> subprocess.CompletedProcess:
    environment = {**os.environ, "KYODO_VAR_DIR": str(tmp_path), **variables}
    return subprocess.run(
        [sys.executable, "-c", "import kyodo.settings as s; print(s.EVENTS_ANONYMISE_AFTER_DAYS)"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_the_anonymise_period_comes_from_the_environment(tmp_path):
    assert _start(tmp_path, EVENTS_ANONYMISE_AFTER_DAYS="180").stdout.strip() == "180"


@pytest.mark.parametrize("bad", ["abc", "0", "-5", "1.5"])
def test_a_bad_anonymise_period_stops_start_up_in_japanese(tmp_path, bad):
    result = _start(tmp_path, EVENTS_ANONYMISE_AFTER_DAYS=bad)
    assert result.returncode != 0
    assert (
        "EVENTS_ANONYMISE_AFTER_DAYS には、催しの申込者の個人情報を消すまでの日数" in result.stderr
    )
    assert repr(bad) in result.stderr


def test_the_anonymise_job_uses_the_setting(settings):
    from kyodo.events.services import anonymise_after_days

    settings.EVENTS_ANONYMISE_AFTER_DAYS = 90
    assert anonymise_after_days() == 90


@pytest.mark.parametrize("bad", ["abc", "127.0.0.1,nginx", "10.0.0.0/33"])
def test_a_trusted_proxy_that_is_no_address_stops_start_up_in_japanese(tmp_path, bad):
    result = _start(tmp_path, TRUSTED_PROXIES=bad)
    assert result.returncode != 0
    assert "はIPアドレスでもネットワーク（192.0.2.0/24 など）でもありません" in result.stderr


def test_trusted_proxies_take_addresses_and_networks(tmp_path):
    result = _start(tmp_path, TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.1,::1,2001:db8::/32")
    assert result.returncode == 0, result.stderr


# --- make run BIND=… ----------------------------------------------------------------------------


def _make_run(*arguments: str, **variables: str) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SITE_URL", "KYODO_BIND", "BIND")
    }
    environment.update(variables)
    result = subprocess.run(
        ["make", "-n", "run", *arguments],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if " serve" in line][-1]


def test_make_run_serves_on_the_port_given_and_mail_links_follow():
    assert _make_run() == (
        "SITE_URL='http://127.0.0.1:8000' .venv/bin/kyodo serve --bind '127.0.0.1:8000'"
    )
    assert _make_run("BIND=127.0.0.1:8103") == (
        "SITE_URL='http://127.0.0.1:8103' .venv/bin/kyodo serve --bind '127.0.0.1:8103'"
    )
    assert _make_run(SITE_URL="https://kyodo.example.jp", KYODO_BIND="0.0.0.0:8104") == (
        "SITE_URL='https://kyodo.example.jp' .venv/bin/kyodo serve --bind '0.0.0.0:8104'"
    )


# --- kyodo minutes export without --output ----------------------------------------------------


@pytest.fixture
def meeting(db, make_user):
    from kyodo.committees.models import Committee
    from kyodo.committees.services import meeting_create
    from kyodo.core.models import Center
    from kyodo.core.roles import Role

    center = Center.objects.create(name="西東京市市民協働推進センター")
    committee = Committee.objects.create(
        center=center, name="運営委員会", slug="unei", quorum=3, min_members=3, max_members=6
    )
    return meeting_create(
        actor=make_user("nishiguchi", Role.STAFF, full_name="西口"),
        committee=committee,
        date=date(2011, 1, 18),
        start_time=time(19),
        end_time=time(21),
    )


def test_minutes_export_without_output_writes_meeting_dot_format_here(
    meeting, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    code = f"{meeting.fiscal_year}-{meeting.number}"
    call_command("minutes", "export", "--meeting", code, "--format", "pdf")
    assert (tmp_path / f"{code}.pdf").read_bytes().startswith(b"%PDF")
    assert f"{code}.pdf" in capsys.readouterr().out
    call_command("minutes", "export", "--meeting", code, "--format", "text")
    assert (tmp_path / f"{code}.txt").read_text(encoding="utf-8")
    call_command("minutes", "export", "--meeting", code, "--format", "html", "--output", "m.html")
    assert (tmp_path / "m.html").exists()


# --- a new SQLite database is its owner's only --------------------------------------------------


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path):
    from kyodo.core.backends.sqlite3.base import _create_private

    path = tmp_path / "new" / "kyodo.sqlite3"
    # A folder that does not exist is not made (SQLite refuses to open, as it always did).
    _create_private(str(path))
    assert not path.parent.exists()
    path.parent.mkdir()
    _create_private(str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # An existing file and folder keep their modes.
    path.chmod(0o640)
    _create_private(str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_the_first_connection_makes_a_private_database(tmp_path):
    environment = {
        key: value for key, value in os.environ.items() if key not in variables_in_code()
    }
    environment.update(KYODO_VAR_DIR=str(tmp_path / "var"), SECRET_KEY="x" * 50)
    (tmp_path / "var").mkdir()  # made by `kyodo` itself (kyodo/__main__.py) before settings
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.db import connection; "
            "connection.cursor().execute('CREATE TABLE t (x)')",
        ],
        env={**environment, "DJANGO_SETTINGS_MODULE": "kyodo.settings"},
        cwd=ROOT,
        check=True,
    )
    database = tmp_path / "var" / "kyodo.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    # SQLite gives the write-ahead log the database's mode.
    for wal in tmp_path.glob("var/kyodo.sqlite3-*"):
        assert stat.S_IMODE(wal.stat().st_mode) & 0o077 == 0, wal
