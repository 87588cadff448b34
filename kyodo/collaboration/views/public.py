"""The public case studies 「こんな協働があります」 (/collaboration/): published records only."""

from __future__ import annotations

from collections import Counter

from django.http import Http404
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kyodo.collaboration import selectors
from kyodo.collaboration.models import CollaborationForm, Department
from kyodo.committees.rendering import links_html
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
        ("", format_html("{} ({})", name, bureau) if bureau else name)
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
