"""Committee people, managed by staff: members and their seats (role, terms), the renewal of all
terms for the next fiscal year in one step, the secretariat, and invitations to the member pages.

Each service checks the staff role, runs in one transaction and writes one audit row; the
invitation mail leaves through the outbox in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.db.models import (
    DateField,
    Exists,
    ExpressionWrapper,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kyodo.committees.exceptions import CommitteeError
from kyodo.committees.models import (
    Appointment,
    Attendance,
    CirculationRecipient,
    Committee,
    Member,
    Membership,
    MinutesEntry,
    SecretariatMember,
)
from kyodo.committees.services.common import index_meeting
from kyodo.core import people
from kyodo.core.audit import audit_log
from kyodo.core.models import OutboxMessage, SignInLetter
from kyodo.core.roles import Role, grant_role, require_role
from kyodo.core.services import update_fields
from kyodo.core.signin import unguessable_username
from kyodo.core.text import is_reading, normalize_reading, normalize_text, search_key
from kyodo.core.wareki import fiscal_year, fiscal_year_range, format_wareki

MEMBER_FIELDS = ["name", "name_reading", "sector", "affiliation", "email"]
SEAT_FIELDS = ["role", "term_start", "term_end"]
SECRETARIAT_FIELDS = ["name", "name_reading", "title", "order"]


class TermOrder(CommitteeError):
    default_message = _("The term cannot end before it starts.")
    field = "term_end"


class NothingToRenew(CommitteeError):
    default_message = _("No seat ends on that day: there is nothing to renew.")


class AlreadyInvited(CommitteeError):
    default_message = _("This member already has an account; send the invitation again from it.")


class RoleTaken(CommitteeError):
    """A second chair (or vice chair) for a term that overlaps the holder's."""

    field = "role"


class MemberInUse(CommitteeError):
    """A member the committee's records refer to: end the term instead of deleting."""


class SeatsOverlap(CommitteeError):
    """A second seat of one member on one committee for days the first already covers."""

    field = "term_start"


class NotEnding(CommitteeError):
    default_message = _(
        "This term does not end within the coming months, or the member continues in another "
        "seat: there is no leaving to confirm."
    )


class ReadingNotKana(CommitteeError):
    default_message = _("Enter the reading in hiragana or katakana.")
    field = "name_reading"


# A committee has one chair (委員長) and one vice chair (副委員長) at a time: the committee has
# no setting for more.
ONE_AT_A_TIME = (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR)


def _check_term(term_start: date, term_end: date | None) -> None:
    if term_end is not None and term_end < term_start:
        raise TermOrder()


def _reading(value: str, *, required: bool = True) -> str:
    """A reading as stored (``normalize_reading``: katakana and half-width folded to hiragana),
    refused unless it is kana: romaji (Yamada) or kanji give no gojūon order."""
    reading = normalize_reading(value)
    if (reading or required) and not is_reading(reading):
        raise ReadingNotKana()
    return reading


def _check_role_free(
    *,
    committee: Committee,
    role: str,
    term_start: date,
    term_end: date | None,
    exclude: list[int] | None = None,
) -> None:
    """Refuse a chair or vice chair whose term overlaps another holder's on the committee (the
    committee's row is locked, so two staff cannot seat two chairs at once)."""
    if role not in ONE_AT_A_TIME:
        return
    Committee.objects.select_for_update().get(pk=committee.pk)
    others = Membership.objects.filter(committee=committee, role=role).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=term_start)
    )
    if term_end is not None:
        others = others.filter(term_start__lte=term_end)
    clash = (
        others.exclude(pk__in=exclude or [])
        .select_related("member")
        .order_by("term_start", "pk")
        .first()
    )
    if clash is None:
        return
    values = {
        "role": Membership.Role(role).label,
        "name": clash.member.name,
        "start": format_wareki(clash.term_start, weekday=False),
    }
    if clash.term_end is None:
        message = _(
            "The committee has one %(role)s at a time: %(name)s is %(role)s from %(start)s, "
            "with no end date. End that term first, or choose another role."
        )
    else:
        message = _(
            "The committee has one %(role)s at a time: %(name)s is %(role)s from %(start)s to "
            "%(end)s. End that term first, or choose another role."
        )
        values["end"] = format_wareki(clash.term_end, weekday=False)
    raise RoleTaken(message % values)


def _overlapping_seat(
    *,
    member: Member,
    committee: Committee,
    term_start: date,
    term_end: date | None,
    exclude: list[int] | None = None,
) -> Membership | None:
    """The member's other seat on ``committee`` covering some day of ``term_start``–``term_end``
    (the member's row is locked, so two staff cannot add two such seats at once)."""
    Member.objects.select_for_update().filter(pk=member.pk).first()
    others = Membership.objects.filter(committee=committee, member=member).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=term_start)
    )
    if term_end is not None:
        others = others.filter(term_start__lte=term_end)
    return others.exclude(pk__in=exclude or []).order_by("term_start", "pk").first()


def _seat_values(seat: Membership) -> dict[str, str]:
    values = {
        "name": seat.member.name,
        "role": seat.get_role_display(),
        "start": format_wareki(seat.term_start, weekday=False),
    }
    if seat.term_end is not None:
        values["end"] = format_wareki(seat.term_end, weekday=False)
    return values


def _check_no_overlap(
    *,
    member: Member,
    committee: Committee,
    term_start: date,
    term_end: date | None,
    exclude: list[int] | None = None,
) -> None:
    """Refuse a seat that overlaps another seat of the same member on the same committee: one
    person holds one seat (one role) on a committee on any day."""
    clash = _overlapping_seat(
        member=member,
        committee=committee,
        term_start=term_start,
        term_end=term_end,
        exclude=exclude,
    )
    if clash is None:
        return
    if clash.term_end is None:
        message = _(
            "%(name)s already holds a seat on this committee as %(role)s from %(start)s, with no "
            "end date. A member holds one seat at a time: to change the role, end that seat the "
            "day before the new one starts."
        )
    else:
        message = _(
            "%(name)s already holds a seat on this committee as %(role)s from %(start)s to "
            "%(end)s. A member holds one seat at a time: to change the role, end that seat the "
            "day before the new one starts."
        )
    raise SeatsOverlap(message % _seat_values(clash))


def member_create(
    *,
    actor,
    committee: Committee,
    name: str,
    name_reading: str,
    sector: str,
    affiliation: str = "",
    email: str = "",
    role: str = Membership.Role.MEMBER,
    term_start: date,
    term_end: date | None,
    invite: bool = False,
) -> Member:
    """Staff add a member with a seat on ``committee``; with ``invite`` an account is made and
    the member is invited by mail to set a password (the member pages)."""
    require_role(actor, Role.STAFF)
    _check_term(term_start, term_end)
    name_reading = _reading(name_reading)
    with transaction.atomic():
        _check_role_free(committee=committee, role=role, term_start=term_start, term_end=term_end)
        member = Member.objects.create(
            name=name,
            name_reading=name_reading,
            sector=sector,
            affiliation=affiliation,
            email=normalize_text(email).strip(),
        )
        Membership.objects.create(
            committee=committee, member=member, role=role, term_start=term_start, term_end=term_end
        )
        changes: dict[str, Any] = {
            "committee": committee.name,
            "role": role,
            "term": [term_start, term_end],
        }
        if invite:
            # A term that starts later: the account now, the mail on the day it begins.
            later = term_start > timezone.localdate()
            user = _invite(member, committee, send=not later)
            changes["username"] = user.username
            if later and _waits_for_mail(user):
                member.invite_on = term_start
                member.save(update_fields=["invite_on"])
                changes["invite_on"] = term_start
        audit_log(
            actor=actor, action="kyodo.committees.member.created", obj=member, changes=changes
        )
    return member


def _waits_for_mail(user) -> bool:
    """An account whose person is invited by mail and has not set a password yet."""
    return bool(user.email) and user.is_active and not user.has_usable_password()


def _invite(member: Member, committee: Committee | None = None, *, send: bool = True):
    """Give the member an account with the member role and invite them. A person who already
    signs in with this address (a group's representative, say) keeps that one account: it gains
    the role, and needs no invitation once its password is set. A member without an address
    gets an account with a user name that says nothing of them, and staff print them a letter
    (kyodo.core.people.letter_issue) from the account's page. Without ``send`` the account is
    made and the mail left for later (:func:`invitations_due_send`)."""
    existing = (
        people.User.objects.filter(email__iexact=member.email, is_active=True)
        .exclude(committee_member__isnull=False)
        .first()
        if member.email
        else None
    )
    if existing is not None:
        grant_role(existing, Role.MEMBER)
        user = existing
    else:
        user = people.account_create(
            username=people.username_for(member.email)
            if member.email
            else unguessable_username("member"),
            full_name=member.name,
            name_reading=member.name_reading,
            email=member.email,
            roles=[Role.MEMBER],
        )
    member.user = user
    member.save(update_fields=["user"])
    if send and _waits_for_mail(user):
        _invitation_mail(member, user, committee)
    return user


def _invitation_mail(member: Member, user, committee: Committee | None = None) -> None:
    """Queue the member's invitation: what they are invited as and their term (the seat held
    today, else the next one, else the last)."""
    seats = list(
        Membership.objects.filter(member=member)
        .select_related("committee")
        .order_by("term_start", "pk")
    )
    if committee is not None:
        seats = [s for s in seats if s.committee_id == committee.pk] or seats
    today = timezone.localdate()
    seat = (
        next((s for s in reversed(seats) if seat_is_running(s, today)), None)
        or next((s for s in seats if s.term_start > today), None)
        or (seats[-1] if seats else None)
    )
    committee = seat.committee if seat is not None else committee
    what = (
        _("Member of %(committee)s") % {"committee": committee.name}
        if committee
        else _("Committee member")
    )
    people.invitation_enqueue(
        user, what=str(what), related=member, term=term_text(seat) if seat else ""
    )


def term_text(seat: Membership) -> str:
    """「任期は令和9年4月1日(木)から令和11年3月31日(日)までです。」: the term, in the
    invitation mail."""
    values = {"start": format_wareki(seat.term_start)}
    if seat.term_end is None:
        return str(_("Your term begins on %(start)s.") % values)
    values["end"] = format_wareki(seat.term_end)
    return str(_("Your term runs from %(start)s to %(end)s.") % values)


def member_invite(*, actor, member: Member):
    """Staff give a member without an account one, and invite them by mail; a member invited
    before who has not set a password yet (the link expired, or the mail waits for the term to
    begin) is sent the invitation again, now, with a new link."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        member = (
            Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
        )
        if member.user_id is not None:
            user = member.user
            if user.has_usable_password():
                raise people.AlreadyActive()
            if not user.is_active:
                raise people.PeopleError(_("This account is deactivated: reactivate it first."))
            if not user.email:
                raise AlreadyInvited()
            _invitation_mail(member, user)
        else:
            user = _invite(member)
        changes = {"username": user.username, "email": user.email}
        if member.invite_on is not None:
            changes["invite_on"] = [member.invite_on, None]
            member.invite_on = None
            member.save(update_fields=["invite_on"])
        audit_log(
            actor=actor, action="kyodo.committees.member.invited", obj=member, changes=changes
        )
    return user


def invitations_due_send(today: date | None = None) -> str:
    """The daily job: mail the invitations that waited for their members' terms to begin.
    Idempotent: each member's date is cleared as their mail is queued (or found unneeded, when
    they set a password meanwhile)."""
    today = today or timezone.localdate()
    sent = 0
    for pk in Member.objects.filter(invite_on__lte=today).values_list("pk", flat=True):
        with transaction.atomic():
            member = (
                Member.objects.select_for_update(of=("self",))
                .select_related("user")
                .filter(pk=pk, invite_on__lte=today)
                .first()
            )
            if member is None:
                continue
            due = member.invite_on
            member.invite_on = None
            member.save(update_fields=["invite_on"])
            if member.user is None or not _waits_for_mail(member.user):
                continue
            _invitation_mail(member, member.user)
            audit_log(
                actor=None,
                action="kyodo.committees.member.invited",
                obj=member,
                changes={
                    "username": member.user.username,
                    "email": member.user.email,
                    "invite_on": due,
                },
            )
            sent += 1
    return f"{sent} invitation(s) mailed" if sent else ""


def member_update(
    *,
    actor,
    member: Member,
    name: str,
    name_reading: str,
    sector: str,
    affiliation: str = "",
    email: str = "",
) -> Member:
    """Staff correct a member's details; the account (if any) follows name and address."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        member, changes = update_fields(
            actor=actor,
            instance=member,
            values={
                "name": name,
                "name_reading": _reading(name_reading),
                "sector": sector,
                "affiliation": affiliation,
                "email": normalize_text(email).strip(),
            },
            fields=MEMBER_FIELDS,
            action="kyodo.committees.member.updated",
        )
        if not changes:
            return member
        if member.user_id is not None:
            user = member.user
            user.full_name, user.name_reading = member.name, member.name_reading
            if member.email:
                user.email = member.email
            user.save(update_fields=["full_name", "name_reading", "email"])
        if "name" in changes:
            # Drafts label statements by the member's name where the committee publishes names;
            # confirmed minutes keep the name they were frozen with.
            for meeting_id in set(
                MinutesEntry.objects.filter(
                    member=member, item__meeting__minutes__current_version=None
                ).values_list("item__meeting", flat=True)
            ):
                index_meeting(meeting_id)
    return member


def seat_add(
    *,
    actor,
    member: Member,
    committee: Committee,
    role: str,
    term_start: date,
    term_end: date | None,
) -> Membership:
    """Staff give a member a (new) seat, e.g. after a break or on another committee."""
    require_role(actor, Role.STAFF)
    _check_term(term_start, term_end)
    with transaction.atomic():
        _check_role_free(committee=committee, role=role, term_start=term_start, term_end=term_end)
        _check_no_overlap(
            member=member, committee=committee, term_start=term_start, term_end=term_end
        )
        seat = Membership.objects.create(
            committee=committee, member=member, role=role, term_start=term_start, term_end=term_end
        )
        if member.user_id is not None:
            grant_role(member.user, Role.MEMBER)
        audit_log(
            actor=actor,
            action="kyodo.committees.membership.added",
            obj=seat,
            changes={"committee": committee.name, "role": role, "term": [term_start, term_end]},
        )
    return seat


def seat_update(
    *, actor, seat: Membership, role: str, term_start: date, term_end: date | None
) -> Membership:
    """Staff change a seat's role on the committee (chair, vice chair, member) or its term."""
    require_role(actor, Role.STAFF)
    _check_term(term_start, term_end)

    def check(seat: Membership, before: Membership) -> None:
        _check_role_free(
            committee=seat.committee,
            role=seat.role,
            term_start=seat.term_start,
            term_end=seat.term_end,
            exclude=[seat.pk],
        )
        _check_no_overlap(
            member=seat.member,
            committee=seat.committee,
            term_start=seat.term_start,
            term_end=seat.term_end,
            exclude=[seat.pk],
        )
        # A leaving confirmed for one end date says nothing of another.
        if seat.term_end != before.term_end:
            seat.leaving_confirmed_at = seat.leaving_confirmed_by = None

    with transaction.atomic():
        seat, _changes = update_fields(
            actor=actor,
            instance=seat,
            values={"role": role, "term_start": term_start, "term_end": term_end},
            fields=[*SEAT_FIELDS, "leaving_confirmed_at"],
            action="kyodo.committees.membership.updated",
            before_save=check,
            audit_context={"committee": seat.committee.name},
        )
        _reschedule_invitation(seat.member)
    return seat


def _reschedule_invitation(member: Member) -> None:
    """A waiting invitation follows the member's seats: it leaves when the first term not yet
    ended begins (at once, through the daily job, when one has begun)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.invite_on is None:
        return
    today = timezone.localdate()
    starts = sorted(
        s.term_start
        for s in Membership.objects.filter(member=member)
        if s.term_end is None or s.term_end >= today
    )
    due = max(starts[0], today) if starts else None
    if due != member.invite_on:
        member.invite_on = due
        member.save(update_fields=["invite_on"])


def seat_leaving_confirm(*, actor, seat: Membership) -> Membership:
    """Staff confirm that the member leaves when this seat ends (退任予定): the term-end
    warnings stop listing it. Only for a seat that ends within the warnings' window and that no
    other seat of the member continues."""
    require_role(actor, Role.STAFF)
    today = timezone.localdate()
    with transaction.atomic():
        seat = Membership.objects.select_for_update().get(pk=seat.pk)
        if seat.leaving_confirmed_at is not None:
            return seat
        if not _ending(today).filter(pk=seat.pk).exists():
            raise NotEnding()
        seat.leaving_confirmed_at = timezone.now()
        seat.leaving_confirmed_by = actor
        seat.save(update_fields=["leaving_confirmed_at", "leaving_confirmed_by"])
        audit_log(
            actor=actor,
            action="kyodo.committees.membership.leaving_confirmed",
            obj=seat,
            changes=_leaving_changes(seat),
        )
    return seat


def _leaving_changes(seat: Membership) -> dict:
    """What the audit rows of a leaving confirmed or withdrawn record of the seat."""
    return {"committee": seat.committee.name, "role": seat.role, "term_end": seat.term_end}


def seat_leaving_withdraw(*, actor, seat: Membership) -> Membership:
    """Undo :func:`seat_leaving_confirm`: the seat is listed among the terms ending again."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        seat = Membership.objects.select_for_update().get(pk=seat.pk)
        if seat.leaving_confirmed_at is None:
            return seat
        seat.leaving_confirmed_at = seat.leaving_confirmed_by = None
        seat.save(update_fields=["leaving_confirmed_at", "leaving_confirmed_by"])
        audit_log(
            actor=actor,
            action="kyodo.committees.membership.leaving_withdrawn",
            obj=seat,
            changes=_leaving_changes(seat),
        )
    return seat


# --- renewing terms ------------------------------------------------------------------------------


def renewable_ends(*, committee: Committee) -> list[date]:
    """Days on which seats end, latest first: the choices of the renewal form."""
    return list(
        Membership.objects.filter(committee=committee, term_end__isnull=False)
        .order_by("-term_end")
        .values_list("term_end", flat=True)
        .distinct()
    )


def default_renewal_end(*, committee: Committee, today: date) -> date | None:
    """The end of this fiscal year if seats end then, else the latest day seats end."""
    ends = renewable_ends(committee=committee)
    this_year_end = fiscal_year_range(fiscal_year(today))[1]
    if this_year_end in ends:
        return this_year_end
    return ends[0] if ends else None


def seats_ending(*, committee: Committee, on: date) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(committee=committee, term_end=on)
        .select_related("member")
        .order_by("member__name_reading", "member__pk")
    )


@dataclass(frozen=True)
class RenewalRow:
    """A seat of the renewal page: ticked unless the member continues in a seat registered
    already (``next_seat``) or staff confirmed they leave."""

    seat: Membership
    next_seat: Membership | None

    @property
    def ticked(self) -> bool:
        return self.next_seat is None and self.seat.leaving_confirmed_at is None


def renewal_rows(*, committee: Committee, on: date) -> list[RenewalRow]:
    """The seats ending on ``on``, each with the member's next seat on the committee if one
    starts after it (or overlaps the days after it)."""
    seats = list(seats_ending(committee=committee, on=on))
    later: dict[int, Membership] = {}
    for seat in (
        Membership.objects.filter(committee=committee, member__in=[s.member_id for s in seats])
        .filter(Q(term_end__isnull=True) | Q(term_end__gt=on))
        .order_by("-term_start", "-pk")
    ):
        later[seat.member_id] = seat  # the earliest wins
    return [RenewalRow(seat, later.get(seat.member_id)) for seat in seats]


def renewed_term_end(ends_on: date, years: int = 1) -> date:
    """The last day of the ``years`` fiscal years after the one ending ``ends_on``."""
    return fiscal_year_range(fiscal_year(ends_on) + years)[1]


def terms_renew(
    *,
    actor,
    committee: Committee,
    ends_on: date,
    years: int = 1,
    seats: list[Membership] | None = None,
) -> list[Membership]:
    """Renew, in one step, the seats ending on ``ends_on`` for the next ``years`` fiscal years.

    ``seats`` (default: all of them) are those that continue; a member leaving is left out.
    Each seat keeps its role and its start, and now ends at the end of the new term, so the
    term-end warnings move with it. Running it twice renews nothing the second time.
    """
    require_role(actor, Role.STAFF)
    if not 1 <= years <= 4:
        raise CommitteeError(_("A term is renewed for one to four fiscal years."))
    new_end = renewed_term_end(ends_on, years)
    with transaction.atomic():
        ending = list(
            Membership.objects.select_for_update()
            .filter(committee=committee, term_end=ends_on)
            .select_related("member")
        )
        chosen = {s.pk for s in seats} if seats is not None else {s.pk for s in ending}
        renewed = [s for s in ending if s.pk in chosen]
        if not renewed:
            raise NothingToRenew()
        for seat in renewed:
            # A member whose next seat is registered already continues in it: renewing this
            # one too would seat them twice.
            clash = _overlapping_seat(
                member=seat.member,
                committee=committee,
                term_start=ends_on + timedelta(days=1),
                term_end=new_end,
                exclude=[seat.pk],
            )
            if clash is not None:
                raise SeatsOverlap(
                    _(
                        "%(name)s already has the next seat, as %(role)s from %(start)s: untick "
                        "them, their term continues in that seat."
                    )
                    % _seat_values(clash)
                )
            # A chair renewed while another's term as chair has begun after it: two chairs.
            _check_role_free(
                committee=committee,
                role=seat.role,
                term_start=seat.term_start,
                term_end=new_end,
                exclude=[seat.pk],
            )
        # A leaving confirmed for the old end no longer holds: the member stays.
        Membership.objects.filter(pk__in=[s.pk for s in renewed]).update(
            term_end=new_end, leaving_confirmed_at=None, leaving_confirmed_by=None
        )
        for seat in renewed:
            seat.term_end = new_end
            seat.leaving_confirmed_at = seat.leaving_confirmed_by = None
        audit_log(
            actor=actor,
            action="kyodo.committees.terms.renewed",
            obj=committee,
            changes={
                "term_end": [ends_on, new_end],
                "members": sorted((s.member.name for s in renewed), key=_reading_of(renewed)),
            },
        )
    return renewed


def _reading_of(seats: list[Membership]):
    readings = {s.member.name: s.member.name_reading for s in seats}

    def key(name: str) -> str:
        return readings.get(name, name)

    return key


def renewal_summary(*, ends_on: date, years: int = 1) -> str:
    """「令和9年3月31日(水)まで」: what the form says the new term will be."""
    return format_wareki(renewed_term_end(ends_on, years))


# --- deleting a member added by mistake --------------------------------------------------------


def member_references(member: Member) -> list[str]:
    """Why ``member`` cannot be deleted, in words: the records that refer to them (attendance,
    statements in minutes, appointments decided by the committee, drafts sent to them). Empty
    when nothing does, i.e. the member was added by mistake."""
    reasons = []
    if count := Attendance.objects.filter(member=member).count():
        reasons.append(
            ngettext(
                "Attendance is recorded for %(count)d meeting.",
                "Attendance is recorded for %(count)d meetings.",
                count,
            )
            % {"count": count}
        )
    if count := MinutesEntry.objects.filter(member=member).count():
        reasons.append(
            ngettext(
                "Minutes record %(count)d statement by them.",
                "Minutes record %(count)d statements by them.",
                count,
            )
            % {"count": count}
        )
    if count := Appointment.objects.filter(member=member).count():
        reasons.append(
            ngettext(
                "The committee appointed them to %(count)d position.",
                "The committee appointed them to %(count)d positions.",
                count,
            )
            % {"count": count}
        )
    if count := CirculationRecipient.objects.filter(member=member).count():
        reasons.append(
            ngettext(
                "Draft minutes were sent to them %(count)d time.",
                "Draft minutes were sent to them %(count)d times.",
                count,
            )
            % {"count": count}
        )
    return reasons


def member_delete(*, actor, member: Member) -> None:
    """Staff delete a member added by mistake, with their seats: refused (``MemberInUse``, with
    the reasons) when any record refers to them, whose term is ended instead. An account made for
    them loses the member role; one left with no role and no password set is deactivated."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        member = (
            Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
        )
        if reasons := member_references(member):
            raise MemberInUse(
                " ".join(
                    [
                        str(_("This member cannot be deleted:")),
                        *reasons,
                        str(_("End their term instead (change the seat's end date).")),
                    ]
                )
            )
        seats = [
            [seat.committee.name, seat.term_start, seat.term_end]
            for seat in member.memberships.select_related("committee")
        ]
        user = member.user
        audit_log(
            actor=actor,
            action="kyodo.committees.member.deleted",
            obj=member,
            changes={"name": member.name, "name_reading": member.name_reading, "seats": seats},
        )
        member.delete()
        if user is not None:
            roles = set(user.groups.values_list("name", flat=True)) & set(Role.values)
            if Role.MEMBER in roles:
                people.user_set_roles(actor=actor, user=user, roles=roles - {Role.MEMBER})
            if roles <= {Role.MEMBER} and not user.has_usable_password() and user.is_active:
                people.user_set_active(actor=actor, user=user, active=False)


# --- the secretariat ----------------------------------------------------------------------------


def secretariat_add(
    *, actor, committee: Committee, name: str, name_reading: str = "", title: str, order=None
) -> SecretariatMember:
    """Staff add a person of the secretariat (事務局), listed with their title in the minutes."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        if order is None:
            order = (committee.secretariat.aggregate(n=Max("order"))["n"] or 0) + 1
        person = SecretariatMember.objects.create(
            committee=committee,
            name=name,
            name_reading=_reading(name_reading, required=False),
            title=title,
            order=order,
        )
        audit_log(
            actor=actor,
            action="kyodo.committees.secretariat.added",
            obj=person,
            changes={"name": name, "title": title, "order": order},
        )
    return person


def secretariat_update(
    *, actor, person: SecretariatMember, name: str, name_reading: str = "", title: str, order: int
) -> SecretariatMember:
    require_role(actor, Role.STAFF)
    person, _changes = update_fields(
        actor=actor,
        instance=person,
        values={
            "name": name,
            "name_reading": _reading(name_reading, required=False),
            "title": title,
            "order": order,
        },
        fields=SECRETARIAT_FIELDS,
        action="kyodo.committees.secretariat.updated",
    )
    return person


def secretariat_remove(*, actor, person: SecretariatMember) -> None:
    """Staff take a person off the committee's secretariat list, for meetings to come. Meetings
    already held (or with their attendance recorded, or their draft sent) keep their own list
    (``MeetingSecretariat``), so their drafts and confirmed minutes still print the person."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        person = SecretariatMember.objects.select_for_update().get(pk=person.pk)
        audit_log(
            actor=actor,
            action="kyodo.committees.secretariat.removed",
            obj=person.committee,
            changes={"name": person.name, "title": person.title},
        )
        person.delete()


# --- reads ---------------------------------------------------------------------------------------


def secretariat_lists_of(user) -> list[str]:
    """The committees whose secretariat list still names ``user``: linked to the account, or
    under the account's name (the list is typed by staff, mostly without an account). The
    account page says so when the account is deactivated: the list is for meetings to come."""
    name = search_key(getattr(user, "full_name", "") or "")
    committees: list[str] = []
    for person in SecretariatMember.objects.select_related("committee").order_by(
        "committee__pk", "order", "pk"
    ):
        named = person.user_id == user.pk or (name and search_key(person.name) == name)
        if named and person.committee.name not in committees:
            committees.append(person.committee.name)
    return committees


def members_of(*, committee: Committee) -> QuerySet[Member]:
    """Everyone who ever sat on ``committee``, in gojūon order, with their seats there."""
    return (
        Member.objects.filter(memberships__committee=committee)
        .distinct()
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(committee=committee).order_by("-term_start"),
                to_attr="seats",
            )
        )
        .order_by("name_reading", "pk")
    )


def seat_is_running(seat: Membership, today: date) -> bool:
    return seat.term_start <= today and (seat.term_end is None or seat.term_end >= today)


# How far ahead the term-end warnings look (the staff committee pages and the to-do list).
TERM_WARNING_DAYS = 90


def continued_elsewhere() -> Exists:
    """For a seat (the outer row): another seat of the same member on the same committee that
    covers the day after it ends, starting on that day or overlapping it. Such a seat does not
    end: the member continues (a renewal registered as a new seat, a new role from 4/1)."""
    next_day = ExpressionWrapper(OuterRef("term_end") + timedelta(days=1), output_field=DateField())
    return Exists(
        Membership.objects.filter(
            member=OuterRef("member"), committee=OuterRef("committee"), term_start__lte=next_day
        )
        .exclude(pk=OuterRef("pk"))
        .filter(Q(term_end__isnull=True) | Q(term_end__gt=OuterRef("term_end")))
    )


def _ending_window(today: date, days: int) -> QuerySet[Membership]:
    return Membership.objects.filter(
        term_end__gte=today, term_end__lte=today + timedelta(days=days)
    ).exclude(continued_elsewhere())


def _ending(today: date, days: int = TERM_WARNING_DAYS) -> QuerySet[Membership]:
    """Seats whose term really ends within ``days``: not continued by another seat of the
    member, and not confirmed as leaving (those need nothing more)."""
    return _ending_window(today, days).filter(leaving_confirmed_at__isnull=True)


def seats_ending_soon(
    *, today: date, days: int = TERM_WARNING_DAYS, committee: Committee | None = None
) -> QuerySet[Membership]:
    """The term-end warnings' seats (to renew, or to record a successor or a leaving), by end
    and gojūon order."""
    qs = _ending(today, days)
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs.select_related("member", "committee").order_by(
        "term_end", "member__name_reading", "member__pk"
    )


def seats_leaving(
    *, today: date, days: int = TERM_WARNING_DAYS, committee: Committee | None = None
) -> QuerySet[Membership]:
    """Seats ending within ``days`` whose member staff confirmed as leaving (退任予定)."""
    qs = _ending_window(today, days).filter(leaving_confirmed_at__isnull=False)
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs.select_related("member", "leaving_confirmed_by").order_by(
        "term_end", "member__name_reading", "member__pk"
    )


@dataclass
class MemberRow:
    """A member on the committee's people page: the seat in force today (``seat``), the seats
    to come (``coming``, earliest first), or for one not seated today the first to come or the
    last held."""

    member: Member
    seat: Membership | None
    coming: list[Membership] = field(default_factory=list)


def member_rows(members, *, today: date) -> dict[str, list[MemberRow]]:
    """``members`` (as :func:`members_of` gives them) as rows of the people page: "current"
    (seated today, with the seats to come marked), "coming" (就任予定: a first seat, or one
    after a break, that starts later) and "former"."""
    rows: dict[str, list[MemberRow]] = {"current": [], "coming": [], "former": []}
    for member in members:
        seats = sorted(member.seats, key=lambda s: (s.term_start, s.pk))
        running = [s for s in seats if seat_is_running(s, today)]
        coming = [s for s in seats if s.term_start > today]
        if running:
            rows["current"].append(MemberRow(member, running[-1], coming))
        elif coming:
            rows["coming"].append(MemberRow(member, coming[0], coming))
        else:
            rows["former"].append(MemberRow(member, seats[-1] if seats else None))
    return rows


def _link_days() -> int:
    # The invitation's link works for PASSWORD_RESET_TIMEOUT (Django's default: three days).
    return max(1, -(-settings.PASSWORD_RESET_TIMEOUT // 86400))


def members_without_password(today: date) -> QuerySet[Member]:
    """Members seated today whose account has no password yet and whose invitation no longer
    works: mailed before the link's days (or never), or a printed letter expired. Staff send
    the invitation again (or print a new letter). Those whose mail waits for the daily job are
    not among them."""
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    link_since = start_of_today - timedelta(days=_link_days())
    mailed = OutboxMessage.objects.filter(
        kind="people.invitation",
        to__iexact=OuterRef("user__email"),
        created_at__gte=link_since,
    ).exclude(status=OutboxMessage.Status.FAILED)
    letter = SignInLetter.objects.filter(user=OuterRef("user"), expires_at__gte=start_of_today)
    seated = Membership.objects.filter(member=OuterRef("pk"), term_start__lte=today).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=today)
    )
    return (
        Member.objects.filter(
            user__is_active=True,
            user__password__startswith=UNUSABLE_PASSWORD_PREFIX,
            invite_on__isnull=True,
        )
        .filter(Exists(seated))
        .exclude(Exists(mailed))
        .exclude(Exists(letter))
    )
