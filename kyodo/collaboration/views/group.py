"""The group representative's pages (/group/collaboration/): open calls and their own proposals.

A group only ever sees its own proposals: another group's is answered with 404, as if it did
not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.collaboration import selectors, services
from kyodo.collaboration.exceptions import GroupNotActive
from kyodo.collaboration.forms import AttachmentForm, ProposalForm
from kyodo.collaboration.models import ProposalAttachment, ProposalCall
from kyodo.core.permissions import group_required
from kyodo.core.views.actions import perform, submit, submit_edit
from kyodo.organizations.selectors import organization_for_representative


def _organization(request):
    organization = organization_for_representative(user=request.user)
    if organization is None:
        raise Http404(_("You do not represent a registered group."))
    return organization


def _own(request, pk: int):
    proposal = selectors.proposal_of(organization=_organization(request), pk=pk)
    if proposal is None:
        raise Http404
    return proposal


@group_required
def index(request):
    organization = _organization(request)
    today = timezone.localdate()
    proposals = list(selectors.proposals_of(organization=organization))
    for proposal in proposals:
        # A draft its call no longer takes (withdrawn, closed): said in the list too.
        proposal.refused = proposal.is_draft and services.draft_refused_by_call(
            proposal.call, today
        )
    return render(
        request,
        "collaboration/group/index.html",
        {
            "organization": organization,
            "calls": selectors.open_calls(today=today),
            "proposals": proposals,
        },
    )


@group_required
def proposal_new(request, pk: int):
    organization = _organization(request)
    # A call not published yet is being prepared: as good as missing.
    call = get_object_or_404(ProposalCall.objects.published(), pk=pk)
    if not call.is_open_on(timezone.localdate()):
        raise Http404(_("This call for proposals is not open."))
    form = ProposalForm(request.POST or None)
    if not organization.can_act:
        # The service refuses too; the page says why before anything is typed.
        form.add_error(None, GroupNotActive.default_message)
    elif request.method == "POST" and form.is_valid():
        proposal = submit(
            form,
            services.proposal_create,
            actor=request.user,
            call=call,
            fields=services.ProposalFields(**form.cleaned_data),
        )
        if not form.errors:
            messages.success(
                request,
                _("Saved as a draft. Attach documents if needed, then submit the proposal."),
            )
            return redirect("collaboration-group:proposal", pk=proposal.pk)
    return render(
        request,
        "collaboration/group/proposal_form.html",
        {"form": form, "call": call, "organization": organization},
    )


def _page(request, proposal, *, form=None, attachment_form=None, status=200):
    # The service's own reason (withdrawn, not open yet, closed): the page says what a submit
    # would be refused with, and the draft stays readable.
    refused = (
        services.draft_refused_by_call(proposal.call, timezone.localdate())
        if proposal.is_draft
        else None
    )
    editable = proposal.is_draft and refused is None and proposal.organization.can_act
    if form is None and editable:
        form = ProposalForm(
            initial={f: getattr(proposal, f) for f in services.PROPOSAL_FIELDS},
            version_of=proposal,
        )
    return render(
        request,
        "collaboration/group/proposal.html",
        {
            "proposal": proposal,
            "call": proposal.call,
            "editable": editable,
            "refused": refused,
            "form": form,
            "attachment_form": attachment_form or AttachmentForm(),
            "attachments": proposal.attachments.all(),
        },
        status=status,
    )


@group_required
def proposal_detail(request, pk: int):
    # A draft is edited here until the final submit; afterwards the page only shows it.
    proposal = _own(request, pk)
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            submit_edit(
                form,
                services.proposal_update,
                obj=proposal,
                actor=request.user,
                proposal=proposal,
                fields=services.ProposalFields(**form.cleaned_data),
            )
            if not form.errors:
                messages.success(request, _("The draft has been saved."))
                return redirect("collaboration-group:proposal", pk=proposal.pk)
        return _page(request, _own(request, pk), form=form, status=400)
    return _page(request, proposal)


@group_required
@require_POST
def attachment_add(request, pk: int):
    proposal = _own(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        submit(
            form,
            services.attachment_add,
            actor=request.user,
            proposal=proposal,
            upload=form.cleaned_data["file"],
        )
        if not form.errors:
            messages.success(request, _("The file has been attached."))
            return redirect("collaboration-group:proposal", pk=proposal.pk)
    return _page(request, proposal, attachment_form=form, status=400)


@group_required
@require_POST
def attachment_remove(request, pk: int, attachment: int):
    proposal = _own(request, pk)
    item = get_object_or_404(ProposalAttachment, pk=attachment, proposal=proposal)
    perform(
        request,
        services.attachment_remove,
        success=_("The file has been removed."),
        actor=request.user,
        attachment=item,
    )
    return redirect("collaboration-group:proposal", pk=proposal.pk)


@group_required
def attachment_download(request, pk: int, attachment: int):
    proposal = _own(request, pk)
    item = get_object_or_404(ProposalAttachment, pk=attachment, proposal=proposal)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@group_required
@require_POST
def proposal_submit(request, pk: int):
    proposal = _own(request, pk)
    perform(
        request,
        services.proposal_submit,
        success=_("Your proposal has been submitted. We have sent you a receipt by mail."),
        actor=request.user,
        proposal=proposal,
    )
    return redirect("collaboration-group:proposal", pk=proposal.pk)
