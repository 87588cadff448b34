"""Confirmed minutes (確定稿) as frozen versions: confirming writes version 1, each correction (訂正)
the next one, and nothing else ever changes them.

A version holds the whole document as printed that day (``documents.build_document``: header with
the center, committee, attendees, absentees, online attendance and 事務局 as they stood; sections,
items, entries and decisions; closing) plus how the minutes were approved, as canonical JSON with
its SHA-256. The public page, the files, the API, the feeds and the public search index read the
current version, so renaming a member, the committee or the center later changes no confirmed
minutes. ``minutes_confirm`` serves both minutes written here and imported ones.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from kyodo.committees.documents import (
    build_document,
    decision_sentence,
    document_refs,
    sha256_of,
    version_document,
)
from kyodo.committees.exceptions import CommitteeError, InvalidInput
from kyodo.committees.models import (
    AgendaItem,
    Decision,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    PublishedEntry,
)
from kyodo.committees.services.common import index_meeting
from kyodo.committees.services.minutes import entry_row, preview_entries
from kyodo.core.audit import audit_log
from kyodo.core.roles import Role, require_role
from kyodo.core.text import match_key
from kyodo.minutes_text import Minutes as Document
from kyodo.minutes_text import render_entries, render_minutes


class NotApproved(CommitteeError):
    default_message = gettext_lazy(
        "These minutes have not been approved yet: record the approval at a held meeting first."
    )


_CATEGORY_OF_HEADING = {ja: category for category, ja in AgendaItem.CATEGORY_JA.items()}


def approval_of(item: AgendaItem) -> dict:
    """What a version records of the approval: the meeting and item, and any override."""
    decision = item.decision
    approval = {
        "meeting": str(item.meeting),
        "meeting_code": item.meeting.code,
        "date": item.meeting.date.isoformat(),
        "item": item.title,
        "outcome": decision.outcome,
        "method": decision.method,
    }
    if decision.override_reason:
        approval["override"] = decision.override_reason
    return approval


def _write_version(
    *, minutes: Minutes, document: Document, approval: dict, actor, reason: str = ""
) -> MinutesVersion:
    """Freeze ``document`` as the next version of ``minutes`` and make it the current one."""
    number = (minutes.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    document.status = "確定稿"
    data = document.to_dict() | {"approval": approval}
    version = MinutesVersion.objects.create(
        minutes=minutes,
        number=number,
        document=data,
        sha256=sha256_of(data),
        refs=document_refs(document),
        reason=reason,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _publish_entries(version, document)
    minutes.current_version = version
    minutes.save(update_fields=["current_version"])
    return version


def _publish_entries(version: MinutesVersion, document: Document) -> None:
    """The version's entries as rows (statements API, public search index)."""
    rows = []
    ordinal = statements = 0
    for section in document.sections:
        category = _CATEGORY_OF_HEADING.get(section.category, "")
        for item in section.items:
            for entry in item.entries:
                ordinal += 1
                statement = entry.kind == "statement"
                statements += statement
                rows.append(
                    PublishedEntry(
                        version=version,
                        meeting_id=version.minutes.meeting_id,
                        ordinal=ordinal,
                        statement_number=statements if statement else None,
                        category=category,
                        heading=section.category[:100],
                        item_number=item.number,
                        item_title=item.title[:300],
                        kind=entry.kind,
                        speaker=(entry.speaker or "")[:200] if statement else "",
                        text=entry.text,
                        ref=entry.ref,
                    )
                )
    PublishedEntry.objects.bulk_create(rows)


def minutes_confirm(
    *, actor, minutes: Minutes, approval: dict | None = None, imported: bool = False
) -> MinutesVersion:
    """Confirm minutes (確定): freeze them as version 1 and publish them.

    Minutes written here must have been approved (a decision at a held, quorate meeting; see
    ``decision_record``); their approval is taken from that decision. Imported minutes were
    approved long ago: ``imported=True`` with ``approval`` saying where they came from.
    ``actor`` is None only for an import run from the command line.
    """
    if actor is not None or not imported:
        require_role(actor, Role.STAFF)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if minutes.is_confirmed:
            raise InvalidInput(_("These minutes are already confirmed."))
        if not imported:
            if minutes.status != Minutes.Status.APPROVED or minutes.approved_at is None:
                raise NotApproved()
            approval = approval_of(
                AgendaItem.objects.select_related("meeting__committee", "decision").get(
                    pk=minutes.approved_at_id
                )
            )
        if not imported:
            # The monthly report the meeting heard, if not handed out yet, is kept as it is
            # now: confirmed minutes never read it from rows that can still change.
            from kyodo.reports.services import meeting_reports_freeze

            meeting_reports_freeze(actor=actor, meeting=minutes.meeting)
        minutes.status = Minutes.Status.CONFIRMED
        minutes.confirmed_at = timezone.now()
        minutes.save(update_fields=["status", "confirmed_at"])
        document = build_document(_fresh(minutes))
        version = _write_version(
            minutes=minutes, document=document, approval=approval or {}, actor=actor
        )
        index_meeting(minutes.meeting_id)
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.confirmed",
            obj=minutes,
            changes={
                "version": 1,
                "sha256": version.sha256,
                **{
                    key: value
                    for key, value in (
                        ("approved_at", (approval or {}).get("meeting")),
                        ("imported", (approval or {}).get("imported")),
                        ("override", (approval or {}).get("override")),
                    )
                    if value
                },
            },
        )
    return version


def _fresh(minutes: Minutes) -> Minutes:
    """``minutes`` with the rows the document is built from, read inside the transaction."""
    from kyodo.committees.selectors import meeting_with_agenda

    minutes.meeting = meeting_with_agenda(pk=minutes.meeting_id)
    return minutes


# --- corrections -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemPlace:
    """Where an item sits in a document: indexes of its section and of the item in it."""

    section: int
    item: int


def item_places(document: Document) -> list[tuple[ItemPlace, str]]:
    """Every item of a document with its printed heading (「2．審議事項　1．…」)."""
    places = []
    for s, section in enumerate(document.sections):
        for i, item in enumerate(section.items):
            label = f"{section.number}．{section.category}　{item.number}．{item.title}".strip()
            places.append((ItemPlace(s, i), label))
    return places


def item_text(document: Document, place: ItemPlace) -> str:
    """The current text of one item in the house format (what the correction form starts from)."""
    return render_entries(document.sections[place.section].items[place.item].entries)


def minutes_correct(
    *,
    actor,
    minutes: Minutes,
    place: ItemPlace,
    text: str,
    reason: str,
    based_on: int | None = None,
) -> MinutesVersion:
    """Correct one item of confirmed minutes (訂正): version n+1 with the reason and the author.

    The new version is the current one with that item's entries replaced, so everything else it
    printed (header, other items) stays exactly as frozen. ``based_on`` is the version the text
    was taken from: when another correction came first, this one is refused (nothing is lost
    silently). The item's decision stays stated once:
    by the entry that states it if the corrected text keeps one, else by its ○ line at the end.
    The item's rows follow, so that staff see the same entries.
    """
    require_role(actor, Role.STAFF)
    if not reason.strip():
        raise InvalidInput(_("Give the reason for the correction."))
    entries = preview_entries(text)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if not minutes.is_confirmed or minutes.current_version is None:
            raise InvalidInput(
                _("Draft minutes are edited directly; corrections are for confirmed minutes.")
            )
        current = minutes.current_version
        if based_on is not None and based_on != current.number:
            raise InvalidInput(
                _(
                    "Someone else corrected these minutes first (version %(number)d): start again "
                    "from the current text."
                )
                % {"number": current.number}
            )
        document = version_document(current)
        try:
            section = document.sections[place.section]
            frozen = section.items[place.item]
        except IndexError:
            raise InvalidInput(_("Choose an item of these minutes.")) from None
        if [e.to_dict() for e in entries] == [e.to_dict() for e in frozen.entries]:
            raise InvalidInput(_("The text is the same as the current version."))
        row = _item_row(minutes, section.category, frozen)
        decision = getattr(row, "decision", None) if row else None
        if row is not None:
            _rows_corrected(minutes.meeting, row, frozen.entries, entries)
        item = copy.deepcopy(frozen)
        item.entries = entries
        _restate_decision(item, frozen, decision)
        if decision is not None:
            stated = item.decision.entry if item.decision else None
            decision.entry_id = item.entries[stated].ref if stated is not None else None
            decision.save(update_fields=["entry"])
        section.items[place.item] = item
        approval = current.document.get("approval", {})
        version = _write_version(
            minutes=minutes,
            document=document,
            approval=approval,
            actor=actor,
            reason=reason.strip(),
        )
        index_meeting(minutes.meeting_id)
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.corrected",
            obj=minutes,
            changes={
                "version": version.number,
                "reason": version.reason,
                "item": frozen.title,
                "sha256": version.sha256,
            },
        )
    return version


def _rows_corrected(meeting, row: AgendaItem, before: list, after: list) -> None:
    """Write a corrected item's entries ``after`` as ``row``'s rows, setting each one's ``ref``.

    Each turn the correction left as it was, or changed where it stood, keeps its row and so its
    anchor (``#entry-<pk>``: the address a citation of the minutes, the search index and the
    API's statements give): turns are paired in order with ``difflib`` on (kind, speaker, text),
    unchanged ones in place and changed ones with the new turn most like them
    (:func:`_similar_pairs`); only turns added get new rows, and only turns taken out lose
    theirs. A correction request naming a kept turn keeps naming it."""
    existing = {entry.pk: entry for entry in row.entries.all()}

    def key(entry) -> tuple:
        return (entry.kind, "".join((entry.speaker or "").split()), entry.text)

    kept: list[int | None] = [None] * len(after)
    matcher = difflib.SequenceMatcher(
        None, [key(e) for e in before], [key(e) for e in after], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs = [(i1 + n, j1 + n) for n in range(i2 - i1)]
        elif tag == "replace":
            pairs = [
                (i1 + i, j1 + j)
                for i, j in _similar_pairs(
                    [key(e) for e in before[i1:i2]], [key(e) for e in after[j1:j2]]
                )
            ]
        else:
            continue
        for i, j in pairs:
            ref = before[i].ref
            kept[j] = ref if ref in existing else None
    rows = [entry_row(meeting, row, i, e) for i, e in enumerate(after, start=1)]
    for stored, ref in zip(rows, kept, strict=True):
        stored.pk = ref
    row.entries.exclude(pk__in=[ref for ref in kept if ref is not None]).delete()
    MinutesEntry.objects.bulk_update(
        [stored for stored in rows if stored.pk is not None],
        ["position", "kind", "speaker", "member", "text"],
    )
    MinutesEntry.objects.bulk_create([stored for stored in rows if stored.pk is None])
    for entry, stored in zip(after, rows, strict=True):
        entry.ref = stored.pk


# How alike a changed turn must stay to its old self to keep its anchor (difflib's ratio).
SAME_TURN = 0.5


def _similar_pairs(old: list[tuple], new: list[tuple]) -> list[tuple[int, int]]:
    """Which old turns of a changed stretch live on as which new ones: pairs (old, new) in order
    that make the turns most alike in all (a turn inserted before a turn that was also edited
    does not take its place), each pair alike enough (``SAME_TURN``) and of one kind."""

    def likeness(a: tuple, b: tuple) -> float:
        if a[0] != b[0]:
            return 0.0
        ratio = difflib.SequenceMatcher(None, a[1] + a[2], b[1] + b[2], autojunk=False).ratio()
        return ratio if ratio >= SAME_TURN else 0.0

    # best[i][j]: the best total likeness of old[i:] with new[j:] (order kept).
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            pair = likeness(old[i], new[j])
            best[i][j] = max(
                best[i + 1][j], best[i][j + 1], pair + best[i + 1][j + 1] if pair else 0.0
            )
    pairs, i, j = [], 0, 0
    while i < len(old) and j < len(new):
        pair = likeness(old[i], new[j])
        if pair and best[i][j] == pair + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _item_row(minutes: Minutes, heading: str, item) -> AgendaItem | None:
    category = _CATEGORY_OF_HEADING.get(heading)
    if category is None:
        return None
    return (
        AgendaItem.objects.select_related("decision")
        .filter(meeting=minutes.meeting_id, category=category, number=item.number)
        .first()
    )


def _restate_decision(item, frozen, decision: Decision | None) -> None:
    """Keep the item's decision printed once after its entries were replaced (``frozen`` is the
    item as the current version printed it, ``decision`` its row if there is one)."""
    if frozen.decision is None:
        return
    item.decision = copy.deepcopy(frozen.decision)
    stated = frozen.decision.entry
    if decision is not None:
        sentence = decision_sentence(decision)
    else:
        sentence = frozen.entries[stated].text if stated is not None else ""
    key = match_key(sentence) if sentence else ""
    stated = next(
        (
            i
            for i, e in enumerate(item.entries)
            if e.kind == "note" and key and key in match_key(e.text)
        ),
        None,
    )
    if stated is None and sentence:
        from kyodo.minutes_text import Entry

        item.entries.append(Entry(kind="note", text=sentence))
        stated = len(item.entries) - 1
    item.decision.entry = stated


def correction_preview(document: Document, place: ItemPlace, entries) -> list[DiffLine]:
    """How a correction would change one item's text (before saving it)."""
    item = document.sections[place.section].items[place.item]
    return _diff(render_entries(item.entries).splitlines(), render_entries(entries).splitlines())


# --- reading versions --------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    """One line of a difference. A removed line paired with the added line that replaces it
    carries ``parts``: its text cut into (changed, text) pieces, so that a one-character fix in a
    long paragraph shows which characters changed, not only that the paragraph did."""

    op: str  # "same" | "removed" | "added"
    text: str
    parts: tuple[tuple[bool, str], ...] = field(default=(), compare=False)

    @property
    def html(self) -> SafeString:
        """The line as the difference pages print it: −/+ with words for screen readers, and
        the changed characters inside a replaced line in <del>/<ins> with words too (the marks
        are struck through and underlined: not told by colour alone)."""
        if self.op == "same":
            return conditional_escape(self.text or " ")
        removed = self.op == "removed"
        tag, sign = ("del", "−") if removed else ("ins", "+")
        label = _("Removed:") if removed else _("Added:")
        if not self.parts:
            return format_html(
                '<{0}><span class="visually-hidden">{1} </span>{2} {3}</{0}>',
                tag,
                label,
                sign,
                self.text,
            )
        start, end = (
            (_("Removed characters:"), pgettext("diff", "end of removed"))
            if removed
            else (_("Added characters:"), pgettext("diff", "end of added"))
        )
        pieces = format_html_join(
            "",
            "{}",
            (
                (
                    format_html(
                        '<{0} class="diff-chars"><span class="visually-hidden">{1} </span>{2}'
                        '<span class="visually-hidden"> {3}</span></{0}>',
                        tag,
                        start,
                        text,
                        end,
                    )
                    if changed
                    else text,
                )
                for changed, text in self.parts
            ),
        )
        return format_html(
            '<span class="visually-hidden">{} </span><span aria-hidden="true">{} </span>{}',
            _("Changed line, before:") if removed else _("Changed line, after:"),
            sign,
            pieces,
        )


# Below this similarity a replaced line is shown whole (removed, then added): highlighting
# characters of two unrelated lines marks nearly everything and helps nobody.
_SIMILAR_ENOUGH = 0.5


def _char_parts(
    old: str, new: str
) -> tuple[tuple[tuple[bool, str], ...], tuple[tuple[bool, str], ...]] | None:
    """(old's parts, new's parts) marking the characters that differ, or None when the lines
    are too different to be read as one line changed."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    if matcher.ratio() < _SIMILAR_ENOUGH:
        return None
    before: list[tuple[bool, str]] = []
    after: list[tuple[bool, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            before.append((False, old[i1:i2]))
            after.append((False, new[j1:j2]))
            continue
        if i2 > i1:
            before.append((True, old[i1:i2]))
        if j2 > j1:
            after.append((True, new[j1:j2]))
    return tuple(before), tuple(after)


def version_diff(older: MinutesVersion, newer: MinutesVersion) -> list[DiffLine]:
    """The text of two versions compared line by line (what changed between them)."""
    return _diff(
        render_minutes(version_document(older)).splitlines(),
        render_minutes(version_document(newer)).splitlines(),
    )


def _diff(a: list[str], b: list[str]) -> list[DiffLine]:
    lines: list[DiffLine] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            lines += [DiffLine("same", t) for t in a[i1:i2]]
            continue
        removed, added = a[i1:i2], b[j1:j2]
        if op == "replace" and len(removed) == len(added):
            # Lines replaced one for one: each pair is shown with its changed characters.
            for old, new in zip(removed, added, strict=True):
                parts = _char_parts(old, new)
                if parts is None:
                    lines += [DiffLine("removed", old), DiffLine("added", new)]
                else:
                    lines += [
                        DiffLine("removed", old, parts[0]),
                        DiffLine("added", new, parts[1]),
                    ]
            continue
        lines += [DiffLine("removed", t) for t in removed]
        lines += [DiffLine("added", t) for t in added]
    return lines


@dataclass(frozen=True)
class Mismatch:
    version: MinutesVersion
    problem: str


def versions_verify() -> tuple[int, list[Mismatch]]:
    """Re-hash every stored version: (versions checked, the ones that do not verify)."""
    checked = 0
    mismatches: list[Mismatch] = []
    current = dict(
        Minutes.objects.filter(current_version__isnull=False).values_list("pk", "current_version")
    )
    newest = {
        row["minutes"]: row["n"]
        for row in MinutesVersion.objects.values("minutes").annotate(n=Max("number"))
    }
    for version in MinutesVersion.objects.select_related("minutes__meeting__committee").order_by(
        "minutes", "number"
    ):
        checked += 1
        if sha256_of(version.document) != version.sha256:
            mismatches.append(Mismatch(version, "hash"))
        elif (
            version.number == newest.get(version.minutes_id)
            and current.get(version.minutes_id) != version.pk
        ):
            mismatches.append(Mismatch(version, "current"))
    return checked, mismatches
