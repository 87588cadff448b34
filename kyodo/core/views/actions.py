"""Running a service from a view: the one way a domain error reaches the person.

``submit`` is for forms: the service runs with the form's data; a refusal becomes the form's
error (on the field it names, else at the top) and the page is shown again with what was typed.
``perform`` is for buttons without a form: success and refusal become messages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages

from kyodo.core.exceptions import DomainError


def submit[T](form, service: Callable[..., T], /, **kwargs) -> T | None:
    """``service(**kwargs)``; on a :class:`DomainError` the form gets the error and None is
    returned. Call it on a valid form and test ``form.errors`` afterwards:

        meeting = submit(form, services.meeting_create, actor=request.user, **form.cleaned_data)
        if not form.errors:
            return redirect(meeting)
    """
    try:
        return service(**kwargs)
    except DomainError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, str(error.message))
        return None


def perform[T](request, service: Callable[..., T], /, *, success=None, **kwargs) -> bool:
    """``service(**kwargs)`` for a button: ``success`` (if given) or the error as a message."""
    try:
        service(**kwargs)
    except DomainError as error:
        messages.error(request, error.message)
        return False
    if success:
        messages.success(request, success)
    return True
