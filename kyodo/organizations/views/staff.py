"""The secretariat's pages: review applications, keep the register, import and export."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kyodo.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download
from kyodo.core.permissions import staff_required
from kyodo.core.views.actions import perform, submit, submit_edit
from kyodo.core.wareki import fiscal_year_name, fiscal_year_range, format_wareki
from kyodo.organizations import selectors, services, spreadsheets
from kyodo.organizations.exceptions import ImportAlreadyDone, ImportExpired, ImportNameTaken
from kyodo.organizations.forms import (
    ApproveForm,
    ImportUploadForm,
    OrganizationEditForm,
    ReasonForm,
    RenewalForm,
    RenewalYearForm,
    StaffFilterForm,
    StatusChangeForm,
)
from kyodo.organizations.models import ChangeRequest, Organization, OrganizationStatusChange
from kyodo.organizations.views import form_data

PAGE_SIZE = 50
IMPORT_SESSION_KEY = "organizations_import"
# Served only as downloads, with a type chosen from the extension, never from the upload.
BYLAWS_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain; charset=utf-8",
}


@staff_required
def index(request):
    # Applications waiting for review come first by filtering; the list itself is in
    # gojūon order, with a hint where another group looks the same.
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(selectors.staff_organizations(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organizations/staff/index.html",
        {
            "form": form,
            "page": page,
            "pending_changes": selectors.pending_change_requests().count(),
        },
    )


def _detail(request, organization: Organization, *, status: int = 200, **forms):
    context = {
        "organization": organization,
        "editable": organization.status in services.STAFF_EDITABLE,
        "duplicates": selectors.possible_duplicates(organization=organization),
        "history": selectors.status_history(organization=organization),
        "scheduled": list(
            selectors.scheduled_changes(organization=organization, after=timezone.localdate())
        ),
        "changes": selectors.organization_change_rows(organization=organization),
        "change_requests": selectors.change_requests_of(organization=organization),
        "approve_form": forms.get("approve_form")
        or ApproveForm(initial={"effective_date": timezone.localdate()}),
        "return_form": forms.get("return_form") or ReasonForm(prefix="return"),
        "reject_form": forms.get("reject_form") or ReasonForm(prefix="reject"),
        "status_form": forms.get("status_form")
        or StatusChangeForm(initial={"effective_date": timezone.localdate()}),
    }
    return render(request, "organizations/staff/detail.html", context, status=status)


@staff_required
def detail(request, pk: int):
    return _detail(request, get_object_or_404(Organization, pk=pk))


@staff_required
def edit(request, pk: int):
    # Staff correct a group's details at once (a paper 変更届, a typo); the audit row shows the
    # change in the group's 変更履歴. The form carries the version it was read at.
    organization = get_object_or_404(Organization, pk=pk)
    if organization.status not in services.STAFF_EDITABLE:
        raise Http404  # an application is corrected by its applicant
    form = OrganizationEditForm(
        request.POST or None,
        initial=OrganizationEditForm.initial_from(organization),
        version_of=organization,
    )
    if request.method == "POST" and form.is_valid():
        changes = submit_edit(
            form,
            services.organization_update_profile,
            obj=organization,
            actor=request.user,
            organization=organization,
            fields=services.DetailsFields(**form.cleaned_data),
        )
        if not form.errors:
            if changes:
                messages.success(request, _("The group's details were saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("organizations-staff:detail", pk=pk)
    return render(
        request,
        "organizations/staff/edit.html",
        {
            "form": form,
            "organization": organization,
            "pending": selectors.pending_change_request(organization=organization),
        },
        status=400 if form.errors else 200,
    )


def _review_action(request, pk: int, *, form, form_name: str, act, success: str):
    """The review buttons on a group's page: run ``act(organization, data)``, then back to it.

    A refused action shows the group's page again with the form's error (400).
    """
    organization = get_object_or_404(Organization, pk=pk)
    if form.is_valid():
        result = submit(form, act, organization=organization, data=form.cleaned_data)
        if not form.errors:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("organizations-staff:detail", pk=pk)
    return _detail(request, organization, status=400, **{form_name: form})


@staff_required
@require_POST
def approve(request, pk: int):
    return _review_action(
        request,
        pk,
        form=ApproveForm(request.POST),
        form_name="approve_form",
        act=lambda organization, data: services.application_approve(
            actor=request.user, organization=organization, **data
        ),
        success=_approved,
    )


def _approved(organization: Organization) -> str:
    if organization.status == Organization.Status.SCHEDULED:
        registration = organization.status_changes.get(
            kind=OrganizationStatusChange.Kind.REGISTERED
        )
        return _(
            "The registration from %(date)s was approved and the representative invited. Until "
            "that day the group is not listed nor counted as registered."
        ) % {"date": format_wareki(registration.effective_date)}
    return _("The group was registered and its representative invited.")


@staff_required
@require_POST
def return_application(request, pk: int):
    return _review_action(
        request,
        pk,
        form=ReasonForm(request.POST, prefix="return"),
        form_name="return_form",
        act=lambda organization, data: services.application_return(
            actor=request.user, organization=organization, reason=data["reason"]
        ),
        success=_("The application was returned to the applicant."),
    )


@staff_required
@require_POST
def reject(request, pk: int):
    return _review_action(
        request,
        pk,
        form=ReasonForm(request.POST, prefix="reject"),
        form_name="reject_form",
        act=lambda organization, data: services.application_reject(
            actor=request.user, organization=organization, reason=data["reason"]
        ),
        success=_("The application was rejected."),
    )


@staff_required
@require_POST
def change_status(request, pk: int):
    return _review_action(
        request,
        pk,
        form=StatusChangeForm(request.POST),
        form_name="status_form",
        act=lambda organization, data: services.organization_change_status(
            actor=request.user, organization=organization, **data
        ),
        success=_("The change was recorded."),
    )


@staff_required
@require_POST
def cancel_status_change(request, pk: int, change: int):
    status_change = get_object_or_404(OrganizationStatusChange, pk=change, organization_id=pk)
    perform(
        request,
        services.status_change_cancel,
        success=_("The scheduled change was cancelled."),
        actor=request.user,
        change=status_change,
    )
    return redirect("organizations-staff:detail", pk=pk)


# --- 年度更新 of many groups at once ------------------------------------------------------------


def _renewal_year(request, today) -> tuple[RenewalYearForm, int]:
    """The fiscal year of ``?fiscal_year=`` (one the page offers), else the default one."""
    default = selectors.renewal_fiscal_year(today)
    form = RenewalYearForm(
        request.GET if "fiscal_year" in request.GET else None,
        today=today,
        initial={"fiscal_year": default},
    )
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["fiscal_year"]
    return form, default


@staff_required
def renewals(request):
    # The groups whose 年度更新 for the year is still to be recorded, ticked and renewed in one
    # go (the year-turn task), or downloaded as a list to chase.
    today = timezone.localdate()
    year_form, year = _renewal_year(request, today)
    candidates = selectors.not_renewed(fiscal_year=year, today=today)
    start, end = fiscal_year_range(year)
    form = RenewalForm(
        request.POST or None,
        candidates=candidates,
        initial={"effective_date": start if start > today else min(today, end)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        renewed = submit(
            form,
            services.organizations_renew,
            actor=request.user,
            organizations=list(data["organizations"]),
            fiscal_year=year,
            effective_date=data["effective_date"],
            note=data["note"],
        )
        if not form.errors:
            messages.success(
                request,
                ngettext(
                    "The renewal for %(year)s of %(count)s group was recorded.",
                    "The renewal for %(year)s of %(count)s groups was recorded.",
                    len(renewed),
                )
                % {"year": fiscal_year_name(year), "count": len(renewed)},
            )
            return redirect(f"{reverse('organizations-staff:renewals')}?fiscal_year={year}")
    ticked = {str(pk) for pk in form["organizations"].value() or []} if form.is_bound else set()
    return render(
        request,
        "organizations/staff/renewals.html",
        {
            "year_form": year_form,
            "form": form,
            "fiscal_year": year,
            "groups": candidates,
            "ticked": ticked,
            "tick_all": not form.is_bound and request.GET.get("tick") == "all",
        },
        status=400 if form.errors or year_form.errors else 200,
    )


@staff_required
def renewals_csv(request):
    today = timezone.localdate()
    _form, year = _renewal_year(request, today)
    return download(
        spreadsheets.renewals_csv(selectors.not_renewed(fiscal_year=year, today=today)),
        filename=f"renewals-{year}.csv",
        name=f"年度更新未了_{fiscal_year_name(year)}.csv",
        content_type=CSV_CONTENT_TYPE,
    )


# --- change notifications (変更届) ---------------------------------------------------------------


@staff_required
def change_list(request):
    return render(
        request,
        "organizations/staff/changes.html",
        {"changes": selectors.pending_change_requests()},
    )


def _change_page(request, change_request: ChangeRequest, *, form=None, status: int = 200):
    return render(
        request,
        "organizations/staff/change.html",
        {
            "change": change_request,
            "organization": change_request.organization,
            "rows": selectors.change_request_rows(change_request),
            "return_form": form or ReasonForm(prefix="return"),
        },
        status=status,
    )


def _change_or_404(pk: int) -> ChangeRequest:
    return get_object_or_404(
        ChangeRequest.objects.select_related("organization", "submitted_by", "decided_by"), pk=pk
    )


@staff_required
def change_detail(request, pk: int):
    return _change_page(request, _change_or_404(pk))


@staff_required
@require_POST
def change_approve(request, pk: int):
    change_request = _change_or_404(pk)
    if perform(
        request,
        services.change_request_approve,
        success=_("The change notification was approved; the group was told by mail."),
        actor=request.user,
        change_request=change_request,
    ):
        return redirect("organizations-staff:changes")
    return redirect("organizations-staff:change", pk=pk)


@staff_required
@require_POST
def change_return(request, pk: int):
    change_request = _change_or_404(pk)
    form = ReasonForm(request.POST, prefix="return")
    if form.is_valid():
        submit(
            form,
            services.change_request_return,
            actor=request.user,
            change_request=change_request,
            reason=form.cleaned_data["reason"],
        )
        if not form.errors:
            messages.success(
                request, _("The change notification was returned; the group was told by mail.")
            )
            return redirect("organizations-staff:changes")
    return _change_page(request, change_request, form=form, status=400)


@staff_required
def bylaws(request, pk: int):
    # Always a download with a fixed type, so that an uploaded file can never run as a page.
    organization = get_object_or_404(Organization, pk=pk)
    if not organization.bylaws:
        raise Http404
    suffix = PurePath(organization.bylaws.name).suffix.lower()
    content_type = BYLAWS_CONTENT_TYPES.get(suffix, "application/octet-stream")
    filename = organization.bylaws_name or f"bylaws{suffix}"
    response = FileResponse(
        organization.bylaws.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def import_upload(request):
    # Step 1: read and check the file; the valid rows wait in the session until confirmed.
    form = ImportUploadForm(*form_data(request))
    rows = None
    token = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = spreadsheets.read_table(filename=upload.name, raw=upload.read())
            rows = spreadsheets.parse_rows(table)
        except spreadsheets.SpreadsheetError as exc:
            form.add_error("file", str(exc))
        else:
            token = secrets.token_urlsafe(16)
            request.session[IMPORT_SESSION_KEY] = {
                "token": token,
                "rows": spreadsheets.rows_to_session(rows),
            }
    return render(
        request,
        "organizations/staff/import.html",
        {
            "form": form,
            "rows": rows,
            "token": token,
            "valid_count": sum(1 for r in rows if r.ok) if rows else 0,
            "error_count": sum(1 for r in rows if not r.ok) if rows else 0,
        },
    )


@staff_required
@require_POST
def import_confirm(request):
    # Step 2: import exactly the rows that were previewed, all or nothing.
    stored = request.session.get(IMPORT_SESSION_KEY)
    token = request.POST.get("token", "")
    if not stored or not secrets.compare_digest(stored["token"], token):
        if services.import_done(preview_token=token):
            # The second click of a double click, after the first has finished.
            messages.info(request, ImportAlreadyDone.default_message)
            return redirect("organizations-staff:index")
        messages.error(request, ImportExpired.default_message)
        return redirect("organizations-staff:import")
    try:
        created = services.organizations_import(
            actor=request.user,
            rows=spreadsheets.rows_from_session(stored["rows"]),
            preview_token=stored["token"],
        )
    except ImportAlreadyDone as error:
        # The other click of a double click did the import: this one is told so.
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.info(request, error.message)
        return redirect("organizations-staff:index")
    except ImportNameTaken as error:
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.error(request, error.message)
        return redirect("organizations-staff:import")
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(request, _("%(count)s groups were imported.") % {"count": len(created)})
    return redirect("organizations-staff:index")


@staff_required
def export_csv(request):
    return download(
        spreadsheets.export_csv(selectors.export_organizations()),
        filename=_export_name("csv"),
        name=_export_name_ja("csv"),
        content_type=CSV_CONTENT_TYPE,
    )


@staff_required
def export_xlsx(request):
    return download(
        spreadsheets.export_xlsx(selectors.export_organizations()),
        filename=_export_name("xlsx"),
        name=_export_name_ja("xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )


def _export_name(extension: str) -> str:
    return f"organizations-{timezone.localdate().strftime('%Y%m%d')}.{extension}"


def _export_name_ja(extension: str) -> str:
    # 「登録団体一覧_令和8年12月6日.csv」: the name the file has in the downloads folder.
    return f"登録団体一覧_{format_wareki(timezone.localdate(), weekday=False)}.{extension}"
