"""Privacy duties staff carry out on a person's request (/staff/privacy/): find what the center
holds about an applicant or a consultation's client, and remove it, each with an audit row that
says who did it, when and why (the reason staff give: 「本人から電話で削除の申し出」).

What is removed is what names the person: an application's name, reading, e-mail address,
telephone and note (the numbers, status and attendance stay, so reports still add up, as after
the daily anonymisation of ``kyodo.events.services.personal_data_anonymise``), the mail sent
about it, and the name the audit log shows for it; a consultation's client name and contact,
or the whole consultation. The audit rows of these objects never held the personal details
themselves (the services record them as 「変更」 only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.consultations.apps import PERSONAL_FIELDS as CONSULTATION_PERSONAL
from kyodo.core.audit import audit_log
from kyodo.core.exceptions import DomainError
from kyodo.core.models import AuditEntry
from kyodo.core.outbox import outbox_blank_about
from kyodo.core.roles import Role, require_role
from kyodo.core.text import normalize_text, text_matches

# At most this many of each kind are listed for one search: a name typed as one character would
# otherwise list thousands; the page asks for more of the name then.
FOUND_LIMIT = 100
REASON_MAX_LENGTH = 500


class PrivacyError(DomainError):
    """Base of the refusals of the privacy duties."""


class ReasonMissing(PrivacyError):
    default_message = _(
        "Write why the data is removed (who asked, when and how): it is kept in the audit log."
    )
    field = "reason"


class AlreadyRemoved(PrivacyError):
    default_message = _("The personal data of this application has already been removed.")


class ApplicationStillActive(PrivacyError):
    default_message = _(
        "This application is for an event that is not over yet: its address is needed for the "
        "confirmation and waiting-list mail. Cancel the application first (on the event's "
        "page), then remove the data."
    )


class NothingToRemove(PrivacyError):
    default_message = _("This consultation records neither the client's name nor their contact.")


@dataclass(frozen=True)
class Found:
    """What one search found: applications and consultations holding the word."""

    applications: list
    consultations: list
    more: bool  # one of the lists was cut at FOUND_LIMIT


def personal_data_find(*, actor, q: str) -> Found:
    """Applications (personal data not removed yet) and consultations whose name, reading,
    e-mail address, telephone or client fields hold ``q``, matched as people's names are
    (spaces of any width, full- and half-width forms, katakana for the reading, variant kanji:
    ``kyodo.core.text.text_matches``); the newest first."""
    require_role(actor, Role.STAFF)
    from kyodo.consultations.models import Consultation
    from kyodo.events.models import Application

    q = normalize_text(q).strip()
    if not q:
        return Found([], [], False)
    application_ids = [
        pk
        for pk, *texts in Application.objects.filter(anonymised_at__isnull=True)
        .order_by("-created_at", "-pk")
        .values_list("pk", *(f for f in Application.PERSONAL_FIELDS if f != "note"))
        if text_matches(q, *texts)
    ]
    consultation_ids = [
        pk
        for pk, *texts in Consultation.objects.exclude(client_name="", client_contact="")
        .order_by("-received_on", "-pk")
        .values_list("pk", *CONSULTATION_PERSONAL)
        if text_matches(q, *texts)
    ]
    more = len(application_ids) > FOUND_LIMIT or len(consultation_ids) > FOUND_LIMIT
    applications = Application.objects.filter(pk__in=application_ids[:FOUND_LIMIT])
    applications = applications.select_related("event", "organization")
    consultations = Consultation.objects.filter(pk__in=consultation_ids[:FOUND_LIMIT])
    return Found(
        sorted(applications, key=lambda a: application_ids.index(a.pk)),
        sorted(consultations, key=lambda c: consultation_ids.index(c.pk)),
        more,
    )


def _reason(reason: str) -> str:
    reason = normalize_text(reason).strip()
    if not reason:
        raise ReasonMissing()
    if len(reason) > REASON_MAX_LENGTH:
        raise PrivacyError(
            _("Write the reason in %(limit)d characters or fewer.") % {"limit": REASON_MAX_LENGTH},
            field="reason",
        )
    return reason


def _forget_mail_and_names(model, pk: int, label: str) -> None:
    """The mail about the object blanked (as the daily anonymisation blanks it) and the name the
    audit log shows for it replaced by ``label``."""
    outbox_blank_about(model, [pk])
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
    ).update(object_repr=label[:300])


def application_personal_data_remove(*, actor, application, reason: str):
    """Remove the personal data of one application at the person's request: its name, reading,
    e-mail address, telephone and note, the mail about it and its name in the audit log. The
    number of people, the status and the attendance stay. Refused for an application still
    running for an event not over (cancel it first) and for one already removed."""
    require_role(actor, Role.STAFF)
    from kyodo.events.models import Application, Event

    reason = _reason(reason)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.anonymised_at is not None:
            raise AlreadyRemoved()
        event = Event.objects.get(pk=application.event_id)
        running = application.status != Application.Status.CANCELLED
        if running and event.status != Event.Status.CANCELLED and not _over(event):
            raise ApplicationStillActive()
        for name in Application.PERSONAL_FIELDS:
            setattr(application, name, "")
        application.anonymised_at = timezone.now()
        application.save(update_fields=[*Application.PERSONAL_FIELDS, "anonymised_at"])
        _forget_mail_and_names(Application, application.pk, str(application))
        audit_log(
            actor=actor,
            action="kyodo.events.application.personal_data_removed",
            obj=application,
            changes={"event": event.pk, "reason": reason},
        )
    return application


def _over(event) -> bool:
    return timezone.now() >= event.end_moment


def consultation_personal_data_remove(*, actor, consultation, reason: str):
    """Remove a consultation's client name and contact at the person's request; the record of
    the consultation (date, categories, summary, advice) stays and still counts in the reports.
    Staff read the summary and follow-up notes and correct them on the consultation's page if
    they name the person."""
    require_role(actor, Role.STAFF)
    from kyodo.consultations.models import Consultation
    from kyodo.search import indexing

    reason = _reason(reason)
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not (consultation.client_name or consultation.client_contact):
            raise NothingToRemove()
        consultation.client_name = ""
        consultation.client_contact = ""
        consultation.save(update_fields=[*CONSULTATION_PERSONAL, "updated_at"])
        _forget_mail_and_names(Consultation, consultation.pk, str(consultation))
        audit_log(
            actor=actor,
            action="kyodo.consultations.consultation.personal_data_removed",
            obj=consultation,
            changes={"reason": reason},
        )
        indexing.index(consultation)
    return consultation


def consultation_delete(*, actor, consultation, reason: str) -> None:
    """Delete a consultation entirely at the person's request (its categories with it). The
    reports compiled from now on count one consultation fewer; a report already handed out
    keeps its figures. An inquiry it was made from stays, without the link."""
    require_role(actor, Role.STAFF)
    from kyodo.consultations.models import Consultation
    from kyodo.search import indexing

    reason = _reason(reason)
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        received_on = consultation.received_on
        label = gettext("Consultation of %(date)s (deleted)") % {
            "date": _wareki(received_on),
        }
        _forget_mail_and_names(Consultation, consultation.pk, label)
        audit_log(
            actor=actor,
            action="kyodo.consultations.consultation.deleted",
            obj=consultation,
            changes={"received_on": received_on.isoformat(), "reason": reason},
        )
        # The row written above shows the consultation by date only: its summary may name the
        # person.
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Consultation),
            object_id=str(consultation.pk),
        ).update(object_repr=label)
        indexing.forget(consultation)
        consultation.delete()


def _wareki(day) -> str:
    from kyodo.core.wareki import format_wareki

    return format_wareki(day, weekday=False)
