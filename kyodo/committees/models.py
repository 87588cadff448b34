from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.core.models import Center
from kyodo.core.text import normalize_reading


class SpeakerLabels(models.TextChoices):
    # Published minutes name the chair 委員長 and the others 委員 (DOMAIN.md); some committees
    # decide to publish names instead.
    ROLE = "role", _("By role (Chair, Member)")
    NAME = "name", _("By name")


class RecordKind(models.TextChoices):
    # What a body keeps of its meetings, and so what its minutes are titled: a full record
    # (会議録) or summary minutes (議事要旨). The house format's word, whatever the interface
    # language, is ``RECORD_TITLES``'s.
    MINUTES = "minutes", _("Full record (会議録)")
    SUMMARY = "summary", _("Summary (議事要旨)")


RECORD_TITLES = {RecordKind.MINUTES: "会議録", RecordKind.SUMMARY: "議事要旨"}


class Committee(models.Model):
    """A committee of the center, such as its steering committee (運営委員会)."""

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="committees"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    purpose = models.TextField(_("purpose"), blank=True)
    min_members = models.PositiveIntegerField(_("minimum members"), null=True, blank=True)
    max_members = models.PositiveIntegerField(_("maximum members"), null=True, blank=True)
    quorum = models.PositiveIntegerField(
        _("quorum"), null=True, blank=True, help_text=_("Members needed for a valid meeting.")
    )
    speaker_labels = models.CharField(
        _("speakers in published minutes"),
        max_length=10,
        choices=SpeakerLabels.choices,
        default=SpeakerLabels.ROLE,
    )
    record_kind = models.CharField(
        _("record kept"),
        max_length=10,
        choices=RecordKind.choices,
        default=RecordKind.MINUTES,
        help_text=_(
            "The title printed on the minutes of its meetings (confirmed ones keep theirs)."
        ),
    )
    # The body's own secretariat (a city council's is the city's 協働コミュニティ課, not the
    # center): notices, circulation mails and the printed notice sign with it when its name is
    # given; empty, they sign with the center as before.
    office_name = models.CharField(_("secretariat's name"), max_length=200, blank=True)
    office_phone = models.CharField(_("secretariat's telephone"), max_length=50, blank=True)
    office_email = models.EmailField(_("secretariat's e-mail"), blank=True)
    office_address = models.CharField(_("secretariat's address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def record_title(self) -> str:
        """「会議録」 or 「議事要旨」: the last word of its minutes' titles."""
        return RECORD_TITLES.get(self.record_kind, RECORD_TITLES[RecordKind.MINUTES])

    def sender(self, center):
        """Who signs this body's mail and letters: its own secretariat when its name is given
        (name, address, telephone, e-mail; no opening hours, which are the center's), else
        ``center`` itself. Has the attributes the signature templates read of a center."""
        if not self.office_name:
            return center
        return CommitteeOffice(
            name=self.office_name,
            address=self.office_address,
            phone=self.office_phone,
            email=self.office_email,
            opening_hours="",
        )


@dataclass(frozen=True)
class CommitteeOffice:
    """A committee's own secretariat as a signature shows it (see ``Committee.sender``)."""

    name: str
    address: str
    phone: str
    email: str
    opening_hours: str


class Member(models.Model):
    """A person who sits (or sat) on a committee; readings are stored for gojūon order."""

    class Sector(models.TextChoices):
        NPO = "npo", _("NPO / NGO")
        VOLUNTEER = "volunteer", _("Volunteer")
        BUSINESS = "business", _("Business")
        ACADEMIC = "academic", _("Academic expert")
        PUBLIC = "public", _("Government / education")
        CITIZEN = "citizen", _("Citizen")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100)
    name_reading = models.CharField(_("reading"), max_length=200)
    sector = models.CharField(_("field represented"), max_length=20, choices=Sector.choices)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_member",
    )
    # A member whose term starts later gets the account at once and the invitation mail on the
    # day the term begins (the daily job): a link mailed months before would have expired.
    invite_on = models.DateField(_("invitation mailed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["name_reading", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_reading = normalize_reading(self.name_reading)
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A member's seat on a committee for a term, with their role."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        MEMBER = "member", _("Member")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        pgettext_lazy("committee member", "role"),
        max_length=20,
        choices=Role.choices,
        default=Role.MEMBER,
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    # Staff confirmed that the member leaves when this seat ends (退任予定): the term-end
    # warnings no longer list it. Cleared when the seat's end changes or the seat is renewed.
    leaving_confirmed_at = models.DateTimeField(_("leaving confirmed at"), null=True, blank=True)
    leaving_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leaving confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["member__name_reading"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="membership_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_role_display()})"


class SecretariatPerson(models.Model):
    """A person of a secretariat as the minutes list them: name, reading, title, place in the
    list and account (of a committee's list, and as kept for one meeting)."""

    name = models.CharField(_("name"), max_length=100)
    name_reading = models.CharField(_("reading"), max_length=200, blank=True)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}{self.title}"


class SecretariatMember(SecretariatPerson):
    """Center staff serving a committee as its secretariat (事務局), listed with their titles."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="secretariat"
    )

    class Meta(SecretariatPerson.Meta):
        verbose_name = _("secretariat member")
        verbose_name_plural = _("secretariat")


def meeting_name(fiscal_year: int, number: int, committee_name: str) -> str:
    """「平成22年度第9回運営委員会」: how a meeting is named (its ``str``), from plain values."""
    from kyodo.core.wareki import fiscal_year_name

    return f"{fiscal_year_name(fiscal_year)}第{number}回{committee_name}"


class Meeting(models.Model):
    """One meeting (第N回) of a committee; N restarts every fiscal year (April–March)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="meetings"
    )
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    venue = models.ForeignKey(
        "core.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty while the venue is not decided."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    # A meeting held in writing (書面開催): no venue, the members vote by returning their papers.
    # ``date`` is the day the papers went out; the minutes are dated the day the votes closed.
    held_in_writing = models.BooleanField(_("held in writing"), default=False)
    votes_close_on = models.DateField(
        _("written votes close on"),
        null=True,
        blank=True,
        help_text=_("A meeting held in writing: the last day for the members' written votes."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "fiscal_year", "number"], name="meeting_number_per_fy"
            )
        ]

    def __str__(self) -> str:
        return meeting_name(self.fiscal_year, self.number, self.committee.name)

    @property
    def code(self) -> str:
        """``2010-9``: how commands and URLs name a meeting."""
        return f"{self.fiscal_year}-{self.number}"

    @property
    def printed_date(self):
        """The day the minutes are dated: the meeting's, or for a meeting held in writing the
        day its written votes closed (when known)."""
        if self.held_in_writing and self.votes_close_on is not None:
            return self.votes_close_on
        return self.date

    @property
    def venue_label(self) -> str:
        """The venue as a notice prints it, with its building: 「イングビル3階 第1会議室」 ("" when
        not decided)."""
        if self.venue is None:
            return ""
        building, name = self.venue.building.strip(), self.venue.name
        # A room named with its building already (「イングビル3階 第1会議室」) is not given it twice.
        if not building or "".join(name.split()).startswith("".join(building.split())):
            return name
        return f"{building} {name}"

    def secretariat_printed(self) -> list[MeetingSecretariat] | list[SecretariatMember]:
        """Who the minutes print under 事務局: the meeting's own list (who of the secretariat
        attended, kept when the meeting was held) once it has one, else the committee's list as
        it is today (a meeting still to come)."""
        kept = list(self.secretariat.all())
        if kept:
            return [person for person in kept if person.attended]
        return list(self.committee.secretariat.all())


class MeetingSecretariat(SecretariatPerson):
    """One person of the secretariat at one meeting, as the committee's list was when the meeting
    was held (or its attendance first recorded), with whether they attended. Taking someone off
    the committee's list later changes no meeting already held, nor its draft."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="secretariat")
    # The list's row it was taken from (gone when the person is taken off the list).
    person = models.ForeignKey(
        SecretariatMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended = models.BooleanField(_("attended"), default=True)

    class Meta(SecretariatPerson.Meta):
        verbose_name = _("secretariat at a meeting")
        verbose_name_plural = _("secretariat at meetings")


class Attendance(models.Model):
    """Whether a member attended a meeting (in the room or online)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        ONLINE = "online", _("Online")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["member__name_reading", "member__pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()}"

    @property
    def attends(self) -> bool:
        return self.status in (self.Status.PRESENT, self.Status.ONLINE)


class AttendanceReply(models.Model):
    """A member's answer to a meeting's notice, before it: will she attend (in the room or
    online) or not, with a word for the secretariat (「15分ほど遅れます」). Given on her page of
    the meeting, or taken by staff on the telephone (``by_staff``). Not the attendance: that is
    recorded after the meeting (:class:`Attendance`), and the replies only fill its form in."""

    class Answer(models.TextChoices):
        PRESENT = "present", _("Will attend")
        ONLINE = "online", _("Will attend online")
        ABSENT = "absent", _("Will not attend")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="replies")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="replies")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    comment = models.CharField(_("message to the secretariat"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("answered at"))
    by_staff = models.BooleanField(_("taken by the secretariat"), default=False)

    class Meta:
        verbose_name = _("attendance reply")
        verbose_name_plural = _("attendance replies")
        ordering = ["member__name_reading", "member__pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_reply_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_answer_display()}"


class AgendaItem(models.Model):
    """An agenda item (議題) in one of the four categories, numbered within its category."""

    class Category(models.TextChoices):
        REPORT = "report", _("Reports")
        DELIBERATION = "deliberation", _("Deliberations")
        DISCUSSION = "discussion", _("Discussions")
        OTHER = "other", _("Other business")

    CATEGORY_ORDER = [Category.REPORT, Category.DELIBERATION, Category.DISCUSSION, Category.OTHER]
    # The headings of the house format, whatever the interface language.
    CATEGORY_JA = {
        Category.REPORT: "報告事項",
        Category.DELIBERATION: "審議事項",
        Category.DISCUSSION: "協議事項",
        Category.OTHER: "その他",
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(pgettext_lazy("agenda item", "title"), max_length=300)
    body = models.TextField(_("explanation"), blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    minutes_for = models.ForeignKey(
        "Minutes",
        verbose_name=_("approves the minutes of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approval_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "category", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "category", "number"], name="agenda_item_number"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def category_ja(self) -> str:
        return self.CATEGORY_JA[self.Category(self.category)]

    @property
    def section_number(self) -> int:
        return self.CATEGORY_ORDER.index(self.Category(self.category)) + 1


class WrittenVote(models.Model):
    """A member's written vote (書面表決) on one item of a meeting held in writing: for, against
    or reserved with an opinion, and an optional comment. Changeable until the end of the day
    the votes close (JST); not part of the minutes: staff put the tally into the item's decision
    text (「書面表決の結果、賛成８名…」) if the minutes are to say it."""

    class Choice(models.TextChoices):
        FOR = "for", _("For (賛成)")
        AGAINST = "against", _("Against (反対)")
        RESERVED = "reserved", _("Reserved, with an opinion (保留)")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="written_votes"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    voted_at = models.DateTimeField(_("voted at"))
    # A paper vote the secretariat typed in for the member.
    by_staff = models.BooleanField(_("entered by the secretariat"), default=False)

    class Meta:
        verbose_name = _("written vote")
        verbose_name_plural = _("written votes")
        ordering = ["item", "member__name_reading", "member__pk"]
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="written_vote_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"


def document_path(instance: AgendaDocument, filename: str) -> str:
    return f"committees/{instance.item.meeting.code}/{filename}"


class AgendaDocument(models.Model):
    """A paper (資料) handed out for an agenda item; staff only."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """What the committee decided on an agenda item, and how."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        REJECTED = "rejected", pgettext_lazy("decision", "Rejected")
        DEFERRED = "deferred", _("Deferred to the next meeting")
        REPORT_ONLY = "report_only", _("Report only")

    class Method(models.TextChoices):
        UNANIMOUS = "unanimous", _("Unanimously")
        MAJORITY = "majority", _("By majority")
        NONE = "none", _("Without a vote")

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    method = models.CharField(
        _("how it was taken"), max_length=20, choices=Method.choices, default=Method.NONE
    )
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    text = models.TextField(_("decision"), blank=True)
    # The entry of the item's minutes that states the decision (a ○ line), so that the minutes
    # print it once; without one, the decision is printed as a ○ line after the item's entries.
    entry = models.ForeignKey(
        "MinutesEntry",
        verbose_name=_("stated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Minutes approved although the rules (quorum, every member having received the draft) were not
    # met: why, as staff recorded it. Kept in the confirmed version.
    override_reason = models.TextField(_("reason for approving anyway"), blank=True)
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.item}: {self.get_outcome_display()}"


class ActionItem(models.Model):
    """A request the committee made (「事務局にお願いしたい」), tracked until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items"
    )
    description = models.CharField(_("request"), max_length=500)
    assignee = models.CharField(_("assigned to"), max_length=100)
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class Appointment(models.Model):
    """A position with a term held on the committee's behalf (社会福祉協議会担当理事候補)."""

    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="appointments"
    )
    title = models.CharField(_("position"), max_length=200)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    decided_at = models.ForeignKey(
        AgendaItem,
        verbose_name=_("decided at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["term_end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="appointment_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.member}"


class MinutesQuerySet(models.QuerySet):
    """What "public minutes" means, said once: the public pages, the API, open data, the sitemap
    and the search index ask ``Minutes.objects.published()`` (or ``Minutes.is_published``)."""

    def published(self):
        """Confirmed minutes with a current version, which is what the public reads (rows that
        can still change never are)."""
        return self.filter(minutes_published_q())


def minutes_published_q(prefix: str = "") -> models.Q:
    """``Minutes.objects.published()`` as a condition, for a query from another model:
    ``minutes_published_q("minutes__")`` on meetings."""
    return models.Q(
        **{f"{prefix}status": Minutes.Status.CONFIRMED, f"{prefix}current_version__isnull": False}
    )


def minutes_published(status: str | None, current_version_id: int | None) -> bool:
    """``Minutes.is_published`` from plain values (a query's ``values()``)."""
    return status == Minutes.Status.CONFIRMED and current_version_id is not None


class Minutes(models.Model):
    """The minutes (会議録) of one meeting: draft 未定稿 → circulated → confirmed 確定稿."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("minutes", "Draft")
        CIRCULATED = "circulated", _("Circulated")
        APPROVED = "approved", pgettext_lazy("minutes", "Approved")
        CONFIRMED = "confirmed", pgettext_lazy("minutes", "Confirmed")

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="minutes"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    approved_at = models.ForeignKey(
        AgendaItem,
        verbose_name=_("approved at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The version everything public reads (the newest); set by confirmation and by each correction.
    current_version = models.ForeignKey(
        "MinutesVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Imported minutes keep their header as the document printed it: the attendees, absentees,
    # observers and secretariat as names (they need not be members), the organization line and
    # the closing line. Empty for minutes written here, which show the committee's own data.
    recorded_header = models.JSONField(
        _("header as recorded"), default=dict, blank=True, editable=False
    )

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting__date"]

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_published(self) -> bool:
        """The row-level twin of ``Minutes.objects.published()``."""
        return minutes_published(self.status, self.current_version_id)

    @property
    def status_ja(self) -> str:
        # The house format's own words, printed in the title whatever the interface language.
        return "確定稿" if self.is_confirmed else "未定稿"

    @property
    def content_hash(self) -> str:
        """SHA-256 of the current version ("" for minutes not confirmed)."""
        return self.current_version.sha256 if self.current_version_id else ""


class MinutesEntry(models.Model):
    """One entry of the minutes of an agenda item: a statement (speaker: text) or a note (○)."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        NOTE = "note", pgettext_lazy("minutes", "Note")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    speaker = models.CharField(_("speaker"), max_length=100, blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("minutes entry")
        verbose_name_plural = _("minutes entries")
        ordering = ["item", "position"]

    def __str__(self) -> str:
        return f"{self.speaker}：{self.text[:30]}" if self.speaker else f"○{self.text[:30]}"

    @property
    def member_unnamed(self) -> str:
        """The linked member's name when the label does not already give it (「委員長」 → 「熊田」),
        else "": staff pages show it after the label, never twice (「熊田委員長 (熊田)」)."""
        if self.member is None:
            return ""
        from kyodo.core.text import match_key

        label = match_key(self.speaker)
        names = {match_key(self.member.name), match_key(self.member.name.split()[0])}
        return "" if any(name and label.startswith(name) for name in names) else self.member.name


class MinutesVersion(models.Model):
    """One frozen version of confirmed minutes (確定稿): the whole document as printed that day.

    ``document`` is the minutes as ``kyodo.minutes_text.Minutes.to_dict()`` gives them (header as
    printed, sections, items, entries, decisions, closing) plus ``approval`` (where and how they
    were approved, or that they were imported); ``sha256`` is the hash of its canonical JSON.
    Version 1 is written by confirmation, each correction (訂正) writes the next one with its reason
    and author. A version row is never changed; everything public reads the current one.
    """

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("document"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # Where each entry of the document is stored (``MinutesEntry`` ids, in document order; None
    # for a decision printed from its record): anchors of the minutes page. Not part of the hash.
    refs = models.JSONField(_("entry anchors"), default=list)
    reason = models.TextField(_("reason for the correction"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.minutes} v{self.number}"

    def save(self, *args, **kwargs):
        # Versions are written once: a correction is a new version, never a changed one.
        if self.pk is not None:
            raise ValueError("A minutes version is never changed.")
        super().save(*args, **kwargs)


class PublishedEntry(models.Model):
    """One entry of a version, as a row: what the statements API filters and the public search
    index reads. Written with its version from the version's document, never changed."""

    version = models.ForeignKey(MinutesVersion, on_delete=models.CASCADE, related_name="entries")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    ordinal = models.PositiveIntegerField()  # 1, 2, … over the whole document
    statement_number = models.PositiveIntegerField(null=True)  # 1, 2, … over its statements
    category = models.CharField(max_length=20, blank=True)  # AgendaItem.Category, "" if unknown
    heading = models.CharField(max_length=100, blank=True)  # the section heading as printed
    item_number = models.PositiveIntegerField()
    item_title = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=MinutesEntry.Kind.choices)
    speaker = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    ref = models.PositiveBigIntegerField(null=True)  # the MinutesEntry it was frozen from

    class Meta:
        ordering = ["version", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["version", "ordinal"], name="published_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.speaker}：{self.text[:30]}" if self.speaker else f"○{self.text[:30]}"


class Circulation(models.Model):
    """One sending of the draft minutes to the members for checking."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="circulations")
    created_at = models.DateTimeField(auto_now_add=True)
    # Why the draft was sent again (「未定稿を修正しましたので…」), as the mail of a second sending
    # says it; "" for the first sending.
    reason = models.TextField(_("reason for sending again"), blank=True)
    # SHA-256 of the draft as it was sent (``circulation.draft_fingerprint``): the approval warns
    # when the draft changed after the members received it.
    draft_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("circulation")
        verbose_name_plural = _("circulations")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.minutes} ({self.created_at:%Y-%m-%d})"


class CirculationRecipient(models.Model):
    """A member's copy of a circulation: the personal link, the mail and the receipt."""

    circulation = models.ForeignKey(
        Circulation, on_delete=models.CASCADE, related_name="recipients"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    message = models.ForeignKey(
        "core.OutboxMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    paper_at = models.DateTimeField(_("handed over on paper"), null=True, blank=True)

    class Meta:
        verbose_name = _("circulation recipient")
        verbose_name_plural = _("circulation recipients")
        ordering = ["member__name_reading", "member__pk"]
        constraints = [
            models.UniqueConstraint(fields=["circulation", "member"], name="circulation_once")
        ]

    def __str__(self) -> str:
        return str(self.member)


class CorrectionRequest(models.Model):
    """A member's request to correct an entry of circulated minutes."""

    recipient = models.ForeignKey(
        CirculationRecipient, on_delete=models.CASCADE, related_name="corrections"
    )
    entry = models.ForeignKey(
        MinutesEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    # The line as the member read it when asking (「坂口委員：……」): staff may edit the entry
    # afterwards, and what the member objected to must stay readable.
    entry_text = models.TextField(_("line as it was"), blank=True)
    text = models.TextField(_("correction"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(_("dealt with"), default=False)
    resolved_at = models.DateTimeField(_("dealt with on"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def line(self) -> str:
        """The line the request is about, as it was when the request was made ("" for the
        minutes as a whole)."""
        if self.entry_text:
            return self.entry_text
        return entry_line(self.entry) if self.entry_id else ""


def entry_line(entry: MinutesEntry) -> str:
    """An entry as one line of the draft: 「坂口委員：……」 or 「○……」."""
    return f"{entry.speaker}：{entry.text}" if entry.speaker else f"○{entry.text}"
