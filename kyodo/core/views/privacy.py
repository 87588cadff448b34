"""Staff pages for a person's request to remove their data (/staff/privacy/): find what the
center holds about them, then remove it, one record at a time, with the reason in the audit log
(kyodo.core.services_privacy). Groups' contacts and committee members are only shown on the
search, each with what to do instead."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.consultations.models import Consultation
from kyodo.contact.models import Inquiry
from kyodo.core import services_privacy as services
from kyodo.core.confirmations import kinds as submission_kinds
from kyodo.core.confirmations import submission_summary
from kyodo.core.forms import CleanTextMixin, MultilineTextField
from kyodo.core.models import OutboxMessage, PendingSubmission
from kyodo.core.permissions import staff_required
from kyodo.core.views.actions import submit
from kyodo.events.models import Application, Feedback


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


def _removed(request, form, service, success: str, **kwargs) -> bool:
    # A valid POST runs the service; True once it removed something (the message is queued).
    if request.method != "POST" or not form.is_valid():
        return False
    submit(form, service, actor=request.user, reason=form.cleaned_data["reason"], **kwargs)
    if form.errors:
        return False
    messages.success(request, success)
    return True


@staff_required
def inquiry(request, pk: int):
    found = get_object_or_404(
        Inquiry.objects.select_related("consultation").prefetch_related("replies"), pk=pk
    )
    form = RemovalForm(request.POST or None)
    if _removed(
        request, form, services.inquiry_delete, _("The inquiry was deleted."), inquiry=found
    ):
        return redirect("staff:privacy")
    return render(request, "core/staff/privacy/inquiry.html", {"inquiry": found, "form": form})


@staff_required
def feedback(request, pk: int):
    found = get_object_or_404(Feedback.objects.select_related("event", "application"), pk=pk)
    form = RemovalForm(request.POST or None)
    if _removed(
        request,
        form,
        services.feedback_personal_data_remove,
        _("The comments of the questionnaire answer were removed."),
        feedback=found,
    ):
        return redirect("staff:privacy")
    return render(request, "core/staff/privacy/feedback.html", {"feedback": found, "form": form})


@staff_required
def submission(request, pk: int):
    found = get_object_or_404(PendingSubmission, pk=pk)
    form = RemovalForm(request.POST or None)
    if _removed(
        request,
        form,
        services.submission_cancel,
        _("The form waiting for confirmation was cancelled."),
        submission=found,
    ):
        return redirect("staff:privacy")
    spec = submission_kinds().get(found.kind)
    return render(
        request,
        "core/staff/privacy/submission.html",
        {
            "submission": found,
            "what": spec[1] if spec else found.kind,
            "rows": submission_summary(found),
            "form": form,
        },
    )


@staff_required
def mail(request, pk: int):
    found = get_object_or_404(OutboxMessage, pk=pk)
    form = RemovalForm(request.POST or None)
    if _removed(
        request,
        form,
        services.mail_personal_data_remove,
        _("The address and text of the mail were removed."),
        message=found,
    ):
        return redirect("staff:privacy")
    return render(request, "core/staff/privacy/mail.html", {"message": found, "form": form})
