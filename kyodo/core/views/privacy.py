"""Staff pages for a person's request to remove their data (/staff/privacy/): find what the
center holds about them, then remove it, one record at a time, with the reason in the audit log
(kyodo.core.services_privacy)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.consultations.models import Consultation
from kyodo.core import services_privacy as services
from kyodo.core.forms import CleanTextMixin, MultilineTextField
from kyodo.core.permissions import staff_required
from kyodo.core.views.actions import submit
from kyodo.events.models import Application


class PrivacySearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, reading, e-mail or telephone of the person"),
        max_length=100,
        required=False,
    )


class RemovalForm(CleanTextMixin, forms.Form):
    reason = MultilineTextField(
        label=gettext_lazy("Reason (kept in the audit log)"),
        max_length=services.REASON_MAX_LENGTH,
        help_text=gettext_lazy(
            "Who asked, when and how: e.g. 本人から電話で削除の申し出（12月7日）."
        ),
    )


class ConsultationRemovalForm(RemovalForm):
    how = forms.ChoiceField(
        label=gettext_lazy("What to remove"),
        choices=[
            ("anonymise", gettext_lazy("The client's name and contact (the record stays)")),
            ("delete", gettext_lazy("The whole consultation")),
        ],
        widget=forms.RadioSelect,
        initial="anonymise",
    )


@staff_required
def search(request):
    # A person asks the center to remove their data: first, what does the center hold?
    form = PrivacySearchForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        found = services.personal_data_find(actor=request.user, q=form.cleaned_data["q"])
    return render(
        request,
        "core/staff/privacy/search.html",
        {"form": form, "found": found, "limit": services.FOUND_LIMIT},
    )


@staff_required
def application(request, pk: int):
    # GET asks (what is removed, and why), POST removes.
    found = get_object_or_404(Application.objects.select_related("event"), pk=pk)
    form = RemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            services.application_personal_data_remove,
            actor=request.user,
            application=found,
            reason=form.cleaned_data["reason"],
        )
        if not form.errors:
            messages.success(request, _("The applicant's personal data was removed."))
            return redirect("staff:privacy")
    return render(
        request,
        "core/staff/privacy/application.html",
        {"application": found, "form": form},
    )


@staff_required
def consultation(request, pk: int):
    found = get_object_or_404(Consultation.objects.select_related("organization"), pk=pk)
    form = ConsultationRemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deleting = form.cleaned_data["how"] == "delete"
        submit(
            form,
            services.consultation_delete
            if deleting
            else services.consultation_personal_data_remove,
            actor=request.user,
            consultation=found,
            reason=form.cleaned_data["reason"],
        )
        if not form.errors:
            messages.success(
                request,
                _("The consultation was deleted.")
                if deleting
                else _("The client's name and contact were removed from the consultation."),
            )
            return redirect("staff:privacy")
    inquiry = _inquiry(found)
    return render(
        request,
        "core/staff/privacy/consultation.html",
        {"consultation": found, "form": form, "inquiry": inquiry},
    )


def _inquiry(consultation):
    # An inquiry through the site that became this consultation holds the same person's name
    # and address: the page says so, and links to it.
    from kyodo.contact.models import Inquiry

    return Inquiry.objects.filter(consultation=consultation).first()
