from django.shortcuts import render
from django.utils import timezone

from kyodo.committees.models import Membership
from kyodo.core.permissions import member_required


@member_required
def member_home(request):
    # A committee member's start page: their seats; meetings and minutes join it later.
    seats = Membership.objects.filter(member__user=request.user).select_related(
        "committee", "member"
    )
    return render(
        request, "committees/member/home.html", {"seats": seats, "today": timezone.localdate()}
    )
