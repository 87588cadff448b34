"""Staff pages (/staff/collaboration/): the register, departments, statistics, calls, and the
review pages shared by staff and committee members (reviewers)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from kyodo.collaboration import selectors, services
from kyodo.collaboration.chart import bar_chart
from kyodo.collaboration.exceptions import AlreadyDecided, BureauExists
from kyodo.collaboration.exports import statistics_title, to_xlsx
from kyodo.collaboration.forms import (
    BureauRenameForm,
    BureauYearForm,
    CallForm,
    CountingForm,
    CriterionForm,
    DecisionForm,
    DepartmentEditForm,
    DepartmentForm,
    RecordFilterForm,
    RecordForm,
    ReviewForm,
    StatisticsFilterForm,
)
from kyodo.collaboration.models import (
    Criterion,
    Department,
    Proposal,
    ProposalAttachment,
    ProposalCall,
    Review,
)
from kyodo.collaboration.statistics import compute, fiscal_years_in_register
from kyodo.core.exceptions import DomainError
from kyodo.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_bytes, download
from kyodo.core.permissions import role_required, staff_required
from kyodo.core.roles import Role, has_role
from kyodo.core.views.actions import submit, submit_edit
from kyodo.core.wareki import fiscal_year, fiscal_year_name, format_wareki


def reviewer_required(view):
    """Staff and the steering committee's members (``selectors.is_reviewer``): a member of
    another body is refused like anyone without the role."""
    from functools import wraps

    from django.core.exceptions import PermissionDenied

    @wraps(view)
    def steering_only(request, *args, **kwargs):
        if not selectors.is_reviewer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return role_required(Role.STAFF, Role.MEMBER)(steering_only)


# --- the register ------------------------------------------------------------------------------


def _filtered_records(request):
    form = RecordFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    records = selectors.collaborations(
        form=filters.get("form") or "",
        department=filters.get("department"),
        fiscal_year=filters.get("fiscal_year"),
        query=(filters.get("q") or "").strip(),
    )
    return form, records


@staff_required
def index(request):
    # The register, filtered by form, department, fiscal year or a word.
    form, records = _filtered_records(request)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "collaboration/staff/index.html",
        {"form": form, "page": page, "records": page.object_list},
    )


@staff_required
def records_export(request):
    # The listed records (the list's filters) as the 協働事業一覧 a city keeps in Excel: UTF-8
    # with a BOM, fiscal years in 和暦, amounts as numbers.
    _form, records = _filtered_records(request)
    header = [
        pgettext("collaboration", "Title"),
        _("Form of collaboration"),
        _("First fiscal year"),
        _("Last fiscal year"),
        _("Groups"),
        _("Departments"),
        _("Budget (yen)"),
        _("Budget by fiscal year"),
        _("Cancelled on (中止)"),
        _("Reason for the cancellation"),
        _("Outcome"),
        _("Evaluation"),
        _("Case study"),
        # Added last, so that a city's sheets reading the columns above by position still work.
        _("Bureau (部)"),
        _("Linked events"),
    ]
    rows = [header]
    for record in records:
        labels = record.department_labels
        events = sorted(record.events.all(), key=lambda e: (e.date, e.pk))
        rows.append(
            [
                record.title,
                record.get_form_display(),
                fiscal_year_name(record.first_fiscal_year),
                fiscal_year_name(record.last_fiscal_year),
                "、".join(o.name for o in record.organizations.all()),
                "、".join(name for name, _bureau in labels),
                record.budget,
                "、".join(
                    f"{fiscal_year_name(y)} {a:,}円" for y, a in record.budget_by_year.items()
                ),
                format_wareki(record.cancelled_on, weekday=False) if record.cancelled_on else "",
                record.cancellation_reason,
                record.outcome,
                record.evaluation,
                pgettext("case study", "Published") if record.is_published else "",
                "、".join(dict.fromkeys(bureau for _name, bureau in labels if bureau)),
                "、".join(f"{e.name}（{format_wareki(e.date)}）" for e in events),
            ]
        )
    return download(
        csv_bytes(rows),
        filename="collaborations.csv",
        name="協働事業一覧.csv",
        content_type=CSV_CONTENT_TYPE,
    )


def _record_data(form: RecordForm) -> tuple[services.CollaborationFields, dict]:
    data = dict(form.cleaned_data)
    relations = {name: data.pop(name) for name in ("organizations", "departments", "events")}
    return services.CollaborationFields(**data), relations


@staff_required
def record_new(request):
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields, relations = _record_data(form)
        record = submit(
            form,
            services.collaboration_create,
            actor=request.user,
            fields=fields,
            **relations,
        )
        if not form.errors:
            messages.success(request, _("The collaboration has been recorded."))
            return redirect("collaboration-staff:record", pk=record.pk)
    return render(request, "collaboration/staff/record_form.html", {"form": form, "record": None})


@staff_required
def record_detail(request, pk: int):
    record = selectors.collaboration(pk=pk)
    if record is None:
        raise Http404
    proposal = Proposal.objects.filter(collaboration=record).select_related("call").first()
    return render(
        request,
        "collaboration/staff/record.html",
        {"record": record, "proposal": proposal},
    )


@staff_required
def record_edit(request, pk: int):
    record = selectors.collaboration(pk=pk)
    if record is None:
        raise Http404
    initial = {
        f: getattr(record, f)
        for f in services.COLLABORATION_FIELDS
        if f not in ("organizations", "departments", "events")
    }
    # The period's years are listed, with their amounts when entered, ready to be filled in.
    amounts = record.budget_by_year
    initial["yearly_budgets"] = (
        [(year, amounts.get(year)) for year in record.fiscal_years] if record.is_multi_year else []
    )
    initial |= {
        "organizations": list(record.organizations.all()),
        "departments": list(record.departments.all()),
        "events": list(record.events.all()),
    }
    form = RecordForm(request.POST or None, initial=initial, version_of=record)
    if request.method == "POST" and form.is_valid():
        fields, relations = _record_data(form)
        submit_edit(
            form,
            services.collaboration_update,
            obj=record,
            actor=request.user,
            record=record,
            fields=fields,
            **relations,
        )
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("collaboration-staff:record", pk=record.pk)
    return render(request, "collaboration/staff/record_form.html", {"form": form, "record": record})


# --- departments -------------------------------------------------------------------------------


@staff_required
def departments(request):
    form = DepartmentForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            services.department_create,
            actor=request.user,
            fields=services.DepartmentFields(**form.cleaned_data),
        )
        if not form.errors:
            messages.success(request, _("The department has been added."))
            return redirect("collaboration-staff:departments")
    return render(
        request,
        "collaboration/staff/departments.html",
        {"form": form, "departments": selectors.departments()},
    )


@staff_required
def department_edit(request, pk: int):
    department = get_object_or_404(Department, pk=pk)
    initial = {f: getattr(department, f) for f in services.DEPARTMENT_FIELDS}
    initial["renamed_from"] = fiscal_year(timezone.localdate())
    form = DepartmentEditForm(request.POST or None, initial=initial, version_of=department)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        renamed_from = data.pop("renamed_from")
        submit_edit(
            form,
            services.department_update,
            obj=department,
            actor=request.user,
            department=department,
            fields=services.DepartmentFields(**data),
            renamed_from=renamed_from,
        )
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("collaboration-staff:departments")
    return render(
        request,
        "collaboration/staff/department_form.html",
        {
            "form": form,
            "department": department,
            "names": selectors.department_names(department),
            "bureaus": selectors.department_names(department, bureaus=True),
        },
    )


@staff_required
def bureaus(request):
    # The bureaus (部) of a fiscal year with their departments, the reorganisations recorded,
    # and a whole bureau renamed from a fiscal year (組織改正) without asking an administrator.
    this_year = fiscal_year(timezone.localdate())
    year_form = BureauYearForm(request.GET or None)
    chosen = year_form.cleaned_data.get("fiscal_year") if year_form.is_valid() else None
    shown = chosen or this_year
    form = BureauRenameForm(
        request.POST or None,
        initial={"old": request.GET.get("bureau", ""), "renamed_from": this_year},
    )
    merging = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # 「統合する」 on the question below: the renaming goes ahead into the other bureau.
        merge = request.POST.get("merge") == "1"
        try:
            changed = services.bureau_rename(actor=request.user, merge=merge, **data)
        except BureauExists as exists:
            # The new name is another bureau's: nothing changed; ask before merging.
            merging = exists
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            values = {
                "year": fiscal_year_name(data["renamed_from"]),
                "old": data["old"],
                "new": changed[0].bureau,
                "departments": "、".join(d.name for d in changed),
            }
            # Merged: other departments were in the bureau already (a confirmation that came
            # after the other bureau was renamed away is a plain renaming).
            merged = (
                merge
                and Department.objects.filter(bureau=changed[0].bureau)
                .exclude(pk__in=[d.pk for d in changed])
                .exists()
            )
            if merged:
                message = _(
                    "From %(year)s, 「%(old)s」 is merged into 「%(new)s」: %(departments)s "
                    "(%(count)s departments and %(records)s collaboration records moved)."
                ) % (
                    values
                    | {
                        "count": len(changed),
                        "records": services.bureau_records_from(changed, data["renamed_from"]),
                    }
                )
            else:
                message = _("From %(year)s, 「%(old)s」 is 「%(new)s」: %(departments)s.") % values
            messages.success(request, message)
            return redirect("collaboration-staff:bureaus")
    return render(
        request,
        "collaboration/staff/bureaus.html",
        {
            "year_form": year_form,
            "fiscal_year": shown,
            "bureaus": selectors.bureaus_in_year(fiscal_year=shown),
            "changes": selectors.bureau_changes(),
            "form": form,
            "merging": merging,
        },
        status=400 if form.errors else 200,
    )


# --- statistics --------------------------------------------------------------------------------


def _statistics(request):
    years = fiscal_years_in_register()
    form = StatisticsFilterForm(request.GET or None, years=years)
    fiscal_year = form.cleaned_data.get("fiscal_year") if form.is_valid() else None
    return form, compute(fiscal_year=fiscal_year)


@staff_required
def statistics(request):
    # Tables and SVG charts of the same numbers; the note says what is counted and how.
    form, stats = _statistics(request)
    charts = [
        ("form", _("By form"), stats.by_form, bar_chart(stats.by_form)),
        ("department", _("By department"), stats.by_department, bar_chart(stats.by_department)),
        ("field", _("By field of activity"), stats.by_field, bar_chart(stats.by_field)),
        ("year", _("By fiscal year"), stats.by_fiscal_year, bar_chart(stats.by_fiscal_year)),
    ]
    return render(
        request,
        "collaboration/staff/statistics.html",
        {
            "form": form,
            "stats": stats,
            "title": statistics_title(stats),
            "charts": charts,
            "export_query": request.GET.urlencode(),
        },
    )


@staff_required
def statistics_export(request):
    _form, stats = _statistics(request)
    year = stats.fiscal_year or "all"
    label = fiscal_year_name(stats.fiscal_year) if stats.fiscal_year else "全年度"
    return download(
        to_xlsx(stats),
        filename=f"collaboration-{year}.xlsx",
        name=f"協働事業の統計_{label}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


@staff_required
def counting(request):
    # The counting setting: which forms the statistics count as 協働.
    current = selectors.counting_settings()
    form = CountingForm(
        request.POST or None,
        initial={"counted_forms": current.counted_form_list},
        version_of=current,
    )
    if request.method == "POST" and form.is_valid():
        submit_edit(
            form,
            services.counting_settings_update,
            obj=current,
            actor=request.user,
            counted_forms=form.cleaned_data["counted_forms"],
        )
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("collaboration-staff:statistics")
    return render(request, "collaboration/staff/counting.html", {"form": form})


# --- calls for proposals -----------------------------------------------------------------------


@staff_required
def calls(request):
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = submit(
            form,
            services.call_create,
            actor=request.user,
            fields=services.CallFields(**form.cleaned_data),
        )
        if not form.errors:
            messages.success(request, _("The call for proposals has been created."))
            return redirect("collaboration-staff:call", pk=call.pk)
    return render(
        request, "collaboration/staff/calls.html", {"form": form, "calls": selectors.calls()}
    )


def _call_context(call, criterion_form) -> dict:
    criteria = list(call.criteria.all())
    return {
        "call": call,
        "criteria": criteria,
        "criteria_total": sum(c.max_score for c in criteria),
        # Criteria are corrected or removed only until the first score against the call.
        "criteria_editable": not Review.objects.filter(proposal__call=call).exists(),
        "results": selectors.call_results(call=call),
        "drafts": call.proposals.filter(status=Proposal.Status.DRAFT).count(),
        "criterion_form": criterion_form,
        "today": timezone.localdate(),
    }


@staff_required
def call_detail(request, pk: int):
    call = get_object_or_404(ProposalCall, pk=pk)
    return render(request, "collaboration/staff/call.html", _call_context(call, CriterionForm()))


@staff_required
def call_edit(request, pk: int):
    call = get_object_or_404(ProposalCall, pk=pk)
    initial = {f: getattr(call, f) for f in services.CALL_FIELDS}
    form = CallForm(request.POST or None, initial=initial, version_of=call)
    warnings = []
    if request.method == "POST" and form.is_valid() and not request.POST.get("confirmed"):
        # An earlier deadline or a lower 上限額 is asked again, naming who is affected.
        warnings = selectors.call_change_warnings(
            call=call,
            closes_on=form.cleaned_data["closes_on"],
            budget_limit=form.cleaned_data["budget_limit"],
            today=timezone.localdate(),
        )
    if request.method == "POST" and form.is_valid() and not warnings:
        submit_edit(
            form,
            services.call_update,
            obj=call,
            actor=request.user,
            call=call,
            fields=services.CallFields(**form.cleaned_data),
        )
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("collaboration-staff:call", pk=call.pk)
    return render(
        request,
        "collaboration/staff/call_form.html",
        {"form": form, "call": call, "warnings": warnings},
    )


@staff_required
@require_POST
def call_publish(request, pk: int):
    # 「公開する」 / 「非公開にする」 on the call's page.
    call = get_object_or_404(ProposalCall, pk=pk)
    publish = request.POST.get("publish") == "1"
    services.call_publish(actor=request.user, call=call, publish=publish)
    if publish:
        messages.success(request, _("The call is now on the public site."))
    else:
        messages.success(request, _("The call has been taken off the public site."))
        # Groups writing to it are stopped too (the service refuses their drafts): say so.
        drafts = Proposal.objects.filter(call=call, status=Proposal.Status.DRAFT).count()
        if drafts:
            messages.warning(
                request,
                _(
                    "%(count)s draft proposals of groups are waiting for this call: until it is "
                    "published again, the groups can neither change nor submit them."
                )
                % {"count": drafts},
            )
    return redirect("collaboration-staff:call", pk=call.pk)


@staff_required
@require_POST
def criterion_add(request, pk: int):
    call = get_object_or_404(ProposalCall, pk=pk)
    form = CriterionForm(request.POST)
    if form.is_valid():
        submit(
            form,
            services.criterion_add,
            actor=request.user,
            call=call,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            max_score=form.cleaned_data["max_score"],
        )
    if not form.errors:
        messages.success(request, _("The criterion has been added."))
        return redirect("collaboration-staff:call", pk=call.pk)
    return render(request, "collaboration/staff/call.html", _call_context(call, form), status=400)


@staff_required
def criterion_edit(request, pk: int, criterion: int):
    call = get_object_or_404(ProposalCall, pk=pk)
    item = get_object_or_404(Criterion, pk=criterion, call=call)
    # One versioned form: 「保存」 corrects the criterion, 「この審査基準を削除する」 removes it.
    initial = {"name": item.name, "description": item.description, "max_score": item.max_score}
    form = CriterionForm(request.POST or None, initial=initial, version_of=item)
    if request.method == "POST" and form.is_valid():
        if "delete" in request.POST:
            submit_edit(
                form, services.criterion_delete, obj=item, actor=request.user, criterion=item
            )
            if not form.errors:
                messages.success(
                    request,
                    _("The criterion 「%(name)s」 has been removed.") % {"name": item.name},
                )
                return redirect("collaboration-staff:call", pk=call.pk)
        else:
            submit_edit(
                form,
                services.criterion_update,
                obj=item,
                actor=request.user,
                criterion=item,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                max_score=form.cleaned_data["max_score"],
            )
            if not form.errors:
                messages.success(request, _("Saved."))
                return redirect("collaboration-staff:call", pk=call.pk)
    return render(
        request,
        "collaboration/staff/criterion_form.html",
        {
            "call": call,
            "criterion": item,
            "form": form,
            "editable": not Review.objects.filter(proposal__call=call).exists(),
        },
        status=400 if form.errors else 200,
    )


# --- review (staff and committee members) ------------------------------------------------------


def _base_template(user) -> str:
    return "core/staff/base.html" if has_role(user, Role.STAFF) else "base.html"


def _reviewable(pk: int) -> Proposal:
    proposal = selectors.proposal_full(pk=pk)
    # Drafts belong to their group alone until they are submitted.
    if proposal is None or proposal.status == Proposal.Status.DRAFT:
        raise Http404
    return proposal


@reviewer_required
def reviews(request):
    # What is waiting for a score from this reviewer.
    return render(
        request,
        "collaboration/staff/reviews.html",
        {
            "base_template": _base_template(request.user),
            "proposals": selectors.proposals_to_review(reviewer=request.user),
        },
    )


def _decidable(proposal) -> bool:
    """Staff may (re)decide: submitted, or decided and not notified yet."""
    return proposal.status == Proposal.Status.SUBMITTED or proposal.awaits_notice


def _proposal_page(request, proposal, *, review_form=None, decision_form=None, status=200):
    criteria = list(proposal.call.criteria.all())
    own = [r for r in proposal.reviews.all() if r.reviewer_id == request.user.pk]
    is_staff = has_role(request.user, Role.STAFF)
    result = None
    if is_staff:
        result = next(
            (r for r in selectors.call_results(call=proposal.call) if r.proposal.pk == proposal.pk),
            None,
        )
    if review_form is None and proposal.status == Proposal.Status.SUBMITTED:
        # A reviewer corrects her own scores until the decision: the form shows them.
        initial = {}
        if own:
            initial = {f"score_{s.criterion_id}": s.score for s in own[0].scores.all()}
            initial["comment"] = own[0].comment
        review_form = ReviewForm(criteria=criteria, initial=initial)
    opens_on = services.decision_opens_on(proposal.call)
    can_decide = is_staff and _decidable(proposal) and timezone.localdate() >= opens_on
    if decision_form is None and can_decide:
        initial = {}
        if proposal.awaits_notice:
            initial = {
                "decision": "adopt" if proposal.status == Proposal.Status.ADOPTED else "decline",
                "note": proposal.decision_note,
            }
        decision_form = DecisionForm(initial=initial)
    return render(
        request,
        "collaboration/staff/proposal.html",
        {
            "base_template": _base_template(request.user),
            "proposal": proposal,
            "criteria": criteria,
            "own_review": own[0] if own else None,
            "reviews": proposal.reviews.all() if is_staff else [],
            "result": result,
            "is_staff": is_staff,
            "review_form": review_form,
            "decision_form": decision_form,
            "decision_opens_on": opens_on,
            "decision_waits": is_staff
            and proposal.status == Proposal.Status.SUBMITTED
            and not can_decide,
            "recipient": services.proposal_recipient(proposal),
        },
        status=status,
    )


@reviewer_required
def proposal_detail(request, pk: int):
    return _proposal_page(request, _reviewable(pk))


@reviewer_required
@require_POST
def proposal_review(request, pk: int):
    proposal = _reviewable(pk)
    form = ReviewForm(request.POST, criteria=proposal.call.criteria.all())
    if form.is_valid():
        submit(
            form,
            services.review_submit,
            actor=request.user,
            proposal=proposal,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        )
    if not form.errors:
        messages.success(request, _("Your scores have been saved."))
        return redirect("collaboration-staff:proposal", pk=proposal.pk)
    return _proposal_page(request, _reviewable(pk), review_form=form, status=400)


@staff_required
@require_POST
def proposal_decide(request, pk: int):
    # Two steps: the choice is shown back with the number of reviewers who scored (a warning
    # when none has) and recorded only when confirmed. Nothing is mailed yet (proposal_notify).
    proposal = _reviewable(pk)
    form = DecisionForm(request.POST)
    if form.is_valid() and not request.POST.get("confirmed"):
        if not _decidable(proposal):
            form.add_error(None, str(AlreadyDecided.default_message))
        elif timezone.localdate() < services.decision_opens_on(proposal.call):
            form.add_error(
                None,
                _(
                    "Proposals are decided together after the call closes: this call accepts "
                    "proposals until %(until)s."
                )
                % {"until": format_wareki(proposal.call.closes_on)},
            )
        else:
            reviewers = len(proposal.reviews.all())
            return render(
                request,
                "collaboration/staff/proposal_decide_confirm.html",
                {
                    "proposal": proposal,
                    "form": form,
                    "adopt": form.cleaned_data["decision"] == "adopt",
                    "reviewers": reviewers,
                    "others_waiting": Proposal.objects.filter(
                        call=proposal.call, status=Proposal.Status.SUBMITTED
                    )
                    .exclude(pk=proposal.pk)
                    .count(),
                },
            )
    if form.is_valid() and not form.errors:
        submit(
            form,
            services.proposal_decide,
            actor=request.user,
            proposal=proposal,
            adopt=form.cleaned_data["decision"] == "adopt",
            note=form.cleaned_data["note"],
        )
    if not form.errors:
        messages.success(
            request,
            _(
                "The decision has been recorded. The group is not told yet: check it, then "
                "notify the result."
            ),
        )
        return redirect("collaboration-staff:proposal", pk=proposal.pk)
    return _proposal_page(request, _reviewable(pk), decision_form=form, status=400)


@staff_required
@require_POST
def proposal_notify(request, pk: int):
    # 「結果を通知する」: the result mail leaves and an adopted proposal becomes a record.
    proposal = _reviewable(pk)
    try:
        proposal = services.proposal_notify(actor=request.user, proposal=proposal)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("collaboration-staff:proposal", pk=proposal.pk)
    if proposal.status == Proposal.Status.ADOPTED:
        messages.success(
            request,
            _("The group has been told the result, and the proposal recorded as a collaboration."),
        )
    else:
        messages.success(request, _("The group has been told the result."))
    return redirect("collaboration-staff:proposal", pk=proposal.pk)


@reviewer_required
def proposal_attachment(request, pk: int, attachment: int):
    # Attachments are private: served through this view, never from a public media URL.
    proposal = _reviewable(pk)
    item = get_object_or_404(ProposalAttachment, pk=attachment, proposal=proposal)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
