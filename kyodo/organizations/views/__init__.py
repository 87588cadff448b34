from __future__ import annotations


def form_data(request) -> tuple:
    """(data, files) for a form: bound on every POST, even an empty one, unbound otherwise."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None
