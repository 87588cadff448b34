"""Every write to consultations: staff only, atomic, validated, audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from kyodo.consultations import exceptions
from kyodo.consultations.models import Category, Consultation, ConsultationCategory
from kyodo.core.audit import audit_log, diff_fields
from kyodo.core.roles import Role, has_role, require_role
from kyodo.core.text import match_key
from kyodo.search import indexing

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


def consultation_create(
    *,
    actor,
    received_on: date,
    channel: str,
    client_type: str,
    categories: Iterable[str],
    summary: str,
    staff=None,
    organization=None,
    client_name: str = "",
    client_contact: str = "",
    advice: str = "",
    follow_up_needed: bool = False,
    follow_up_on: date | None = None,
    follow_up_notes: str = "",
    report_example: str = "",
    use_in_report: bool = False,
) -> Consultation:
    """Record a consultation taken by ``staff`` (the acting staff member unless given).

    Raises PermissionDenied unless ``actor`` is staff, and a :class:`ConsultationError` for
    input that breaks a rule (no category, an example that names the client …).
    """
    require_role(actor, Role.STAFF)
    consultation = Consultation()
    values = {
        "received_on": received_on,
        "channel": channel,
        "client_type": client_type,
        "summary": summary,
        "staff": staff or actor,
        "organization": organization,
        "client_name": client_name,
        "client_contact": client_contact,
        "advice": advice,
        "follow_up_needed": follow_up_needed,
        "follow_up_on": follow_up_on,
        "follow_up_notes": follow_up_notes,
        "report_example": report_example,
        "use_in_report": use_in_report,
    }
    chosen = _validate(values, categories)
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
    *,
    actor,
    consultation: Consultation,
    received_on: date,
    channel: str,
    client_type: str,
    categories: Iterable[str],
    summary: str,
    staff,
    organization=None,
    client_name: str = "",
    client_contact: str = "",
    advice: str = "",
    follow_up_needed: bool = False,
    follow_up_on: date | None = None,
    follow_up_notes: str = "",
    report_example: str = "",
    use_in_report: bool = False,
) -> Consultation:
    """Replace every field of ``consultation`` (the edit form sends them all); audited as a diff."""
    require_role(actor, Role.STAFF)
    values = {
        "received_on": received_on,
        "channel": channel,
        "client_type": client_type,
        "summary": summary,
        "staff": staff,
        "organization": organization,
        "client_name": client_name,
        "client_contact": client_contact,
        "advice": advice,
        "follow_up_needed": follow_up_needed,
        "follow_up_on": follow_up_on,
        "follow_up_notes": follow_up_notes,
        "report_example": report_example,
        "use_in_report": use_in_report,
    }
    chosen = _validate(values, categories)
    with transaction.atomic():
        # Lock the row so that two staff saving at once produce two clean audit diffs.
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        before_categories = sorted(
            locked.categories.values_list("category", flat=True), key=Category.values.index
        )
        before = Consultation(**{f: getattr(locked, f) for f in _field_names()})
        _apply(locked, values)
        locked.full_clean(exclude=["organization", "staff"])
        locked.save()
        if before_categories != chosen:
            locked.categories.exclude(category__in=chosen).delete()
            ConsultationCategory.objects.bulk_create(
                ConsultationCategory(consultation=locked, category=c)
                for c in chosen
                if c not in before_categories
            )
        changes = diff_fields(before, locked, _AUDITED)
        changes |= {
            name: "changed" for name in _PERSONAL if getattr(before, name) != getattr(locked, name)
        }
        if before_categories != chosen:
            changes["categories"] = [before_categories, chosen]
        audit_log(
            actor=actor,
            action="kyodo.consultations.consultation.update",
            obj=locked,
            changes=changes,
        )
        indexing.index(locked)
    consultation.refresh_from_db()
    return consultation


def _field_names() -> list[str]:
    return [f.attname for f in Consultation._meta.concrete_fields]


def _apply(consultation: Consultation, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(consultation, name, value.strip() if isinstance(value, str) else value)


def _validate(values: dict[str, Any], categories: Iterable[str]) -> list[str]:
    """Check the rules that span fields; return the categories in their canonical order."""
    chosen = list(dict.fromkeys(categories))
    if not chosen:
        raise exceptions.NoCategory()
    if any(c not in Category.values for c in chosen):
        raise exceptions.UnknownCategory()
    chosen.sort(key=Category.values.index)

    if not has_role(values["staff"], Role.STAFF):
        raise exceptions.StaffMemberRequired()
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
