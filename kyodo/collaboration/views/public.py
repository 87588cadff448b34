"""The public case studies 「こんな協働があります」 (/collaboration/): published records only."""

from __future__ import annotations

from collections import Counter

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from kyodo.collaboration import selectors
from kyodo.collaboration.models import Collaboration, CollaborationForm, Department
from kyodo.core.templatetags.kyodo_ja import fiscal_year_name
from kyodo.core.text import sort_by_reading
from kyodo.organizations.models import ActivityField, split_codes


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
    # As selectors.departments() sorts them: gojūon order of the readings.
    departments = [
        (str(pk), name, str(department_counts[pk]), department is not None and department.pk == pk)
        for pk, name, _reading in sort_by_reading(involved, key=lambda d: d[2] or d[1])
    ]
    records = published
    if field:
        code = f",{field},"
        records = [r for r in records if any(code in codes for _name, codes in r.groups)]
    if department is not None:
        records = [r for r in records if any(d[0] == department.pk for d in r.departments)]
    forms = dict(CollaborationForm.choices)
    year_names: dict[int, str] = {}

    def year_name(year: int) -> str:
        if year not in year_names:
            year_names[year] = fiscal_year_name(year)
        return year_names[year]

    rows = [
        (
            reverse("collaboration:detail", args=[r.pk]),
            r.title,
            str(forms.get(r.form, r.form)),
            year_name(r.first_fiscal_year)
            + (
                "～" + year_name(r.last_fiscal_year)
                if r.last_fiscal_year != r.first_fiscal_year
                else ""
            ),
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
    record: Collaboration | None = selectors.published_collaboration(pk=pk)
    if record is None:
        raise Http404
    return render(request, "collaboration/public/detail.html", {"record": record})
