"""The お問い合わせ form: 入力 → 確認 → 完了, with 個人情報 consent and a limit per address."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from kyodo.contact import services
from kyodo.contact.forms import InquiryForm
from kyodo.contact.models import Inquiry
from kyodo.core.forms import confirmation_rows, initial_from_post, posted_values
from kyodo.core.views.actions import submit

SENT_SESSION_KEY = "contact_sent"


@never_cache
def inquiry_form(request):
    # step: "confirm" (入力 → 確認), "send" (確認 → 完了), "edit" (back to 入力 from 確認).
    step = request.POST.get("step", "confirm") if request.method == "POST" else ""
    if step == "edit":
        form = InquiryForm(initial=initial_from_post(request, InquiryForm))
    else:
        form = InquiryForm(request.POST or None)
    if step in ("confirm", "send") and form.is_valid():
        if step == "confirm":
            return render(
                request,
                "contact/confirm.html",
                {
                    "form": form,
                    "rows": confirmation_rows(form),
                    "hidden": posted_values(request, form),
                },
            )
        data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
        inquiry = submit(
            form,
            services.inquiry_submit,
            actor=None,
            sender=request.META.get("REMOTE_ADDR", ""),
            **data,
        )
        if not form.errors:
            request.session[SENT_SESSION_KEY] = inquiry.pk
            return redirect("contact:sent")
    # The service's only refusal not tied to a field is the limit per address.
    limited = step == "send" and bool(form.non_field_errors())
    return render(
        request,
        "contact/form.html",
        {"form": form},
        status=429 if limited else 400 if form.is_bound and form.errors else 200,
    )


@never_cache
def inquiry_sent(request):
    # What was sent, for the sender only (the session that sent it).
    pk = request.session.get(SENT_SESSION_KEY)
    inquiry = Inquiry.objects.filter(pk=pk).first() if pk else None
    if inquiry is None:
        return redirect("contact:form")
    return render(request, "contact/sent.html", {"inquiry": inquiry})
