"""`make install` compiles the catalogues on a machine without gettext (scripts/compile-messages)."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]


def _compiled_catalogue(tmp_path: Path, path: str) -> tuple[gettext.GNUTranslations, str]:
    locale = tmp_path / "kyodo" / "locale"
    shutil.copytree(REPOSITORY / "kyodo" / "locale", locale)
    for mo in locale.rglob("*.mo"):
        mo.unlink()
    result = subprocess.run(
        [sys.executable, str(REPOSITORY / "scripts" / "compile-messages"), str(tmp_path / "kyodo")],
        env={"PATH": path},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.returncode == 0
    with (locale / "ja" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo), result.stderr


def test_without_msgfmt_the_catalogues_are_compiled_with_polib(tmp_path):
    # A PATH with no gettext on it, as on a fresh machine.
    catalogue, said = _compiled_catalogue(tmp_path, path=str(tmp_path / "no-bin"))
    assert "msgfmt not found: 1 catalogues compiled with polib" in said
    assert catalogue.gettext("Message to the center") == "センターへの連絡事項"
    assert catalogue.pgettext("application channel", "Telephone") == "電話"
    assert catalogue.ngettext("%(n)s person", "%(n)s people", 2) == "%(n)s人"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_polib_and_msgfmt_give_the_same_translations(tmp_path):
    by_polib, _said = _compiled_catalogue(tmp_path / "polib", path="/nonexistent")
    msgfmt = tmp_path / "msgfmt.mo"
    po = REPOSITORY / "kyodo" / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    subprocess.run(["msgfmt", "-o", str(msgfmt), str(po)], check=True)
    with msgfmt.open("rb") as mo:
        by_msgfmt = gettext.GNUTranslations(mo)
    # Every message exactly; only the header differs (msgfmt drops the creation date).
    by_polib._catalog.pop("")
    by_msgfmt._catalog.pop("")
    assert by_polib._catalog == by_msgfmt._catalog
