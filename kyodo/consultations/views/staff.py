from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.consultations import selectors, services
from kyodo.consultations.forms import ConsultationFilterForm, ConsultationForm
from kyodo.consultations.models import Consultation
from kyodo.core.permissions import staff_required
from kyodo.core.views.actions import perform, submit, submit_edit

PAGE_SIZE = 50


@staff_required
def consultation_index(request):
    form = ConsultationFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        month = form.cleaned_data["month"]
        if month:
            filters |= {"start": month.first_day, "end": month.last_day}
        filters |= {k: form.cleaned_data[k] for k in ("category", "channel")}
    consultations = selectors.consultation_list(actor=request.user, **filters)
    page = Paginator(consultations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/staff/list.html",
        {"form": form, "page": page, "today": timezone.localdate()},
    )


@staff_required
def consultation_create(request):
    # Almost every consultation is logged the day it is taken: today (JST) is filled in.
    form = ConsultationForm(
        request.POST or None,
        initial={"staff": request.user, "received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        if consultation := _save(form, actor=request.user):
            messages.success(request, _("The consultation was recorded."))
            return redirect("consultations-staff:detail", pk=consultation.pk)
    return render(request, "consultations/staff/form.html", {"form": form})


@staff_required
def consultation_edit(request, pk: int):
    consultation = _get(request, pk)
    form = ConsultationForm(
        request.POST or None,
        initial=ConsultationForm.initial_for(consultation),
        version_of=consultation,
    )
    if request.method == "POST" and form.is_valid():
        if _save(form, actor=request.user, consultation=consultation):
            messages.success(request, _("The consultation was updated."))
            return redirect("consultations-staff:detail", pk=consultation.pk)
    return render(
        request, "consultations/staff/form.html", {"form": form, "consultation": consultation}
    )


@staff_required
def consultation_detail(request, pk: int):
    return render(
        request,
        "consultations/staff/detail.html",
        {
            "consultation": _get(request, pk),
            "note_max_length": services.FOLLOW_UP_NOTE_MAX_LENGTH,
        },
    )


@staff_required
@require_POST
def follow_up(request, pk: int, change: str):
    # 「フォローアップ済みにする」, or back to needed when marked by mistake.
    if change not in ("done", "reopen"):
        raise Http404
    # Marking it done may say what was done (「対応の内容」), which is added to the notes.
    consultation = _get(request, pk)
    perform(
        request,
        services.follow_up_done,
        success=_("The follow-up is marked done.")
        if change == "done"
        else _("The follow-up is needed again."),
        actor=request.user,
        consultation=consultation,
        done=change == "done",
        note=request.POST.get("note", "") if change == "done" else "",
    )
    return redirect("consultations-staff:detail", pk=consultation.pk)


def _get(request, pk: int) -> Consultation:
    try:
        return selectors.consultation_get(actor=request.user, pk=pk)
    except Consultation.DoesNotExist:
        raise Http404 from None


def _save(form: ConsultationForm, *, actor, consultation: Consultation | None = None):
    # Rules spanning several fields live in the service; its errors land on the field at fault.
    try:
        fields = services.ConsultationFields(**form.cleaned_data)
        if consultation is None:
            return submit(form, services.consultation_create, actor=actor, fields=fields)
        return submit_edit(
            form,
            services.consultation_update,
            obj=consultation,
            actor=actor,
            consultation=consultation,
            fields=fields,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
    return None
