"""Views of the collaboration register: staff and reviewers, groups, the public case studies."""

from __future__ import annotations

from collections.abc import Callable

from kyodo.collaboration.exceptions import CollaborationError


def attempt(form, action: Callable[[], object]) -> bool:
    """Run a service; a domain error becomes a form error and nothing is saved."""
    try:
        action()
    except CollaborationError as error:
        form.add_error(None, error.message)
        return False
    return True


def form_data(request):
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None
