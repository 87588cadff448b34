from django.shortcuts import render

from kyodo.core.permissions import group_required


@group_required
def home(request):
    # A group representative's start page; the organizations app adds the group's profile.
    return render(request, "core/group/home.html")
