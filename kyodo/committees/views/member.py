"""The committee member's pages (/member/): their seats, meetings, notices and minutes to check."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from kyodo.committees.models import Membership
from kyodo.committees.selectors import agenda_sections, meetings_of_member, minutes_to_check
from kyodo.core.permissions import member_required


@member_required
def member_home(request):
    # A committee member's start page: seats, meetings (with their notices) and minutes to check.
    seats = Membership.objects.filter(member__user=request.user).select_related(
        "committee", "member"
    )
    return render(
        request,
        "committees/member/home.html",
        {
            "seats": seats,
            "today": timezone.localdate(),
            "meetings": meetings_of_member(user=request.user)[:20],
            "to_check": minutes_to_check(user=request.user),
        },
    )


@member_required
def meeting_detail(request, pk: int):
    # The notice as the member received it: when, where, the agenda.
    meeting = get_object_or_404(meetings_of_member(user=request.user), pk=pk)
    return render(
        request,
        "committees/member/meeting.html",
        {"meeting": meeting, "sections": agenda_sections(meeting)},
    )
