"""The public case studies 「こんな協働があります」 (/collaboration/): published records only; the
calls for proposals that have opened and their notified results (/collaboration/calls/)."""

from __future__ import annotations

from collections import Counter

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kyodo.api.opendata import public_data
from kyodo.collaboration import selectors
from kyodo.collaboration.models import CollaborationForm, Department
from kyodo.committees.rendering import links_html
from kyodo.core.exports import CSV_CONTENT_TYPE, csv_bytes
from kyodo.core.links import reverse_once
from kyodo.core.templatetags.kyodo_ja import fiscal_year_name, wareki
from kyodo.events.models import Event
from kyodo.organizations.models import ActivityField, Organization, split_codes


def _years(first: int, last: int) -> str:
    """「平成22年度」, or 「平成21年度～平成22年度」 for a record over several years."""
    return fiscal_year_name(first) + ("～" + fiscal_year_name(last) if last != first else "")


def index(request):
    # Listed by field of activity and by department; a link narrows the list to one of them.
    # Three queries (the records and their links' names); the counts, the narrowing and each
    # row's text are worked out here, so the template only prints them.
    field = request.GET.get("field", "")
    if field not in ActivityField.values:
        field = ""
    published, involved = selectors.case_studies()
    field_counts: Counter[str] = Counter()
    department_counts: Counter[int] = Counter()
    for record in published:
        field_counts.update({c for _name, codes in record.groups for c in split_codes(codes)})
        department_counts.update({pk for pk, _name, _reading in record.departments})
    known = {d[0]: d for d in involved}
    department = None
    if (raw := request.GET.get("department", "")).isdigit():
        pk = int(raw)
        if pk in known:
            department = Department(pk=pk, name=known[pk][1])
        else:
            department = Department.objects.filter(pk=pk).first()
    # Numbers as text and labels translated once: the template prints them as they are.
    fields = [
        (value, str(label), str(field_counts[value]))
        for value, label in ActivityField.choices
        if field_counts[value]
    ]
    # In gojūon order of the readings, as case_studies() gives them.
    departments = [
        (str(pk), name, str(department_counts[pk]), department is not None and department.pk == pk)
        for pk, name, _reading in involved
    ]
    records = published
    if field:
        code = f",{field},"
        records = [r for r in records if any(code in codes for _name, codes in r.groups)]
    if department is not None:
        records = [r for r in records if any(d[0] == department.pk for d in r.departments)]
    forms = dict(CollaborationForm.choices)
    rows = [
        (
            reverse_once("collaboration:detail", args=[r.pk]),
            r.title,
            str(forms.get(r.form, r.form)),
            _years(r.first_fiscal_year, r.last_fiscal_year)
            + (str(_("(cancelled)")) if r.cancelled else ""),
            "、".join(name for name, _codes in r.groups),
            "、".join(name for _pk, name, _reading in r.departments),
        )
        for r in records
    ]
    return render(
        request,
        "collaboration/public/index.html",
        {
            "rows": rows,
            "fields": fields,
            "departments": departments,
            "field": field,
            "field_label": dict(ActivityField.choices).get(field, ""),
            "department": department,
        },
    )


def detail(request, pk: int):
    # Three queries (see selectors.case_study); links, dates and the lists of groups, departments
    # and events are put together here, so that the template only prints them.
    page = selectors.case_study(pk=pk)
    if page is None:
        raise Http404
    record = page.record
    registered = Organization.Status.REGISTERED
    groups = [
        (reverse_once("organizations:detail", args=[pk]) if status == registered else "", name)
        for pk, name, status in page.groups
    ]
    departments = [
        ("", format_html("{}（{}）", name, bureau) if bureau else name)
        for name, bureau in page.departments
    ]
    events = [
        (
            "" if e.status == Event.Status.DRAFT else reverse_once("events:detail", args=[e.pk]),
            e.name,
            wareki(e.date),
        )
        for e in page.events
    ]
    return render(
        request,
        "collaboration/public/detail.html",
        {
            "record": record,
            "form": str(dict(CollaborationForm.choices).get(record["form"], record["form"])),
            "years": _years(record["first_fiscal_year"], record["last_fiscal_year"]),
            "groups": links_html(groups, "、", "—"),
            "departments": links_html(departments, "、", "—"),
            "events": links_html(events, "<br>"),
        },
    )


# --- calls for proposals and their results (提案公募・採択結果) ----------------------------------

# The columns of the results' CSV (open data: the column names are part of the format).
RESULT_COLUMNS = ["募集名", "事業年度", "団体名", "事業名", "結果", "金額（円）"]
RESULTS_CSV_FILENAME = "collaboration_proposal_results.csv"


def _period(call) -> str:
    return f"{wareki(call.opens_on)}～{wareki(call.closes_on)}"


def calls(request):
    # Two queries: the published calls and the results notified. Open calls first (the
    # nearest deadline first), then those announced (募集予定, the soonest first), then the
    # closed ones with their number of adopted proposals.
    today = timezone.localdate()
    adopted: Counter[int] = Counter(
        r.call_id for r in selectors.public_results(today=today) if r.adopted
    )
    open_rows, upcoming_rows, closed_rows = [], [], []
    for call in selectors.public_calls(today=today):
        row = (
            reverse_once("collaboration:call", args=[call.pk]),
            call.title,
            fiscal_year_name(call.fiscal_year),
            _period(call),
        )
        if call.is_open_on(today):
            open_rows.append((call.closes_on, row))
        elif call.is_announced_on(today):
            upcoming_rows.append((call.opens_on, row))
        else:
            closed_rows.append((*row, str(adopted[call.pk])))
    return render(
        request,
        "collaboration/public/calls.html",
        {
            "open_calls": [row for _closes, row in sorted(open_rows, key=lambda r: r[0])],
            "upcoming_calls": [row for _opens, row in sorted(upcoming_rows, key=lambda r: r[0])],
            "closed_calls": closed_rows,
        },
    )


def call_detail(request, pk: int):
    today = timezone.localdate()
    call = selectors.public_call(pk=pk, today=today)
    if call is None:
        raise Http404
    results = selectors.public_results(today=today, call=call)
    adopted = [
        (r.group, r.title, f"{r.amount:,}円" if r.amount is not None else "—")
        for r in results
        if r.adopted
    ]
    others = [(r.group, r.title) for r in results if not r.adopted]
    return render(
        request,
        "collaboration/public/call.html",
        {
            "call": call,
            "is_open": call.is_open_on(today),
            "is_upcoming": call.is_announced_on(today),
            "year": fiscal_year_name(call.fiscal_year),
            "period": _period(call),
            "budget_limit": f"{call.budget_limit:,}円" if call.budget_limit is not None else "",
            "adopted": adopted,
            "others": others,
            "notified": bool(results),
        },
    )


def results_csv_rows(results) -> list[list]:
    rows = []
    for r in results:
        rows.append(
            [
                r.call_title,
                fiscal_year_name(r.fiscal_year),
                r.group,
                r.title,
                "採択" if r.adopted else "不採択",
                r.amount if r.amount is not None else "",
            ]
        )
    return rows


@public_data
def results_csv(request):
    # UTF-8 with a BOM and CRLF line ends (Excel opens it as Japanese text), like the events'
    # open data: every notified result the public pages show, and nothing else.
    results = selectors.public_results(today=timezone.localdate())
    response = HttpResponse(
        csv_bytes([RESULT_COLUMNS, *results_csv_rows(results)]), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{RESULTS_CSV_FILENAME}"'
    return response
