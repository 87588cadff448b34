"""The public case studies 「こんな協働があります」 (/collaboration/): published records only."""

from __future__ import annotations

from collections import Counter

from django.http import Http404
from django.shortcuts import render

from kyodo.collaboration import selectors
from kyodo.collaboration.models import Collaboration, Department
from kyodo.organizations.models import ActivityField


def index(request):
    # Listed by field of activity and by department; a link narrows the list to one of them.
    field = request.GET.get("field", "")
    if field not in ActivityField.values:
        field = ""
    department = None
    if (raw := request.GET.get("department", "")).isdigit():
        department = Department.objects.filter(pk=int(raw)).first()
    published = list(selectors.published_collaborations())
    field_counts: Counter[str] = Counter()
    department_counts: Counter[int] = Counter()
    for record in published:
        field_counts.update({c for o in record.organizations.all() for c in o.activity_field_list})
        department_counts.update({d.pk for d in record.departments.all()})
    fields = [
        (value, label, field_counts[value])
        for value, label in ActivityField.choices
        if field_counts[value]
    ]
    departments = [
        (d, department_counts[d.pk]) for d in selectors.departments() if department_counts[d.pk]
    ]
    records = selectors.published_collaborations(field=field, department=department)
    return render(
        request,
        "collaboration/public/index.html",
        {
            "records": records,
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
