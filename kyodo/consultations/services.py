"""Every write to consultations: staff only, atomic, validated, audited."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from kyodo.consultations import exceptions
from kyodo.consultations.models import (
    SUMMARY_MAX_LENGTH,
    Category,
    Consultation,
    ConsultationCategory,
)
from kyodo.core.audit import audit_log, diff_fields
from kyodo.core.roles import Role, has_role, require_role
from kyodo.core.services import field_values, update_fields
from kyodo.core.text import match_key
from kyodo.core.wareki import format_wareki
from kyodo.search import indexing

if TYPE_CHECKING:
    from kyodo.core.models import User
    from kyodo.organizations.models import Organization

# Fields compared for the audit row's ``changes``. Personal data (name, contact) is audited by
# name only, so that the audit log, which more people read, does not copy it.
_AUDITED = [
    "received_on",
    "channel",
    "client_type",
    "organization",
    "summary",
    "advice",
    "follow_up_needed",
    "follow_up_on",
    "follow_up_notes",
    "staff",
    "report_example",
    "use_in_report",
]
_PERSONAL = ["client_name", "client_contact"]

# What a follow-up marked done may add to the notes (「対応の内容」): a line or two, not a file.
FOLLOW_UP_NOTE_MAX_LENGTH = 1000


@dataclass(frozen=True, kw_only=True)
class ConsultationFields:
    """What a consultation records, shared by :func:`consultation_create` and
    :func:`consultation_update` (the edit form sends them all)."""

    received_on: date
    channel: str
    client_type: str
    categories: Sequence[str]
    summary: str
    staff: User | None = None  # who took it; on create, the acting staff member unless given
    organization: Organization | None = None
    client_name: str = ""
    client_contact: str = ""
    advice: str = ""
    follow_up_needed: bool = False
    follow_up_on: date | None = None
    follow_up_notes: str = ""
    report_example: str = ""
    use_in_report: bool = False


def _values(fields: ConsultationFields) -> dict[str, Any]:
    values = field_values(fields)
    del values["categories"]
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


def consultation_create(*, actor: User, fields: ConsultationFields) -> Consultation:
    """Record a consultation taken by ``fields.staff`` (the acting staff member unless given).

    Raises PermissionDenied unless ``actor`` is staff, and a :class:`ConsultationError` for
    input that breaks a rule (no category, a date after today, a follow-up without its date, a
    summary over :data:`SUMMARY_MAX_LENGTH` characters, an example that names the client …).
    """
    require_role(actor, Role.STAFF)
    consultation = Consultation()
    values = _values(fields) | {"staff": fields.staff or actor}
    chosen = _validate(values, fields.categories)
    with transaction.atomic():
        _apply(consultation, values)
        consultation.full_clean(exclude=["organization", "staff"])
        consultation.save()
        ConsultationCategory.objects.bulk_create(
            ConsultationCategory(consultation=consultation, category=c) for c in chosen
        )
        changes = diff_fields(None, consultation, _AUDITED)
        changes["categories"] = [None, chosen]
        audit_log(
            actor=actor,
            action="kyodo.consultations.consultation.create",
            obj=consultation,
            changes=changes,
        )
        indexing.index(consultation)
    return consultation


def consultation_update(
    *, actor: User, consultation: Consultation, fields: ConsultationFields
) -> Consultation:
    """Replace every field of ``consultation``; audited as a diff (personal data by name only)."""
    require_role(actor, Role.STAFF)
    values = _values(fields)
    # The 対応者 it records may have left since: kept as they are, not refused.
    chosen = _validate(values, fields.categories, recorded_staff=consultation.staff_id)

    def categories_and_personal(locked: Consultation, before: Consultation) -> dict:
        before_categories = sorted(
            locked.categories.values_list("category", flat=True), key=Category.values.index
        )
        changes = {
            name: "changed" for name in _PERSONAL if getattr(before, name) != getattr(locked, name)
        }
        if before_categories != chosen:
            locked.categories.exclude(category__in=chosen).delete()
            ConsultationCategory.objects.bulk_create(
                ConsultationCategory(consultation=locked, category=c)
                for c in chosen
                if c not in before_categories
            )
            changes["categories"] = [before_categories, chosen]
        return changes

    with transaction.atomic():
        # The row is locked, so that two staff saving at once produce two clean audit diffs.
        locked, _changes = update_fields(
            actor=actor,
            instance=consultation,
            values=values,
            fields=list(values),
            audited=_AUDITED,
            action="kyodo.consultations.consultation.update",
            before_save=lambda locked, _before: locked.full_clean(
                exclude=["organization", "staff"]
            ),
            audit_extra=categories_and_personal,
        )
        indexing.index(locked)
    consultation.refresh_from_db()
    return consultation


def _apply(consultation: Consultation, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(consultation, name, value.strip() if isinstance(value, str) else value)


def _validate(
    values: dict[str, Any], categories: Iterable[str], *, recorded_staff: int | None = None
) -> list[str]:
    """Check the rules that span fields; return the categories in their canonical order.
    ``recorded_staff``: the pk of the 対応者 an edited consultation records, accepted although
    they are no longer staff."""
    chosen = list(dict.fromkeys(categories))
    if not chosen:
        raise exceptions.NoCategory()
    if any(c not in Category.values for c in chosen):
        raise exceptions.UnknownCategory()
    chosen.sort(key=Category.values.index)

    staff = values["staff"]
    kept = staff is not None and recorded_staff is not None and staff.pk == recorded_staff
    if not kept and not has_role(staff, Role.STAFF):
        raise exceptions.StaffMemberRequired()
    if values["received_on"] > timezone.localdate():
        raise exceptions.ReceivedInFuture()
    if len(values["summary"]) > SUMMARY_MAX_LENGTH:
        raise exceptions.SummaryTooLong(limit=SUMMARY_MAX_LENGTH, length=len(values["summary"]))
    if values["follow_up_needed"] and not values["follow_up_on"]:
        raise exceptions.FollowUpDateMissing()
    if values["follow_up_on"] and not values["follow_up_needed"]:
        raise exceptions.FollowUpDateWithoutFollowUp()
    if values["follow_up_on"] and values["follow_up_on"] < values["received_on"]:
        raise exceptions.FollowUpBeforeConsultation()

    example = (values["report_example"] or "").strip()
    if values["use_in_report"] and not example:
        raise exceptions.ReportExampleMissing()
    # The example goes into minutes that may be published: refuse one that identifies the client
    # (compared under NFKC and without spaces, so 「山田　花子」 is caught in 「山田花子さん」).
    example_key = match_key(example)
    for personal in (values["client_name"], values["client_contact"]):
        key = match_key(personal or "")
        if key and key in example_key:
            raise exceptions.ReportExampleNamesClient()
    return chosen


def follow_up_done(
    *, actor: User, consultation: Consultation, done: bool = True, note: str = ""
) -> Consultation:
    """Staff mark a consultation's follow-up done (today): it leaves the to-do list and the page
    says when; ``done=False`` puts it back (marked by mistake, or more is needed).

    ``note`` says what was done (「電話で締切を伝えた」): it is added to the follow-up notes on a
    line of its own, after the day (「令和8年12月8日(火) 電話で締切を伝えた」), so that the notes keep
    what was planned and what was done, and the search finds it. Raises
    :class:`~kyodo.consultations.exceptions.FollowUpNoteTooLong` over
    :data:`FOLLOW_UP_NOTE_MAX_LENGTH` characters, and ignores a note when ``done`` is False.
    """
    require_role(actor, Role.STAFF)
    if done and not consultation.follow_up_needed:
        raise exceptions.NoFollowUp()
    note = note.strip() if done else ""
    if len(note) > FOLLOW_UP_NOTE_MAX_LENGTH:
        raise exceptions.FollowUpNoteTooLong(limit=FOLLOW_UP_NOTE_MAX_LENGTH, length=len(note))
    today = timezone.localdate()

    def add_note(locked: Consultation, _before: Consultation) -> None:
        # Appended to the locked row, so that two staff closing it at once keep both lines.
        if note:
            line = f"{format_wareki(today)} {note}"
            notes = locked.follow_up_notes.rstrip()
            locked.follow_up_notes = f"{notes}\n{line}" if notes else line

    with transaction.atomic():
        locked, changes = update_fields(
            actor=actor,
            instance=consultation,
            values={"follow_up_done_on": today if done else None},
            fields=["follow_up_done_on", "follow_up_notes"],
            action="kyodo.consultations.consultation.followed_up"
            if done
            else "kyodo.consultations.consultation.follow_up_reopened",
            before_save=add_note,
        )
        if "follow_up_notes" in changes:
            indexing.index(locked)
    return locked
