"""Every write of the collaboration register.

Each service checks the role first, runs in one transaction, validates, writes one audit row and
refuses bad input with a Japanese message (nothing is saved then). Applicants are mailed through
the outbox inside the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.collaboration.exceptions import (
    AlreadyDecided,
    AlreadyReviewed,
    BureauExists,
    CallClosed,
    GroupNotActive,
    InvalidInput,
    NotReviewable,
    ProposalLocked,
)
from kyodo.collaboration.models import (
    Collaboration,
    CollaborationForm,
    CountingSettings,
    Criterion,
    Department,
    DepartmentBureau,
    Proposal,
    ProposalAttachment,
    ProposalCall,
    Review,
    Score,
    in_reading_order,
    join_codes,
)
from kyodo.core.audit import audit_log
from kyodo.core.mail import mail_enqueue
from kyodo.core.models import Center
from kyodo.core.roles import Role, has_role, member_term_ended, require_role
from kyodo.core.services import field_values, update_fields
from kyodo.core.text import is_reading, match_key, normalize_name, normalize_reading
from kyodo.core.uploads import check_upload
from kyodo.core.wareki import fiscal_year, fiscal_year_name, fiscal_year_range, format_wareki
from kyodo.search import indexing

# Checked by kyodo.core.uploads (content as well as name), in the form and again here.
ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "txt", "png", "jpeg")
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_MAX_COUNT = 5


# The fields a create and an update share, named once (the service style of docs/contributing.md).


@dataclass(frozen=True, kw_only=True)
class DepartmentFields:
    name: str
    name_reading: str = ""
    bureau: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    notes: str = ""
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class CollaborationFields:
    title: str
    form: str
    first_fiscal_year: int | None
    last_fiscal_year: int | None = None
    budget: int | None = None
    # 年度別予算額 {fiscal year: yen}: every year of the period or none; None keeps what the
    # record has (a new record: none).
    yearly_budgets: dict[int, int] | None = None
    description: str = ""
    outcome: str = ""
    evaluation: str = ""
    is_published: bool = False
    # 中止: the day it stopped and why (both or neither).
    cancelled_on: date | None = None
    cancellation_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class CallFields:
    title: str
    fiscal_year: int | None
    opens_on: date | None
    closes_on: date | None
    description: str = ""
    budget_limit: int | None = None
    how_to_apply: str = ""
    publish_declined: bool = False


@dataclass(frozen=True, kw_only=True)
class ProposalFields:
    title: str
    summary: str
    department: Department | None = None
    aims: str = ""
    plan: str = ""
    budget: int | None = None


def _names(fields_class) -> list[str]:
    return [f.name for f in dataclass_fields(fields_class)]


DEPARTMENT_FIELDS = _names(DepartmentFields)
COLLABORATION_FIELDS = _names(CollaborationFields)
CALL_FIELDS = _names(CallFields)
PROPOSAL_FIELDS = _names(ProposalFields)


def _today() -> date:
    return timezone.localdate()


# The fiscal years the register takes: none before 平成元年度, a start (and a call's projects) at
# most in the next fiscal year, as collaborations are recorded once agreed, and an end at most
# four fiscal years after that (a multi-year contract). A mistyped 「令和99年度」 would otherwise
# stay in the statistics and the year chooser for good.
EARLIEST_FISCAL_YEAR = 1989
YEARS_AN_END_MAY_RUN_AHEAD = 4


def fiscal_year_bounds(*, end: bool = False) -> tuple[int, int]:
    """(earliest, latest) fiscal year a record may start in, or end in with ``end=True``."""
    latest = fiscal_year(_today()) + 1
    return EARLIEST_FISCAL_YEAR, latest + (YEARS_AN_END_MAY_RUN_AHEAD if end else 0)


def fiscal_year_out_of_range(year: int, *, end: bool = False) -> str | None:
    """The message refusing ``year`` (see :func:`fiscal_year_bounds`), or None when it is fine."""
    earliest, latest = fiscal_year_bounds(end=end)
    if earliest <= year <= latest:
        return None
    return _("Enter a fiscal year from %(earliest)s to %(latest)s.") % {
        "earliest": fiscal_year_name(earliest),
        "latest": fiscal_year_name(latest),
    }


def _check_fiscal_year(year: int, *, field: str, end: bool = False) -> None:
    if message := fiscal_year_out_of_range(year, end=end):
        raise InvalidInput(message, field=field)


# --- departments -------------------------------------------------------------------------------


def _clean_department(fields: DepartmentFields, *, exclude_pk: int | None = None) -> dict[str, Any]:
    data = field_values(fields)
    stored = (
        Department.objects.filter(pk=exclude_pk)
        .values_list("name", "bureau", "name_reading")
        .first()
        if exclude_pk
        else None
    ) or ("", "", "")
    # Stored as names are (全角英数字 made half-width, spaces collapsed) and compared as people
    # read them: 「ＮＰＯ推進課」 is 「NPO推進課」, 「市民 協働部」 is 「市民協働部」. A name or bureau
    # left as it was stays as it was: an older row is not renamed by an unrelated change.
    name, bureau = (data["name"] or "").strip(), (data["bureau"] or "").strip()
    data["name"] = name if name and name == stored[0] else normalize_name(name)
    if not data["name"]:
        raise InvalidInput(_("Enter the department's name."))
    others = Department.objects.all()
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    key = match_key(data["name"])
    if any(match_key(name) == key for name in others.values_list("name", flat=True)):
        raise _department_name_taken()
    # The reading orders the departments (gojūon): 「road」 would sort before every kana. One
    # left as it was is not checked again (an older row is not refused an unrelated change).
    reading = data["name_reading"] = normalize_reading(data["name_reading"] or "")
    if reading and reading != stored[2] and not is_reading(reading):
        raise InvalidInput(_("Enter the reading in hiragana or katakana."), field="name_reading")
    data["bureau"] = bureau if bureau == stored[1] else normalize_name(bureau)
    if data["bureau"] and data["bureau"] != stored[1]:
        # A department put in a bureau that exists takes its name as written there: one bureau,
        # not two spellings of it in the lists and the statistics.
        data["bureau"] = _bureau_named(data["bureau"], exclude_pk=exclude_pk) or data["bureau"]
    return data


def _department_name_taken() -> InvalidInput:
    return InvalidInput(_("A department with this name is already registered."))


def department_create(*, actor, fields: DepartmentFields) -> Department:
    """Add a city department (課) with its bureau and contact."""
    require_role(actor, Role.STAFF)
    data = _clean_department(fields)
    with transaction.atomic():
        try:
            # The check above cannot see a department another request is adding at this
            # moment; the unique name can (a savepoint, so the error leaves nothing behind).
            with transaction.atomic():
                department = Department.objects.create(**data)
        except IntegrityError:
            raise _department_name_taken() from None
        audit_log(
            actor=actor,
            action="kyodo.collaboration.department.created",
            obj=department,
            changes={"name": department.name, "bureau": department.bureau},
        )
    return department


def department_update(
    *,
    actor,
    department: Department,
    fields: DepartmentFields,
    renamed_from: int | None = None,
    audit_context: dict | None = None,
) -> dict:
    """Change a department; returns the changes (empty if nothing changed).

    A new name or bureau (部) is a reorganisation (組織改正) from the fiscal year
    ``renamed_from``: the records and statistics of the years before keep the name and bureau
    they had (:class:`DepartmentName`, :class:`DepartmentBureau`), and the audit row says from
    which year. Without ``renamed_from`` it corrects them (訂正): the years the old name or
    bureau was used show the new one. ``audit_context`` adds to the audit row what the change
    belongs to (a bureau merger: :func:`bureau_rename`).
    """
    require_role(actor, Role.STAFF)
    data = _clean_department(fields, exclude_pk=department.pk)
    with transaction.atomic():
        # The name and bureau as stored (the row locked): the instance given may be older.
        old_name, old_bureau = (
            Department.objects.select_for_update()
            .values_list("name", "bureau")
            .get(pk=department.pk)
        )
        context = dict(audit_context or {})
        if data["name"] != old_name:
            _record_change(department.names, "name", old_name, data["name"], renamed_from)
            if renamed_from is not None:
                context["name_from_fiscal_year"] = renamed_from
        if data["bureau"] != old_bureau:
            _record_change(department.bureaus, "bureau", old_bureau, data["bureau"], renamed_from)
            if renamed_from is not None:
                context["bureau_from_fiscal_year"] = renamed_from
        try:
            # Two departments renamed to the same name at once: as in department_create.
            with transaction.atomic():
                department, changes = update_fields(
                    actor=actor,
                    instance=department,
                    values=data,
                    fields=DEPARTMENT_FIELDS,
                    action="kyodo.collaboration.department.updated",
                    audit_context=context,
                )
        except IntegrityError:
            raise _department_name_taken() from None
        if changes:
            changes |= context
            indexing.index(department)
    return changes


# A bureau's name is stored in the same column as a department's (``Department.bureau``).
BUREAU_NAME_MAX = Department._meta.get_field("bureau").max_length


def bureau_rename(
    *, actor, old: str, new: str, renamed_from: int | None, merge: bool = False
) -> list[Department]:
    """Rename a bureau (部) from the fiscal year ``renamed_from`` (e.g. 市民協働部 → 市民生活部
    from 令和7年度): every department under ``old`` moves to ``new``, the years before keep
    ``old``. One audit row per department (as a department's own change writes). Returns the
    departments changed, in gojūon order.

    Names are compared as people read them (全角/半角, spaces: :func:`match_key`). A ``new``
    name another bureau already has merges ``old`` into it: refused with :class:`BureauExists`
    (saying how many departments and records would move) unless ``merge`` confirms it; the
    departments then take the other bureau's name as it is written, and each audit row says
    into which bureau and how many departments and records moved.

    Refused (nothing changed) without a bureau or a new name, with the same name, with a bureau
    no department belongs to, and from a fiscal year before the one the present name took effect
    in for one of its departments: that would rewrite the years the present name was in use.
    """
    require_role(actor, Role.STAFF)
    old, new = (old or "").strip(), normalize_name(new or "")
    if not old:
        raise InvalidInput(_("Choose the bureau to rename."), field="old")
    if not new:
        raise InvalidInput(_("Enter the new name of the bureau."), field="new")
    if len(new) > BUREAU_NAME_MAX:
        raise InvalidInput(
            _("The name of the bureau can be at most %(max)s characters long.")
            % {"max": BUREAU_NAME_MAX},
            field="new",
        )
    if old == new:
        raise InvalidInput(
            _("The new name of the bureau is the same as the present one."), field="new"
        )
    if renamed_from is None:
        raise InvalidInput(
            _("Enter the fiscal year from which the new name is used."), field="renamed_from"
        )
    _check_fiscal_year(renamed_from, field="renamed_from", end=True)
    changed = []
    with transaction.atomic():
        # Every department locked, in one order: the 部 renamed, and the one it may be merged
        # into, cannot change meanwhile, and two mergers in opposite directions (A→B, B→A) wait
        # for each other instead of deadlocking. A register has tens of departments.
        locked = list(Department.objects.select_for_update().order_by("pk"))
        departments = [d for d in locked if d.bureau == old]
        if not departments:
            raise InvalidInput(
                _("No department belongs to the bureau 「%(bureau)s」.") % {"bureau": old},
                field="old",
            )
        in_force = bureau_in_force_since(departments)
        if renamed_from < in_force:
            raise InvalidInput(
                _(
                    "「%(bureau)s」 is the name in use from %(year)s: enter %(year)s or a later "
                    "fiscal year."
                )
                % {"bureau": old, "year": fiscal_year_name(in_force)},
                field="renamed_from",
            )
        audit_context = {}
        existing = _bureau_named(new, other_than=old)
        if existing is None and match_key(old) == match_key(new):
            # Only written differently (全角/半角, spaces): the same name, nothing to rename.
            raise InvalidInput(
                _("The new name of the bureau is the same as the present one."), field="new"
            )
        if existing is not None:
            moved = in_reading_order(departments)
            records = bureau_records_from(departments, renamed_from)
            if not merge:
                raise BureauExists(
                    _(
                        "「%(existing)s」 already exists. Merge 「%(old)s」 into it? From "
                        "%(year)s, its %(count)s departments (%(departments)s) and "
                        "%(records)s collaboration records of theirs would be under "
                        "「%(existing)s」."
                    )
                    % {
                        "existing": existing,
                        "old": old,
                        "year": fiscal_year_name(renamed_from),
                        "count": len(moved),
                        "departments": "、".join(d.name for d in moved),
                        "records": records,
                    },
                    old=old,
                    existing=existing,
                    departments=[d.name for d in moved],
                    records=records,
                    year=renamed_from,
                )
            # Merged under the name as the other bureau writes it, never a second spelling.
            new = existing
            audit_context = {
                "bureau_merged_into": existing,
                "departments_moved": len(moved),
                "records_moved": records,
            }
        for department in departments:
            fields = DepartmentFields(
                **{name: getattr(department, name) for name in DEPARTMENT_FIELDS} | {"bureau": new}
            )
            department_update(
                actor=actor,
                department=department,
                fields=fields,
                renamed_from=renamed_from,
                audit_context=audit_context,
            )
            department.bureau = new  # as stored now (a merger: the other bureau's spelling)
            changed.append(department)
    return in_reading_order(changed)


def _bureau_named(name: str, *, other_than: str = "", exclude_pk: int | None = None) -> str | None:
    """The bureau in use (a department's present bureau, not ``other_than`` and not that of the
    department ``exclude_pk``) that people would read as ``name`` (全角/半角, spaces), as it is
    written there; None if there is none. ``name`` itself if it is written so; else, when
    spellings differ, the one most departments use."""
    key = match_key(name)
    rows = Department.objects.exclude(bureau="")
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    counts: dict[str, int] = {}
    for bureau in rows.values_list("bureau", flat=True):
        if bureau != other_than and match_key(bureau) == key:
            counts[bureau] = counts.get(bureau, 0) + 1
    if not counts:
        return None
    if name in counts:
        return name
    return max(sorted(counts), key=lambda b: counts[b])


def bureau_records_from(departments, fiscal_year: int) -> int:
    """How many collaboration records of ``departments`` run in ``fiscal_year`` or later: those
    whose bureau a renaming (or merger) from that year changes."""
    return (
        Collaboration.objects.filter(
            departments__in=[d.pk for d in departments], last_fiscal_year__gte=fiscal_year
        )
        .distinct()
        .count()
    )


def bureau_in_force_since(departments) -> int:
    """The first fiscal year the present bureau of ``departments`` is in force for all of them:
    the latest year one of them took it (0 when none has changed bureau). A renaming from an
    earlier year would rewrite what they were called before."""
    latest = DepartmentBureau.objects.filter(department__in=[d.pk for d in departments]).aggregate(
        latest=Max("first_fiscal_year")
    )["latest"]
    return latest or 0


def _record_change(history, attribute: str, old: str, new: str, first_year: int | None) -> None:
    """Keep a department's name (or bureau) of the years before ``first_year`` in its history
    rows (``history``: ``department.names`` or ``department.bureaus``); see
    :func:`department_update`."""
    rows = history.select_for_update()
    if first_year is None:
        # 訂正: the value in use (the latest row's, if there are rows) is corrected.
        latest = rows.order_by("-first_fiscal_year").first()
        if latest is not None:
            setattr(latest, attribute, new)
            latest.save(update_fields=[attribute])
        return
    if not rows.exists():
        history.create(**{attribute: old, "first_fiscal_year": 0})
    # Values that were to take effect from this year or later give way to the new one.
    rows.filter(first_fiscal_year__gte=first_year).delete()
    previous = rows.order_by("-first_fiscal_year").first()
    if previous is None or getattr(previous, attribute) != new:
        history.create(**{attribute: new, "first_fiscal_year": first_year})


# --- collaboration records ---------------------------------------------------------------------


def _clean_collaboration(
    fields: CollaborationFields, record: Collaboration | None = None
) -> dict[str, Any]:
    data = field_values(fields)
    data["title"] = (data["title"] or "").strip()
    for text in ("description", "outcome", "evaluation", "cancellation_reason"):
        data[text] = (data[text] or "").strip()
    data["is_published"] = bool(data["is_published"])
    if not data["title"]:
        raise InvalidInput(_("Enter a title."))
    if data["form"] not in CollaborationForm.values:
        raise InvalidInput(_("Choose a form of collaboration."))
    first, last = data["first_fiscal_year"], data["last_fiscal_year"]
    if first is None:
        raise InvalidInput(_("Enter the first fiscal year."))
    if last is None:
        data["last_fiscal_year"] = last = first
    _check_fiscal_year(first, field="first_fiscal_year")
    if last < first:
        raise InvalidInput(_("The last fiscal year cannot be before the first."))
    _check_fiscal_year(last, field="last_fiscal_year", end=True)
    if data["budget"] is not None and data["budget"] < 0:
        raise InvalidInput(_("The budget cannot be negative."))
    if data["yearly_budgets"] is None:
        data["yearly_budgets"] = record.budget_by_year if record is not None else {}
    if data["form"] == CollaborationForm.ENDORSEMENT and (
        data["budget"] or any((data["yearly_budgets"] or {}).values())
    ):
        # 後援 lends the city's name only: an amount would enter the statistics as money spent.
        raise InvalidInput(
            _(
                "An endorsement (後援) lends the name only and has no budget. If the city bears "
                "costs, choose co-hosting or a subsidy."
            ),
            field="budget",
        )
    data["yearly_budgets"] = _clean_yearly_budgets(data)
    _clean_cancellation(data)
    return data


def _clean_cancellation(data: dict[str, Any]) -> None:
    """中止: a day (from the first fiscal year's 1 April to today, and at the latest the last
    fiscal year's 31 March) and a reason, or neither."""
    day, reason = data["cancelled_on"], data["cancellation_reason"]
    if day is None:
        if reason:
            raise InvalidInput(
                _("Enter the day the collaboration was cancelled, or leave the reason empty."),
                field="cancelled_on",
            )
        return
    if not reason:
        raise InvalidInput(
            _("Enter why the collaboration was cancelled."), field="cancellation_reason"
        )
    start = date(data["first_fiscal_year"], 4, 1)
    if day < start:
        raise InvalidInput(
            _("The day of the cancellation cannot be before the first fiscal year (%(start)s).")
            % {"start": format_wareki(start, weekday=False)},
            field="cancelled_on",
        )
    end = date(data["last_fiscal_year"] + 1, 3, 31)
    if day > end:
        # Past its last fiscal year the collaboration had run its course: not a 中止, and the
        # statistics would count it in full while the record says 中止.
        raise InvalidInput(
            _(
                "The day of the cancellation cannot be after the last day of the last fiscal "
                "year (%(end)s): a collaboration that ran its whole period was not cancelled."
            )
            % {"end": format_wareki(end, weekday=False)},
            field="cancelled_on",
        )
    if day > _today():
        raise InvalidInput(
            _("The day of the cancellation cannot be in the future."), field="cancelled_on"
        )


def _years_text(years) -> str:
    return "、".join(fiscal_year_name(y) for y in years)


def _clean_yearly_budgets(data: dict[str, Any]) -> dict[str, int]:
    """The 年度別予算額 as stored (``{"2026": 600000, …}``), checked against the period and the
    budget: none at all, or every year of the period adding up to the budget (an empty budget
    becomes their total). A single fiscal year keeps none: its budget is the year's amount."""
    amounts = {int(y): a for y, a in (data["yearly_budgets"] or {}).items()}
    if not amounts:
        return {}
    first, last = data["first_fiscal_year"], data["last_fiscal_year"]
    period = fiscal_year_name(first)
    if last != first:
        period = f"{period}～{fiscal_year_name(last)}"
    if outside := sorted(y for y in amounts if not first <= y <= last):
        raise InvalidInput(
            _(
                "%(years)s is outside the period of the collaboration (%(period)s): enter "
                "amounts for the fiscal years of the period only."
            )
            % {"years": _years_text(outside), "period": period},
            field="yearly_budgets",
        )
    if missing := [y for y in range(first, last + 1) if y not in amounts]:
        raise InvalidInput(
            _(
                "Enter the amount of every fiscal year of the period (%(period)s), or of none: "
                "%(years)s is missing."
            )
            % {"period": period, "years": _years_text(missing)},
            field="yearly_budgets",
        )
    if any(a < 0 for a in amounts.values()):
        raise InvalidInput(_("The budget cannot be negative."), field="yearly_budgets")
    total = sum(amounts.values())
    if data["budget"] is None:
        data["budget"] = total
    elif total != data["budget"]:
        raise InvalidInput(
            _(
                "The amounts by fiscal year add up to %(total)s yen, not to the budget of "
                "%(budget)s yen. Correct one or the other (or leave the budget empty to make "
                "it their total)."
            )
            % {"total": f"{total:,}", "budget": f"{data['budget']:,}"},
            field="yearly_budgets",
        )
    if last == first:
        return {}
    return {str(y): amounts[y] for y in sorted(amounts)}


def _check_events_in_period(data: dict[str, Any], events) -> None:
    """A linked event (共催・後援) is held within the record's fiscal years, from 1 April of the
    first to 31 March after the last: an event of another 年度 is a wrong choice in the list
    (the same title recurs every year), and would tie the record to another year's event."""
    first, last = data["first_fiscal_year"], data["last_fiscal_year"]
    start, end = fiscal_year_range(first)[0], fiscal_year_range(last)[1]
    for event in sorted(events or (), key=lambda e: (e.date, e.pk)):
        if not start <= event.date <= end:
            years = fiscal_year_name(first)
            if last != first:
                years = f"{years}～{fiscal_year_name(last)}"
            raise InvalidInput(
                _(
                    "「%(event)s」 is held on %(day)s, outside the fiscal years of this "
                    "collaboration (%(years)s). Correct the fiscal years or the linked events."
                )
                % {"event": str(event), "day": format_wareki(event.date), "years": years},
                field="events",
            )


def _set_relations(record: Collaboration, organizations, departments, events) -> dict:
    changes = {}
    for name, values in (
        ("organizations", organizations),
        ("departments", departments),
        ("events", events),
    ):
        if values is None:
            continue
        manager = getattr(record, name)
        old = sorted(str(o) for o in manager.all())
        manager.set(list(values))
        new = sorted(str(o) for o in values)
        if old != new:
            changes[name] = [old, new]
    return changes


def collaboration_create(
    *,
    actor,
    fields: CollaborationFields,
    organizations=(),
    departments=(),
    events=(),
) -> Collaboration:
    """Record a collaboration with its groups, departments and linked events."""
    require_role(actor, Role.STAFF)
    data = _clean_collaboration(fields)
    _check_events_in_period(data, events)
    with transaction.atomic():
        record = Collaboration.objects.create(**data)
        changes = {f: data[f] for f in COLLABORATION_FIELDS}
        changes |= _set_relations(record, organizations, departments, events)
        audit_log(
            actor=actor, action="kyodo.collaboration.record.created", obj=record, changes=changes
        )
        indexing.index(record)
    return record


def collaboration_update(
    *,
    actor,
    record: Collaboration,
    fields: CollaborationFields,
    organizations=None,
    departments=None,
    events=None,
) -> dict:
    """Change a record and (those given) its groups, departments and events; returns the
    changes (empty if nothing changed)."""
    require_role(actor, Role.STAFF)
    data = _clean_collaboration(fields, record)
    _check_events_in_period(data, record.events.all() if events is None else events)
    with transaction.atomic():
        record, changes = update_fields(
            actor=actor,
            instance=record,
            values=data,
            fields=COLLABORATION_FIELDS,
            action="kyodo.collaboration.record.updated",
            audit_extra=lambda record, _before: _set_relations(
                record, organizations, departments, events
            ),
        )
        if changes:
            indexing.index(record)
    return changes


# --- the counting setting ----------------------------------------------------------------------


def counting_settings_update(*, actor, counted_forms: list[str]) -> CountingSettings:
    """Decide which forms the statistics count as 協働 (e.g. whether 後援 and 共催 count)."""
    require_role(actor, Role.STAFF)
    unknown = set(counted_forms) - set(CollaborationForm.values)
    if unknown:
        raise InvalidInput(_("Choose forms from the list."))
    ordered = [f for f in CollaborationForm.values if f in counted_forms]
    with transaction.atomic():
        row, _created = CountingSettings.objects.select_for_update().get_or_create(
            center=Center.objects.current()
        )
        old = row.counted_form_list
        row.counted_forms = join_codes(ordered)
        row.save()
        audit_log(
            actor=actor,
            action="kyodo.collaboration.counting.updated",
            obj=row,
            changes={"counted_forms": [old, ordered]},
        )
    return row


# --- calls for proposals -----------------------------------------------------------------------


def _clean_call(fields: CallFields) -> dict[str, Any]:
    data = field_values(fields)
    data["title"] = (data["title"] or "").strip()
    data["description"] = (data["description"] or "").strip()
    if not data["title"]:
        raise InvalidInput(_("Enter a title."))
    if data["fiscal_year"] is None:
        raise InvalidInput(_("Enter the fiscal year of the projects."))
    _check_fiscal_year(data["fiscal_year"], field="fiscal_year")
    if not data["opens_on"] or not data["closes_on"]:
        raise InvalidInput(_("Enter the period in which proposals are accepted."))
    if data["closes_on"] < data["opens_on"]:
        raise InvalidInput(_("The call cannot close before it opens."))
    if message := call_closes_too_late(data["fiscal_year"], data["closes_on"]):
        raise InvalidInput(message, field="closes_on")
    return data


def call_closes_too_late(projects_year: int, closes_on: date) -> str | None:
    """The message refusing a call that closes after the fiscal year of its projects has ended,
    or None. Proposals are chosen before the projects run (a call for 令和9年度 usually closes
    before 1 April 2027); one still open after 31 March 2028 could fund nothing in that year."""
    last_day = fiscal_year_range(projects_year)[1]
    if closes_on <= last_day:
        return None
    return _(
        "The call must close by %(last)s, the last day of %(year)s, the fiscal year of its"
        " projects."
    ) % {"last": format_wareki(last_day), "year": fiscal_year_name(projects_year)}


def call_create(*, actor, fields: CallFields) -> ProposalCall:
    """Open a call for proposals (提案型協働事業) for a period."""
    require_role(actor, Role.STAFF)
    data = _clean_call(fields)
    with transaction.atomic():
        call = ProposalCall.objects.create(**data)
        audit_log(
            actor=actor,
            action="kyodo.collaboration.call.created",
            obj=call,
            changes={f: data[f] for f in CALL_FIELDS},
        )
    return call


def call_update(*, actor, call: ProposalCall, fields: CallFields) -> dict:
    """Change a call; returns the changes (empty if nothing changed)."""
    require_role(actor, Role.STAFF)
    _call, changes = update_fields(
        actor=actor,
        instance=call,
        values=_clean_call(fields),
        fields=CALL_FIELDS,
        action="kyodo.collaboration.call.updated",
    )
    return changes


def call_publish(*, actor, call: ProposalCall, publish: bool = True) -> ProposalCall:
    """「公開する」 / 「非公開にする」: a call appears on the public site (and its results in open
    data) only once published; before its period it is announced as 「募集予定」. Publishing a
    published call (or withdrawing one not published) changes nothing and writes no row."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        call = ProposalCall.objects.select_for_update().get(pk=call.pk)
        if call.is_published == publish:
            return call
        call.published_at = timezone.now() if publish else None
        call.save(update_fields=["published_at"])
        audit_log(
            actor=actor,
            action=(
                "kyodo.collaboration.call.published"
                if publish
                else "kyodo.collaboration.call.unpublished"
            ),
            obj=call,
            changes={"opens_on": call.opens_on, "closes_on": call.closes_on},
        )
    return call


def criterion_add(
    *, actor, call: ProposalCall, name: str, max_score: int, description: str = ""
) -> Criterion:
    """Add a scoring criterion; refused once scoring has begun (totals would not compare)."""
    require_role(actor, Role.STAFF)
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("Enter the criterion."))
    if max_score is None or max_score < 1 or max_score > 1000:
        raise InvalidInput(_("The maximum score must be between 1 and 1000."))
    with transaction.atomic():
        ProposalCall.objects.select_for_update().get(pk=call.pk)
        if Review.objects.filter(proposal__call=call).exists():
            raise InvalidInput(_("Scoring has begun: the criteria can no longer be changed."))
        if call.criteria.filter(name=name).exists():
            raise InvalidInput(_("This call already has a criterion with this name."))
        position = call.criteria.count() + 1
        criterion = Criterion.objects.create(
            call=call,
            name=name,
            description=(description or "").strip(),
            max_score=max_score,
            position=position,
        )
        audit_log(
            actor=actor,
            action="kyodo.collaboration.criterion.added",
            obj=criterion,
            changes={"call": str(call), "name": name, "max_score": max_score},
        )
    return criterion


def _unscored_criterion(criterion: Criterion) -> Criterion:
    """The criterion locked with its call, if no proposal of the call has been scored yet."""
    ProposalCall.objects.select_for_update().get(pk=criterion.call_id)
    criterion = Criterion.objects.select_related("call").get(pk=criterion.pk)
    if Review.objects.filter(proposal__call_id=criterion.call_id).exists():
        raise InvalidInput(_("Scoring has begun: the criteria can no longer be changed."))
    return criterion


def criterion_update(
    *, actor, criterion: Criterion, name: str, max_score: int, description: str = ""
) -> Criterion:
    """Correct a criterion (its name, what reviewers look for, its 配点) until the first score
    against the call; the audit row writes the call's criteria before and after."""
    require_role(actor, Role.STAFF)
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("Enter the criterion."))
    if max_score is None or max_score < 1 or max_score > 1000:
        raise InvalidInput(_("The maximum score must be between 1 and 1000."))
    with transaction.atomic():
        criterion = _unscored_criterion(criterion)
        call = criterion.call
        if call.criteria.filter(name=name).exclude(pk=criterion.pk).exists():
            raise InvalidInput(_("This call already has a criterion with this name."))
        new = {"name": name, "description": (description or "").strip(), "max_score": max_score}
        changes = {
            f: [getattr(criterion, f), v] for f, v in new.items() if getattr(criterion, f) != v
        }
        if not changes:
            return criterion
        named = criterion.name  # the criterion as it was called
        for f, v in new.items():
            setattr(criterion, f, v)
        criterion.save()
        # The call's row: 「提案募集の変更」 naming the call, the criterion and what changed.
        audit_log(
            actor=actor,
            action="kyodo.collaboration.call.updated",
            obj=criterion,
            changes={"call": str(call), "name": named, **changes},
        )
    return criterion


def criterion_delete(*, actor, criterion: Criterion) -> None:
    """Remove a criterion until the first score against the call; the others keep their order."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        criterion = _unscored_criterion(criterion)
        call = criterion.call
        audit_log(
            actor=actor,
            action="kyodo.collaboration.call.updated",
            obj=criterion,
            changes={"call": str(call), "name": [criterion.name, None]},
        )
        criterion.delete()
        for position, other in enumerate(call.criteria.all(), start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])


# --- proposals (groups) ------------------------------------------------------------------------


def _organization_of(actor):
    from kyodo.organizations.selectors import organization_for_representative

    require_role(actor, Role.GROUP)
    organization = organization_for_representative(user=actor)
    if organization is None:
        raise PermissionDenied(_("You do not represent a registered group."))
    if not organization.can_act:
        # Rights follow the group's state: a suspended (休止) or withdrawn (退会) group neither
        # drafts nor submits, whatever page the request came from.
        raise GroupNotActive()
    return organization


def _own_draft(actor, proposal: Proposal) -> Proposal:
    """The proposal locked, if it is the actor's group's draft in a call still open."""
    organization = _organization_of(actor)
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    if proposal.organization_id != organization.pk:
        raise PermissionDenied
    if proposal.status != Proposal.Status.DRAFT:
        raise ProposalLocked()
    if reason := draft_refused_by_call(proposal.call, _today()):
        raise CallClosed(reason)
    return proposal


def draft_refused_by_call(call: ProposalCall, today: date) -> str | None:
    """Why a draft to ``call`` can be neither changed nor submitted on ``today`` (None when it
    can): the call withdrawn from the site (非公開にした), not open yet (its period moved later),
    or closed. The draft itself is kept: a call published again, or reopened, takes it again.
    The group's page shows the same words the service refuses with."""
    if not call.is_published:
        return _(
            "The center has withdrawn this call for proposals: your draft is kept, but it can be "
            "neither changed nor submitted now. Please contact the center."
        )
    if today < call.opens_on:
        return _("This call for proposals accepts proposals from %(day)s.") % {
            "day": format_wareki(call.opens_on)
        }
    if today > call.closes_on:
        return _(
            "The call for proposals closed on %(until)s (its deadline): this draft can no longer "
            "be changed or submitted. If the deadline was changed and you had not been told, "
            "please contact the center."
        ) % {"until": format_wareki(call.closes_on)}
    return None


def _clean_proposal(fields: ProposalFields, call: ProposalCall) -> dict[str, Any]:
    data = field_values(fields)
    for text in ("title", "summary", "aims", "plan"):
        data[text] = (data[text] or "").strip()
    if not data["title"]:
        raise InvalidInput(_("Enter the project's title."))
    if not data["summary"]:
        raise InvalidInput(_("Describe the project in a few lines."))
    budget = data["budget"]
    if budget is not None and budget < 0:
        raise InvalidInput(_("The budget cannot be negative."))
    if budget is not None and call.budget_limit is not None and budget > call.budget_limit:
        raise InvalidInput(
            _("The budget requested is above the call's limit of %(limit)s yen.")
            % {"limit": f"{call.budget_limit:,}"},
            field="budget",
        )
    return data


def _check_call_accepts_proposals(call: ProposalCall) -> None:
    """Refuse a new proposal to a call that is not published, or outside its period (saying
    from or until which day it accepts them)."""
    if not call.is_published:
        # Being prepared (or taken off the site): groups are not offered it.
        raise CallClosed(_("This call for proposals is not published: it takes no proposals."))
    today = _today()
    if today < call.opens_on:
        raise CallClosed(
            _("This call for proposals accepts proposals from %(day)s.")
            % {"day": format_wareki(call.opens_on)}
        )
    if today > call.closes_on:
        raise CallClosed(
            _("This call for proposals stopped accepting proposals on %(day)s.")
            % {"day": format_wareki(call.closes_on)}
        )


def proposal_create(*, actor, call: ProposalCall, fields: ProposalFields) -> Proposal:
    """A group starts a proposal as a draft; only to a published call, in its period."""
    organization = _organization_of(actor)
    with transaction.atomic():
        # The call as stored (locked): staff may have withdrawn it or moved its deadline.
        call = ProposalCall.objects.select_for_update().get(pk=call.pk)
        _check_call_accepts_proposals(call)
        data = _clean_proposal(fields, call)
        proposal = Proposal.objects.create(
            call=call, organization=organization, created_by=actor, **data
        )
        audit_log(
            actor=actor,
            action="kyodo.collaboration.proposal.created",
            obj=proposal,
            changes={"call": str(call), "organization": str(organization), "title": data["title"]},
        )
    return proposal


def proposal_update(*, actor, proposal: Proposal, fields: ProposalFields) -> dict:
    """Change a draft; refused after the final submit and after the call closes."""
    with transaction.atomic():
        proposal = _own_draft(actor, proposal)
        _proposal, changes = update_fields(
            actor=actor,
            instance=proposal,
            values=_clean_proposal(fields, proposal.call),
            fields=PROPOSAL_FIELDS,
            action="kyodo.collaboration.proposal.updated",
        )
    return changes


def _check_attachment(upload) -> None:
    if upload is None:
        raise InvalidInput(_("Choose a file to attach."))
    try:
        check_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages)) from None


def attachment_add(*, actor, proposal: Proposal, upload) -> ProposalAttachment:
    """Attach a document to a draft (at most five, 5 MB each)."""
    _check_attachment(upload)
    with transaction.atomic():
        proposal = _own_draft(actor, proposal)
        if proposal.attachments.count() >= ATTACHMENT_MAX_COUNT:
            raise InvalidInput(_("A proposal can have at most five attachments."))
        name = PurePath(upload.name or "file").name[:200]
        attachment = ProposalAttachment(proposal=proposal, name=name)
        attachment.file.save(name, upload, save=False)
        attachment.save()
        audit_log(
            actor=actor,
            action="kyodo.collaboration.attachment.added",
            obj=attachment,
            changes={"proposal": str(proposal), "name": name},
        )
    return attachment


def attachment_remove(*, actor, attachment: ProposalAttachment) -> None:
    with transaction.atomic():
        _own_draft(actor, attachment.proposal)
        name, storage, path = attachment.name, attachment.file.storage, attachment.file.name
        audit_log(
            actor=actor,
            action="kyodo.collaboration.attachment.removed",
            obj=attachment,
            changes={"proposal": str(attachment.proposal), "name": name},
        )
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(path))


def proposal_submit(*, actor, proposal: Proposal) -> Proposal:
    """The final submit: the proposal is frozen and the applicant gets a receipt by mail."""
    with transaction.atomic():
        proposal = _own_draft(actor, proposal)
        # The call's limit may have been lowered since the draft was written.
        _clean_proposal(
            ProposalFields(**{f: getattr(proposal, f) for f in PROPOSAL_FIELDS}), proposal.call
        )
        proposal.status = Proposal.Status.SUBMITTED
        proposal.submitted_at = timezone.now()
        proposal.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_log(
            actor=actor,
            action="kyodo.collaboration.proposal.submitted",
            obj=proposal,
            changes={"status": [Proposal.Status.DRAFT, Proposal.Status.SUBMITTED]},
        )
        _mail(proposal, "submitted")
        _mail_staff(proposal)
    return proposal


# --- review and decision -----------------------------------------------------------------------


def review_submit(
    *, actor, proposal: Proposal, scores: dict[int, int | None], comment: str = ""
) -> Review:
    """A reviewer (staff or committee member) scores a proposal against every criterion; her
    own scores can be corrected until the proposal is decided (the audit row says old → new).

    Each score must lie between 0 and the criterion's maximum; otherwise nothing is saved.
    """
    if not (has_role(actor, Role.STAFF) or has_role(actor, Role.MEMBER)):
        # Rights follow state: a member whose term has ended no longer reviews.
        if getattr(actor, "is_authenticated", False) and member_term_ended(actor):
            raise PermissionDenied(_("Your term on the committee has ended; you cannot review."))
        raise PermissionDenied(_("You do not have permission to do this."))
    from kyodo.collaboration.selectors import is_reviewer

    if not is_reviewer(actor):
        # A member of another body the center is secretariat of: not a reviewer of its call.
        raise PermissionDenied(_("You do not have permission to do this."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
        if proposal.status != Proposal.Status.SUBMITTED:
            raise NotReviewable()
        criteria = list(proposal.call.criteria.all())
        if not criteria:
            raise InvalidInput(_("This call has no criteria to score against yet."))
        for criterion in criteria:
            value = scores.get(criterion.pk)
            if value is None:
                raise InvalidInput(
                    _("Give a score for 「%(criterion)s」.") % {"criterion": criterion.name}
                )
            if not 0 <= value <= criterion.max_score:
                raise InvalidInput(
                    _("The score for 「%(criterion)s」 must be between 0 and %(max)s.")
                    % {"criterion": criterion.name, "max": criterion.max_score}
                )
        existing = (
            Review.objects.filter(proposal=proposal, reviewer=actor)
            .prefetch_related("scores__criterion")
            .first()
        )
        if existing is not None:
            return _review_correct(actor, existing, criteria, scores, comment)
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    proposal=proposal, reviewer=actor, comment=(comment or "").strip()
                )
        except IntegrityError:
            # Two tabs submitting at once: the constraint keeps the second one out.
            raise AlreadyReviewed() from None
        Score.objects.bulk_create(
            Score(review=review, criterion=c, score=scores[c.pk]) for c in criteria
        )
        audit_log(
            actor=actor,
            action="kyodo.collaboration.review.submitted",
            obj=review,
            changes={c.name: scores[c.pk] for c in criteria},
        )
    return review


def _review_correct(actor, review: Review, criteria, scores, comment: str) -> Review:
    """A reviewer corrects her scores (the proposal is locked and not decided yet)."""
    old = {s.criterion_id: s for s in review.scores.all()}
    changes = {}
    for criterion in criteria:
        new = scores[criterion.pk]
        score = old.get(criterion.pk)
        if score is None:
            Score.objects.create(review=review, criterion=criterion, score=new)
            changes[criterion.name] = new
        elif score.score != new:
            changes[criterion.name] = [score.score, new]
            score.score = new
            score.save(update_fields=["score"])
    comment = (comment or "").strip()
    if comment != review.comment:
        changes["comment"] = [review.comment, comment]
        review.comment = comment
        review.save(update_fields=["comment"])
    if changes:
        audit_log(
            actor=actor,
            action="kyodo.collaboration.review.submitted",
            obj=review,
            changes=changes,
        )
    return review


def decision_opens_on(call: ProposalCall) -> date:
    """The first day a call's proposals can be decided: the day after 受付締切日 (proposals
    still arriving are judged together with the others)."""
    from datetime import timedelta

    return call.closes_on + timedelta(days=1)


def _locked_for_decision(proposal: Proposal) -> Proposal:
    # Only the proposal row is locked: the department is optional (an outer join).
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("call", "organization", "department", "created_by")
        .get(pk=proposal.pk)
    )


def proposal_decide(*, actor, proposal: Proposal, adopt: bool, note: str = "") -> Proposal:
    """Staff adopt or decline a submitted proposal, once the call has closed.

    Nothing leaves yet: the group is told, and an adopted proposal recorded as a collaboration,
    only by :func:`proposal_notify`. Until then the decision (and its note) can be corrected by
    deciding again.
    """
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        proposal = _locked_for_decision(proposal)
        if not (proposal.status == Proposal.Status.SUBMITTED or proposal.awaits_notice):
            raise AlreadyDecided()
        if _today() < decision_opens_on(proposal.call):
            raise InvalidInput(
                _(
                    "Proposals are decided together after the call closes: this call accepts "
                    "proposals until %(until)s."
                )
                % {"until": format_wareki(proposal.call.closes_on)}
            )
        before = proposal.status
        proposal.status = Proposal.Status.ADOPTED if adopt else Proposal.Status.DECLINED
        proposal.decided_at = timezone.now()
        old_note, proposal.decision_note = proposal.decision_note, (note or "").strip()
        proposal.save(update_fields=["status", "decided_at", "decision_note"])
        changes: dict[str, Any] = {"status": [before, proposal.status]}
        if old_note != proposal.decision_note and before != Proposal.Status.SUBMITTED:
            changes["decision_note"] = [old_note, proposal.decision_note]
        audit_log(
            actor=actor,
            action=f"kyodo.collaboration.proposal.{proposal.status}",
            obj=proposal,
            changes=changes,
        )
    return proposal


def proposal_notify(*, actor, proposal: Proposal) -> Proposal:
    """Staff tell the group the decision (「結果を通知する」): the result mail leaves, an adopted
    proposal is recorded as a collaboration, and the decision is final."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        proposal = _locked_for_decision(proposal)
        if not proposal.awaits_notice:
            raise InvalidInput(_("This proposal has no decision waiting to be notified."))
        adopt = proposal.status == Proposal.Status.ADOPTED
        if adopt:
            fy = proposal.call.fiscal_year
            record = Collaboration.objects.create(
                title=proposal.title,
                form=CollaborationForm.PROPOSAL,
                first_fiscal_year=fy,
                last_fiscal_year=fy,
                budget=proposal.budget,
                description=proposal.summary,
            )
            record.organizations.set([proposal.organization])
            if proposal.department_id:
                record.departments.set([proposal.department])
            proposal.collaboration = record
            audit_log(
                actor=actor,
                action="kyodo.collaboration.record.created",
                obj=record,
                changes={"from_proposal": str(proposal), "form": record.form, "fiscal_year": fy},
            )
            indexing.index(record)
        proposal.notified_at = timezone.now()
        proposal.save(update_fields=["notified_at", "collaboration"])
        audit_log(
            actor=actor,
            action="kyodo.collaboration.proposal.updated",
            obj=proposal,
            changes={"notified_at": [None, proposal.notified_at]},
        )
        _mail(proposal, str(proposal.status))
    return proposal


# --- mail --------------------------------------------------------------------------------------


def proposal_recipient(proposal: Proposal) -> str:
    """Who hears about a proposal: the person who wrote it, else the group's address."""
    creator = proposal.created_by
    return (creator.email if creator else "") or proposal.organization.email


def _mail_staff(proposal: Proposal) -> None:
    """Tell the office a proposal has arrived (the center's address, else every staff's)."""
    from kyodo.core.mail import absolute_url
    from kyodo.core.people import staff_inbox

    link = absolute_url("collaboration-staff:proposal", args=[proposal.pk])
    for address in staff_inbox():
        mail_enqueue(
            to=address,
            template="collaboration/mail/proposal_received.txt",
            context={
                "proposal": proposal,
                "call": proposal.call,
                "organization": proposal.organization,
                "link": link,
            },
            kind="collaboration.proposal_received",
            related=proposal,
        )


def _mail(proposal: Proposal, kind: str) -> None:
    """Queue one mail to the applicant (``collaboration/mail/proposal_<kind>.txt``)."""
    to = proposal_recipient(proposal)
    if not to:
        return
    mail_enqueue(
        to=to,
        template=f"collaboration/mail/proposal_{kind}.txt",
        context={
            "proposal": proposal,
            "call": proposal.call,
            "organization": proposal.organization,
        },
        kind=f"collaboration.proposal_{kind}",
        related=proposal,
    )
