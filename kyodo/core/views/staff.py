from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.core import selectors
from kyodo.core.audit import audit_rows
from kyodo.core.forms import AuditFilterForm, OutboxFilterForm
from kyodo.core.models import OutboxMessage
from kyodo.core.outbox import delivery_is_simulated, error_explained, outbox_resend
from kyodo.core.permissions import staff_required
from kyodo.core.todo import KINDS_BY_KEY, todo_lines
from kyodo.core.views.actions import perform

PAGE_SIZE = 50


@staff_required
def dashboard(request):
    # The secretariat's start page: a to-do list, each line linking to where to act.
    return render(
        request,
        "core/staff/dashboard.html",
        {
            "today": timezone.localdate(),
            "lines": todo_lines(),
            "recent": audit_rows(selectors.latest_audit_entries(5)),
            "simulated": delivery_is_simulated(),
            "site_url_elsewhere": _site_url_elsewhere(request),
            "site_opened_at": f"{request.scheme}://{request.get_host()}",
        },
    )


def _site_url_elsewhere(request) -> str:
    """``SITE_URL`` when it names another address than the one this page was asked at: every
    mailed and printed link (invitations, letters, cancel links) would lead there."""
    from urllib.parse import urlsplit

    from django.conf import settings

    if urlsplit(settings.SITE_URL).netloc.lower() == request.get_host().lower():
        return ""
    return settings.SITE_URL


@staff_required
def todo_detail(request, key: str):
    # One line of the to-do list in full: each row links to the page where it is dealt with.
    kind = KINDS_BY_KEY.get(key)
    items = kind.items(timezone.localdate()) if kind else None
    if items is None:
        raise Http404
    return render(request, "core/staff/todo.html", {"kind": kind, "items": items})


@staff_required
def audit_list(request):
    # Who did what, in words; filtered by person, kind and date.
    form = AuditFilterForm(request.GET or None)
    entries = selectors.audit_entries()
    if form.is_bound and form.is_valid():
        entries = selectors.audit_entries(**form.cleaned_data)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/staff/audit_list.html",
        {"form": form, "page": page, "rows": audit_rows(page.object_list)},
    )


@staff_required
def outbox_list(request):
    form = OutboxFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_bound and form.is_valid() else ""
    page = Paginator(selectors.outbox_messages(status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/staff/outbox_list.html",
        {
            "form": form,
            "page": page,
            "counts": selectors.outbox_counts(),
            "simulated": delivery_is_simulated(),
        },
    )


@staff_required
def outbox_detail(request, pk: int):
    message = get_object_or_404(OutboxMessage, pk=pk)
    return render(
        request,
        "core/staff/outbox_detail.html",
        {
            "message": message,
            "simulated": delivery_is_simulated(),
            "error_explained": error_explained(message.last_error),
        },
    )


@staff_required
@require_POST
def outbox_resend_view(request, pk: int):
    message = get_object_or_404(OutboxMessage, pk=pk)
    perform(
        request,
        outbox_resend,
        actor=request.user,
        message=message,
        success=_("The message was queued again."),
    )
    return redirect("staff:outbox-detail", pk=pk)
