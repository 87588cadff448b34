"""Committee people, managed by staff: members and their seats (role, terms), the renewal of all
terms for the next fiscal year in one step, the secretariat, and invitations to the member pages.

Each service checks the staff role, runs in one transaction and writes one audit row; the
invitation mail leaves through the outbox in the same transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max, Prefetch, Q, QuerySet
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
            user = _invite(member, committee)
            changes["username"] = user.username
        audit_log(
            actor=actor, action="kyodo.committees.member.created", obj=member, changes=changes
        )
    return member


def _invite(member: Member, committee: Committee | None = None):
    """Give the member an account with the member role and invite them. A person who already
    signs in with this address (a group's representative, say) keeps that one account: it gains
    the role, and needs no invitation once its password is set. A member without an address
    gets an account with a user name that says nothing of them, and staff print them a letter
    (kyodo.core.people.letter_issue) from the account's page."""
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
    if user.has_usable_password() or not user.email:
        return user
    committee = committee or Committee.objects.filter(memberships__member=member).first()
    what = (
        _("Member of %(committee)s") % {"committee": committee.name}
        if committee
        else _("Committee member")
    )
    people.invitation_enqueue(user, what=str(what), related=member)
    return user


def member_invite(*, actor, member: Member):
    """Staff give a member without an account one, and invite them by mail."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.user_id is not None:
            raise AlreadyInvited()
        user = _invite(member)
        audit_log(
            actor=actor,
            action="kyodo.committees.member.invited",
            obj=member,
            changes={"username": user.username, "email": user.email},
        )
    return user


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

    seat, _changes = update_fields(
        actor=actor,
        instance=seat,
        values={"role": role, "term_start": term_start, "term_end": term_end},
        fields=SEAT_FIELDS,
        action="kyodo.committees.membership.updated",
        before_save=check,
        audit_context={"committee": seat.committee.name},
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
            # A chair renewed while another's term as chair has begun after it: two chairs.
            _check_role_free(
                committee=committee,
                role=seat.role,
                term_start=seat.term_start,
                term_end=new_end,
                exclude=[seat.pk],
            )
        Membership.objects.filter(pk__in=[s.pk for s in renewed]).update(term_end=new_end)
        for seat in renewed:
            seat.term_end = new_end
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
