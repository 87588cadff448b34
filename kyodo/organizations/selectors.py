"""Reads about registered groups. The monthly report calls ``registered_count_on`` and
``new_registrations_between``; keep their names and signatures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core.audit import KEY_LABELS
from kyodo.core.audit_labels import action_label
from kyodo.core.forms import normalize_address
from kyodo.core.models import AuditEntry
from kyodo.core.statements import Prepared
from kyodo.core.text import match_key
from kyodo.core.versions import Change
from kyodo.core.wareki import fiscal_year, fiscal_year_name, format_wareki
from kyodo.organizations.models import (
    REVIEWED_FIELDS,
    ActivityField,
    ChangeRequest,
    Organization,
    OrganizationStatusChange,
    PublishableField,
    split_codes,
)

Kind = OrganizationStatusChange.Kind


def _kind_on(on: date) -> Subquery:
    # The change in force on a date is the last one that took effect by then; on the same date
    # the one recorded later wins.
    return Subquery(
        OrganizationStatusChange.objects.filter(organization=OuterRef("pk"), effective_date__lte=on)
        .order_by("-effective_date", "-pk")
        .values("kind")[:1]
    )


def _first_registration(*, start: date | None = None, end: date | None = None) -> Subquery:
    changes = OrganizationStatusChange.objects.filter(
        organization=OuterRef("pk"), kind=Kind.REGISTERED
    )
    if start is not None:
        changes = changes.filter(effective_date__gte=start)
    if end is not None:
        changes = changes.filter(effective_date__lte=end)
    return Subquery(changes.order_by("effective_date", "pk").values("effective_date")[:1])


def _next_change(after: date, field: str) -> Subquery:
    # The first change recorded to take effect after a date: a scheduled one.
    return Subquery(
        OrganizationStatusChange.objects.filter(
            organization=OuterRef("pk"), effective_date__gt=after
        )
        .order_by("effective_date", "pk")
        .values(field)[:1]
    )


def registered_on(on: date) -> QuerySet[Organization]:
    """Groups that were registered (not suspended or withdrawn) on ``on``, in reading order."""
    return (
        Organization.objects.annotate(kind_on=_kind_on(on))
        .filter(kind_on__in=OrganizationStatusChange.ACTIVE_KINDS)
        .order_by("reading_order", "pk")
    )


def registered_count_on(on: date) -> int:
    """How many groups were registered on ``on``, exactly, from the status history."""
    return registered_on(on).count()


def new_registrations_between(start: date, end: date) -> QuerySet[Organization]:
    """Groups whose registration took effect in [start, end], by effective date then reading.

    Each group carries ``registered_on``, the date its registration took effect.
    """
    registered = OrganizationStatusChange.objects.filter(
        kind=Kind.REGISTERED, effective_date__gte=start, effective_date__lte=end
    )
    return (
        Organization.objects.filter(pk__in=registered.values("organization"))
        .annotate(registered_on=_first_registration(start=start, end=end))
        .order_by("registered_on", "reading_order", "pk")
    )


def registration_dates_between(start: date, end: date) -> list[date]:
    """The ``registered_on`` of each group of ``new_registrations_between(start, end)``, in no
    particular order, from one aggregate over the status history (no group is loaded)."""
    return list(
        OrganizationStatusChange.objects.filter(
            kind=Kind.REGISTERED, effective_date__gte=start, effective_date__lte=end
        )
        .values("organization")
        .annotate(first=Min("effective_date"))
        .order_by()
        .values_list("first", flat=True)
    )


def _same_group(key) -> Q:
    """Groups that may be the one whose keys ``key(name)`` gives (the group's values, or
    OuterRef to them): the same name or reading (ＮＰＯ = NPO, カナ = かな), the same name without
    its legal form, or a reading beginning alike at length (子ども食堂ネット = こども食堂の会,
    ``models.similar_key``; an empty key matches nothing)."""
    return (
        Q(name_key=key("name_key"))
        | Q(reading_key=key("reading_key"))
        | Q(core_key=key("core_key"))
        | (Q(similar_key=key("similar_key")) & ~Q(similar_key=""))
    )


def possible_duplicates(*, organization: Organization) -> QuerySet[Organization]:
    """Other groups and applications that may be the same group (:func:`_same_group`)."""
    return (
        Organization.objects.filter(_same_group(lambda name: getattr(organization, name)))
        .exclude(pk=organization.pk)
        .order_by("reading_order", "pk")
    )


def name_or_reading_matches(q: str) -> Q:
    """Groups whose name or reading holds every word of ``q``, in any order: words are
    separated by half- or full-width spaces (「風の会 西東京」 and 「風の会　西東京」 find
    「西東京風の会」), each compared under :func:`match_key` (ＮＰＯ = NPO, カナ = かな), and each
    may be in the name or in the reading (「風の会 にしとうきょう」)."""
    condition = Q()
    for word in q.split():  # str.split() splits at U+3000 too
        key = match_key(word)
        if key:
            condition &= Q(name_key__contains=key) | Q(reading_key__contains=key)
    return condition


@dataclass(frozen=True)
class NotRegisteredOn:
    """Why a group is not registered on a day: the change in force then (休止, 登録抹消)."""

    kind: str
    effective_date: date

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)


def not_registered_on(*, organization_ids, on: date) -> dict[int, NotRegisteredOn]:
    """Of the groups ``organization_ids``, those that will not be (or are no longer) registered
    on ``on`` by their status history (a 休止 or 登録抹消 in force by then, scheduled ones
    included), with that change, by group id; one query."""
    ids = {pk for pk in organization_ids if pk}
    if not ids:
        return {}
    changes = OrganizationStatusChange.objects.filter(
        organization=OuterRef("pk"), effective_date__lte=on
    ).order_by("-effective_date", "-pk")
    rows = (
        Organization.objects.filter(pk__in=ids)
        .annotate(
            kind_on=Subquery(changes.values("kind")[:1]),
            since=Subquery(changes.values("effective_date")[:1]),
        )
        .filter(kind_on__in=[Kind.SUSPENDED, Kind.WITHDRAWN])
        .values_list("pk", "kind_on", "since")
    )
    return {pk: NotRegisteredOn(kind=kind, effective_date=since) for pk, kind, since in rows}


def staff_organizations(
    *,
    status: str = "",
    q: str = "",
    legal_form: str = "",
    activity_field: str = "",
) -> QuerySet[Organization]:
    """Applications and groups for the staff list, each with ``has_duplicate`` and
    ``registered_on`` (first registration), in one query."""
    others = Organization.objects.filter(_same_group(OuterRef)).exclude(pk=OuterRef("pk"))
    today = timezone.localdate()
    qs = Organization.objects.annotate(
        has_duplicate=Exists(others),
        registered_on=_first_registration(),
        scheduled_kind=_next_change(today, "kind"),
        scheduled_on=_next_change(today, "effective_date"),
    ).select_related("representative_user")
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(name_or_reading_matches(q))
    if legal_form:
        qs = qs.filter(legal_form=legal_form)
    if activity_field:
        qs = qs.filter(activity_fields__contains=f",{activity_field},")
    return qs.order_by("reading_order", "pk")


def directory(
    *,
    q: str = "",
    activity_field: str = "",
    legal_form: str = "",
    area: str = "",
) -> QuerySet[Organization]:
    """Registered groups for the public directory, in gojūon order of their stored reading.

    Filters look only at what a group chose to publish, so that a filter cannot reveal an
    unpublished field.
    """
    qs = Organization.objects.listed()
    if q:
        qs = qs.filter(name_or_reading_matches(q))
    if activity_field:
        qs = qs.filter(
            activity_fields__contains=f",{activity_field},",
            published_fields__contains=f",{PublishableField.ACTIVITY_FIELDS},",
        )
    if legal_form:
        qs = qs.filter(legal_form=legal_form)
    if area:
        qs = qs.filter(
            # Stored as normalize_address writes it (models.Organization.save): the query too.
            area__icontains=normalize_address(area),
            published_fields__contains=f",{PublishableField.AREA},",
        )
    return qs.order_by("reading_order", "pk")


def public_organization(*, pk: int) -> Organization | None:
    """A registered group, as the directory lists it, or None."""
    return _PUBLIC_ORGANIZATION.first(pk=pk)


# Compiled once per process (kyodo.core.statements): every group page reads it.
_PUBLIC_ORGANIZATION = Prepared(lambda pk: Organization.objects.listed().filter(pk=pk), pk=1)


def organization_for_representative(*, user) -> Organization | None:
    """The group this user represents or is a contact of, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Organization.objects.filter(Q(representative_user=user) | Q(contacts__user=user)).first()


def status_out_of_date(*, on: date) -> QuerySet[Organization]:
    """Groups whose status is not the one their history puts in force on ``on``: a change
    scheduled for a later date whose day has come (``services.status_changes_apply``)."""
    differs = Q()
    for kind, status in OrganizationStatusChange.STATUS_AFTER.items():
        differs |= Q(kind_on=kind) & ~Q(status=status)
    return Organization.objects.annotate(kind_on=_kind_on(on)).filter(differs).order_by("pk")


def scheduled_changes(
    *, organization: Organization, after: date
) -> QuerySet[OrganizationStatusChange]:
    """The group's changes recorded to take effect after ``after`` (today): not in force yet."""
    return organization.status_changes.filter(effective_date__gt=after).order_by(
        "effective_date", "pk"
    )


def status_history(*, organization: Organization) -> QuerySet[OrganizationStatusChange]:
    return organization.status_changes.select_related("actor").order_by("effective_date", "pk")


def organization_changes(*, organization: Organization) -> QuerySet[AuditEntry]:
    """Audit rows about this group, newest first: what changed, who changed it and when."""
    content_type = ContentType.objects.get_for_model(Organization)
    return AuditEntry.objects.filter(
        content_type=content_type, object_id=str(organization.pk)
    ).select_related("actor")


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangeRow:
    """One audit row of a group's 変更履歴, in words: what was done and each change."""

    entry: AuditEntry
    action: str  # the action's label (kyodo.core.audit_labels)
    fields: list[FieldChange]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _readable(name: str, value) -> str:
    """A recorded value as staff read it: choices by their labels, dates in 和暦."""
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):
        return "、".join(_readable(name, v) for v in value)
    choices = {"activity_fields": ActivityField, "published_fields": PublishableField}.get(name)
    if choices is not None and isinstance(value, str):
        labels = dict(choices.choices)
        # Fields of activity joined with 「／」: the law's names hold 「、」 themselves.
        separator = "／" if name == "activity_fields" else "、"
        return separator.join(str(labels.get(code, code)) for code in split_codes(value))
    if name in ("status", "legal_form"):
        field = Organization._meta.get_field(name)
        return str(dict(field.choices).get(value, value))
    if name == "change_request":
        return str(dict(ChangeRequest.Status.choices).get(value, value))
    if name == "kind":
        return str(dict(Kind.choices).get(value, value))
    if name == "fiscal_year" and isinstance(value, int):
        return fiscal_year_name(value)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return format_wareki(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def organization_change_rows(*, organization: Organization, limit: int = 100) -> list[ChangeRow]:
    """Audit rows about this group with each change as (label, old, new) for staff to read."""
    rows = []
    for entry in organization_changes(organization=organization)[:limit]:
        changes = []
        # In the models' field order (PostgreSQL's jsonb keeps no order of its keys).
        for name, change in sorted(entry.changes.items(), key=lambda item: _key_order(item[0])):
            label = _label(name)
            if isinstance(change, list) and len(change) == 2:
                old, new = (_readable(name, v) for v in change)
            else:
                old, new = "", _readable(name, change)
            changes.append(FieldChange(label=label, old=old, new=new))
        rows.append(ChangeRow(entry=entry, action=action_label(entry.action), fields=changes))
    return rows


def _key_order(name: str) -> tuple[int, int, str]:
    """A recorded key's place: the group's fields in their order, then those of its status
    history, then any other key by name."""
    for rank, model in enumerate((Organization, OrganizationStatusChange)):
        names = [field.name for field in model._meta.concrete_fields]
        if name in names:
            return rank, names.index(name), ""
    return 2, 0, name


def _label(name: str) -> str:
    """The words for a recorded key: a field of the group, or of its status history (効力発生日,
    年度, 備考), or a key the audit log names (理由 …)."""
    for model in (Organization, OrganizationStatusChange):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(field, "concrete", False):
            return str(field.verbose_name)
    if name == "change_request":
        return str(ChangeRequest._meta.verbose_name)
    return str(KEY_LABELS.get(name, name))


def change_request_rows(change_request: ChangeRequest) -> list[FieldChange]:
    """(label, before, proposed) of each field of a 変更届, in the profile's order, readable."""
    return [
        FieldChange(
            label=_label(name),
            old=_readable(name, change_request.previous.get(name)),
            new=_readable(name, change_request.proposed[name]),
        )
        for name in REVIEWED_FIELDS
        if name in change_request.proposed
    ]


def proposal_changes(
    *, organization: Organization, before: ChangeRequest | None, after: ChangeRequest | None
) -> list[Change]:
    """How the details a representative sees differ between two 変更届 (None: the approved
    values, nothing waiting), field by field, for 「他の人が先に変更しました」."""
    changes = []
    for name in REVIEWED_FIELDS:
        approved = getattr(organization, name)
        old = _readable(name, before.proposed.get(name, approved) if before else approved)
        new = _readable(name, after.proposed.get(name, approved) if after else approved)
        if old != new:
            empty = _("(empty)")
            changes.append(Change(label=_label(name), before=old or empty, after=new or empty))
    return changes


def pending_change_requests() -> QuerySet[ChangeRequest]:
    """変更届 waiting for review, oldest first (the order they are dealt with)."""
    return (
        ChangeRequest.objects.pending()
        .select_related("organization", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def change_requests_of(*, organization: Organization) -> QuerySet[ChangeRequest]:
    """Every 変更届 of a group, newest first, with who sent and who decided it."""
    return organization.change_requests.select_related("submitted_by", "decided_by")


def pending_change_request(*, organization: Organization) -> ChangeRequest | None:
    return organization.change_requests.pending().first()


def renewal_fiscal_year(today: date) -> int:
    """The fiscal year the 年度更新 page opens on: the coming one from February on (when the
    center collects the renewals for April), else the current one."""
    this_year = fiscal_year(today)
    return this_year + 1 if today.month in (2, 3) else this_year


def _last_of(kind: str, field: str) -> Subquery:
    return Subquery(
        OrganizationStatusChange.objects.filter(organization=OuterRef("pk"), kind=kind)
        .order_by("-effective_date", "-pk")
        .values(field)[:1]
    )


def not_renewed(*, fiscal_year: int, today: date) -> QuerySet[Organization]:
    """Groups registered at the end of their history (a change scheduled after today counted,
    as :func:`services.organization_change_status` judges what may follow) that registered
    before ``fiscal_year`` and have not been renewed for it, in reading order: the groups whose
    年度更新 for that year is still to be recorded.

    Each carries ``registered_on`` (first registration), ``last_renewed`` (the fiscal year of
    its latest renewal, None if never), ``last_change_on`` (the date a renewal may not precede)
    and ``scheduled_kind`` / ``scheduled_on`` (the next change after ``today``), in one query.
    """
    last_kind = Subquery(
        OrganizationStatusChange.objects.filter(organization=OuterRef("pk"))
        .order_by("-effective_date", "-pk")
        .values("kind")[:1]
    )
    renewed = OrganizationStatusChange.objects.filter(
        organization=OuterRef("pk"), kind=Kind.RENEWED, fiscal_year=fiscal_year
    )
    # Registered in that year or later: its first year needs no renewal.
    registered_since = OrganizationStatusChange.objects.filter(
        organization=OuterRef("pk"), kind=Kind.REGISTERED, fiscal_year__gte=fiscal_year
    )
    return (
        Organization.objects.filter(
            status__in=[Organization.Status.SCHEDULED, Organization.Status.REGISTERED]
        )
        .annotate(
            last_kind=last_kind,
            registered_on=_first_registration(),
            last_renewed=_last_of(Kind.RENEWED, "fiscal_year"),
            last_change_on=Subquery(
                OrganizationStatusChange.objects.filter(organization=OuterRef("pk"))
                .order_by("-effective_date", "-pk")
                .values("effective_date")[:1]
            ),
            scheduled_kind=_next_change(today, "kind"),
            scheduled_on=_next_change(today, "effective_date"),
        )
        .filter(last_kind__in=OrganizationStatusChange.ACTIVE_KINDS)
        .exclude(Exists(renewed))
        .exclude(Exists(registered_since))
        .order_by("reading_order", "pk")
    )


def export_organizations() -> QuerySet[Organization]:
    """Groups currently registered, with their first registration date, for the export."""
    return (
        Organization.objects.filter(status=Organization.Status.REGISTERED)
        .annotate(registered_on=_first_registration())
        .order_by("reading_order", "pk")
    )
