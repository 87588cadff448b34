"""Keeping :class:`SearchDocument` rows in step with their sources.

Each ``reindex_*`` builds the wanted documents of one scope (a meeting's statements, one event,
…), compares them with the stored ones and writes only the difference; SudachiPy runs only for
texts whose hash changed. Called explicitly by the services that change indexed content, once,
at the end of their transaction, so the index rows commit (or roll back) with the data: no
model signal wires the apps together. Most services call :func:`index` with what they changed
(an event, a group, a page …) or :func:`forget` with what they delete; the committee services
call :func:`reindex_meeting`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse

from kyodo.core.wareki import WarekiError, fiscal_year, format_wareki
from kyodo.search import engine
from kyodo.search.models import SearchDocument
from kyodo.search.text import fold, index_text, label_keys, speaker_role

Kind = SearchDocument.Kind
Audience = SearchDocument.Audience


# Part of every source hash: a change in how the index text is made (the readings, v2; the
# variant kanji folded, v3; 「・」「=」「゠」 passed over and dashes read as ー by match_key, v4)
# makes each document's text stale, so the next reindex of it (or ``kyodo search reindex``,
# which migrations 0005 and 0006 run) renews it.
INDEX_TEXT_VERSION = "v4"


@dataclass
class Spec:
    object_id: int
    index_fields: tuple[str, ...]
    fields: dict = field(default_factory=dict)
    # Stored readings of the names in the document (a group's ふりがな), beside SudachiPy's.
    readings: tuple[str, ...] = ()

    @property
    def source_hash(self) -> str:
        joined = "\x1f".join((INDEX_TEXT_VERSION, *self.index_fields, "\x1e", *self.readings))
        return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()

    def norm(self) -> str:
        return index_text(*self.index_fields, readings=self.readings)


def _row(doc: SearchDocument) -> engine.Row:
    return (doc.pk, doc.fts_key, doc.norm, engine.attr_tokens(doc))


def _sync(kind: str, existing: Iterable[SearchDocument], specs: list[Spec]) -> None:
    current = {d.object_id: d for d in existing}
    wanted = {s.object_id for s in specs}
    gone = [d for oid, d in current.items() if oid not in wanted]
    if gone:
        engine.delete_tokens(_row(d) for d in gone)
        SearchDocument.objects.filter(pk__in=[d.pk for d in gone]).delete()
    creates: list[SearchDocument] = []
    updates: list[SearchDocument] = []
    rows: list[engine.Row] = []
    previous: list[engine.Row] = []
    for spec in specs:
        digest = spec.source_hash
        doc = current.get(spec.object_id)
        if doc is None:
            doc = SearchDocument(
                kind=kind,
                object_id=spec.object_id,
                norm=spec.norm(),
                source_hash=digest,
                **spec.fields,
            )
            creates.append(doc)
            continue
        before = _row(doc)
        changed = False
        if doc.source_hash != digest:
            doc.norm, doc.source_hash = spec.norm(), digest
            changed = True
        for name, value in spec.fields.items():
            if getattr(doc, name) != value:
                setattr(doc, name, value)
                changed = True
        doc.fts_key = engine.fts_key(doc.date, doc.kind, doc.object_id)
        after = _row(doc)
        if changed or after != before:
            updates.append(doc)
        if after != before:
            previous.append(before)
            rows.append(after)
    if creates:
        SearchDocument.objects.bulk_create(creates)
        for doc in creates:
            doc.fts_key = engine.fts_key(doc.date, doc.kind, doc.object_id)
            rows.append(_row(doc))
        SearchDocument.objects.bulk_update(creates, ["fts_key"])
    if updates:
        names = ["norm", "source_hash", "fts_key", *{n for s in specs for n in s.fields}]
        SearchDocument.objects.bulk_update(updates, names)
    engine.write_tokens(rows, previous)


def remove(kind: str, object_ids: Iterable[int]) -> None:
    docs = list(SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)))
    if docs:
        engine.delete_tokens(_row(d) for d in docs)
        SearchDocument.objects.filter(pk__in=[d.pk for d in docs]).delete()


# --- minutes statements ------------------------------------------------------------------------

# The labels of an office one person holds at a time: whoever holds it is on the committee's
# public roster, so the public may find the chair's statements by the chair's name. A statement
# printed as 委員 stays anonymous (that is what printing by role is for).
_OFFICES = ("委員長", "副委員長")


def speaker_keys(label: str, *, name: str = "", office_only: bool = False) -> str:
    """The speaker key column of a statement: the label's keys (``text.label_keys``: the folded
    label, and 「坂口委員」 for 「坂口　美和委員」) and, when the member is known,
    the folded name with the role (「委員長」 → 「委員長」 and 「熊田委員長」, so that the speaker
    filter finds 熊田, 熊田委員長 and 委員長). ``office_only``: only for 委員長 and 副委員長 printed
    by their role alone (the public key)."""
    keys = label_keys(label) or [""]
    role = speaker_role(label)
    if name and role and (not office_only or "".join(label.split()) in _OFFICES):
        named = fold(name + role)
        if not any(named in key for key in keys):
            keys.append(named)
    return "\n".join(keys)[:200]


def _entry_specs(meeting, entry_ids: set[int] | None = None) -> list[Spec]:
    """The statements of one meeting: confirmed minutes from their current version (what was
    published, never rows that can still change), drafts from their rows (staff only)."""
    from kyodo.committees.models import Minutes

    minutes = Minutes.objects.select_related("current_version").filter(meeting=meeting).first()
    if minutes is None:
        return []
    if minutes.is_published:
        return _published_specs(meeting, minutes, entry_ids)
    return _draft_specs(meeting, minutes, entry_ids)


def _members_of(refs: list[int]) -> dict[int, str]:
    """The member's name of each statement row (by id) that names its member."""
    from kyodo.committees.models import MinutesEntry

    rows = MinutesEntry.objects.filter(pk__in=refs, member__isnull=False)
    return dict(rows.values_list("pk", "member__name"))


def _published_specs(meeting, minutes, entry_ids: set[int] | None) -> list[Spec]:
    from kyodo.committees.documents import meeting_name
    from kyodo.committees.models import PublishedEntry

    version = minutes.current_version
    title = meeting_name(version.document)
    rows = PublishedEntry.objects.filter(version=version, ref__isnull=False)
    if entry_ids is not None:
        rows = rows.filter(ref__in=entry_ids)
    rows = list(rows)
    members = _members_of([row.ref for row in rows if row.kind == "statement"])
    public_url = reverse("committees:minutes", args=[minutes.pk])
    staff_url = reverse("committees-staff:minutes", args=[minutes.pk])
    specs = []
    for row in rows:
        anchor = f"#entry-{row.ref}"
        statement = row.kind == "statement"
        name = "".join(members.get(row.ref, "").split()) if statement else ""
        staff_label = row.speaker
        if name and name not in "".join(staff_label.split()):
            staff_label = f"{staff_label}（{name}）"
        specs.append(
            Spec(
                object_id=row.ref,
                index_fields=(row.text,),
                fields={
                    "audience": Audience.PUBLIC,
                    "date": meeting.date,
                    "fiscal_year": meeting.fiscal_year,
                    "committee_id": meeting.committee_id,
                    "meeting_id": meeting.pk,
                    "category": row.category,
                    "speaker_role": speaker_role(row.speaker) if statement else "",
                    "speaker_public": row.speaker,
                    "speaker_staff": staff_label[:200],
                    "speaker_public_key": speaker_keys(row.speaker, name=name, office_only=True),
                    "speaker_staff_key": speaker_keys(row.speaker, name=name),
                    "seq": row.ordinal,
                    "title": title[:300],
                    "subtitle": row.item_title[:300],
                    "url": public_url + anchor,
                    "staff_url": staff_url + anchor,
                    "text": row.text,
                },
            )
        )
    return specs


def _draft_specs(meeting, minutes, entry_ids: set[int] | None) -> list[Spec]:
    from kyodo.committees.documents import speaker_label
    from kyodo.committees.models import AgendaItem, MinutesEntry, SpeakerLabels

    committee = meeting.committee
    by_name = committee.speaker_labels == SpeakerLabels.NAME
    by_role = committee.speaker_labels == SpeakerLabels.ROLE
    title = str(meeting)
    order = {c: i for i, c in enumerate(AgendaItem.CATEGORY_ORDER)}
    entries = MinutesEntry.objects.filter(item__meeting=meeting).select_related("item", "member")
    if entry_ids is not None:
        entries = entries.filter(pk__in=entry_ids)
    staff_url = reverse("committees-staff:minutes", args=[minutes.pk])
    specs = []
    for entry in entries:
        item = entry.item
        statement = entry.kind == MinutesEntry.Kind.STATEMENT
        public_label = speaker_label(entry, by_name=by_name, by_role=by_role) if statement else ""
        staff_label = entry.speaker
        name = "".join(entry.member.name.split()) if statement and entry.member else ""
        if name and name not in staff_label:
            staff_label = f"{staff_label}（{entry.member.name}）"
        anchor = f"#entry-{entry.pk}"
        specs.append(
            Spec(
                object_id=entry.pk,
                index_fields=(entry.text,),
                fields={
                    "audience": Audience.STAFF,
                    "date": meeting.date,
                    "fiscal_year": meeting.fiscal_year,
                    "committee_id": committee.pk,
                    "meeting_id": meeting.pk,
                    "category": item.category,
                    "speaker_role": speaker_role(entry.speaker) if statement else "",
                    "speaker_public": public_label,
                    "speaker_staff": staff_label,
                    "speaker_public_key": speaker_keys(public_label, name=name, office_only=True),
                    "speaker_staff_key": speaker_keys(staff_label, name=name),
                    "seq": order.get(item.category, 9) * 10**9
                    + item.number * 10**6
                    + entry.position,
                    "title": title[:300],
                    "subtitle": item.title[:300],
                    "url": staff_url + anchor,
                    "staff_url": staff_url + anchor,
                    "text": entry.text,
                },
            )
        )
    return specs


# --- minutes as a whole: the meeting, its agenda and who attended ------------------------------


def _day_texts(day) -> list[str]:
    """A date as people search for it: 「平成23年1月18日(火)」 and 「2011年1月18日」."""
    if day is None:
        return []
    texts = [f"{day.year}年{day.month}月{day.day}日"]
    try:
        texts.insert(0, format_wareki(day))
    except WarekiError:
        pass
    return texts


def minutes_lines(document) -> list[str]:
    """What a minutes document (:class:`kyodo.minutes_text.Minutes`) prints about its meeting,
    as lines: date, venue, who attended (members, online, absent, secretariat with their
    titles, observers) and the agenda (sections and item titles). Japanese, as the minutes."""
    lines = []
    if days := _day_texts(document.date):
        lines.append(f"■開催日時：{days[0]}")
    if document.venue:
        lines.append(f"■開催会場：{document.venue}")
    for heading, names in (
        ("出席委員", document.attendees),
        ("オンライン出席", document.online),
        ("欠席委員", document.absentees),
        ("事務局", [s.label for s in document.secretariat]),
        ("監事等", document.also_attending),
        ("オブザーバー", document.observers),
    ):
        if names:
            lines.append(f"■{heading}：" + "、".join(names))
    agenda = [
        f"{section.number}．{section.category} "
        + " ".join(f"{item.number}．{item.title}" for item in section.items)
        for section in document.sections
    ]
    agenda = agenda or list(document.agenda or [])
    if agenda:
        lines.append("■議題：" + "　".join(agenda))
    return lines


def _minutes_spec(meeting, minutes) -> Spec:
    """The minutes of one meeting as one document, so that the meeting's name (第9回,
    平成22年度), its date, its agenda items' titles and the names printed in its attendance
    lists find it: confirmed minutes from their current frozen version (never rows that can
    still change), drafts from their rows (staff only)."""
    from kyodo.committees.documents import build_document, meeting_name, version_document

    public = minutes.is_published
    if public:
        document = version_document(minutes.current_version)
        name = meeting_name(minutes.current_version.document)
    else:
        document = build_document(minutes)
        name = str(meeting)
    lines = minutes_lines(document)
    fy = document.fiscal_year or meeting.fiscal_year
    staff_url = reverse("committees-staff:minutes", args=[minutes.pk])
    return Spec(
        object_id=minutes.pk,
        index_fields=(
            name,
            document.title,
            f"{fy}年度" if fy else "",
            *_day_texts(document.date or meeting.date),
            *lines,
        ),
        fields={
            "audience": Audience.PUBLIC if public else Audience.STAFF,
            "date": meeting.date,
            "fiscal_year": meeting.fiscal_year,
            "committee_id": meeting.committee_id,
            "meeting_id": meeting.pk,
            "title": name[:300],
            "subtitle": "",
            "url": reverse("committees:minutes", args=[minutes.pk]) if public else staff_url,
            "staff_url": staff_url,
            "text": "\n".join(lines),
        },
    )


def _meeting_minutes_specs(meeting) -> list[Spec]:
    """The minutes of ``meeting`` as a whole: confirmed ones always, drafts once they have an
    entry (a meeting that may still be deleted, ``meeting_delete``, has none)."""
    from kyodo.committees.models import Minutes, MinutesEntry

    minutes = Minutes.objects.select_related("current_version").filter(meeting=meeting).first()
    if minutes is None:
        return []
    if not minutes.is_published and not MinutesEntry.objects.filter(item__meeting=meeting).exists():
        return []
    return [_minutes_spec(meeting, minutes)]


def reindex_meeting(meeting) -> None:
    """Every statement of one meeting, and its minutes as a whole (its minutes' status decides
    who may find them)."""
    from kyodo.committees.models import Meeting

    if not isinstance(meeting, Meeting):
        meeting_id = meeting
        meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
        if meeting is None:  # deleted: nothing of it is found any more
            for kind in (Kind.ENTRY, Kind.MINUTES):
                existing = SearchDocument.objects.filter(kind=kind, meeting_id=meeting_id)
                _sync(kind, existing, [])
            return
    existing = SearchDocument.objects.filter(kind=Kind.ENTRY, meeting_id=meeting.pk)
    _sync(Kind.ENTRY, existing, _entry_specs(meeting))
    existing = SearchDocument.objects.filter(kind=Kind.MINUTES, meeting_id=meeting.pk)
    _sync(Kind.MINUTES, existing, _meeting_minutes_specs(meeting))


def reindex_entry(entry) -> None:
    """One statement (a single edit); the rest of its meeting is unchanged."""
    meeting = entry.item.meeting
    existing = SearchDocument.objects.filter(kind=Kind.ENTRY, object_id=entry.pk)
    _sync(Kind.ENTRY, existing, _entry_specs(meeting, {entry.pk}))


# --- events, groups, consultations -------------------------------------------------------------


def _event_spec(event, *, public: bool) -> Spec:
    series_reading = event.series.name_reading if event.series_id else ""
    guests = list(event.guests.all())
    venue = event.venue_name
    # Where and with whom, as the event's page says it: found by a venue's or a guest's name.
    facts = []
    if venue:
        facts.append(f"会場：{venue}")
    if guests:
        facts.append(
            "ゲスト・講師："
            + "、".join(f"{g.name}（{g.affiliation}）" if g.affiliation else g.name for g in guests)
        )
    readings = [series_reading, event.venue.name_reading if event.venue_id else ""]
    readings += [g.name_reading for g in guests]
    cancelled = event.status == event.Status.CANCELLED
    return Spec(
        object_id=event.pk,
        index_fields=(event.name, event.theme, event.description, *facts),
        readings=tuple(r for r in readings if r),
        fields={
            "audience": Audience.PUBLIC if public else Audience.STAFF,
            "date": event.date,
            "fiscal_year": fiscal_year(event.date),
            "status": SearchDocument.Status.CANCELLED if cancelled else "",
            "title": event.name[:300],
            "subtitle": event.theme[:300],
            "url": reverse("events:detail", args=[event.pk])
            if public
            else reverse("events-staff:event", args=[event.pk]),
            "staff_url": reverse("events-staff:event", args=[event.pk]),
            "text": "\n".join(t for t in (event.theme, event.description, *facts) if t),
        },
    )


def reindex_event(event) -> None:
    from kyodo.events.models import Event

    public = Event.objects.visible().filter(pk=event.pk).exists()
    existing = SearchDocument.objects.filter(kind=Kind.EVENT, object_id=event.pk)
    _sync(Kind.EVENT, existing, [_event_spec(event, public=public)])


def _group_spec(org, *, public: bool) -> Spec:
    from kyodo.organizations.models import PublishableField

    # Published fields only: what the public directory shows, whatever the audience.
    shown = [org.description if org.is_published(PublishableField.DESCRIPTION) else ""]
    if org.is_published(PublishableField.AREA):
        shown.append(org.area)
    if org.is_published(PublishableField.ACTIVITY_FIELDS):
        shown.append("／".join(org.activity_field_labels))
    return Spec(
        object_id=org.pk,
        index_fields=(org.name, *shown),
        readings=(org.name_reading,),
        fields={
            "audience": Audience.PUBLIC if public else Audience.STAFF,
            "date": None,
            "fiscal_year": None,
            "title": org.name[:300],
            "url": reverse("organizations:detail", args=[org.pk])
            if public
            else reverse("organizations-staff:detail", args=[org.pk]),
            "staff_url": reverse("organizations-staff:detail", args=[org.pk]),
            "text": "\n".join(s for s in shown if s),
        },
    )


def reindex_group(org) -> None:
    from kyodo.organizations.models import Organization

    public = Organization.objects.listed().filter(pk=org.pk).exists()
    existing = SearchDocument.objects.filter(kind=Kind.GROUP, object_id=org.pk)
    _sync(Kind.GROUP, existing, [_group_spec(org, public=public)])


def _consultation_spec(c) -> Spec:
    first_line = c.summary.strip().splitlines()[0] if c.summary.strip() else ""
    return Spec(
        object_id=c.pk,
        # Never the client's name or contact: consultations are searched for their substance.
        index_fields=(c.summary, c.advice, c.follow_up_notes),
        fields={
            "audience": Audience.STAFF,
            "date": c.received_on,
            "fiscal_year": fiscal_year(c.received_on),
            "title": first_line[:300],
            "url": reverse("consultations-staff:detail", args=[c.pk]),
            "staff_url": reverse("consultations-staff:detail", args=[c.pk]),
            "text": "\n".join(t for t in (c.summary, c.advice) if t),
        },
    )


def reindex_consultation(c) -> None:
    existing = SearchDocument.objects.filter(kind=Kind.CONSULTATION, object_id=c.pk)
    _sync(Kind.CONSULTATION, existing, [_consultation_spec(c)])


# --- the site's news, pages and case studies --------------------------------------------------


def _plain(markdown_text: str) -> str:
    """Staff-written Markdown as the text a reader sees (no markup characters to match)."""
    from django.utils.html import strip_tags

    from kyodo.core.markup import render_markdown

    return " ".join(strip_tags(render_markdown(markdown_text or "")).split())


def _news_spec(post) -> Spec:
    from django.utils import timezone

    # Only what has appeared: a post dated in the future is staff's until the daily job
    # (index_news_due) or its next save finds it published.
    public = post.is_published and post.published_at <= timezone.now()
    staff_url = reverse("website-staff:news-edit", args=[post.pk])
    day = timezone.localtime(post.published_at).date()
    body = _plain(post.body)
    return Spec(
        object_id=post.pk,
        index_fields=(post.title, body),
        fields={
            "audience": Audience.PUBLIC if public else Audience.STAFF,
            "date": day,
            "fiscal_year": fiscal_year(day),
            "title": post.title[:300],
            "url": post.get_absolute_url() if public else staff_url,
            "staff_url": staff_url,
            "text": body,
        },
    )


def reindex_news(post) -> None:
    existing = SearchDocument.objects.filter(kind=Kind.NEWS, object_id=post.pk)
    _sync(Kind.NEWS, existing, [_news_spec(post)])


def index_news_due() -> int:
    """Daily: news whose publication date has come is found by the public from then on."""
    from kyodo.website.models import NewsPost

    due = SearchDocument.objects.filter(kind=Kind.NEWS, audience=Audience.STAFF)
    posts = NewsPost.objects.published().filter(pk__in=due.values("object_id"))
    count = 0
    with transaction.atomic():
        for post in posts:
            reindex_news(post)
            count += 1
    return count


def _page_spec(page) -> Spec:
    from kyodo.website.selectors import page_search_text

    staff_url = reverse("website-staff:page-edit", args=[page.slug])
    body = page_search_text(page)
    return Spec(
        object_id=page.pk,
        index_fields=(page.title, body),
        fields={
            "audience": Audience.PUBLIC,
            "date": None,
            "fiscal_year": None,
            "title": page.title[:300],
            "url": page.get_absolute_url(),
            "staff_url": staff_url,
            "text": body,
        },
    )


def reindex_page(page) -> None:
    existing = SearchDocument.objects.filter(kind=Kind.PAGE, object_id=page.pk)
    _sync(Kind.PAGE, existing, [_page_spec(page)])


def _case_spec(record) -> Spec:
    groups = list(record.organizations.all())
    departments = list(record.departments.all())
    names = "、".join([o.name for o in groups] + [d.name for d in departments])
    staff_url = reverse("collaboration-staff:record", args=[record.pk])
    public = record.is_published
    return Spec(
        object_id=record.pk,
        index_fields=(
            record.title,
            str(record.get_form_display()),
            names,
            record.description,
            record.outcome,
            record.evaluation,
        ),
        readings=tuple(
            r
            for r in [*(o.name_reading for o in groups), *(d.name_reading for d in departments)]
            if r
        ),
        fields={
            "audience": Audience.PUBLIC if public else Audience.STAFF,
            "date": None,
            "fiscal_year": record.first_fiscal_year,
            "title": record.title[:300],
            "subtitle": names[:300],
            "url": record.get_absolute_url() if public else staff_url,
            "staff_url": staff_url,
            "text": "\n".join(t for t in (record.description, record.outcome) if t),
        },
    )


def reindex_case(record) -> None:
    existing = SearchDocument.objects.filter(kind=Kind.CASE, object_id=record.pk)
    _sync(Kind.CASE, existing, [_case_spec(record)])


# --- what the services call ----------------------------------------------------------------------


def index(*objs) -> None:
    """Bring the index in step with ``objs`` after a service changed them, inside the service's
    transaction: events, a series or a venue (their events), groups (and the case studies naming them),
    consultations, news posts, pages, collaboration records or city departments (their
    records)."""
    for obj in objs:
        _index_one(obj)


def _index_one(obj) -> None:
    label = obj._meta.label
    if label == "events.Event":
        reindex_event(obj)
    elif label == "events.EventSeries":
        for event in obj.events.select_related("series", "venue"):
            reindex_event(event)
    elif label == "core.Venue":
        # Its events are found by its name.
        for event in obj.events.select_related("series", "venue"):
            reindex_event(event)
    elif label == "organizations.Organization":
        reindex_group(obj)
        for record in obj.collaborations.all():
            reindex_case(record)
    elif label == "consultations.Consultation":
        reindex_consultation(obj)
    elif label == "website.NewsPost":
        reindex_news(obj)
    elif label == "website.Page":
        reindex_page(obj)
    elif label == "collaboration.Collaboration":
        reindex_case(obj)
    elif label == "collaboration.Department":
        for record in obj.collaborations.all():
            reindex_case(record)
    elif label == "committees.Meeting":
        reindex_meeting(obj)
    else:
        raise TypeError(f"{label} is not indexed for search")


_KINDS = {
    "events.Event": Kind.EVENT,
    "organizations.Organization": Kind.GROUP,
    "consultations.Consultation": Kind.CONSULTATION,
    "website.NewsPost": Kind.NEWS,
    "website.Page": Kind.PAGE,
    "collaboration.Collaboration": Kind.CASE,
}


def forget(obj) -> None:
    """Drop ``obj``'s document; call it in the service that deletes ``obj``, before the delete
    (while ``obj.pk`` is still set)."""
    remove(_KINDS[obj._meta.label], [obj.pk])


# --- everything --------------------------------------------------------------------------------


def reindex_all(
    progress: Callable[[int], object] | None = None, total: Callable[[int], None] | None = None
) -> int:
    """Rebuild the whole index in one transaction; returns the number of documents."""
    from kyodo.collaboration.models import Collaboration
    from kyodo.committees.models import Meeting
    from kyodo.consultations.models import Consultation
    from kyodo.events.models import Event
    from kyodo.organizations.models import Organization
    from kyodo.website.models import NewsPost, Page

    meetings = Meeting.objects.select_related("committee").order_by("pk")
    events = Event.objects.select_related("series", "venue").prefetch_related("guests")
    events = events.order_by("pk")
    orgs = Organization.objects.order_by("pk")
    consultations = Consultation.objects.order_by("pk")
    news = NewsPost.objects.order_by("pk")
    pages = Page.objects.order_by("pk")
    cases = Collaboration.objects.prefetch_related("organizations", "departments").order_by("pk")
    sources = (meetings, events, orgs, consultations, news, pages, cases)
    if total:
        total(sum(rows.count() for rows in sources))
    step = progress or (lambda n: None)
    visible_events = set(Event.objects.visible().values_list("pk", flat=True))
    listed_groups = set(Organization.objects.listed().values_list("pk", flat=True))
    with transaction.atomic():
        engine.clear()
        for meeting in meetings:
            _sync(Kind.ENTRY, [], _entry_specs(meeting))
            _sync(Kind.MINUTES, [], _meeting_minutes_specs(meeting))
            step(1)
        for kind, rows, make in (
            (Kind.EVENT, events, lambda e: _event_spec(e, public=e.pk in visible_events)),
            (Kind.GROUP, orgs, lambda o: _group_spec(o, public=o.pk in listed_groups)),
            (Kind.CONSULTATION, consultations, _consultation_spec),
            (Kind.NEWS, news, _news_spec),
            (Kind.PAGE, pages, _page_spec),
            (Kind.CASE, cases, _case_spec),
        ):
            for row in rows:
                _sync(kind, [], [make(row)])
                step(1)
        engine.optimize()
    return SearchDocument.objects.count()
