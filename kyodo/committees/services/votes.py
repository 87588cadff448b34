"""Written votes (書面表決) of a meeting held in writing (書面開催): each seated member votes for,
against or reserved on every item that needs a decision (the 審議事項), on her page, until the end
of the day the votes close (JST); staff see the tally and may turn it into the item's decision.

The votes are not part of the minutes: the minutes say what the decision's text says, and only
that is frozen when they are confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.models import (
    AgendaItem,
    Decision,
    Meeting,
    Member,
    Membership,
    Minutes,
    WrittenVote,
)
from kyodo.committees.selectors import memberships_on
from kyodo.core.audit import audit_log
from kyodo.core.roles import Role, has_role, require_role
from kyodo.core.wareki import format_wareki

COMMENT_MAX = 500
# The house format writes the counts of a written vote in full-width digits (「賛成８名」).
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def voting_items(meeting: Meeting) -> list[AgendaItem]:
    """The items a written vote decides: the meeting's 審議事項, in their order."""
    return list(
        AgendaItem.objects.filter(meeting=meeting, category=AgendaItem.Category.DELIBERATION)
        .select_related("decision")
        .order_by("number", "pk")
    )


def votes_open(meeting: Meeting) -> bool:
    """Whether written votes may be given or changed: a meeting held in writing, not cancelled,
    from the day its notice was sent (or its day, the papers going out) to the end of its
    closing day (the site's time zone, JST), while its minutes are still a draft being written
    or circulated."""
    if not _may_be_open(meeting, timezone.localdate()):
        return False
    status = Minutes.objects.filter(meeting=meeting).values_list("status", flat=True).first()
    return status in (None, Minutes.Status.DRAFT, Minutes.Status.CIRCULATED)


def _may_be_open(meeting: Meeting, today) -> bool:
    """:func:`votes_open` without its minutes: held in writing, not cancelled, papers out, the
    closing day not past."""
    if not meeting.held_in_writing or meeting.votes_close_on is None:
        return False
    if meeting.status == Meeting.Status.CANCELLED:
        return False
    if today > meeting.votes_close_on:
        return False
    # The agenda may still change until the papers go out: the notice, or the meeting's day.
    return not (meeting.notice_sent_at is None and today < meeting.date)


def votes_closed_message(meeting: Meeting) -> str:
    """Why a vote can no longer be given, in the words the member's page shows."""
    if not meeting.held_in_writing:
        return _("%(meeting)s is not held in writing: there is no written vote.") % {
            "meeting": meeting
        }
    if meeting.status == Meeting.Status.CANCELLED:
        return _("%(meeting)s has been cancelled.") % {"meeting": meeting}
    if meeting.votes_close_on is None:
        return _(
            "The day the written votes close has not been decided yet: please wait for the "
            "secretariat's notice."
        )
    if meeting.notice_sent_at is None and timezone.localdate() < meeting.date:
        return _(
            "The written vote of %(meeting)s opens when its notice is sent (on %(date)s at the "
            "latest)."
        ) % {"meeting": meeting, "date": format_wareki(meeting.date)}
    if timezone.localdate() <= meeting.votes_close_on:
        return _(
            "The minutes of %(meeting)s have been approved: the written votes can no longer change."
        ) % {"meeting": meeting}
    return _(
        "The written votes of %(meeting)s closed on %(date)s: votes can no longer be given or "
        "changed. Please telephone the secretariat."
    ) % {"meeting": meeting, "date": format_wareki(meeting.votes_close_on)}


def seated_on(meeting: Meeting, member: Member) -> Membership | None:
    """``member``'s seat on the meeting's committee on the meeting's day (None: not seated)."""
    return (
        memberships_on(committee=meeting.committee, on=meeting.date).filter(member=member).first()
    )


def reserved_without_comment(item: AgendaItem) -> str:
    """Why a reserved vote (保留) without an opinion is refused, naming the item."""
    return _("With a reserved vote (保留) on 「%(title)s」, write your opinion.") % {
        "title": item.title
    }


def written_vote_submit(
    *, actor, meeting: Meeting, member: Member, votes: dict[int, tuple[str, str]]
) -> list[WrittenVote]:
    """Record ``member``'s written votes on ``meeting``: ``votes`` maps the id of each item of
    :func:`voting_items` to (choice, comment). Given again: changed.

    ``actor`` is the member herself, or staff typing in a vote returned on paper. Refused,
    changing nothing, for someone not seated on the meeting's day, a meeting not held in writing
    or whose votes have closed, an item missing or not of the vote, a choice not of
    :class:`WrittenVote.Choice`, a reserved vote (保留) without a comment (the opinion is what
    reserving gives) and a comment over 500 characters. One audit row."""
    is_staff = has_role(actor, Role.STAFF)
    if not is_staff and (member.user_id is None or member.user_id != actor.pk):
        require_role(actor, Role.STAFF)  # someone else's vote: staff only
    cleaned: dict[int, tuple[str, str]] = {}
    for item_id, (choice, comment) in votes.items():
        if choice not in WrittenVote.Choice.values:
            raise InvalidInput(
                _("Choose for, against or reserved on every item."), field=f"item_{item_id}"
            )
        comment = " ".join((comment or "").split())
        if len(comment) > COMMENT_MAX:
            raise InvalidInput(
                _("Write the comment in %(max)d characters or fewer.") % {"max": COMMENT_MAX},
                field=f"comment_{item_id}",
            )
        cleaned[int(item_id)] = (choice, comment)
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("committee")
            .get(pk=meeting.pk)
        )
        if not votes_open(meeting):
            raise InvalidInput(votes_closed_message(meeting))
        if seated_on(meeting, member) is None:
            raise InvalidInput(
                _("%(name)s has no seat on %(meeting)s's day.")
                % {"name": member.name, "meeting": meeting}
            )
        items = voting_items(meeting)
        if not items:
            raise InvalidInput(_("This meeting has no item to vote on (審議事項)."))
        expected = {item.pk for item in items}
        if set(cleaned) - expected:
            raise InvalidInput(_("One of the items is not an item of this vote."))
        if missing := [item for item in items if item.pk not in cleaned]:
            raise InvalidInput(
                _("Choose for, against or reserved on every item."),
                field=f"item_{missing[0].pk}",
            )
        for item in items:
            choice, comment = cleaned[item.pk]
            if choice == WrittenVote.Choice.RESERVED and not comment:
                raise InvalidInput(reserved_without_comment(item), field=f"comment_{item.pk}")
        before = {v.item_id: v for v in WrittenVote.objects.filter(item__in=items, member=member)}
        now = timezone.now()
        by_staff = is_staff and member.user_id != actor.pk
        saved, changes = [], {}
        for item in items:
            choice, comment = cleaned[item.pk]
            vote, _created = WrittenVote.objects.update_or_create(
                item=item,
                member=member,
                defaults={
                    "choice": choice,
                    "comment": comment,
                    "voted_at": now,
                    "by_staff": by_staff,
                },
            )
            saved.append(vote)
            old = before.get(item.pk)
            if old is None or (old.choice, old.comment) != (choice, comment):
                change = {"choice": [old.choice if old else None, choice]}
                if comment or (old and old.comment):
                    change["comment"] = [old.comment if old else "", comment]
                changes[f"{item.number}. {item.title}"] = change
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.written_vote",
            obj=meeting,
            changes={"member": member.name, "by_staff": by_staff, "items": changes},
        )
    return saved


# --- the tally ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemTally:
    """One item's votes: the members of each choice and those who have not voted on it, each
    list in gojūon order; ``by_secretariat`` holds the ids of the members whose vote on it the
    secretariat typed in from a paper ballot (``WrittenVote.by_staff``), so that the tally can
    tell them apart from votes cast online."""

    item: AgendaItem
    voters_for: list[Member] = field(default_factory=list)
    voters_against: list[Member] = field(default_factory=list)
    voters_reserved: list[Member] = field(default_factory=list)
    unanswered: list[Member] = field(default_factory=list)
    comments: list[tuple[Member, str]] = field(default_factory=list)
    by_secretariat: frozenset[int] = frozenset()

    @property
    def counts(self) -> tuple[int, int, int, int]:
        """(for, against, reserved, not voted)."""
        return (
            len(self.voters_for),
            len(self.voters_against),
            len(self.voters_reserved),
            len(self.unanswered),
        )

    @property
    def approved(self) -> bool:
        """More votes for than against, as a majority decision needs."""
        return len(self.voters_for) > len(self.voters_against)

    @property
    def decision_text(self) -> str:
        """The decision as the minutes would say it: 「書面表決の結果、賛成８名、反対０名、保留１名
        により原案のとおり承認された。」 (否決された when not more for than against). House-format
        words, whatever the interface language."""
        n_for, n_against, n_reserved, _n = self.counts
        counts = f"賛成{n_for}名、反対{n_against}名、保留{n_reserved}名".translate(_FULL_WIDTH)
        result = "原案のとおり承認された" if self.approved else "否決された"
        return f"書面表決の結果、{counts}により{result}。"

    def decision_initial(self) -> dict:
        """What the decision form is filled in with from the tally (staff check and save it):
        a majority decision with the counts (保留 as abstentions) and :attr:`decision_text`."""
        n_for, n_against, n_reserved, _n = self.counts
        return {
            "outcome": Decision.Outcome.APPROVED if self.approved else Decision.Outcome.REJECTED,
            "method": Decision.Method.MAJORITY,
            "votes_for": n_for,
            "votes_against": n_against,
            "abstentions": n_reserved,
            "text": self.decision_text,
        }


@dataclass(frozen=True)
class VoteTally:
    items: list[ItemTally]
    seated: list[Member]
    # Seated members who have not voted on any item yet, in gojūon order.
    not_voted: list[Member]
    voted: list[Member]

    @property
    def any_by_secretariat(self) -> bool:
        """Whether the secretariat typed in a vote of any item (the tally then explains its
        mark 「（事務局入力）」)."""
        return any(tally.by_secretariat for tally in self.items)


def vote_tally(meeting: Meeting) -> VoteTally:
    """The written votes of ``meeting`` per item, against the members seated on its day (in
    gojūon order of their stored readings); a vote of someone not seated that day is not
    counted. Each item's tally knows which of its votes staff typed in from paper."""
    seated = [seat.member for seat in memberships_on(committee=meeting.committee, on=meeting.date)]
    items = voting_items(meeting)
    votes = {
        (v.item_id, v.member_id): v
        for v in WrittenVote.objects.filter(item__in=items, member__in=seated)
    }
    tallies = []
    for item in items:
        by_choice: dict[str, list[Member]] = {c: [] for c in WrittenVote.Choice.values}
        unanswered, comments, by_secretariat = [], [], set()
        for member in seated:
            vote = votes.get((item.pk, member.pk))
            if vote is None:
                unanswered.append(member)
                continue
            by_choice[vote.choice].append(member)
            if vote.by_staff:
                by_secretariat.add(member.pk)
            if vote.comment:
                comments.append((member, vote.comment))
        tallies.append(
            ItemTally(
                item=item,
                voters_for=by_choice[WrittenVote.Choice.FOR],
                voters_against=by_choice[WrittenVote.Choice.AGAINST],
                voters_reserved=by_choice[WrittenVote.Choice.RESERVED],
                unanswered=unanswered,
                comments=comments,
                by_secretariat=frozenset(by_secretariat),
            )
        )
    voted_ids = {member_id for _item, member_id in votes}
    return VoteTally(
        items=tallies,
        seated=seated,
        not_voted=[m for m in seated if m.pk not in voted_ids],
        voted=[m for m in seated if m.pk in voted_ids],
    )


def member_votes(meeting: Meeting, member: Member) -> dict[int, WrittenVote]:
    """``member``'s votes on ``meeting``, by item id."""
    return {
        v.item_id: v
        for v in WrittenVote.objects.filter(item__meeting=meeting, member=member).select_related(
            "item"
        )
    }


def votes_awaited(meetings: list[tuple[Meeting, int]]) -> list[Meeting]:
    """Of ``meetings`` (each with the id of the member seated on its day), those whose written
    vote is open and still awaits that member's vote on one of its 審議事項 at least, the
    nearest closing day first. The meetings come with their minutes
    (``select_related("minutes")``): one query, none when no meeting's written vote is open."""
    today = timezone.localdate()
    candidates = {
        meeting.pk: (meeting, member_id)
        for meeting, member_id in meetings
        if _may_be_open(meeting, today)
        and getattr(meeting, "minutes", None) is not None
        and meeting.minutes.status in (Minutes.Status.DRAFT, Minutes.Status.CIRCULATED)
    }
    if not candidates:
        return []
    # Each item with each of its voters (one row per vote; an item without any: None).
    voters: dict[int, tuple[int, set]] = {}
    for item_id, meeting_id, member_id in AgendaItem.objects.filter(
        meeting__in=list(candidates), category=AgendaItem.Category.DELIBERATION
    ).values_list("pk", "meeting_id", "votes__member_id"):
        voters.setdefault(item_id, (meeting_id, set()))[1].add(member_id)
    awaited = {
        meeting_id for meeting_id, who in voters.values() if candidates[meeting_id][1] not in who
    }
    return sorted(
        (candidates[pk][0] for pk in awaited),
        key=lambda m: (m.votes_close_on, m.date, m.number, m.pk),
    )
