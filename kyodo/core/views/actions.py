"""Running a service from a view: the one way a domain error reaches the person.

``submit`` is for forms: the service runs with the form's data; a refusal becomes the form's
error (on the field it names, else at the top) and the page is shown again with what was typed.
``submit_edit`` is ``submit`` for an edit form: it refuses a save based on an older version of
the row (:mod:`kyodo.core.versions`). ``perform`` is for buttons without a form: success and
refusal become messages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import models, transaction

from kyodo.core.exceptions import DomainError
from kyodo.core.versions import RowGone, StaleEdit, check_version


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
        _form_error(form, error)
        return None


def submit_edit[T](form, service: Callable[..., T], /, *, obj: models.Model, **kwargs) -> T | None:
    """:func:`submit` for an edit form of ``obj`` (a ``VersionedFormMixin`` form, see
    :mod:`kyodo.core.versions`): the row is locked, compared with the version the form was shown
    at, and the service runs in the same transaction only if nobody changed the row meanwhile.
    Otherwise the form shows 「他の人が先に変更しました」 with the other person's changes, keeps
    what was typed, and carries the current version (saving again overwrites, knowingly).

    A form for a row not saved yet (a page shown before it first exists) is not checked.
    """
    if obj.pk is None:
        return submit(form, service, **kwargs)
    related = getattr(form, "version_related", ())
    try:
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
            if locked is None:
                raise RowGone()
            check_version(locked, form.edit_version, related)
            return service(**kwargs)
    except DomainError as error:
        _form_error(form, error)
        return None


def _form_error(form, error: DomainError) -> None:
    if isinstance(error, StaleEdit) and hasattr(form, "show_stale"):
        form.show_stale(error)
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


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
