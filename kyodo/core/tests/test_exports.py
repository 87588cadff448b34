"""Every spreadsheet export, with a formula in every text field of the data it is made from.

No cell of any CSV may start with a formula character (they carry an apostrophe), and no cell
of any XLSX may be a formula (text cells starting like one carry Excel's quote prefix). A guard
walks the URL configuration so that a new export cannot escape this test.
"""

from __future__ import annotations

import csv
import io
import re
from itertools import cycle

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from kyodo.core.exports import csv_bytes, defuse, is_hostile, undefuse, xlsx_bytes

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("https://evil.example/","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
# The apps whose rows feed the exports (groups, events, applications, consultations, the
# collaboration register, the center and its venues).
POISONED_APPS = {"core", "organizations", "events", "consultations", "collaboration"}
# Not text anyone types: keys and hashes the code compares.
SKIPPED_FIELDS = {"password", "username", "name_key", "token", "resubmit_token_hash", "slug"}

EXPORTS = {
    # route pattern → how to build the URL from the poisoned demo
    "/staff/events/<int:pk>/applications.csv": lambda: (
        f"/staff/events/{_event_with_applications()}/applications.csv"
    ),
    "/staff/events/<int:pk>/feedback.csv": lambda: (
        f"/staff/events/{_event_with_feedback()}/feedback.csv"
    ),
    "/staff/groups/export.csv": lambda: "/staff/groups/export.csv",
    "/staff/groups/export.xlsx": lambda: "/staff/groups/export.xlsx",
    "/staff/groups/renewals.csv": lambda: "/staff/groups/renewals.csv",
    "/staff/reports/monthly/<str:slug>/report.<str:fmt>": lambda: [
        "/staff/reports/monthly/2010-12/report.csv",
        "/staff/reports/monthly/2010-12/report.xlsx",
    ],
    "/staff/reports/fiscal/<int:fy>/report.<str:fmt>": lambda: [
        "/staff/reports/fiscal/2010/report.csv",
        "/staff/reports/fiscal/2010/report.xlsx",
    ],
    "/staff/collaboration/statistics/export/": lambda: "/staff/collaboration/statistics/export/",
    "/staff/collaboration/export/": lambda: "/staff/collaboration/export/",
    "/opendata/events.csv": lambda: "/opendata/events.csv",
    "/collaboration/calls/results.csv": lambda: "/collaboration/calls/results.csv",
    "/staff/reports/presented/<int:pk>/report.<str:fmt>": lambda: [
        f"/staff/reports/presented/{_presented_report()}/report.csv",
        f"/staff/reports/presented/{_presented_report()}/report.xlsx",
    ],
    "/committee/minutes/<int:pk>/reports/<int:report>/report.csv": lambda: _heard_report_csv(),
}
# Public downloads (the rest are personal: private, not kept by caches).
PUBLIC = ("/opendata/", "/collaboration/calls/", "/committee/")
# Downloads that are documents, not spreadsheets.
NOT_SPREADSHEETS = {
    "/staff/committees/minutes/<int:pk>/export/<str:fmt>/",
    "/opendata/minutes/<int:pk>/download.pdf",
    "/opendata/minutes/<int:pk>/download.docx",
}


def _presented_report() -> int:
    """The monthly report of December 2010 attached to the seed meeting's first item (the
    demo attaches none), compiled live from the poisoned rows."""
    from datetime import date

    from kyodo.committees.models import AgendaItem
    from kyodo.reports.models import PresentedReport

    item = AgendaItem.objects.order_by("meeting__date", "pk").first()
    presented, _created = PresentedReport.objects.get_or_create(
        item=item, defaults={"month": date(2010, 12, 1)}
    )
    return presented.pk


def _heard_report_csv() -> str:
    """The public CSV of the report the seed meeting heard (its minutes are published): December
    2010 as handed out on the meeting's day, from the poisoned rows, on another of its items."""
    from datetime import date

    from kyodo.committees.models import AgendaItem
    from kyodo.reports.tests.axe_samples import _presented, seed_meeting_item

    first = AgendaItem.objects.order_by("meeting__date", "pk").first()
    item = seed_meeting_item(besides=first)
    heard = _presented(item, date(2010, 12, 1), frozen=True)
    return f"/committee/minutes/{item.meeting.minutes.pk}/reports/{heard.pk}/report.csv"


def _event_with_applications() -> int:
    from kyodo.events.models import Application

    return Application.objects.order_by("pk").values_list("event_id", flat=True).first()


def _event_with_feedback() -> int:
    from kyodo.events.models import Feedback

    return (
        Feedback.objects.filter(answered_at__isnull=False)
        .order_by("pk")
        .values_list("event_id", flat=True)
        .first()
    )


def _routes() -> list[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not route.startswith("^"):
                yield "/" + route

    return list(walk(get_resolver().url_patterns))


def poison() -> int:
    """A formula at the start of every filled text field of every row (values stay unique)."""
    values = cycle(HOSTILE)
    poisoned = 0
    for config in apps.get_app_configs():
        if config.label not in POISONED_APPS:
            continue
        for model in config.get_models():
            fields = [
                f
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField)
                and not f.choices
                and f.name not in SKIPPED_FIELDS
                and f.editable
            ]
            if not fields:
                continue
            names = [f.attname for f in fields]
            for pk, *current in model.objects.values_list("pk", *names):
                changes = {}
                for f, value in zip(fields, current, strict=True):
                    if not value:
                        continue  # empty stays empty (constraints tie some fields together)
                    text = f"{next(values)}{pk}"
                    changes[f.name] = text[: f.max_length] if f.max_length else text
                model.objects.filter(pk=pk).update(**changes)
                poisoned += len(changes)
    return poisoned


def cells_of(response) -> list[tuple[object, object]]:
    """(value, cell or None) for every cell of a CSV or XLSX response."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        assert content.startswith(b"\xef\xbb\xbf")
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
        return [(value, None) for row in rows for value in row]
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    return [(c.value, c) for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]


def test_every_export_defuses_every_formula(demo, client, django_user_model):
    assert poison() > 200
    client.force_login(django_user_model.objects.get(username="nishiguchi"))
    checked = {}
    for build in EXPORTS.values():
        urls = build()
        for url in urls if isinstance(urls, list) else [urls]:
            response = client.get(url)
            assert response.status_code == 200, url
            if not url.startswith(PUBLIC):
                assert response.get("Cache-Control") == "private, no-store", url
            live, defused = [], 0
            for value, cell in cells_of(response):
                if cell is None:  # CSV
                    if is_hostile(value):
                        live.append(value)
                    elif isinstance(value, str) and undefuse(value) != value:
                        defused += 1
                else:
                    if cell.data_type == "f":
                        live.append(value)
                    elif is_hostile(value):
                        assert cell.quotePrefix, (url, value)
                        defused += 1
            assert live == [], url
            checked[url] = defused
    # Each export really carried poisoned text (else this test proves nothing).
    assert all(count > 0 for count in checked.values()), checked


def test_every_spreadsheet_export_is_in_this_test():
    downloads = {
        route
        for route in _routes()
        if re.search(r"\.csv$|\.xlsx$|export|report\.<", route) and not route.startswith("/api/")
    }
    assert downloads - NOT_SPREADSHEETS == set(EXPORTS)


def test_the_writer_defuses_text_and_keeps_numbers_and_dates():
    from datetime import date

    assert defuse("=1+1") == "'=1+1"
    assert defuse("安全") == "安全"
    assert undefuse("'=1+1") == "=1+1"
    assert undefuse("'いいえ") == "'いいえ"
    assert csv_bytes([["=1", -1, date(2011, 1, 18), None, "\tx"]]) == (
        "\ufeff'=1,-1,2011-01-18,,'\tx\r\n".encode()
    )
    from openpyxl import load_workbook

    from kyodo.core.exports import Sheet

    book = load_workbook(io.BytesIO(xlsx_bytes([Sheet("表", [["=1+1", -1, "\x07ok"]])])))
    a, b, c = book.active[1]
    assert (a.value, a.data_type, a.quotePrefix) == ("=1+1", "s", True)
    assert (b.value, b.data_type) == (-1, "n")
    assert c.value == "ok"


def test_a_download_is_named_in_japanese_with_an_ascii_fallback():
    from kyodo.core.exports import content_disposition

    assert content_disposition("event-3-applications.csv", "申込者一覧_NPO入門/講座:第1回.csv") == (
        'attachment; filename="event-3-applications.csv"; '
        "filename*=UTF-8''%E7%94%B3%E8%BE%BC%E8%80%85%E4%B8%80%E8%A6%A7_NPO%E5%85%A5%E9%96%80_"
        "%E8%AC%9B%E5%BA%A7_%E7%AC%AC1%E5%9B%9E.csv"
    )  # 「申込者一覧_NPO入門_講座_第1回.csv」: no 「/」 or 「:」 in a file name
    assert content_disposition("a.csv") == 'attachment; filename="a.csv"'
