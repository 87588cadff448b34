"""Domain errors of the events app; views show their message as a form error."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError


class EventError(DomainError):
    """Base of this app's domain errors (see :class:`kyodo.core.exceptions.DomainError`)."""


class EventCancelled(EventError):
    default_message = _("This event has been cancelled.")


class ApplicationsClosed(EventError):
    default_message = _("Applications for this event are not being accepted.")


class ApplicationsNotOpenYet(EventError):
    default_message = _("Applications for this event are not open yet.")


class InvalidApplication(EventError):
    default_message = _("The application is not complete.")


class ApplicationAlreadyCancelled(EventError):
    default_message = _("This application has already been cancelled.")


class InvalidEvent(EventError):
    default_message = _("The event is not complete.")


class FeedbackClosed(EventError):
    default_message = _("This questionnaire has closed. Thank you for your interest.")


class InvalidFeedback(EventError):
    default_message = _("Choose how satisfied you were, or write a comment.")
