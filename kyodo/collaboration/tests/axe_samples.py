"""Sample pages from the demo for the accessibility test's routes with parameters."""

from __future__ import annotations


def samples() -> dict[str, str | None]:
    from kyodo.collaboration.models import Collaboration, Department, Proposal, ProposalCall

    record = Collaboration.objects.filter(is_published=True).order_by("pk").first()
    department = Department.objects.order_by("pk").first()
    # The demo's open call and 西東京風の会's submitted proposal (kazenokai is the group login).
    submitted = Proposal.objects.filter(status="submitted").select_related("call").first()
    call = submitted.call
    past_call = ProposalCall.objects.exclude(pk=call.pk).first()
    return {
        "/collaboration/<int:pk>/": f"/collaboration/{record.pk}/",
        # The demo's past call (closed, its results notified) on the public site.
        "/collaboration/calls/<int:pk>/": f"/collaboration/calls/{past_call.pk}/",
        "/staff/collaboration/records/<int:pk>/": f"/staff/collaboration/records/{record.pk}/",
        "/staff/collaboration/records/<int:pk>/edit/": f"/staff/collaboration/records/{record.pk}/edit/",
        "/staff/collaboration/departments/<int:pk>/": f"/staff/collaboration/departments/{department.pk}/",
        "/staff/collaboration/calls/<int:pk>/": f"/staff/collaboration/calls/{past_call.pk}/",
        "/staff/collaboration/calls/<int:pk>/edit/": f"/staff/collaboration/calls/{call.pk}/edit/",
        "/staff/collaboration/calls/<int:pk>/criteria/": None,  # POST only
        "/staff/collaboration/calls/<int:pk>/publish/": None,  # POST only
        "/staff/collaboration/calls/<int:pk>/criteria/<int:criterion>/": f"/staff/collaboration/calls/{call.pk}/criteria/{call.criteria.order_by('pk').first().pk}/",
        "/staff/collaboration/proposals/<int:pk>/": f"/staff/collaboration/proposals/{submitted.pk}/",
        "/staff/collaboration/proposals/<int:pk>/review/": None,  # POST only
        "/staff/collaboration/proposals/<int:pk>/decide/": None,  # POST only
        "/staff/collaboration/proposals/<int:pk>/notify/": None,  # POST only
        "/group/collaboration/calls/<int:pk>/new/": f"/group/collaboration/calls/{call.pk}/new/",
        "/group/collaboration/proposals/<int:pk>/": f"/group/collaboration/proposals/{submitted.pk}/",
        "/group/collaboration/proposals/<int:pk>/submit/": None,  # POST only
    }  # fmt: skip
