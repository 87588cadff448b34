"""The staff inbox of inquiries: list by status, read, reply by mail, take a 「相談」 over."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kyodo.contact import selectors, services
from kyodo.contact.forms import ReplyForm, StatusForm, TakeOverForm
from kyodo.contact.models import Inquiry
from kyodo.core.permissions import staff_required
from kyodo.core.views.actions import submit


@staff_required
@never_cache
def index(request):
    status = request.GET.get("status", "")
    if status not in Inquiry.Status.values:
        status = ""
    counts = selectors.status_counts()
    return render(
        request,
        "contact/staff/index.html",
        {
            "inquiries": selectors.staff_inquiries(status=status)[:200],
            "status": status,
            "statuses": [(v, label, counts.get(v, 0)) for v, label in Inquiry.Status.choices],
        },
    )


@staff_required
@never_cache
def detail(request, pk: int):
    inquiry = selectors.inquiry_with_replies(pk)
    if inquiry is None:
        raise Http404
    reply_form = ReplyForm(request.POST if request.POST.get("action") == "reply" else None)
    take_over_form = None
    if inquiry.is_consultation and inquiry.consultation_id is None:
        take_over_form = TakeOverForm(
            request.POST if request.POST.get("action") == "take_over" else None,
            initial=_take_over_initial(inquiry),
        )
    action = request.POST.get("action")
    if action == "reply" and reply_form.is_valid():
        submit(
            reply_form,
            services.inquiry_reply,
            actor=request.user,
            inquiry=inquiry,
            body=reply_form.cleaned_data["body"],
        )
        if not reply_form.errors:
            messages.success(request, _("The reply was queued for sending by mail."))
            return redirect("contact-staff:detail", pk=inquiry.pk)
    elif action == "status":
        form = StatusForm(request.POST)
        if form.is_valid():
            services.inquiry_set_status(
                actor=request.user, inquiry=inquiry, status=form.cleaned_data["status"]
            )
            messages.success(request, _("The status was changed."))
            return redirect("contact-staff:detail", pk=inquiry.pk)
    elif action == "take_over" and take_over_form is not None and take_over_form.is_valid():
        consultation = submit(
            take_over_form,
            services.inquiry_take_over,
            actor=request.user,
            inquiry=inquiry,
            **take_over_form.cleaned_data,
        )
        if not take_over_form.errors:
            messages.success(request, _("The consultation was added to the consultation log."))
            return redirect("consultations-staff:detail", pk=consultation.pk)
    return render(
        request,
        "contact/staff/detail.html",
        {
            "inquiry": inquiry,
            "reply_form": reply_form,
            "status_form": StatusForm(initial={"status": inquiry.status}),
            "take_over_form": take_over_form,
            "today": timezone.localdate(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _take_over_initial(inquiry) -> dict:
    # The consultation starts from what was already written: what the sender asked, the advice
    # the replies gave (the clerk who answered by mail need not type it again), and a sender
    # who named a group is most likely a group.
    replies = [reply.body.strip() for reply in inquiry.replies.all()]
    return {
        "summary": inquiry.body,
        "advice": "\n\n".join(reply for reply in replies if reply),
        "client_type": "group" if inquiry.organization_name.strip() else "individual",
    }
