"""Domain errors of the events app; views show their message as a form error."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class EventError(Exception):
    """A request the events app refuses; ``message`` is shown to the person who made it."""

    default_message = _("This cannot be done.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


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
