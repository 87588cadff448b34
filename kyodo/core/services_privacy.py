"""Privacy duties staff carry out on a person's request (/staff/privacy/): find what the center
holds about a person (event applications, consultations, inquiries, questionnaire answers, forms
waiting for mail confirmation, mail sent to them, groups they are the contact of, committee seats)
and remove what may be removed, each with an audit row that says who did it, when and why (the
reason staff give: 「本人から電話で削除の申し出」).

What is removed is what names the person: an application's name, reading, e-mail address,
telephone and note (the numbers, status and attendance stay, so reports still add up, as after
the daily anonymisation of ``kyodo.events.services.personal_data_anonymise``), the mail sent
about it, and the name the audit log shows for it; a consultation's client name and contact,
or the whole consultation. The audit rows of these objects never held the personal details
themselves (the services record them as 「変更」 only).

Also removed on request: an inquiry with its replies (deleted: inquiries count in no report), the
free text of a questionnaire answer (the satisfaction stays, so the event's figures add up), a
form still waiting for its sender's confirmation (cancelled, as if it had expired) and one mail
(its address and body, as the anonymisation blanks mail). Not removed here: a group's
representative and contact are the group's public contact (changed by the group's 変更届 or on its
page), and a committee member's name is part of the confirmed minutes, which are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
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


class InquiryGone(PrivacyError):
    default_message = _("This inquiry has already been deleted.")


class FeedbackNothingToRemove(PrivacyError):
    default_message = _("This questionnaire answer holds no written comments.")


class SubmissionGone(PrivacyError):
    default_message = _(
        "This form is no longer waiting for confirmation: it was confirmed, cancelled or it "
        "expired. Search again."
    )


class MailAlreadyRemoved(PrivacyError):
    default_message = _("The address and text of this mail have already been removed.")


class MailBeingSent(PrivacyError):
    default_message = _("This mail is being sent right now. Try again in a minute.")


@dataclass(frozen=True)
class Found:
    """What one search found, kind by kind."""

    applications: list
    consultations: list
    more: bool  # one of the lists was cut at FOUND_LIMIT
    inquiries: list = field(default_factory=list)
    feedback: list = field(default_factory=list)
    submissions: list = field(default_factory=list)
    mail: list = field(default_factory=list)
    # Shown with what to do (nothing is removed from here): see the module's docstring.
    group_applications: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    members: list = field(default_factory=list)


def personal_data_find(*, actor, q: str) -> Found:
    """What the center holds about the person ``q`` names: the records whose name, reading,
    e-mail address, telephone or free text hold ``q``, matched as people's names are (spaces of
    any width, full- and half-width forms, katakana for the reading, variant kanji:
    ``kyodo.core.text.text_matches``); the newest first. Mail is found by its address: ``q``
    itself, or the address of an application, inquiry, questionnaire or form found."""
    require_role(actor, Role.STAFF)
    from kyodo.committees.models import Member
    from kyodo.consultations.models import Consultation
    from kyodo.contact.models import Inquiry
    from kyodo.core.models import OutboxMessage, PendingSubmission
    from kyodo.events.models import Application, Feedback
    from kyodo.organizations.models import Organization

    q = normalize_text(q).strip()
    if not q:
        return Found([], [], False)
    application_ids = _matching(
        q,
        Application.objects.filter(anonymised_at__isnull=True)
        .order_by("-created_at", "-pk")
        .values_list("pk", *(f for f in Application.PERSONAL_FIELDS if f != "note")),
    )
    consultation_ids = _matching(
        q,
        Consultation.objects.exclude(client_name="", client_contact="")
        .order_by("-received_on", "-pk")
        .values_list("pk", *CONSULTATION_PERSONAL),
    )
    inquiry_ids = _matching(
        q,
        Inquiry.objects.order_by("-created_at", "-pk").values_list(
            "pk", "name", "email", "phone", "body"
        ),
    )
    # An answer with written comments, found by them or by its application's details (those
    # are empty once removed; the comments stay until removed here).
    feedback_ids = _matching(
        q,
        Feedback.objects.exclude(good_points="", requests="")
        .order_by("-answered_at", "-pk")
        .values_list(
            "pk",
            "good_points",
            "requests",
            "application__name",
            "application__name_reading",
            "application__email",
            "application__phone",
        ),
    )
    submission_ids = _matching(
        q,
        (
            (pk, email, *_payload_texts(payload))
            for pk, email, payload in PendingSubmission.objects.order_by(
                "-created_at", "-pk"
            ).values_list("pk", "email", "payload")
        ),
    )
    contact_fields = (
        "representative_name",
        "representative_reading",
        "email",
        "phone",
        "address",
    )
    organization_ids = _matching(
        q, Organization.objects.order_by("-created_at", "-pk").values_list("pk", *contact_fields)
    )
    member_ids = _matching(
        q, Member.objects.order_by("name_reading", "pk").values_list("pk", *_MEMBER_FIELDS)
    )

    applications = _in_order(
        Application.objects.select_related("event", "organization"), application_ids
    )
    inquiries = _in_order(Inquiry.objects.annotate(reply_count=Count("replies")), inquiry_ids)
    feedback = _in_order(Feedback.objects.select_related("event", "application"), feedback_ids)
    submissions = _in_order(PendingSubmission.objects.all(), submission_ids)
    addresses = {
        address.casefold()
        for address in (
            *(a.email for a in applications),
            *(i.email for i in inquiries),
            *(f.application.email for f in feedback),
            *(s.email for s in submissions),
        )
        if address
    }
    mail_ids = [
        pk
        for pk, to in OutboxMessage.objects.exclude(to="")
        .order_by("-created_at", "-pk")
        .values_list("pk", "to")
        if to.casefold() in addresses or text_matches(q, to)
    ]
    organizations = _in_order(Organization.objects.all(), organization_ids)
    unregistered = {
        Organization.Status.APPLIED,
        Organization.Status.RETURNED,
        Organization.Status.REJECTED,
    }
    lists = (
        application_ids,
        consultation_ids,
        inquiry_ids,
        feedback_ids,
        submission_ids,
        mail_ids,
        organization_ids,
        member_ids,
    )
    return Found(
        applications=applications,
        consultations=_in_order(Consultation.objects.all(), consultation_ids),
        more=any(len(ids) > FOUND_LIMIT for ids in lists),
        inquiries=inquiries,
        feedback=feedback,
        submissions=submissions,
        mail=_in_order(OutboxMessage.objects.all(), mail_ids),
        group_applications=[o for o in organizations if o.status in unregistered],
        organizations=[o for o in organizations if o.status not in unregistered],
        members=_in_order(Member.objects.all(), member_ids),
    )


_MEMBER_FIELDS = ("name", "name_reading", "email")


def _matching(q: str, rows) -> list[int]:
    """The keys of the ``(pk, *texts)`` rows one of whose texts holds ``q``, in their order."""
    return [pk for pk, *texts in rows if text_matches(q, *texts)]


def _in_order(queryset, ids: list[int]) -> list:
    """The rows of the first FOUND_LIMIT ``ids``, in the order of ``ids``."""
    ids = ids[:FOUND_LIMIT]
    position = {pk: n for n, pk in enumerate(ids)}
    return sorted(queryset.filter(pk__in=ids), key=lambda row: position[row.pk])


def _payload_texts(value) -> list[str]:
    """Every text of a form's stored data (nested lists and dicts), to search it like a row."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _payload_texts(item)]
    return []


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


def inquiry_delete(*, actor, inquiry, reason: str) -> None:
    """Delete an inquiry with its replies at the person's request, and blank the mail about it
    (the acknowledgement, the notice to the center, the replies). Inquiries count in no report;
    a consultation made from the inquiry stays (it has its own page here)."""
    require_role(actor, Role.STAFF)
    from kyodo.contact.models import Inquiry

    reason = _reason(reason)
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().filter(pk=inquiry.pk).first()
        if inquiry is None:
            raise InquiryGone()
        label = gettext("Inquiry #%(number)d (deleted)") % {"number": inquiry.pk}
        changes = {"kind": inquiry.kind, "reason": reason}
        if inquiry.consultation_id:
            changes["consultation"] = inquiry.consultation_id
        audit_log(
            actor=actor,
            action="kyodo.contact.inquiry.deleted",
            obj=inquiry,
            changes=changes,
        )
        _forget_mail_and_names(Inquiry, inquiry.pk, label)
        inquiry.delete()


def feedback_personal_data_remove(*, actor, feedback, reason: str):
    """Remove the written comments of a questionnaire answer at the person's request; the
    satisfaction and the time of the answer stay, so the event's figures still add up. A note
    staff made of the requests (an event note) is staff's own record and stays."""
    require_role(actor, Role.STAFF)
    from kyodo.events.models import Feedback

    reason = _reason(reason)
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if not (feedback.good_points or feedback.requests):
            raise FeedbackNothingToRemove()
        feedback.good_points = ""
        feedback.requests = ""
        feedback.save(update_fields=["good_points", "requests"])
        audit_log(
            actor=actor,
            action="kyodo.events.feedback.personal_data_removed",
            obj=feedback,
            changes={"event": feedback.event_id, "reason": reason},
        )
    return feedback


def submission_cancel(*, actor, submission, reason: str) -> None:
    """Cancel a form waiting for its sender's mail confirmation at their request: it is
    forgotten as if it had expired (its link stops working, a file sent with it is deleted) and
    the confirmation mail is blanked. Nothing of it had reached staff or any count."""
    require_role(actor, Role.STAFF)
    from kyodo.core.models import PendingSubmission

    reason = _reason(reason)
    with transaction.atomic():
        pending = PendingSubmission.objects.select_for_update().filter(pk=submission.pk).first()
        if pending is None:
            raise SubmissionGone()
        audit_log(
            actor=actor,
            action="kyodo.core.submission.cancelled",
            obj=pending,
            changes={"kind": pending.kind, "reason": reason},
        )
        outbox_blank_about(PendingSubmission, [pending.pk])
        storage, name = pending.file.storage, pending.file.name
        pending.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def mail_personal_data_remove(*, actor, message, reason: str):
    """Remove the address and text of one mail at the person's request, as the anonymisation
    blanks mail: a mail still queued then never leaves (it is marked failed); the subject, the
    kind and the times stay. A mail a worker is sending right now is refused: try again."""
    require_role(actor, Role.STAFF)
    from kyodo.core.models import OutboxMessage

    reason = _reason(reason)
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if not message.to:
            raise MailAlreadyRemoved()
        if message.status == OutboxMessage.Status.SENDING:
            raise MailBeingSent()
        previous = message.status
        if previous == OutboxMessage.Status.QUEUED:
            message.status = OutboxMessage.Status.FAILED
        message.to = ""
        message.body = gettext("(removed)")
        message.save(update_fields=["to", "body", "status"])
        changes = {"reason": reason}
        if previous != message.status:
            changes["status"] = [previous, message.status]
        audit_log(
            actor=actor,
            action="kyodo.outbox.personal_data_removed",
            obj=message,
            changes=changes,
        )
        # Its earlier rows (「再送」) show the mail by its address.
        label = gettext("Mail to a removed address: %(subject)s") % {"subject": message.subject}
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(OutboxMessage),
            object_id=str(message.pk),
        ).update(object_repr=label[:300])
    return message
