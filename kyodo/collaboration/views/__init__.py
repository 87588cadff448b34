"""Views of the collaboration register: staff and reviewers, groups, the public case studies."""

from __future__ import annotations


def form_data(request):
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None
