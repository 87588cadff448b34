"""Session 21 (finding #16): a worker does its one-time work before its first request, and the
PDFs read the fallback font only when a text needs it. Each check runs in a process of its own,
as gunicorn starts a worker (what a process has loaded cannot be unloaded in the test's)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.conf import settings

from kyodo.core.pdf_fonts import FALLBACK_FILES, font_file


def _run(code: str, tmp_path) -> dict:
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "KYODO_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "kyodo.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out.splitlines()[-1])


WARM = """
import json, sys
import kyodo.wsgi
from django.template import engines
from django.urls import get_resolver
from django.urls import reverse
from django.urls.resolvers import get_ns_resolver
cache = engines["django"].engine.template_loaders[0].get_template_cache
misses = get_ns_resolver.cache_info().misses
urls = [reverse("reports-staff:index"), reverse("events-staff:index")]
print(json.dumps({
    "modules": sorted(m for m in ("kyodo.urls", "kyodo.minutes_text.parser", "kyodo.api.api",
                                  "openpyxl", "reportlab.platypus") if m in sys.modules),
    "populated": get_resolver()._populated,
    "namespaces built on the first reverse": get_ns_resolver.cache_info().misses - misses,
    "urls": urls,
    "templates": [n for n in ("core/staff/base.html", "events/public/list.html") if n in cache],
    "fonts": [n for n in ("KyodoGothic", "KyodoFallback")
              if n in __import__("reportlab.pdfbase.pdfmetrics").pdfbase.pdfmetrics._fonts],
}))
"""


def test_a_worker_loads_the_urls_templates_and_writers_before_its_first_request(tmp_path):
    loaded = _run(WARM, tmp_path)
    assert loaded["modules"] == [
        "kyodo.api.api", "kyodo.minutes_text.parser", "kyodo.urls", "openpyxl",
        "reportlab.platypus",
    ]  # fmt: skip
    assert loaded["populated"] is True
    # reverse("reports-staff:…") finds its namespace's resolver built and filled.
    assert loaded["namespaces built on the first reverse"] == 0
    assert loaded["urls"] == ["/staff/reports/", "/staff/events/"]
    assert loaded["templates"] == ["core/staff/base.html", "events/public/list.html"]
    # The body font is read; the fallback (46 MB) is not, until a text needs it.
    assert loaded["fonts"] == (["KyodoGothic"] if font_file() else [])


LAZY = """
import io, json
import django
django.setup()
from pdfminer.high_level import extract_text
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, SimpleDocTemplate
from kyodo.core.pdf_fonts import pdf_fonts, pdf_text

def pdf(text):
    out = io.BytesIO()
    style = ParagraphStyle("body", fontName=pdf_fonts().body, fontSize=10, wordWrap="CJK")
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph(pdf_text(text), style)])
    return out.getvalue()

first = pdf("出席委員：熊田、有賀")
read_first = "KyodoFallback" in pdfmetrics._fonts
second = pdf("出席委員：𠮷岡 繫、熊田")
print(json.dumps({
    "read after the first": read_first,
    "read after the second": "KyodoFallback" in pdfmetrics._fonts,
    "first": [extract_text(io.BytesIO(first)).strip(), b"+IPAmjMincho" in first,
              b"+IPAGothic" in first],
    "second": [extract_text(io.BytesIO(second)).strip(), b"+IPAmjMincho" in second],
}))
"""


@pytest.mark.skipif(
    font_file() is None or not any(__import__("os").path.isfile(p) for p in FALLBACK_FILES),
    reason="IPA Gothic and IPAmj Mincho are not installed (scripts/system-packages installs them)",
)
def test_the_fallback_font_is_read_when_a_text_first_needs_it(tmp_path):
    result = _run(LAZY, tmp_path)
    assert result == {
        "read after the first": False,
        "read after the second": True,
        "first": ["出席委員：熊田、有賀", False, True],
        "second": ["出席委員：𠮷岡 繫、熊田", True],
    }


BROKEN = """
import json
import django
django.setup()
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="kyodo.no_such_urls"):
    import kyodo.wsgi
print(json.dumps({"application": callable(kyodo.wsgi.application)}))
"""


def test_a_failing_warm_up_is_logged_and_the_worker_starts(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "KYODO_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "kyodo.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", BROKEN], env=env, cwd=settings.BASE_DIR,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert json.loads(result.stdout.splitlines()[-1]) == {"application": True}
    assert "Warming up the worker failed; its first requests do it instead" in result.stderr
    assert "No module named 'kyodo.no_such_urls'" in result.stderr
