"""Every write about registered groups: applications, review, status history, profiles, import."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kyodo.core import ratelimit
from kyodo.core.audit import audit_log, diff_fields
from kyodo.core.mail import absolute_url, mail_enqueue
from kyodo.core.people import staff_inbox
from kyodo.core.roles import Role, grant_role, has_role, require_role
from kyodo.core.services import UNCHANGED, Unchanged, field_values, given, update_fields
from kyodo.core.signin import unguessable_username
from kyodo.core.text import match_key
from kyodo.core.versions import edit_version
from kyodo.core.wareki import fiscal_year, fiscal_year_name, fiscal_year_range, format_wareki
from kyodo.organizations.exceptions import (
    ApplicationAlreadyReceived,
    ChangeRequestDecided,
    DuplicateRenewal,
    GroupNotActive,
    ImportAlreadyDone,
    ImportNameTaken,
    InvalidResubmitLink,
    InvalidTransition,
    OrganizationError,
    PendingChangeMoved,
)
from kyodo.organizations.models import (
    REVIEWED_FIELDS,
    ChangeRequest,
    Organization,
    OrganizationStatusChange,
    join_codes,
    split_codes,
)
from kyodo.organizations.selectors import change_request_rows, proposal_changes
from kyodo.search import indexing

logger = logging.getLogger(__name__)

Status = Organization.Status
Kind = OrganizationStatusChange.Kind

# What an applicant fills in, and what a representative may change later.


@dataclass(frozen=True, kw_only=True)
class ApplicationFields:
    """What an application to register a group holds (a first application and a corrected one).
    Activity fields and published fields are lists of codes."""

    name: str
    name_reading: str
    legal_form: str
    representative_name: str
    representative_reading: str
    email: str
    phone: str = ""
    address: str = ""
    activity_fields: Sequence[str] = ()
    area: str = ""
    description: str = ""
    website: str = ""
    member_count: int | None = None
    founded_year: int | None = None
    published_fields: Sequence[str] = ()


@dataclass(frozen=True, kw_only=True)
class ProfileFields:
    """The profile fields a save changes; a field left UNCHANGED keeps its value."""

    representative_name: str | Unchanged = UNCHANGED
    representative_reading: str | Unchanged = UNCHANGED
    email: str | Unchanged = UNCHANGED
    phone: str | Unchanged = UNCHANGED
    address: str | Unchanged = UNCHANGED
    activity_fields: Sequence[str] | Unchanged = UNCHANGED
    area: str | Unchanged = UNCHANGED
    description: str | Unchanged = UNCHANGED
    website: str | Unchanged = UNCHANGED
    member_count: int | Unchanged | None = UNCHANGED
    founded_year: int | Unchanged | None = UNCHANGED
    published_fields: Sequence[str] | Unchanged = UNCHANGED


@dataclass(frozen=True, kw_only=True)
class DetailsFields(ProfileFields):
    """What staff correct of a registered group at once: the profile, and the name, its reading
    and the legal form, which the group itself cannot change."""

    name: str | Unchanged = UNCHANGED
    name_reading: str | Unchanged = UNCHANGED
    legal_form: str | Unchanged = UNCHANGED


APPLICATION_FIELDS = [f.name for f in dataclass_fields(ApplicationFields)]
PROFILE_FIELDS = [f.name for f in dataclass_fields(ProfileFields)]
# The name first, as the forms and the 変更履歴 show it.
DETAILS_FIELDS = ["name", "name_reading", "legal_form", *PROFILE_FIELDS]
# Set-valued fields arrive as lists from forms and are stored as delimited codes.
_SET_FIELDS = ("activity_fields", "published_fields")


def _assign(organization: Organization, data: dict[str, Any], allowed: list[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"unexpected fields: {sorted(unknown)}")
    for name, value in data.items():
        if name in _SET_FIELDS and not isinstance(value, str):
            current = getattr(organization, name)
            # The same codes in another order are no change (the 変更履歴 and audit log would
            # show one where nothing was touched).
            same = set(split_codes(current)) == {str(code) for code in value}
            value = current if same else join_codes(value)
        if value is None and name not in ("member_count", "founded_year"):
            value = ""
        setattr(organization, name, value)


def _store_bylaws(organization: Organization, bylaws: UploadedFile | None) -> None:
    if bylaws is not None:
        organization.bylaws_name = bylaws.name[:200]
        # save=False: the row is saved once by the caller, inside its transaction.
        organization.bylaws.save(bylaws.name, bylaws, save=False)


def _site_url(path: str) -> str:
    return settings.SITE_URL + path


def _mail(*, organization: Organization, name: str, **context: Any) -> None:
    """Mail ``organizations/mail/<name>.txt`` to the group's address, if it has one."""
    to = organization.email or getattr(organization.representative_user, "email", "")
    if to:
        mail_enqueue(
            to=to,
            template=f"organizations/mail/{name}.txt",
            context={"organization": organization, **context},
            kind=f"organizations.{name.replace('_', '.', 1)}",
            related=organization,
        )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _locked(organization: Organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=organization.pk)


# --- applications ------------------------------------------------------------------------------


# A constant key for PostgreSQL's advisory lock around the duplicate check and the insert.
_APPLICATION_LOCK_KEY = 0x6B796F646F0A  # "kyodo", then 0A for applications


def _lock_applications() -> None:
    # On SQLite every transaction starts with BEGIN IMMEDIATE (kyodo/env.py): writers queue, so
    # the check below sees the other confirmation's row. PostgreSQL takes an advisory lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPLICATION_LOCK_KEY])


def application_submit(
    *, actor=None, fields: ApplicationFields, bylaws: UploadedFile | None = None
) -> Organization:
    """A citizen applies to register a group; the applicant is mailed a confirmation.

    Raises ApplicationAlreadyReceived, writing nothing, when an application of the same group
    (the same name, compared as :func:`~kyodo.core.text.match_key` does) from the same address
    is still waiting for review: the same form sent twice would give staff two to review.
    """
    with transaction.atomic():
        _lock_applications()
        if Organization.objects.filter(
            status=Status.APPLIED,
            name_key=match_key(fields.name),
            email__iexact=fields.email.strip(),
        ).exists():
            raise ApplicationAlreadyReceived()
        organization = Organization(status=Status.APPLIED, submitted_at=timezone.now())
        _assign(organization, field_values(fields), APPLICATION_FIELDS)
        _store_bylaws(organization, bylaws)
        organization.save()
        audit_log(
            actor=actor,
            action="kyodo.organizations.application.submitted",
            obj=organization,
            changes={"name": [None, organization.name]},
        )
        indexing.index(organization)
        _mail(organization=organization, name="application_received")
    return organization


def application_return(*, actor, organization: Organization, reason: str) -> str:
    """Staff return an application for correction; the applicant is mailed a personal link.

    Returns the link's token (only its hash is stored).
    """
    require_role(actor, Role.STAFF)
    reason = reason.strip()
    if not reason:
        raise OrganizationError(_("Please give a reason."))
    with transaction.atomic():
        organization = _locked(organization)
        if organization.status != Status.APPLIED:
            raise InvalidTransition()
        token = secrets.token_urlsafe(32)
        organization.status = Status.RETURNED
        organization.return_reason = reason
        organization.resubmit_token_hash = _hash(token)
        organization.save(update_fields=["status", "return_reason", "resubmit_token_hash"])
        audit_log(
            actor=actor,
            action="kyodo.organizations.application.returned",
            obj=organization,
            changes={"status": [Status.APPLIED, Status.RETURNED], "reason": reason},
        )
        link = _site_url(
            reverse("organizations:resubmit", kwargs={"pk": organization.pk, "token": token})
        )
        _mail(organization=organization, name="application_returned", reason=reason, link=link)
    return token


def check_resubmit_token(*, organization: Organization, token: str) -> None:
    """Raise InvalidResubmitLink unless ``token`` is the application's current personal link."""
    if (
        organization.status != Status.RETURNED
        or not organization.resubmit_token_hash
        or not secrets.compare_digest(organization.resubmit_token_hash, _hash(token))
    ):
        raise InvalidResubmitLink()


def application_resubmit(
    *,
    actor=None,
    organization: Organization,
    token: str,
    fields: ApplicationFields,
    bylaws: UploadedFile | None = None,
) -> Organization:
    """The applicant sends the corrected application through the personal link (once)."""
    with transaction.atomic():
        organization = _locked(organization)
        check_resubmit_token(organization=organization, token=token)
        before = Organization.objects.get(pk=organization.pk)
        _assign(organization, field_values(fields), APPLICATION_FIELDS)
        _store_bylaws(organization, bylaws)
        organization.status = Status.APPLIED
        organization.resubmit_token_hash = ""
        organization.submitted_at = timezone.now()
        organization.save()
        changes = diff_fields(before, organization, [*APPLICATION_FIELDS, "bylaws_name"])
        changes["status"] = [Status.RETURNED, Status.APPLIED]
        audit_log(
            actor=actor,
            action="kyodo.organizations.application.resubmitted",
            obj=organization,
            changes=changes,
        )
        indexing.index(organization)
        _mail(organization=organization, name="application_resubmitted")
    return organization


def application_reject(*, actor, organization: Organization, reason: str) -> Organization:
    """Staff reject an application; the applicant is told why."""
    require_role(actor, Role.STAFF)
    reason = reason.strip()
    if not reason:
        raise OrganizationError(_("Please give a reason."))
    with transaction.atomic():
        organization = _locked(organization)
        if organization.status not in (Status.APPLIED, Status.RETURNED):
            raise InvalidTransition()
        previous = organization.status
        organization.status = Status.REJECTED
        organization.return_reason = reason
        organization.resubmit_token_hash = ""
        organization.save(update_fields=["status", "return_reason", "resubmit_token_hash"])
        audit_log(
            actor=actor,
            action="kyodo.organizations.application.rejected",
            obj=organization,
            changes={"status": [previous, Status.REJECTED], "reason": reason},
        )
        _mail(organization=organization, name="application_rejected", reason=reason)
    return organization


def _representative_account(organization: Organization):
    User = get_user_model()
    user = User(
        # Not derived from the group's number, which public URLs show (issue 18).
        username=unguessable_username(),
        email=organization.email,
        full_name=organization.representative_name,
        name_reading=organization.representative_reading,
    )
    # No password until the representative sets one through the mailed link.
    user.set_unusable_password()
    user.save()
    return user


def password_setup_link(user) -> str:
    """The one-time link with which a representative sets a password (Django's reset token)."""
    return _site_url(
        reverse(
            "organizations:set-password",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )


def application_approve(
    *, actor, organization: Organization, effective_date: date, note: str = ""
) -> Organization:
    """Staff register the group from ``effective_date``; its representative gets an account
    (role group) and is invited by mail to set a password.

    A 登録日 after today is scheduled, like any status change dated later: the group is
    ``SCHEDULED`` (not listed, counted or offered anywhere) until the day, when
    :func:`status_changes_apply` registers it, as the monthly report counts it.
    """
    require_role(actor, Role.STAFF)
    new_status = Status.REGISTERED if effective_date <= timezone.localdate() else Status.SCHEDULED
    with transaction.atomic():
        organization = _locked(organization)
        if organization.status != Status.APPLIED:
            raise InvalidTransition()
        organization.status = new_status
        organization.return_reason = ""
        user = organization.representative_user or _representative_account(organization)
        grant_role(user, Role.GROUP)
        organization.representative_user = user
        organization.save(update_fields=["status", "return_reason", "representative_user"])
        OrganizationStatusChange.objects.create(
            organization=organization,
            kind=Kind.REGISTERED,
            effective_date=effective_date,
            fiscal_year=fiscal_year(effective_date),
            note=note,
            actor=actor,
        )
        audit_log(
            actor=actor,
            action="kyodo.organizations.application.approved",
            obj=organization,
            changes={
                "status": [Status.APPLIED, new_status],
                "effective_date": effective_date.isoformat(),
                "representative_user": user.username,
            },
        )
        indexing.index(organization)
        _mail(
            organization=organization,
            name="application_approved",
            date=effective_date,
            username=user.username,
            link=password_setup_link(user),
        )
    return organization


# --- status history ----------------------------------------------------------------------------

# kind → statuses it may follow, and the status it leads to.
_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    Kind.RENEWED: ((Status.REGISTERED,), Status.REGISTERED),
    Kind.SUSPENDED: ((Status.REGISTERED,), Status.SUSPENDED),
    Kind.REINSTATED: ((Status.SUSPENDED,), Status.REGISTERED),
    Kind.WITHDRAWN: ((Status.REGISTERED, Status.SUSPENDED), Status.WITHDRAWN),
}
STATUS_AFTER = OrganizationStatusChange.STATUS_AFTER


def _apply_due(organization: Organization, *, today: date) -> bool:
    """Put a change scheduled for ``today`` or earlier into force on the (locked) group: status,
    audit row (no actor: the date did it), search index. True when the status changed."""
    in_force = (
        organization.status_changes.filter(effective_date__lte=today)
        .order_by("-effective_date", "-pk")
        .first()
    )
    if in_force is None or STATUS_AFTER[in_force.kind] == organization.status:
        return False
    previous = organization.status
    organization.status = STATUS_AFTER[in_force.kind]
    organization.save(update_fields=["status"])
    audit_log(
        actor=None,
        action=f"kyodo.organizations.organization.{in_force.kind}",
        obj=organization,
        changes={
            "status": [previous, organization.status],
            "effective_date": in_force.effective_date.isoformat(),
        },
    )
    indexing.index(organization)
    return True


def organization_change_status(
    *,
    actor,
    organization: Organization,
    kind: str,
    effective_date: date,
    note: str = "",
) -> OrganizationStatusChange:
    """Record a renewal (年度更新), suspension, reinstatement or withdrawal from a date.

    History is append-only and in date order: a change may not take effect before the last
    one. A change dated today or earlier sets the group's status at once; one dated later
    (a 登録抹消 at 年度末) is scheduled: the group keeps its status, and what the directory,
    the API and its rights follow, until the date, when :func:`status_changes_apply` (a daily
    job) puts it into force, exactly as the monthly report's counts read the history. Whether
    the change may follow is judged from the status at the end of the history, scheduled
    changes included.
    """
    require_role(actor, Role.STAFF)
    if kind not in _TRANSITIONS:
        raise InvalidTransition()
    allowed_from, new_status = _TRANSITIONS[kind]
    today = timezone.localdate()
    with transaction.atomic():
        organization = _locked(organization)
        _apply_due(organization, today=today)
        last = organization.status_changes.order_by("-effective_date", "-pk").first()
        scheduled = last is not None and last.effective_date > today
        status_then = STATUS_AFTER[last.kind] if scheduled else organization.status
        if status_then not in allowed_from:
            raise InvalidTransition()
        if last is not None and effective_date < last.effective_date:
            raise OrganizationError(
                _("The date must not be before the last change (%(date)s).")
                % {"date": format_wareki(last.effective_date)}
            )
        fy = fiscal_year(effective_date)
        if (
            kind == Kind.RENEWED
            and organization.status_changes.filter(kind=Kind.RENEWED, fiscal_year=fy).exists()
        ):
            raise DuplicateRenewal()
        change = OrganizationStatusChange.objects.create(
            organization=organization,
            kind=kind,
            effective_date=effective_date,
            fiscal_year=fy,
            note=note,
            actor=actor,
        )
        changes: dict[str, Any] = {
            "effective_date": effective_date.isoformat(),
            "fiscal_year": fiscal_year_name(fy),
            "note": note,
        }
        if effective_date <= today:
            previous = organization.status
            organization.status = new_status
            organization.save(update_fields=["status"])
            changes = {"status": [previous, new_status], **changes}
        audit_log(
            actor=actor,
            action=f"kyodo.organizations.organization.{kind}",
            obj=organization,
            changes=changes,
        )
        indexing.index(organization)
    return change


def organizations_renew(
    *,
    actor,
    organizations: Sequence[Organization],
    fiscal_year: int,
    effective_date: date,
    note: str = "",
) -> list[OrganizationStatusChange]:
    """Record the 年度更新 of many groups for ``fiscal_year`` at once, all or nothing.

    Each group is renewed exactly as :func:`organization_change_status` renews one (the same
    checks, the same status history row, one audit row per group), in one transaction: when
    one group cannot be renewed, nothing is recorded and the error names the group.
    """
    require_role(actor, Role.STAFF)
    start, end = fiscal_year_range(fiscal_year)
    if not start <= effective_date <= end:
        raise OrganizationError(
            _("The effective date must be in %(year)s (%(start)s to %(end)s).")
            % {
                "year": fiscal_year_name(fiscal_year),
                "start": format_wareki(start, weekday=False),
                "end": format_wareki(end, weekday=False),
            },
            field="effective_date",
        )
    if not organizations:
        raise OrganizationError(_("Tick the groups to renew."), field="organizations")
    changes = []
    with transaction.atomic():
        for organization in sorted(organizations, key=lambda o: (o.reading_order, o.pk)):
            try:
                changes.append(
                    organization_change_status(
                        actor=actor,
                        organization=organization,
                        kind=Kind.RENEWED,
                        effective_date=effective_date,
                        note=note,
                    )
                )
            except OrganizationError as error:
                raise OrganizationError(
                    _("%(group)s: %(error)s. Nothing was recorded.")
                    % {"group": organization.name, "error": str(error.message).rstrip("。.")}
                ) from error
    return changes


def status_change_cancel(*, actor, change: OrganizationStatusChange) -> Organization:
    """Staff take back a change that has not taken effect yet (a 登録抹消 scheduled for 年度末
    when the group decides to carry on). A change in force is history and stays."""
    require_role(actor, Role.STAFF)
    today = timezone.localdate()
    with transaction.atomic():
        organization = _locked(change.organization)
        _apply_due(organization, today=today)
        change = OrganizationStatusChange.objects.filter(
            pk=change.pk, organization=organization
        ).first()
        if change is None or change.effective_date <= today:
            raise OrganizationError(
                _("Only a change that has not taken effect yet can be cancelled.")
            )
        last = organization.status_changes.order_by("-effective_date", "-pk").first()
        if last.pk != change.pk:
            raise OrganizationError(_("Cancel the later scheduled change first."))
        change.delete()
        changes: dict[str, Any] = {
            "kind": change.kind,
            "effective_date": change.effective_date.isoformat(),
        }
        if change.kind == Kind.REGISTERED and organization.status == Status.SCHEDULED:
            # The registration never began: the group is an application again, for staff to
            # approve from another date, return or reject.
            organization.status = Status.APPLIED
            organization.save(update_fields=["status"])
            changes = {"status": [Status.SCHEDULED, Status.APPLIED], **changes}
        audit_log(
            actor=actor,
            action="kyodo.organizations.organization.schedule_cancelled",
            obj=organization,
            changes=changes,
        )
        indexing.index(organization)
    return organization


def status_changes_apply(*, today: date | None = None) -> int:
    """Daily (``kyodo periodic``): put into force the status changes whose date has come, so
    that each group's status, and the lists, the directory and the API that read it, agree with
    its history (what the monthly report counts). Safe to run twice; returns how many groups
    changed."""
    from kyodo.organizations.selectors import status_out_of_date

    today = today or timezone.localdate()
    count = 0
    for pk in list(status_out_of_date(on=today).values_list("pk", flat=True)):
        with transaction.atomic():
            organization = Organization.objects.select_for_update().get(pk=pk)
            count += _apply_due(organization, today=today)
    return count


# --- profile and change notifications (変更届) ---------------------------------------------------

# What the representative changes at once; everything else waits for review (REVIEWED_FIELDS).
DIRECT_FIELDS = ["published_fields"]


def require_active(organization: Organization) -> None:
    """Raise GroupNotActive unless the group is registered (not suspended or withdrawn)."""
    if not organization.can_act:
        raise GroupNotActive()


def _represents(actor, organization: Organization) -> bool:
    """The group's representative, or one of the contacts staff gave it, signed in as a group."""
    from kyodo.organizations.contacts import speaks_for

    return has_role(actor, Role.GROUP) and speaks_for(actor, organization)


# Groups of the register, whose details staff correct directly. An application is the
# applicant's to correct, through the personal link a return mails them.
STAFF_EDITABLE = (Status.SCHEDULED, Status.REGISTERED, Status.SUSPENDED, Status.WITHDRAWN)


def organization_update_profile(
    *,
    actor,
    organization: Organization,
    fields: ProfileFields,
    bylaws: UploadedFile | None = None,
) -> dict[str, list]:
    """Staff correct a registered group's details directly, without review; returns what
    changed. ``fields`` may be :class:`DetailsFields` (the name, its reading, the legal form).

    The new values are what the directory, the group's page, the API and search show from the
    commit on (the group is indexed again). Every change is one audit row with old and new
    values, which staff see in the group's 変更履歴. A group's own changes go through
    :func:`change_request_submit` instead; an application cannot be edited here
    (InvalidTransition).
    """
    require_role(actor, Role.STAFF)
    data = given(**field_values(fields))
    if "name" in data and not data["name"].strip():
        raise OrganizationError(_("Enter the group's name."), field="name")
    if "name_reading" in data and not data["name_reading"].strip():
        raise OrganizationError(_("Enter the reading of the name."), field="name_reading")
    if "legal_form" in data and data["legal_form"] not in Organization.LegalForm.values:
        raise OrganizationError(_("Choose a legal form from the list."), field="legal_form")

    def assign(organization: Organization, _before: Organization) -> None:
        if organization.status not in STAFF_EDITABLE:
            raise InvalidTransition()
        _assign(organization, data, DETAILS_FIELDS)
        _store_bylaws(organization, bylaws)

    with transaction.atomic():
        organization, changes = update_fields(
            actor=actor,
            instance=organization,
            values={},
            fields=[*DETAILS_FIELDS, "bylaws_name"],
            action="kyodo.organizations.organization.profile_updated",
            before_save=assign,
        )
        if changes:
            indexing.index(organization)
    return changes


@dataclass(frozen=True)
class ProfileSubmission:
    """What a representative's save did: fields changed at once, and the 変更届 now waiting
    (None when no reviewed field differs from the approved values)."""

    applied: dict[str, list]
    change_request: ChangeRequest | None


def pending_token(change_request: ChangeRequest | None) -> str:
    """What a profile form carries of the 変更届 waiting when it was shown ("0": none)."""
    return str(change_request.pk) if change_request is not None else "0"


@dataclass(frozen=True)
class PendingShown:
    """The 変更届 a profile form was shown with: its id, or None when none was waiting."""

    pk: int | None


def change_request_submit(
    *,
    actor,
    organization: Organization,
    fields: ProfileFields,
    bylaws: UploadedFile | None = None,
    shown_pending: PendingShown | None = None,
) -> ProfileSubmission:
    """The representative saves the group's profile.

    The choice of published fields and the bylaws change at once; new values of the
    registered details (代表者, 所在地, contact, activities …) become a 変更届 that waits for staff
    review, while the directory, the API and search keep showing the approved values. A new
    save replaces the 変更届 still waiting; saving the approved values again withdraws it. Staff
    are told by mail. A suspended or withdrawn group can change nothing.

    ``shown_pending`` (from the form) is the 変更届 that was waiting when the form was shown: if
    another is waiting now (the group saved in another window meanwhile, or staff decided it),
    nothing changes and PendingChangeMoved says how, instead of silently replacing it.
    """
    if not _represents(actor, organization):
        raise PermissionDenied(_("You do not represent this group."))
    data = given(**field_values(fields))
    with transaction.atomic():
        organization = _locked(organization)
        require_active(organization)
        waiting = (
            organization.change_requests.select_for_update()
            .filter(status=ChangeRequest.Status.PENDING)
            .first()
        )
        if shown_pending is not None and shown_pending.pk != (waiting.pk if waiting else None):
            shown = ChangeRequest.objects.filter(
                organization=organization, pk=shown_pending.pk
            ).first()
            raise PendingChangeMoved(
                changes=proposal_changes(organization=organization, before=shown, after=waiting),
                current=edit_version(organization),
                pending=pending_token(waiting),
            )
        before = Organization.objects.get(pk=organization.pk)
        proposal = Organization(pk=organization.pk)
        for name in REVIEWED_FIELDS:
            setattr(proposal, name, getattr(organization, name))
        _assign(proposal, {k: v for k, v in data.items() if k in REVIEWED_FIELDS}, PROFILE_FIELDS)
        _assign(organization, {k: v for k, v in data.items() if k in DIRECT_FIELDS}, PROFILE_FIELDS)
        _store_bylaws(organization, bylaws)
        applied = diff_fields(before, organization, [*DIRECT_FIELDS, "bylaws_name"])
        proposed = diff_fields(organization, proposal, REVIEWED_FIELDS)
        if applied:
            organization.save()
        values = {name: change[1] for name, change in proposed.items()}
        request, replaced = None, None
        if waiting is not None and values == waiting.proposed:
            request = waiting  # the same proposal again: it is already waiting
        else:
            # Replaced by the new proposal, or taken back by saving the approved values again.
            replaced = waiting
            if replaced is not None:
                replaced.status = ChangeRequest.Status.WITHDRAWN
                replaced.decided_at = timezone.now()
                replaced.save(update_fields=["status", "decided_at"])
            if values:
                request = ChangeRequest.objects.create(
                    organization=organization,
                    proposed=values,
                    previous={name: change[0] for name, change in proposed.items()},
                    submitted_by=actor,
                    submitted_at=timezone.now(),
                )
        created = request is not None and request is not waiting
        if not applied and not created and replaced is None:
            return ProfileSubmission(applied={}, change_request=request)
        changes = {**applied, **(proposed if created else {})}
        if replaced is not None and not created:
            changes["change_request"] = ChangeRequest.Status.WITHDRAWN.value
        audit_log(
            actor=actor,
            action=(
                "kyodo.organizations.change_request.submitted"
                if created
                else "kyodo.organizations.organization.profile_updated"
            ),
            obj=organization,
            changes=changes,
        )
        if created:
            link = absolute_url("organizations-staff:change", args=[request.pk])
            rows = change_request_rows(request)
            for address in staff_inbox():
                mail_enqueue(
                    to=address,
                    template="organizations/mail/change_received.txt",
                    context={"organization": organization, "link": link, "changes": rows},
                    kind="organizations.change.received",
                    related=request,
                )
    return ProfileSubmission(applied=applied, change_request=request)


def _pending(change_request: ChangeRequest) -> tuple[ChangeRequest, Organization]:
    organization = _locked(change_request.organization)
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if not change_request.is_pending:
        raise ChangeRequestDecided()
    return change_request, organization


def change_request_approve(*, actor, change_request: ChangeRequest) -> ChangeRequest:
    """Staff approve a 変更届: its values become the group's registered details (the audit row
    and the 変更届 itself keep the values before), and the group is told by mail."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        change_request, organization = _pending(change_request)
        before = Organization.objects.get(pk=organization.pk)
        for name, value in change_request.proposed.items():
            if name in REVIEWED_FIELDS:
                setattr(organization, name, value)
        organization.save()
        change_request.status = ChangeRequest.Status.APPROVED
        change_request.decided_by = actor
        change_request.decided_at = timezone.now()
        change_request.save(update_fields=["status", "decided_by", "decided_at"])
        audit_log(
            actor=actor,
            action="kyodo.organizations.change_request.approved",
            obj=organization,
            changes=diff_fields(before, organization, REVIEWED_FIELDS),
        )
        _mail(
            organization=organization,
            name="change_approved",
            changes=change_request_rows(change_request),
        )
    return change_request


def change_request_return(*, actor, change_request: ChangeRequest, reason: str) -> ChangeRequest:
    """Staff return a 変更届 with a reason; nothing changes and the group is told by mail."""
    require_role(actor, Role.STAFF)
    reason = reason.strip()
    if not reason:
        raise OrganizationError(_("Please give a reason."), field="reason")
    with transaction.atomic():
        change_request, organization = _pending(change_request)
        change_request.status = ChangeRequest.Status.RETURNED
        change_request.return_reason = reason
        change_request.decided_by = actor
        change_request.decided_at = timezone.now()
        change_request.save(update_fields=["status", "return_reason", "decided_by", "decided_at"])
        audit_log(
            actor=actor,
            action="kyodo.organizations.change_request.returned",
            obj=organization,
            changes={"reason": reason},
        )
        _mail(
            organization=organization,
            name="change_returned",
            reason=reason,
            link=absolute_url("organizations-group:profile"),
        )
    return change_request


# --- import ------------------------------------------------------------------------------------


# How long a confirmed import preview stays taken: longer than any session keeps the preview.
_IMPORT_TAKEN_SECONDS = 7 * 24 * 3600


# secrets.token_urlsafe(16), as the preview page makes it (views/staff.py).
_PREVIEW_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _import_key(preview_token: str) -> str:
    return f"organizations-import:{preview_token}"


def import_done(*, preview_token: str) -> bool:
    """Whether the import preview ``preview_token`` has been imported already."""
    if not _PREVIEW_TOKEN.fullmatch(preview_token or ""):
        return False  # not a token the preview page writes: never looked up
    try:
        return ratelimit.cache().get(_import_key(preview_token)) is not None
    except Exception:
        logger.exception("organizations import: the preview's claim could not be read")
        return False


def _claim(key: str) -> bool:
    """Take ``key`` once; False if it was taken already."""
    try:
        return ratelimit.cache().add(key, 1, timeout=_IMPORT_TAKEN_SECONDS)
    except Exception:
        # Redis cannot be reached: import anyway. The name check below, under the lock, still
        # keeps a second confirmation from registering the same groups again.
        logger.exception("organizations import: the preview could not be claimed")
        return True


def organizations_import(
    *, actor, rows: list[dict[str, Any]], preview_token: str | None = None
) -> list[Organization]:
    """Create registered groups from the center's existing list, all or nothing.

    Each row holds the application fields plus ``registered_on`` (a date), already validated by
    :mod:`kyodo.organizations.spreadsheets`. ``preview_token`` names the preview being
    confirmed: it is taken once, in the same transaction as the rows (in the shared
    ``ratelimit`` cache, whose ``add`` is a unique insert), so that the same preview confirmed
    twice at once (a double click, two tabs) creates its groups once and the second gets
    ImportAlreadyDone. Raises ImportNameTaken, creating nothing, if a group of the same name was
    registered after the preview.
    """
    require_role(actor, Role.STAFF)
    claim = _import_key(preview_token) if preview_token else None
    created = []
    try:
        with transaction.atomic():
            if claim is not None and not _claim(claim):
                claim = None  # the other confirmation's, not ours to give back
                raise ImportAlreadyDone()
            # The same lock as applications: no other new group between the check and the rows.
            _lock_applications()
            keys = [match_key(row["name"]) for row in rows]
            if (
                Organization.objects.exclude(status=Status.REJECTED)
                .filter(name_key__in=keys)
                .exists()
            ):
                raise ImportNameTaken()
            for row in rows:
                row = dict(row)
                registered_on = row.pop("registered_on")
                organization = Organization(status=Status.REGISTERED)
                _assign(organization, row, APPLICATION_FIELDS)
                organization.save()
                OrganizationStatusChange.objects.create(
                    organization=organization,
                    kind=Kind.REGISTERED,
                    effective_date=registered_on,
                    fiscal_year=fiscal_year(registered_on),
                    note=_("Imported"),
                    actor=actor,
                )
                created.append(organization)
            audit_log(
                actor=actor,
                action="kyodo.organizations.organization.imported",
                changes={"count": len(created), "names": [o.name for o in created]},
            )
            indexing.index(*created)
    except BaseException:
        if claim is not None:
            # Nothing was imported: the preview may be confirmed again. (In the database cache
            # the claim was rolled back with the rows; Redis keeps it until deleted.)
            try:
                ratelimit.cache().delete(claim)
            except Exception:
                logger.exception("organizations import: the preview could not be given back")
        raise
    return created
