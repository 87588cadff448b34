"""The audit log: every service records who did what to which object (dotted action names), and
staff read it in words (:func:`audit_rows`; the action labels are in ``audit_labels``)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kyodo.core.forms import escaped
from kyodo.core.links import reverse_once
from kyodo.core.models import AuditEntry
from kyodo.core.statements import insert
from kyodo.core.wareki import fiscal_year_name, format_wareki


def audit_log(**entry) -> AuditEntry:
    """Write one audit row (the arguments of :func:`audit_entry`). Call it inside the service's
    transaction, so both commit together."""
    return insert(audit_entry(**entry))


def audit_entry(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """The row :func:`audit_log` writes, not written yet: for a service writing it with its own
    rows in one statement (``kyodo.core.statements.insert_together``)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=user,
        actor_label=str(user) if user else "",
        action=action,
        changes=_jsonable(changes or {}),
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:300]
    return entry


def diff_fields(before: models.Model | None, after: models.Model, fields: list[str]) -> dict:
    """``{field: [old, new]}`` for the fields that differ, for the ``changes`` of an audit row."""
    changes = {}
    for name in fields:
        old = getattr(before, name, None) if before is not None else None
        new = getattr(after, name, None)
        if old != new:
            changes[name] = [old, new]
    return changes


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


# --- display: the audit log in words staff read ---------------------------------------------------
#
# ``changes`` is whatever JSON a service recorded: ``{field: [old, new]}`` from ``diff_fields``,
# counts, names, lists, or anything else. It is turned into (label, text) pairs here, in Python,
# never walked by the template: a key such as ``items`` would shadow ``dict.items`` there.

# Keys that are not fields of the audited object: their words.
KEY_LABELS = {
    "event": _("Event"),
    "name": pgettext_lazy("audit", "Name"),
    "names": _("Names"),
    "kind": _("Kind"),
    "text": _("Text"),
    "entries": _("Number of statements"),
    "append": _("Added to the existing statements"),
    "direction": _("Direction"),
    "at": _("Split at"),
    "revision": _("Revision"),
    "reason": _("Reason"),
    "item": _("Agenda item"),
    "items": _("Number of agenda items"),
    "decisions": _("Number of decisions recorded"),
    "recipients": _("Number of recipients"),
    "paper_kept": _("Paper receipts kept"),
    "member": _("Member"),
    "members": _("Members"),
    "entry": _("Statement"),
    "to": _("To"),
    "outcome": _("Outcome"),
    "method": _("Method"),
    "votes": _("Votes for and against"),
    "approved_at": _("Approved at"),
    "sha256": _("Fingerprint (SHA-256)"),
    "source_sha256": _("Fingerprint of the file (SHA-256)"),
    "source": _("File"),
    "via": _("Through"),
    "meeting": _("Meeting"),
    "attendees": _("Attendees"),
    "unmatched_names": _("Names not matched to a member"),
    "venue": _("Venue"),
    "venue_created": _("New venue added"),
    "assignee": _("Assigned to"),
    "due": _("Due"),
    "date": _("Date"),
    "number": _("Number"),
    "next": _("Next meeting"),
    "status": _("Status"),
    "term": _("Term"),
    "bureau": _("Bureau"),
    "name_from_fiscal_year": _("New name used from"),
    "bureau_from_fiscal_year": _("New bureau used from"),
    # A bureau merged into another (kyodo.collaboration.services.bureau_rename, merge=True).
    # Imported minutes put on the site at once (確定稿) or kept for staff until published.
    "published": _("Published on the site"),
    "bureau_merged_into": _("Merged into the bureau"),
    "departments_moved": _("Departments moved by the merger"),
    "records_moved": _("Collaboration records moved by the merger"),
    "counted_forms": _("Forms counted"),
    "call": _("Call for proposals"),
    "max_score": _("Maximum score"),
    "organization": _("Group"),
    "title": _("Title"),
    "proposal": _("Proposal"),
    "from_proposal": _("From the proposal"),
    "form": _("Form of collaboration"),
    "fiscal_year": _("Fiscal year"),
    "effective_date": _("Effective date"),
    "representative_user": _("Representative's user name"),
    "count": _("Count"),
    "applications": _("Number of applications"),
    "attachment": _("Attachment"),
    "username": _("User name"),
    "email": _("E-mail"),
    "full_name": pgettext_lazy("person", "Name"),
    "roles": _("Roles"),
    "is_active": _("Can sign in"),
    # 「委員会」 (the model's name): rows of every body, not only the first committee's.
    "committee": capfirst(_("committee")),
    "role": _("Role"),
    "term_start": _("Term starts"),
    "term_end": _("Term ends"),
    "seats": _("Seats"),
    "attendance": _("Attendance"),
    "members_told": _("Members told by mail"),
    "released": _("Items given back to the next meeting"),
    "approval": _("Approval"),
    "imported": pgettext_lazy("audit", "Imported"),
    "version": _("Version"),
    "override": _("Reason to approve anyway"),
    "meeting_code": _("Meeting (fiscal year-number)"),
    "answer": _("Answer"),
    "applicants_told": _("Applicants told by mail"),
    "comment": _("Message to the secretariat"),
    # A written vote (kyodo.committees.services.votes): typed in by the secretariat from paper.
    "by_staff": capfirst(_("entered by the secretariat")),
    "month": _("Month reported"),
    "expires": _("Valid until"),
    "staff": _("Staff member's user name"),
    "note": _("Note"),
    "reply": _("Reply"),
    "consultation": _("Consultation"),
    "secretariat": _("Secretariat present"),
    "collaborations": _("Collaborations it was linked to"),
    "series_next_number": _("Next number in the series"),
    "change_request": _("Change notification"),
    "invite_on": _("Invitation mailed on"),
    "order": _("Order"),
    "name_reading": _("Reading"),
    # A meeting whose number was exchanged with another's (「回を入れ替える」): the other's day.
    "swapped_with": _("Number exchanged with the meeting of"),
    # An agenda item's category, recorded on its meeting when the item is deleted.
    "category": capfirst(_("category")),
}

# Keys whose meaning depends on the action (the object is another's: an agenda item deleted is
# recorded on its meeting, a secretariat member removed on the committee).
ACTION_KEY_LABELS = {
    ("kyodo.committees.item.deleted", "number"): _("Item number"),
    ("kyodo.committees.item.deleted", "title"): pgettext_lazy("agenda item", "Title"),
    ("kyodo.committees.secretariat.removed", "name"): pgettext_lazy("person", "Name"),
    ("kyodo.committees.secretariat.removed", "title"): _("Position"),
    ("kyodo.committees.meeting.written_vote", "member"): _("Member"),
    ("kyodo.committees.member.created", "role"): pgettext_lazy("committee member", "Role"),
    ("kyodo.organizations.organization.imported", "names"): _("Name"),
}
# Fields whose own name says less than it should here: a person's 「名称」 is their 氏名, an
# agenda item's number (「回」 for a meeting) its 議題番号. (model label, key) → label.
MODEL_KEY_LABELS = {
    ("committees.member", "name"): pgettext_lazy("person", "Name"),
    ("committees.secretariatmember", "name"): pgettext_lazy("person", "Name"),
    ("events.guest", "name"): pgettext_lazy("person", "Name"),
    ("events.application", "name"): pgettext_lazy("person", "Name"),
    ("core.user", "full_name"): pgettext_lazy("person", "Name"),
    ("committees.agendaitem", "number"): _("Item number"),
}

# Values of keys whose codes are not a field's choices on the audited object.
VALUE_LABELS = {
    # Where a change came from (operation source): every value a service records.
    "via": {
        "web": _("the staff pages"),
        "staff": _("the staff pages"),
        "command": _("a command"),
        "import": _("importing past minutes"),
        "setup": _("the center's setup command"),
    },
    "direction": {"up": _("up"), "down": _("down")},
}
# A personal detail recorded only as changed, not its value (kept out of the log).
CHANGED = "changed"

# Keys whose values are the choices of a field of another model: key → (model, field).
KEY_CHOICES = {
    "attendance": ("committees.Attendance", "status"),
    "outcome": ("committees.Decision", "outcome"),
    "method": ("committees.Decision", "method"),
    "category": ("committees.AgendaItem", "category"),
    "form": ("collaboration.Collaboration", "form"),
    "role": ("committees.Membership", "role"),
    "sector": ("committees.Member", "sector"),
    "change_request": ("organizations.ChangeRequest", "status"),
    "counted_forms": ("collaboration.Collaboration", "form"),
    "answer": ("committees.AttendanceReply", "answer"),
}
# The same, for one action only (the key means something else elsewhere).
ACTION_KEY_CHOICES = {
    ("kyodo.committees.attendance.recorded", "status"): ("committees.Attendance", "status"),
    ("kyodo.events.note.added", "kind"): ("events.EventNote", "kind"),
    ("kyodo.events.note.removed", "kind"): ("events.EventNote", "kind"),
    ("kyodo.organizations.organization.schedule_cancelled", "kind"): (
        "organizations.OrganizationStatusChange",
        "kind",
    ),
}
# Keys whose values are the kinds of public submission (kyodo.core.confirmations), for an action.
SUBMISSION_KIND_KEYS = {
    ("kyodo.core.submission.requested", "kind"),
    ("kyodo.core.submission.cancelled", "kind"),
}
# Keys holding a dict of dicts, one per thing, each of the fields of a model: (action, key) →
# that model. A written vote's items: {"1. 議題": {"choice": [old, new], "comment": …}}.
NESTED_MODELS = {
    ("kyodo.committees.meeting.written_vote", "items"): "committees.WrittenVote",
}
# Keys recording another object's id (an int) that are not foreign keys of the audited object:
# key → that object's model. Shown by its name while it exists, as recorded once it does not.
REFERENCE_KEYS = {
    "event": "events.Event",
    "consultation": "consultations.Consultation",
    "reply": "contact.InquiryReply",
    "entry": "committees.MinutesEntry",
    "collaborations": "collaboration.Collaboration",
}
# Fields holding several codes as ",a,b,": (model label, field) → the choices' dotted path.
CODED_FIELDS = {
    ("organizations.organization", "activity_fields"): "kyodo.organizations.models.ActivityField",
    ("organizations.organization", "published_fields"): (
        "kyodo.organizations.models.PublishableField"
    ),
}
# Keys recorded as [old, new] although they are not fields of the audited object.
DIFF_KEYS = {
    "status",
    "counted_forms",
    "attachment",
    "roles",
    "is_active",
    "term_end",
    "secretariat",
    "answer",
    "comment",
    "series_next_number",
}
# Amounts of money recorded in yen: written 「1,200,000円」.
YEN_KEYS = {"budget", "budget_limit"}
# Keys recorded as [from, until].
RANGE_KEYS = {"term"}

# Where staff act on an audited object: model label → (URL name, the attribute giving the URL's
# pk: None for the object's own pk, "" for a URL without one).
OBJECT_LINKS = {
    "organizations.organization": ("organizations-staff:detail", None),
    "events.event": ("events-staff:event", None),
    "events.application": ("events-staff:event", "event_id"),
    "events.guest": ("events-staff:event", "event_id"),
    "events.eventnote": ("events-staff:event", "event_id"),
    "events.feedback": ("events-staff:event", "event_id"),
    "events.eventseries": ("events-staff:series-edit", None),
    "consultations.consultation": ("consultations-staff:detail", None),
    "committees.meeting": ("committees-staff:meeting", None),
    "committees.minutes": ("committees-staff:minutes", None),
    "committees.agendaitem": ("committees-staff:item", None),
    "committees.decision": ("committees-staff:item", "item_id"),
    "committees.agendadocument": ("committees-staff:item", "item_id"),
    "committees.actionitem": ("committees-staff:meeting", "meeting_id"),
    "committees.minutesentry": ("committees-staff:item", "item_id"),
    "committees.appointment": ("committees-people:index", ""),
    "committees.committee": ("committees-staff:index", ""),
    "committees.member": ("committees-people:member", None),
    "committees.membership": ("committees-people:member", "member_id"),
    "committees.secretariatmember": ("committees-people:index", ""),
    "core.user": ("people:user", None),
    "core.outboxmessage": ("staff:outbox-detail", None),
    "collaboration.collaboration": ("collaboration-staff:record", None),
    "collaboration.department": ("collaboration-staff:department", None),
    "collaboration.proposalcall": ("collaboration-staff:call", None),
    "collaboration.criterion": ("collaboration-staff:call", "call_id"),
    "collaboration.proposal": ("collaboration-staff:proposal", None),
    "collaboration.proposalattachment": ("collaboration-staff:proposal", "proposal_id"),
    "collaboration.review": ("collaboration-staff:proposal", "proposal_id"),
    "website.newspost": ("website-staff:news-edit", None),
    "website.newsattachment": ("website-staff:news-edit", "post_id"),
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
_HEX = re.compile(r"^[0-9a-f]{40,}$")
_MEETING_CODE = re.compile(r"^(\d{4})-(\d{1,2})$")  # Meeting.code: fiscal year and number
# An event's attendance records each application it marked as 「application <id>」: its label is
# the application's number and its value the attendance's label, never the code.
_APPLICATION_KEY = re.compile(r"^application (\d+)$")


@dataclass(frozen=True)
class ChangeLine:
    label: str
    text: str


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    label: str
    area: str
    url: str
    changes: list[ChangeLine]
    # The committee's meeting (「令和8年度第1回市民協働推進委員会」) or the committee a row of
    # a committee's object belongs to, when its own name does not say it ("" otherwise).
    about: str = ""
    # The object in words where its recorded name is a code (「organizations.application (3)」
    # of a submission waiting for confirmation): "" when the recorded name reads well.
    object_name: str = ""

    @property
    def name(self) -> str:
        """What the row is about, as staff read it (the recorded name, unless it is a code)."""
        return self.object_name or self.entry.object_repr

    @property
    def who(self) -> str:
        return self.entry.actor_label or str(_("The system"))

    @property
    def when(self) -> str:
        """``{{ created_at|wareki }} {{ created_at|time:"H:i" }}`` (the two filters cost more than
        the formatting itself, once per row)."""
        from kyodo.core.templatetags.kyodo_ja import wareki

        moment = timezone.template_localtime(self.entry.created_at)
        return f"{wareki(moment)} {moment:%H:%M}"


def audit_rows(entries) -> list[AuditRow]:
    """The entries in words: action label, area, link to the object, (label, text) changes."""
    entries = list(entries)
    linked = [_linked(entry) for entry in entries]
    values = _link_values(entries, linked)
    # Which body a row is about matters only with several: one committee costs no query.
    places = _committee_places(entries) if _several_committees() else {}
    # Other objects the rows name by their id (「事業 14」): one query per kind of them.
    names = _reference_names((_model_of(entry), entry.action, entry.changes) for entry in entries)
    return [
        _row(entry, link, values, places, names)
        for entry, link in zip(entries, linked, strict=True)
    ]


def _model_of(entry: AuditEntry):
    return entry.content_type.model_class() if entry.content_type_id else None


def _row(
    entry: AuditEntry, linked: _Linked | None, values: dict, places: dict, names: dict
) -> AuditRow:
    from kyodo.core.audit_labels import action_label, area_label

    model = _model_of(entry)
    about = places.get((entry.content_type_id, entry.object_id), "")
    return AuditRow(
        entry=entry,
        label=action_label(entry.action),
        area=area_label(entry.action),
        url=_object_url(entry, linked, values),
        changes=change_lines(entry.changes, model=model, action=entry.action, names=names),
        about="" if about == entry.object_repr else about,
        object_name=_object_name(entry, model),
    )


# --- objects whose recorded name is a code ---------------------------------------------------


def _submission_name(entry: AuditEntry) -> str:
    # 「organizations.application (3)」: the kind, recorded in the row's data as well.
    kind = entry.changes.get("kind") if isinstance(entry.changes, dict) else None
    kind = kind or entry.object_repr.rpartition(" (")[0]
    return str(_submission_kinds().get(kind, "")) or str(
        capfirst(entry.content_type.model_class()._meta.verbose_name)
    )


def _feedback_name(entry: AuditEntry) -> str:
    # 「14/52」: the event's and the application's ids. The event is in the row's data.
    from kyodo.events.models import Feedback

    _event, _slash, application = entry.object_repr.partition("/")
    what = str(capfirst(Feedback._meta.verbose_name))
    if not application.isdigit():
        return what
    number = _("Application No. %(number)s") % {"number": application}
    return f"{what}（{number}）"


# model label → the words for an entry's object, from what the entry recorded.
OBJECT_NAMES = {
    "core.pendingsubmission": _submission_name,
    "events.feedback": _feedback_name,
}


def _object_name(entry: AuditEntry, model) -> str:
    name = OBJECT_NAMES.get(model._meta.label_lower) if model is not None else None
    return name(entry) if name is not None else ""


def _submission_kinds() -> dict[str, Any]:
    """``{kind: its words}`` of the public submissions confirmed by mail (「登録団体の申請」)."""
    from kyodo.core.confirmations import kinds

    return {kind: capfirst(spec[1]) for kind, spec in kinds().items()}


# --- other objects a row names by their id ---------------------------------------------------


def _reference_model(key: str, *, model, field):
    """The model of the object whose id ``key`` records, or None: a foreign key of the audited
    object (a guest's 「event」) or a key of :data:`REFERENCE_KEYS`."""
    if field is not None and (field.many_to_one or field.one_to_one):
        return field.related_model
    label = REFERENCE_KEYS.get(key)
    return apps.get_model(label) if label else None


def _ids(value: Any) -> list[int]:
    """The ids a reference records: one, or a list of them (an int, never a bool)."""
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return []
    return values


def _reference_names(rows) -> dict[tuple[str, int], str]:
    """``{(model label, id): its name}`` for the objects ``rows`` (model, action, changes) name
    by their id: the name it has now where it still exists, else the name the audit log last
    recorded for it. One query per kind of object named, and one for those gone."""
    wanted: dict[type[models.Model], set[int]] = {}
    for model, _action, changes in rows:
        if not isinstance(changes, dict):
            continue
        for key, value in changes.items():
            ids = _ids(value)
            if not ids:
                continue
            referred = _reference_model(key, model=model, field=_field(model, key))
            if referred is not None:
                wanted.setdefault(referred._meta.concrete_model, set()).update(ids)
    names: dict[tuple[str, int], str] = {}
    for referred, ids in wanted.items():
        related, name = REFERENCE_NAMES.get(referred._meta.label_lower, ((), str))
        objects = referred._base_manager.filter(pk__in=ids)
        for obj in objects.select_related(*related) if related else objects:
            names[(referred._meta.label_lower, obj.pk)] = name(obj)
    gone = {
        (referred, pk)
        for referred, ids in wanted.items()
        for pk in ids
        if (referred._meta.label_lower, pk) not in names
    }
    if gone:
        types = ContentType.objects.get_for_models(*{referred for referred, _pk in gone})
        by_type = {types[referred].pk: referred for referred, _pk in gone}
        recorded = (
            AuditEntry.objects.filter(
                content_type__in=list(by_type),
                object_id__in=sorted({str(pk) for _referred, pk in gone}),
            )
            .exclude(object_repr="")
            .order_by("created_at", "pk")
            .values_list("content_type_id", "object_id", "object_repr")
        )
        for type_id, object_id, name in recorded:  # the latest name wins
            referred = by_type[type_id]
            if object_id.isdigit() and (referred, int(object_id)) in gone:
                names[(referred._meta.label_lower, int(object_id))] = name
    return names


def _reply_name(reply) -> str:
    # Its day and first line: str(reply) would read its inquiry, one query per reply.
    first_line = reply.body.strip().splitlines()[0] if reply.body.strip() else ""
    day = format_wareki(timezone.localdate(reply.created_at), weekday=False)
    return f"{day} {first_line[:40]}"


# How a named object is written: model label → (relations its name reads, its name).
REFERENCE_NAMES = {
    "events.event": (("series",), str),
    "contact.inquiryreply": ((), _reply_name),
}


# A committee's objects whose own name does not say which body (or meeting) they belong to:
# model label → the path to their meeting, or to their committee (ending in "committee").
COMMITTEE_PLACES = {
    "committees.agendaitem": "meeting",
    "committees.actionitem": "meeting",
    "committees.attendance": "meeting",
    "committees.attendancereply": "meeting",
    "committees.agendadocument": "item__meeting",
    "committees.decision": "item__meeting",
    "committees.minutesentry": "item__meeting",
    "committees.minutesversion": "minutes__meeting",
    "committees.circulation": "minutes__meeting",
    "committees.circulationrecipient": "circulation__minutes__meeting",
    "committees.correctionrequest": "recipient__circulation__minutes__meeting",
    "committees.membership": "committee",
    "committees.appointment": "committee",
    "committees.secretariatmember": "committee",
}


def _several_committees() -> bool:
    """Whether the center has more than one committee (kept until the next write)."""
    from kyodo.committees.models import Committee
    from kyodo.core.memo import until_next_write

    return until_next_write("core.audit.several_committees", lambda: Committee.objects.count() > 1)


def _committee_places(entries: list[AuditEntry]) -> dict[tuple[int, str], str]:
    """``{(content type, object id): 「令和8年度第1回市民協働推進委員会」 or the committee's
    name}`` for the entries' committee objects that still exist: one query per kind of object
    on the page."""
    from kyodo.committees.models import meeting_name

    wanted: dict[int, tuple[type[models.Model], str, set]] = {}
    for entry in entries:
        if not entry.content_type_id or not entry.action.startswith("kyodo.committees."):
            continue
        model = entry.content_type.model_class()
        path = COMMITTEE_PLACES.get(model._meta.label_lower) if model is not None else None
        if path is None:
            continue
        try:
            pk = model._meta.pk.to_python(entry.object_id)
        except ValidationError:
            continue
        wanted.setdefault(entry.content_type_id, (model, path, set()))[2].add(pk)
    places: dict[tuple[int, str], str] = {}
    for content_type_id, (model, path, pks) in wanted.items():
        objects = model._base_manager.filter(pk__in=pks)
        if path.endswith("committee"):
            rows = ((pk, name) for pk, name in objects.values_list("pk", f"{path}__name"))
        else:
            rows = (
                (pk, meeting_name(year, number, name))
                for pk, year, number, name in objects.values_list(
                    "pk", f"{path}__fiscal_year", f"{path}__number", f"{path}__committee__name"
                )
                if year is not None
            )
        places.update(((content_type_id, str(pk)), place) for pk, place in rows if place)
    return places


@dataclass(frozen=True)
class _Linked:
    """An entry's object, when its kind has a page: what the link needs of it."""

    model: type[models.Model]  # concrete
    field: models.Field  # whose value the link takes (the pk, or e.g. an event_id)
    pk: Any
    name: str  # the URL's name
    attribute: str | None  # OBJECT_LINKS's


def _linked(entry: AuditEntry) -> _Linked | None:
    model = entry.content_type.model_class() if entry.content_type_id else None
    link = OBJECT_LINKS.get(model._meta.label_lower) if model is not None else None
    if link is None:
        return None
    name, attribute = link
    model = model._meta.concrete_model
    if attribute:
        field = next(f for f in model._meta.concrete_fields if f.attname == attribute)
    else:
        field = model._meta.pk
    try:
        pk = model._meta.pk.to_python(entry.object_id)
    except ValidationError:
        return None
    return _Linked(model, field, pk, name, attribute)


def _link_values(entries: list[AuditEntry], linked: list[_Linked | None]) -> dict:
    """``{(model, pk): the value its link needs}`` for the entries' objects that still exist: one
    query (a ``UNION ALL`` of one small SELECT per model) rather than loading each kind of object
    whole, which is all the links need of them."""
    wanted: dict[type[models.Model], tuple[models.Field, set]] = {}
    for link in linked:
        if link is not None:
            wanted.setdefault(link.model, (link.field, set()))[1].add(link.pk)
    values: dict = {}
    quote = connection.ops.quote_name
    selects, params, models_in_order = [], [], []
    for model, (field, pks) in wanted.items():
        if model._meta.parents:
            # Inherited fields live in their parents' tables: the ORM joins them.
            rows = model._base_manager.filter(pk__in=pks).values_list("pk", field.attname)
            values.update(((model, pk), value) for pk, value in rows)
            continue
        pk_column = quote(model._meta.pk.column)
        selects.append(
            f"SELECT %s, CAST({pk_column} AS TEXT), CAST({quote(field.column)} AS TEXT) "
            f"FROM {quote(model._meta.db_table)} "
            f"WHERE {pk_column} IN ({', '.join(['%s'] * len(pks))})"
        )
        params.append(len(models_in_order))
        params.extend(model._meta.pk.get_db_prep_value(pk, connection) for pk in pks)
        models_in_order.append(model)
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            rows = cursor.fetchall()
        for index, pk, value in rows:
            model = models_in_order[index]
            field = wanted[model][0]
            plain = field.target_field if field.is_relation else field
            key = (model, model._meta.pk.to_python(pk))
            values[key] = None if value is None else plain.to_python(value)
    return values


def _object_url(entry: AuditEntry, linked: _Linked | None, values: dict) -> str:
    key = (linked.model, linked.pk) if linked is not None else None
    if key not in values:
        return ""
    try:
        if linked.attribute == "":
            return reverse_once(linked.name)
        pk = values[key]
        return reverse_once(linked.name, args=[pk]) if pk is not None else ""
    except NoReverseMatch:
        return ""


def change_lines(
    changes: Any, *, model=None, action: str = "", names: dict | None = None
) -> list[ChangeLine]:
    """(label, text) for any JSON a service recorded as ``changes``. ``names`` are the names of
    the objects it records by their id (:func:`_reference_names`): looked up here when not
    given."""
    if changes in (None, {}, [], ""):
        return []
    if not isinstance(changes, dict):
        return [ChangeLine(str(_("Details")), _text(changes))]
    if names is None:
        names = _reference_names([(model, action, changes)])
    lines, things = [], []
    for key, value in changes.items():
        nested = NESTED_MODELS.get((action, key))
        if nested is not None and isinstance(value, dict):
            # One line per thing (a written vote's item), its fields in words, after the row's
            # own lines (PostgreSQL keeps a JSON object's keys in an order of its own).
            inner = apps.get_model(nested)
            things += [
                ChangeLine(
                    str(thing),
                    "、".join(
                        f"{line.label}：{line.text}"
                        for line in change_lines(fields, model=inner, names=names)
                    )
                    if isinstance(fields, dict)
                    else _text(fields),
                )
                for thing, fields in value.items()
            ]
            continue
        field = _field(model, key)
        lines.append(
            ChangeLine(
                _key_label(key, model=model, field=field, action=action),
                _value_text(key, value, model=model, field=field, action=action, names=names),
            )
        )
    return lines + things


# Actions whose keys are names staff gave (a review's scores by criterion): shown as written.
NAMED_KEY_ACTIONS = {"kyodo.collaboration.review.submitted"}


def _key_label(key: str, *, model, field, action: str) -> str:
    if application := _APPLICATION_KEY.match(key):
        return _("Application No. %(number)s") % {"number": application[1]}
    if (action, key) in ACTION_KEY_LABELS:
        return str(ACTION_KEY_LABELS[(action, key)])
    if model is not None and (model._meta.label_lower, key) in MODEL_KEY_LABELS:
        return str(capfirst(MODEL_KEY_LABELS[(model._meta.label_lower, key)]))
    label = _field_label(field) or _field_label(_many_to_many(model, key))
    if label:
        return label
    if key in KEY_LABELS:
        return str(KEY_LABELS[key])
    if action in NAMED_KEY_ACTIONS or not key.isascii():
        return key
    return str(_("Details"))


@functools.lru_cache(maxsize=512)
def _many_to_many(model, name: str):
    """``model``'s many-to-many field ``name`` (recorded as [before, after] lists), or None."""
    field = _any_field(model, name)
    return field if field is not None and field.many_to_many and not field.auto_created else None


def _field_label(field) -> str:
    """A field's verbose name, unless it has none of its own (Django's default is English)."""
    if field is None:
        return ""
    return _translated_field_label(field, get_language())


@functools.lru_cache(maxsize=2048)
def _translated_field_label(field, language: str | None) -> str:
    # Kept per field and language: an audit table asks for the same few fields on every row.
    verbose = field.verbose_name
    if isinstance(verbose, str) and verbose == field.name.replace("_", " "):
        return ""
    return str(capfirst(verbose))


def _any_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


@functools.lru_cache(maxsize=2048)
def _field(model, name: str):
    field = _any_field(model, name)
    return field if getattr(field, "concrete", False) else None


def _value_text(key: str, value: Any, *, model, field, action: str, names: dict) -> str:
    coded = CODED_FIELDS.get((model._meta.label_lower, key)) if model is not None else None

    # A field that writes its own values (collaboration's 年度別予算額: 「令和8年度 600,000円、…」).
    display = getattr(field, "display_text", None)

    def one(v: Any) -> str:
        if display is not None:
            return display(v)
        if coded and isinstance(v, str):
            # 「,environment,community,」: the labels of the codes, in the choices' order.
            choices = dict(import_string(coded).choices)
            codes = [c for c in v.split(",") if c]
            order = list(choices)
            codes.sort(key=lambda c: order.index(c) if c in order else len(order))
            # Joined with 「／」: the law's names of the fields of activity hold 「、」 themselves.
            return "／".join(str(choices.get(c, c)) for c in codes) or "—"
        if key.endswith("fiscal_year") and isinstance(v, int) and not isinstance(v, bool):
            # Each side of a change too: 「終了年度 令和9年度 → 令和10年度」, not 2027 → 2028.
            return fiscal_year_name(v)
        return _text(v, labels=_labels_for(key, model=model, field=field, action=action))

    if (ids := _ids(value)) and (
        referred := _reference_model(key, model=model, field=field)
    ) is not None:
        # 「事業 14」: the event by its title, while it exists; else as the log recorded it.
        label = referred._meta.concrete_model._meta.label_lower
        texts = [
            names.get((label, pk)) or _("No. %(number)s (deleted)") % {"number": pk} for pk in ids
        ]
        changed = len(ids) == 2 and isinstance(value, list) and (field or key in DIFF_KEYS)
        return (" → " if changed else "、").join(texts)
    if value == CHANGED and (field is not None or key in KEY_LABELS):
        return str(VALUE_LABELS.get(key, {}).get(CHANGED, _PERSONAL_CHANGED))
    if key in VALUE_FORMATS:
        return VALUE_FORMATS[key](value, one)
    is_pair = isinstance(value, list) and len(value) == 2
    if is_pair and key in RANGE_KEYS:
        return f"{one(value[0])}〜{one(value[1])}"
    if is_pair and (
        field is not None
        or key in DIFF_KEYS
        or _many_to_many(model, key) is not None
        or action in NAMED_KEY_ACTIONS  # a corrected score: [old, new]
    ):
        return f"{one(value[0])} → {one(value[1])}"
    if key.endswith("fiscal_year") and isinstance(value, int) and not isinstance(value, bool):
        return fiscal_year_name(value)
    if key in YEN_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}円"
    if key == "meeting" and isinstance(value, str) and (code := _MEETING_CODE.match(value)):
        return f"{fiscal_year_name(int(code[1]))}第{int(code[2])}回"
    return one(value)


_PERSONAL_CHANGED = _("changed (personal data, not recorded here)")


def _votes_text(value: Any, one) -> str:
    # [for, against] of a decision by a show of hands; [None, None] (「—」) when not counted.
    if isinstance(value, list) and len(value) == 2 and value != [None, None]:
        return _("%(for)s for, %(against)s against") % {
            "for": one(value[0]),
            "against": one(value[1]),
        }
    return one(value)


def _seats_text(value: Any, one) -> str:
    # A deleted member's seats: [[committee, term start, term end], …].
    if not isinstance(value, list) or not all(
        isinstance(seat, list) and len(seat) == 3 for seat in value
    ):
        return one(value)
    return (
        "、".join(f"{one(name)}（{one(start)}〜{one(end)}）" for name, start, end in value) or "—"
    )


# Keys written in a way of their own: key → (value, the words of one value) → text.
VALUE_FORMATS = {"votes": _votes_text, "seats": _seats_text}


@functools.lru_cache(maxsize=2048)
def _labels_for(key: str, *, model, field, action: str) -> dict:
    """``{value: its label}`` for ``key``'s values (the labels lazy: translated where shown),
    kept per key, model, field and action: the choices do not change while a process runs."""
    if field is not None and getattr(field, "choices", None):
        return {str(k): v for k, v in field.flatchoices}
    if key in VALUE_LABELS:
        return VALUE_LABELS[key]
    if (action, key) in SUBMISSION_KIND_KEYS:
        return _submission_kinds()
    if key == "roles":
        from kyodo.core.roles import Role

        return dict(Role.choices)
    if _APPLICATION_KEY.match(key):
        source = ("events.Application", "attendance")
    else:
        source = ACTION_KEY_CHOICES.get((action, key)) or KEY_CHOICES.get(key)
    if source:
        other = apps.get_model(source[0])._meta.get_field(source[1])
        return {str(k): v for k, v in other.flatchoices}
    return {}


def _text(value: Any, *, labels: dict | None = None) -> str:
    """One recorded value in words: choices by their label, dates in 和暦, lists joined."""
    labels = labels or {}
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, int | float):
        return str(labels.get(str(value), value))
    if isinstance(value, list | tuple):
        texts = [_text(v, labels=labels) for v in value]
        return "—" if all(t == "—" for t in texts) else "、".join(texts)
    if isinstance(value, dict):
        return (
            "、".join(
                f"{KEY_LABELS.get(str(k), k)}：{_text(v, labels=labels)}" for k, v in value.items()
            )
            or "—"
        )
    text = str(value)
    if text in labels:
        return str(labels[text])
    if _ISO_DATE.match(text):
        try:
            return format_wareki(date.fromisoformat(text))
        except ValueError:
            return text
    if _ISO_DATETIME.match(text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{format_wareki(moment.date())} {moment:%H:%M}"
    if _HEX.match(text):
        return f"{text[:12]}…"
    return text


def audit_table_html(rows: list[AuditRow]) -> SafeString:
    """``core/staff/_audit_table.html`` for ``rows``, written by Python (the staff home, the audit
    log and a person's history show it; the template's loop cost more than the rows' words). The
    template stays the reference: a test compares both."""
    if not rows:
        return mark_safe(f"<p>{escaped(gettext('Nothing recorded yet.'))}</p>\n")
    when, who, operation, to_what = (
        escaped(gettext("When")),
        escaped(gettext("Who")),
        escaped(gettext("Operation")),
        escaped(gettext("To what")),
    )
    untitled = gettext("(untitled)")
    parts = [
        '\n<table class="audit">\n  <caption class="visually-hidden">'
        f"{escaped(gettext('Audit log'))}</caption>\n"
        f'  <thead><tr><th scope="col">{when}</th><th scope="col">{who}</th>'
        f'<th scope="col">{operation}</th><th scope="col">{to_what}</th>'
        f'<th scope="col">{escaped(gettext("Details"))}</th></tr></thead>\n  <tbody>\n  '
    ]
    # Every value escaped as format_html() escapes it (conditional_escape: safe text as it is).
    for row in rows:
        area = f'<small class="area">（{escaped(row.area)}）</small>' if row.area else ""
        name = row.name
        if row.url:
            target = f'<a href="{escaped(row.url)}">{escaped(name or untitled)}</a>'
        else:
            target = escaped(name or "—")
        if row.about:
            target += f'<br><small class="about">{escaped(row.about)}</small>'
        changes = ""
        if row.changes:
            lines = "".join(
                f"<div><dt>{escaped(c.label)}</dt><dd>{escaped(c.text)}</dd></div>"
                for c in row.changes
            )
            changes = f'<dl class="changes">{lines}</dl>'
        parts.append(
            f'\n    <tr><td data-label="{when}">{escaped(row.when)}</td>'
            f'<td data-label="{who}">{escaped(row.who)}</td>'
            f'<td data-label="{operation}">{escaped(row.label)}{area}</td>'
            f'<td data-label="{to_what}">{target}</td><td>{changes}</td></tr>\n  '
        )
    parts.append("\n  </tbody>\n</table>\n\n")
    return mark_safe("".join(parts))
