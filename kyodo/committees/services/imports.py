"""Storing an imported document (``kyodo.committees.importing`` reads and parses the file) as the
confirmed minutes of a past meeting, in one transaction: the meeting (numbered in its fiscal year as
the title says), its agenda items by category, the entries with their speakers, attendance where
members can be matched by name, the decisions its ○ lines state (「賛成多数で可決した。」), the
header as the document printed it
(``Minutes.recorded_header``), the minutes confirmed (確定稿) and one audit row. Nothing is saved
from a refused document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kyodo.committees.exceptions import AlreadyImported, ImportRefused, NumberTakenOnImport
from kyodo.committees.models import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Member,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.services.meetings import committee_check
from kyodo.committees.services.minutes import entry_rows
from kyodo.core.audit import audit_log
from kyodo.core.models import Venue
from kyodo.core.roles import Role, require_role
from kyodo.core.text import match_key
from kyodo.core.wareki import fiscal_year, format_wareki
from kyodo.minutes_text import Decision as ReadDecision
from kyodo.minutes_text import Minutes as Document
from kyodo.minutes_text import read_decision
from kyodo.minutes_text._syntax import OPENING_ITEM

Category = AgendaItem.Category

CATEGORY_BY_HEADING = {
    "報告事項": Category.REPORT,
    "報告": Category.REPORT,
    "連絡事項": Category.REPORT,
    "確認事項": Category.REPORT,
    "審議事項": Category.DELIBERATION,
    "審議": Category.DELIBERATION,
    "議決事項": Category.DELIBERATION,
    "決定事項": Category.DELIBERATION,
    "協議事項": Category.DISCUSSION,
    "協議": Category.DISCUSSION,
    "検討事項": Category.DISCUSSION,
    "意見交換": Category.DISCUSSION,
    "その他": Category.OTHER,
}


@dataclass
class Outcome:
    meeting: Meeting
    minutes: Minutes
    matched: list[str] = field(default_factory=list)  # attendees stored as attendance
    unmatched: list[str] = field(default_factory=list)  # names no member matches
    venue_created: bool = False


def category_of(heading: str, item_title: str) -> str:
    """The agenda category of a section heading; 「議題」 lists count as deliberations."""
    if heading in CATEGORY_BY_HEADING:
        return CATEGORY_BY_HEADING[heading]
    if match_key(item_title) == "その他":
        return Category.OTHER
    return Category.DELIBERATION


@dataclass(frozen=True)
class PlannedItem:
    category: str
    number: int
    title: str
    item: object  # the document's Item, whose entries are stored


@dataclass(frozen=True)
class PlannedSection:
    number: int
    heading: str
    items: list[PlannedItem]


def planned_items(document: Document) -> list[PlannedItem]:
    """The agenda items ``minutes_import`` stores for ``document``, in the document's order:
    each with the category its section heading maps to (a section with no heading is a
    deliberation, an item 「その他」 goes under その他), numbered within the category, titled as
    the document titles it (else after the agenda the header lists, else the category)."""
    numbers: dict[str, int] = {}
    single = sum(len(s.items) for s in document.sections) == 1
    # Minutes with no headings in the body are one unnamed item: named after the agenda the
    # header lists, when there is one.
    listed = "、".join(document.agenda) if single and document.agenda else ""
    opening = _opening_category(document)
    planned = []
    for section in document.sections:
        for item in section.items:
            category = category_of(section.category, item.title)
            if opening is not None and item is document.sections[0].items[0]:
                category = opening
            numbers[category] = numbers.get(category, 0) + 1
            title = item.title or listed or AgendaItem.CATEGORY_JA[Category(category)]
            planned.append(PlannedItem(category, numbers[category], title[:300], item))
    return planned


def _opening_category(document: Document) -> str | None:
    """The category the item 「開会」 is stored under (the record's lines before the first heading,
    ``kyodo.minutes_text``): the one printed first of those the document's items have, so that the
    opening prints first, as it was said first. None when the document has no such item."""
    items = [(s, i) for s in document.sections for i in s.items]
    if len(items) < 2:
        return None
    section, first = items[0]
    if section.number or section.category or first.number or first.title != OPENING_ITEM:
        return None
    categories = {category_of(s.category, i.title) for s, i in items[1:]}
    return min(categories, key=AgendaItem.CATEGORY_ORDER.index)


def planned_sections(document: Document) -> list[PlannedSection]:
    """:func:`planned_items` as the saved minutes print them: sections in the house order of
    categories (「1．審議事項」, 「2．その他」), items numbered within each: what the review screen
    shows, so that it shows what will be saved."""
    items = planned_items(document)
    sections = []
    for category in AgendaItem.CATEGORY_ORDER:
        inside = [p for p in items if p.category == category]
        if inside:
            heading = AgendaItem.CATEGORY_JA[Category(category)]
            sections.append(PlannedSection(len(sections) + 1, heading, inside))
    return sections


# 「令和５年度　第２回ひばりヶ丘市民活動推進委員会　会議要録（確定稿）」「2026年度 第2回理事会
# 議事録」「令和７年度　通常総会　議事録」: what comes before and after the body's name in a
# title (the fiscal or calendar year in either era, the meeting's number, the kind of sitting).
_TITLE_HEAD_RE = re.compile(
    r"^(?:(?:(?:令和|平成|昭和)\s*(?:[0-9０-９]+|元)\s*(?:[(（]\s*[0-9０-９]{4}\s*[)）])?"
    r"|[0-9０-９]{4}\s*年?\s*(?:[(（]\s*(?:令和|平成|昭和)\s*(?:[0-9０-９]+|元)\s*年?\s*[)）])?)"
    r"\s*(?:年度|年|度))?\s*"
    r"(?:第\s*[0-9０-９一二三四五六七八九十百]+\s*回)?\s*"
    r"(?:通常|定時|臨時|定期)?\s*"
)
_TITLE_TAIL_RE = re.compile(
    r"\s*(?:[(（][^()（）]*[)）])?\s*"
    r"(?:定例会|臨時会)?\s*(?:会議録|会議要録|議事録|議事要録|要録|会議概要|議事概要|要旨|記録)?"
    r"\s*(?:[(（][^()（）]*[)）])?\s*$"
)


def body_name(title: str) -> str:
    """The name of the body a minutes title names, or "": 「令和５年度　第２回ひばりヶ丘市民活動
    推進委員会　会議要録」 → 「ひばりヶ丘市民活動推進委員会」; 「2026年度 第2回理事会 議事録」 →
    「理事会」; 「令和７年度　通常総会　議事録」 → 「総会」; 「令和5年度第2回会議録」 → ""."""
    name = _TITLE_TAIL_RE.sub("", _TITLE_HEAD_RE.sub("", (title or "").strip()))
    return "".join(name.split())


def committee_name_for(document: Document) -> str:
    """The name a clerk expects for the committee of another body's minutes: the body the title
    names, after the organisation the line above the title names (「特定非営利活動法人ひばり
    子ども食堂ネット 理事会」: the center keeps many bodies' 理事会), or the organisation alone when
    it is the body (「ひばりヶ丘フェスタ実行委員会」 over 「第3回実行委員会」)."""
    body = body_name(document.title)
    organization = " ".join((document.organization or "").split())
    if not organization:
        return body
    squeezed = "".join(organization.split())
    if not body or squeezed.endswith(body) or squeezed == body:
        return organization
    if body.startswith(squeezed):
        return body
    return f"{organization} {body}"


# 「第１号議案　……の件」「(1)……について」「議題１　……」: the number before a listed title.
_LISTED_NUMBER_RE = re.compile(
    r"^\s*(?:第\s*[0-9０-９]+\s*号?\s*議案|議案\s*第\s*[0-9０-９]+\s*号|議題\s*[0-9０-９]+"
    r"|[(（]\s*[0-9０-９]+\s*[)）]|[0-9０-９]+\s*[.．、]|[①-⑳])?\s*"
)


def header_agenda(document: Document) -> list[str]:
    """The agenda the header lists, unless it only lists the items the body numbers itself
    (「議事　第１号議案　……」 over 「第１号議案　……」 and its turns): kept then, those would be
    the same bills twice."""
    titles = {match_key(item.title) for section in document.sections for item in section.items}
    listed = [match_key(_LISTED_NUMBER_RE.sub("", line, count=1)) for line in document.agenda]
    if listed and all(line in titles for line in listed):
        return []
    return list(document.agenda)


def other_body(*, title: str, committee: Committee) -> str:
    """The body's name when ``title`` names a body other than ``committee``, else ""."""
    name = body_name(title)
    if not name or match_key(name) == match_key(committee.name):
        return ""
    return name


def committee_create(
    *,
    actor,
    center,
    name: str,
    via: str = "import",
    purpose: str = "",
    min_members: int | None = None,
    max_members: int | None = None,
    quorum: int | None = None,
    slug: str | None = None,
) -> Committee:
    """A committee: for the minutes of another body (「ひばりヶ丘市民活動推進委員会」), created from
    the import screen, or the center's own (``via`` "setup", "staff"); its short name (slug) is
    made up, as a Japanese name has no ASCII form. ``kyodo setup`` creates one without an
    ``actor`` (the audit row says so)."""
    if via != "setup":
        require_role(actor, Role.STAFF)
    name = " ".join(name.split())
    if not name:
        raise ImportRefused(_("Give the name of the new committee."))
    with transaction.atomic():
        if Committee.objects.filter(center=center, name=name).exists():
            raise ImportRefused(
                _("A committee named %(name)s already exists: choose it instead.") % {"name": name}
            )
        if slug and Committee.objects.filter(slug=slug).exists():
            # Taken meanwhile by another clerk: refused like the form's own check.
            raise ImportRefused(
                _("「%(slug)s」 is already the short name of another committee: choose another.")
                % {"slug": slug}
            )
        committee = Committee(
            center=center,
            name=name[:200],
            slug=slug or free_committee_slug(),
            purpose=purpose,
            min_members=min_members,
            max_members=max_members,
            quorum=quorum,
        )
        committee_check(committee)
        committee.save()
        settings = {
            key: value
            for key, value in (
                ("purpose", purpose),
                ("min_members", min_members),
                ("max_members", max_members),
                ("quorum", quorum),
            )
            if value not in ("", None)
        }
        audit_log(
            actor=actor,
            action="kyodo.committees.committee.created",
            obj=committee,
            changes={"name": committee.name, "via": via, **settings},
        )
    return committee


def free_committee_slug() -> str:
    """The short name a new committee gets unless given one: committee-N, the first free N
    from one more than the committees."""
    taken = set(
        Committee.objects.filter(slug__startswith="committee-").values_list("slug", flat=True)
    )
    number = Committee.objects.count() + 1
    while f"committee-{number}" in taken:
        number += 1
    return f"committee-{number}"


def _where(document: Document, today: date) -> tuple[int, date]:
    """The fiscal year and date of the meeting, or ImportRefused."""
    if document.date is None:
        raise ImportRefused(_("The date of the meeting (開催日時) was not found."))
    if document.date > today:
        raise ImportRefused(
            _("The meeting date is in the future; only past minutes can be imported.")
        )
    fy = fiscal_year(document.date)
    if document.fiscal_year is not None and document.fiscal_year != fy:
        raise ImportRefused(
            _(
                "The fiscal year in the title (%(title)d) does not match the meeting date "
                "(fiscal year %(date)d)."
            )
            % {"title": document.fiscal_year, "date": fy}
        )
    return fy, document.date


# What to do when the title's number belongs to a meeting on another day.
IF_TAKEN_NEXT = "next"  # the next free number (the command: 「第４回定例会（第２号）」, day two)
IF_TAKEN_REFUSE = "refuse"  # refuse, naming the meeting (the review screen, unless staff choose)


def check_new(
    *,
    committee: Committee,
    document: Document,
    today: date | None = None,
    if_taken: str = IF_TAKEN_NEXT,
) -> int:
    """The number the meeting will get; AlreadyImported if it is stored, ImportRefused if wrong.

    A number another day's meeting has is given the next free number, or, with ``if_taken``
    "refuse", refused with a message naming that meeting and its date, so that a file saved as
    第3回 when it says 第1回 is a choice staff make, never a silent change."""
    fy, when = _where(document, today or timezone.localdate())
    meetings = Meeting.objects.filter(committee=committee, fiscal_year=fy)
    number = document.meeting_number
    if number is not None:
        if number < 1:
            raise ImportRefused(_("The meeting number must be 1 or more."))
        existing = meetings.filter(number=number).first()
        if existing is None:
            return number
        if existing.date == when:
            raise AlreadyImported(
                _("Already imported: meeting no. %(number)d of fiscal year %(fy)d exists.")
                % {"number": number, "fy": fy}
            )
        # Another day under the same number (「第４回定例会会議録（第２号）」, its second day, or a
        # body that numbers its sittings by calendar year): not this meeting; the next free number.
    if meetings.filter(date=when).exists():
        raise AlreadyImported(
            _("Already imported: a meeting on %(date)s exists.") % {"date": when.isoformat()}
        )
    free = (meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    if number is not None and if_taken == IF_TAKEN_REFUSE:
        raise NumberTakenOnImport(
            _(
                "%(meeting)s is already the meeting of %(date)s. Change the number, or tick "
                "「%(choice)s」 to save these minutes as no. %(free)d."
            )
            % {
                "meeting": existing,
                "date": format_wareki(existing.date),
                "choice": _(NEXT_FREE_LABEL),
                "free": free,
            }
        )
    return free


# The review form's box (kyodo.committees.views.imports), named in the refusal above.
NEXT_FREE_LABEL = gettext_noop("If the number is taken, save as the next free number")


def _members(committee: Committee) -> dict[str, Member]:
    found: dict[str, Member] = {}
    for member in Member.objects.filter(memberships__committee=committee).distinct():
        found.setdefault(match_key(member.name), member)
    return found


def _match(name: str, members: dict[str, Member]) -> Member | None:
    """A member by name: the same name (full/half-width alike), or the only one it starts."""
    key = match_key(name)
    if not key:
        return None
    if key in members:
        return members[key]
    starting = [m for k, m in members.items() if k.startswith(key)]
    return starting[0] if len(starting) == 1 else None


def _venue(name: str | None) -> tuple[Venue | None, bool]:
    if not name:
        return None, False
    key = match_key(name)
    for venue in Venue.objects.all():
        if match_key(venue.name) == key:
            return venue, False
    # A room of the old minutes: kept for the archive, not offered for new meetings.
    return Venue.objects.create(name=name[:200], is_active=False), True


def _record_decision(item: AgendaItem, decision: ReadDecision) -> None:
    """The decision a ○ line of the imported minutes states (「賛成多数で可決した。」), linked to
    that line so that the minutes print it once, as printed. Not ``decision_record``: the meeting
    is a past one, its deferred items are no agenda of a meeting to come, and its approvals of
    minutes were recorded then."""
    stated = MinutesEntry.objects.filter(item=item, position=decision.entry + 1).first()
    if stated is None or stated.kind != MinutesEntry.Kind.NOTE:
        return
    Decision.objects.create(
        item=item,
        outcome=decision.outcome,
        method=decision.method,
        votes_for=decision.votes_for,
        votes_against=decision.votes_against,
        abstentions=decision.abstentions,
        text=stated.text,
        entry=stated,
    )


def minutes_import(
    *,
    actor,
    committee: Committee,
    document: Document,
    source: str,
    sha256: str = "",
    if_taken: str = IF_TAKEN_NEXT,
    publish: bool = True,
    organization: str | None = None,
) -> Outcome:
    """Store ``document`` as the confirmed minutes of a past meeting of ``committee``.

    ``publish`` False keeps them off the public site: stored as a draft (未定稿) with the header
    as recorded, for staff to publish later (:func:`imported_minutes_publish`). ``organization``
    is printed above the title when the document prints none (the center's name by default; a
    new committee for another body's minutes passes "" so that the center never appears as
    that body).

    ``actor`` is the staff user of the web upload, or None for the ``import_minutes`` command
    (run by whoever runs the server). AlreadyImported when the meeting exists; ImportRefused when
    the document lacks what a meeting needs, or (``if_taken`` "refuse") when its number is
    another day's meeting's (see :func:`check_new`). One transaction: all or nothing.
    """
    from kyodo.committees.documents import recorded_header
    from kyodo.committees.services.versions import minutes_confirm

    if actor is not None:
        require_role(actor, Role.STAFF)
    if not any(item.entries or item.title for s in document.sections for item in s.items):
        raise ImportRefused(_("No agenda items were found."))
    with transaction.atomic():
        Committee.objects.select_for_update().get(pk=committee.pk)
        number = check_new(committee=committee, document=document, if_taken=if_taken)
        venue, venue_created = _venue(document.venue)
        meeting = Meeting.objects.create(
            committee=committee,
            fiscal_year=fiscal_year(document.date),
            number=number,
            date=document.date,
            start_time=document.start_time,
            end_time=document.end_time
            if document.start_time is None
            or document.end_time is None
            or document.end_time > document.start_time
            else None,
            venue=venue,
            status=Meeting.Status.HELD,
        )
        minutes = Minutes.objects.create(meeting=meeting)
        entries: list[MinutesEntry] = []
        numbers: dict[str, int] = {}
        decided: list[tuple[AgendaItem, ReadDecision]] = []
        for planned in planned_items(document):
            row = AgendaItem.objects.create(
                meeting=meeting,
                category=planned.category,
                number=planned.number,
                title=planned.title,
            )
            numbers[planned.category] = planned.number
            entries.extend(entry_rows(meeting, row, planned.item.entries))
            decision = planned.item.decision or read_decision(planned.item)
            if decision is not None and decision.entry is not None:
                decided.append((row, decision))
        MinutesEntry.objects.bulk_create(entries)
        for row, decision in decided:
            _record_decision(row, decision)
        outcome = Outcome(meeting=meeting, minutes=minutes, venue_created=venue_created)
        members = _members(committee)
        seen: set[int] = set()
        for names, status in (
            (document.online, Attendance.Status.ONLINE),
            (document.attendees, Attendance.Status.PRESENT),
            (document.absentees, Attendance.Status.ABSENT),
        ):
            for name in names:
                member = _match(name, members)
                if member is not None and member.pk in seen:
                    continue  # online attendees are listed among the attendees too
                if member is None:
                    if name not in outcome.unmatched:
                        outcome.unmatched.append(name)
                    continue
                seen.add(member.pk)
                Attendance.objects.create(meeting=meeting, member=member, status=status)
                if status != Attendance.Status.ABSENT:
                    outcome.matched.append(name)
        # The header as printed (all names, in the document's order), whoever is a member.
        minutes.recorded_header = recorded_header(
            document,
            organization=committee.center.name if organization is None else organization,
        )
        roles = {name: role for name, role in document.roles.items() if role}
        if roles:
            # 理事長, 監事, 部会長 as the header printed them (none of them is a 委員).
            minutes.recorded_header["roles"] = roles
        minutes.save(update_fields=["recorded_header"])
        version = None
        if publish:
            version = minutes_confirm(
                actor=actor,
                minutes=minutes,
                imported=True,
                approval={"imported": True, "source": source, "source_sha256": sha256},
            )
        minutes.refresh_from_db()
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.imported",
            obj=minutes,
            changes={
                "source": source,
                "source_sha256": sha256,
                "via": "web" if actor is not None else "command",
                "meeting": meeting.code,
                "items": sum(numbers.values()),
                "entries": len(entries),
                "attendees": outcome.matched,
                "unmatched_names": outcome.unmatched,
                "venue": document.venue or "",
                "venue_created": venue_created,
                "decisions": len(decided),
                "published": publish,
                "sha256": version.sha256 if version is not None else "",
            },
        )
    return outcome


def minutes_import_new_committee(
    *,
    actor,
    center,
    name: str,
    document: Document,
    source: str,
    sha256: str = "",
    if_taken: str = IF_TAKEN_NEXT,
    publish: bool = True,
    slug: str | None = None,
) -> Outcome:
    """:func:`minutes_import` into a committee created for it (the minutes of another body,
    with the short name ``slug`` when given): both or neither. The center's name is never
    printed as that body's organisation."""
    with transaction.atomic():
        committee = committee_create(actor=actor, center=center, name=name, slug=slug or None)
        return minutes_import(
            actor=actor,
            committee=committee,
            document=document,
            source=source,
            sha256=sha256,
            if_taken=if_taken,
            publish=publish,
            organization="",
        )


def imported_minutes_publish(*, actor, minutes: Minutes) -> Minutes:
    """Publish minutes imported unpublished (``publish=False``): confirmed (確定稿) as the import
    would have confirmed them, with the source the import recorded. ImportRefused for minutes
    that were not imported or are confirmed already."""
    from kyodo.committees.services.versions import minutes_confirm
    from kyodo.core.models import AuditEntry

    require_role(actor, Role.STAFF)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        imported = (
            AuditEntry.objects.filter(
                action="kyodo.committees.minutes.imported", object_id=str(minutes.pk)
            )
            .order_by("-pk")
            .first()
        )
        if imported is None or not minutes.recorded_header or minutes.is_confirmed:
            raise ImportRefused(_("公開できるのは、公開せずに取り込んだ会議録だけです。"))
        changes = imported.changes or {}
        minutes_confirm(
            actor=actor,
            minutes=minutes,
            imported=True,
            approval={
                "imported": True,
                "source": changes.get("source", ""),
                "source_sha256": changes.get("source_sha256", ""),
            },
        )
        minutes.refresh_from_db()
    return minutes
