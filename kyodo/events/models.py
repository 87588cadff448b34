"""Events (事業): series, guests, applications with a waiting list, attendance and notes."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kyodo.core.conditions import holds
from kyodo.core.models import Venue
from kyodo.core.text import normalize_reading

# How long the questionnaire after an event takes answers, in days after the event's day.
DEFAULT_FEEDBACK_OPEN_DAYS = 14


# The longest comment the questionnaire takes, per question.
FEEDBACK_TEXT_MAX = 2000


def feedback_open_days() -> int:
    return int(getattr(settings, "FEEDBACK_OPEN_DAYS", DEFAULT_FEEDBACK_OPEN_DAYS))


def new_token() -> str:
    # 32 random bytes: the cancel link is the only credential an applicant has.
    return secrets.token_urlsafe(32)


class EventKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture course")
    SALON = "salon", _("Salon")
    SYMPOSIUM = "symposium", _("Symposium")
    ROUND_TABLE = "round_table", _("Round table")
    BRIEFING = "briefing", _("Briefing")
    EXECUTIVE_COMMITTEE = "executive_committee", _("Executive committee")
    SOCIAL = "social", _("Social gathering")
    FESTIVAL = "festival", _("Festival")
    OTHER = "other", _("Other")


class EventSeries(models.Model):
    """Events held again and again under one name; each event gets the next number (第N回)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_reading = models.CharField(_("reading"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=EventKind.choices, default=EventKind.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    # Editable so that a series whose first meetings predate Kyodo can start at 第3回.
    next_number = models.PositiveIntegerField(
        _("next number"),
        default=1,
        help_text=_("The number the next event of the series gets (第N回)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["name_reading", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_number__gte=1), name="events_series_next_number_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_reading = normalize_reading(self.name_reading)
        super().save(*args, **kwargs)


class EventQuerySet(models.QuerySet):
    """What "public" means for events, said once: every view, feed, file, the API, the sitemap and
    the search index ask these (``Event.objects.visible()`` …), never the status themselves."""

    def visible(self):
        """Events the public may open (:func:`visible_condition`)."""
        return self.filter(visible_condition())

    def listed(self, today: date | None = None):
        """The public's list of what is coming: visible events from ``today`` on."""
        return self.visible().filter(date__gte=today or timezone.localdate())

    def ended(self, now: datetime | None = None):
        """Events over at ``now`` (the current time by default): :func:`ended_condition`."""
        return self.filter(ended_condition(now or timezone.now()))

    def held(self, now: datetime | None = None):
        """Events held by ``now``, as the reports count them (実施した事業): public (never a
        draft), not cancelled, and over by their end (:func:`ended_condition`), whether or not
        attendance was recorded. The status ``held`` says only that attendance was recorded,
        and reception records it at the door before the start."""
        return (
            self.visible()
            .exclude(status=Event.Status.CANCELLED)
            .filter(ended_condition(now or timezone.now()))
        )

    def open_for_applications(self, today: date | None = None):
        """Events that take applications on ``today``: those meeting every one of
        :func:`application_conditions` (``services.check_accepting`` refuses with the first an
        event fails). A full event still takes applications (a waiting list)."""
        return self.filter(*application_conditions(today or timezone.localdate()).values())


def visible_condition() -> Q:
    """Whether the public may open an event: everything but drafts (a cancelled or held event
    keeps its page, so links and calendars do not break). ``Event.objects.visible()`` filters by
    it; ``holds`` asks it of an event read by SQL of its own."""
    return ~Q(status=Event.Status.DRAFT)


def end_of_day(day: date) -> datetime:
    """The moment ``day`` is over in Japan's time: midnight at the start of the next day."""
    return datetime.combine(
        day + timedelta(days=1), time(0), tzinfo=timezone.get_current_timezone()
    )


def ended_condition(now: datetime) -> Q:
    """Whether an event is over at ``now``, in Japan's time: its end time on its day has come,
    or its day is past (the end of the day for an event without an end time), as
    ``Event.end_moment`` says of one event."""
    local = timezone.localtime(now)
    return Q(date__lt=local.date()) | Q(
        date=local.date(), end_time__isnull=False, end_time__lte=local.time()
    )


def application_conditions(today: date) -> dict[str, Q]:
    """When an event takes applications on ``today``: the conditions that must all hold, named,
    in the order a refusal names the first that fails (``Event.application_refusal``)."""
    # The period ends on the event's day unless it closes earlier.
    not_closed = Q(applications_close_on__gte=today) | Q(
        applications_close_on__isnull=True, date__gte=today
    )
    now = timezone.localtime()
    if today == now.date():
        # On its day, applications close when it begins (nobody is promoted mid-lecture).
        not_closed &= ~Q(date=today, start_time__lte=now.time())
    return {
        "not_cancelled": ~Q(status=Event.Status.CANCELLED),
        "published": Q(status=Event.Status.PUBLISHED, accepts_applications=True),
        "opened": Q(applications_open_on__isnull=True) | Q(applications_open_on__lte=today),
        "not_closed": not_closed,
    }


class Event(models.Model):
    """One event (事業) the center holds: a lecture, a salon, a round table, a committee meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("event status", "Published")
        CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")
        HELD = "held", _("Held")

    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    series_number = models.PositiveIntegerField(_("number in the series"), null=True, blank=True)
    title = models.CharField(pgettext_lazy("events", "title"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    venue_text = models.CharField(
        _("venue (other)"),
        max_length=200,
        blank=True,
        help_text=_("A place that is not in the list of venues, or 未定 (not decided yet)."),
    )
    date = models.DateField(pgettext_lazy("events", "date"), db_index=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    capacity_people = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    capacity_groups = models.PositiveIntegerField(_("capacity (groups)"), null=True, blank=True)
    accepts_applications = models.BooleanField(_("accepts applications"), default=True)
    applications_open_on = models.DateField(_("applications open on"), null=True, blank=True)
    applications_close_on = models.DateField(_("applications close on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Totals, derived when attendance is recorded: the people of the applications marked as
    # attended plus the walk-ins below (the seed's briefing counted 24 groups at the door).
    attendance_people = models.PositiveIntegerField(_("attendance (people)"), null=True, blank=True)
    attendance_groups = models.PositiveIntegerField(_("attendance (groups)"), null=True, blank=True)
    walk_in_people = models.PositiveIntegerField(
        _("people who came without applying"), null=True, blank=True
    )
    walk_in_groups = models.PositiveIntegerField(
        _("groups who came without applying"), null=True, blank=True
    )
    personal_data_removed_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True
    )
    # The questionnaire (アンケート) mailed to participants after the event (Feedback).
    feedback_enabled = models.BooleanField(
        _("ask participants for feedback"),
        default=True,
        help_text=_(
            "After the event, participants with an e-mail address are sent a short "
            "questionnaire once."
        ),
    )
    feedback_requested_at = models.DateTimeField(
        _("questionnaire first sent at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date", "start_time", "pk"]
        # The monthly report reads the events of one status over a range of dates.
        indexes = [models.Index(fields=["status", "date"], name="events_event_status_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "series_number"], name="events_event_unique_series_number"
            ),
            models.CheckConstraint(
                condition=Q(series__isnull=True, series_number__isnull=True)
                | Q(series__isnull=False, series_number__gte=1),
                name="events_event_series_number_with_series",
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="events_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(applications_open_on__isnull=True)
                | Q(applications_close_on__isnull=True)
                | Q(applications_close_on__gte=models.F("applications_open_on")),
                name="events_event_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from kyodo.core.links import reverse_once

        return reverse_once("events:detail", args=[self.pk])

    def application_refusal(self, today: date | None = None) -> str | None:
        """The first of :func:`application_conditions` this event (as it is in memory) fails on
        ``today``; None when it takes applications. ``services.check_accepting`` words it."""
        conditions = application_conditions(today or timezone.localdate())
        return next((name for name, q in conditions.items() if not holds(q, self)), None)

    @property
    def series_label(self) -> str:
        """「NPO市民活動ネットワーク 第3回」, or "" outside a series."""
        if self.series_id is None:
            return ""
        return gettext("%(series)s No. %(number)s") % {
            "series": self.series.name,
            "number": self.series_number,
        }

    @property
    def name(self) -> str:
        """What people call the event: its title, with the series and number when it has one."""
        if self.series_id is None:
            return self.title
        if self.title:
            return f"{self.series_label}「{self.title}」"
        return self.series_label

    @property
    def venue_name(self) -> str:
        return self.venue.name if self.venue_id else self.venue_text

    @property
    def is_over(self) -> bool:
        return self.status in (self.Status.HELD, self.Status.CANCELLED)

    @property
    def has_started(self) -> bool:
        """Whether its start time has come (False without a start time, before its day)."""
        if self.start_time is None:
            return self.date < timezone.localdate()
        now = timezone.localtime()
        return (self.date, self.start_time) <= (now.date(), now.time())

    @property
    def has_ended(self) -> bool:
        """Whether the public pages say it has ended (「この事業は終了しました」) rather than
        show its places: its day is past, or it is recorded as held and its end time has come
        (attendance taken at the door before the lecture does not end it; without an end time,
        held is ended). A cancelled event says it is cancelled."""
        if self.status == self.Status.CANCELLED:
            return False
        if self.date < timezone.localdate():
            return True
        if self.status != self.Status.HELD:
            return False
        return self.end_time is None or timezone.now() >= self.end_moment

    @property
    def end_moment(self) -> datetime:
        """When the event is over: its end time on its day, or the end of its day without one."""
        if self.end_time is not None:
            return datetime.combine(
                self.date, self.end_time, tzinfo=timezone.get_current_timezone()
            )
        return end_of_day(self.date)

    @property
    def takes_walk_ins(self) -> bool:
        """Whether reception may enter someone who came without applying (当日参加,
        ``services.walk_in_add``): a published or held event, from its day on (the desk opens
        before the start, and applications close at it)."""
        return (
            self.status in (self.Status.PUBLISHED, self.Status.HELD)
            and self.date <= timezone.localdate()
        )

    @property
    def closed_to_applicants(self) -> bool:
        """Whether the event is over for its applicants: their applications can no longer
        change through the personal link (``services.application_cancel`` refuses) and its page
        says what happened instead of offering to cancel. Its end time has come (the end of its
        day without one), or it is recorded as held and has ended (``has_ended``)."""
        if self.status == self.Status.HELD and self.has_ended:
            return True
        return timezone.now() >= self.end_moment

    def feedback_closes_on(self) -> date:
        """The last day the questionnaire takes answers (``FEEDBACK_OPEN_DAYS`` after the day)."""
        return self.date + timedelta(days=feedback_open_days())

    @property
    def shows_application_counts(self) -> bool:
        """Whether the public pages show its application counts (kyodo/events/facts.py): an
        event that takes applications, is not cancelled and has not ended (``has_ended``). The
        public selectors read the counts of these events only."""
        return (
            self.accepts_applications
            and self.status != self.Status.CANCELLED
            and not self.has_ended
        )

    @property
    def places_left(self) -> int | None:
        """Free places for people; needs the ``confirmed_people`` annotation of the selectors."""
        taken = getattr(self, "confirmed_people", None)
        if self.capacity_people is None or taken is None:
            return None
        return max(self.capacity_people - taken, 0)

    @property
    def group_places_left(self) -> int | None:
        """Free places for groups; needs the ``confirmed_groups`` annotation of the selectors."""
        taken = getattr(self, "confirmed_groups", None)
        if self.capacity_groups is None or taken is None:
            return None
        return max(self.capacity_groups - taken, 0)

    @property
    def all_applications_wait(self) -> bool:
        """Whether every new application, a person's or a group's, would wait now: someone is
        waiting already, or no place for people is left (needs the counts of
        ``places_left``; False without them). The public facts say so rather than show free
        group places a group could not have."""
        return bool(getattr(self, "waitlisted_count", None)) or self.places_left == 0

    def would_wait(self, *, people: int, is_group: bool) -> bool | None:
        """Whether an application of ``people`` (a group's or a person's) would go on the
        waiting list if sent now, by the counts the public selectors read (the rule of
        ``services.application_submit``: anyone waiting, or not enough room); None without the
        counts. The service decides again under the event's lock: this only forewarns."""
        if getattr(self, "waitlisted_count", None) is None:
            return None
        if self.waitlisted_count:
            return True
        people_left, groups_left = self.places_left, self.group_places_left
        if people_left is not None and people > people_left:
            return True
        return bool(is_group and groups_left is not None and groups_left < 1)


class Guest(models.Model):
    """A guest or speaker at an event, listed in the order given by ``position``."""

    class Role(models.TextChoices):
        GUEST = "guest", _("Guest")
        LECTURER = "lecturer", _("Lecturer")
        KEYNOTE = "keynote", _("Keynote speaker")
        PANELIST = "panelist", _("Panelist")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="guests"
    )
    name = models.CharField(_("name"), max_length=100)
    name_reading = models.CharField(_("reading"), max_length=200, blank=True)
    affiliation = models.CharField(_("affiliation and title"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.GUEST)
    position = models.PositiveIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_reading = normalize_reading(self.name_reading)
        super().save(*args, **kwargs)


class Application(models.Model):
    """An application (申し込み) to an event, from a person or from a group."""

    # What names the applicant: emptied by the daily anonymisation and at the person's request
    # (kyodo.core.services_privacy); numbers, status and attendance stay.
    PERSONAL_FIELDS = ("name", "name_reading", "email", "phone", "note")

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        GROUP = "group", _("Group")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("application status", "Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", pgettext_lazy("application status", "Cancelled")

    class Channel(models.TextChoices):
        ONLINE = "online", pgettext_lazy("application channel", "Online")
        PHONE = "phone", pgettext_lazy("application channel", "Telephone")
        COUNTER = "counter", _("At the counter")
        OTHER = "other", _("Other")
        # Entered by reception for someone who came without applying (services.walk_in_add).
        WALK_IN = "walk_in", _("Walk-in on the day")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    # No index of its own: ``events_application_event`` begins with it (see Meta.indexes).
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="applications",
        db_index=False,
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    kind = models.CharField(_("applying as"), max_length=10, choices=Kind.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("registered group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_applications",
    )
    group_name = models.CharField(_("group name"), max_length=200, blank=True)
    people = models.PositiveIntegerField(_("number of people"), default=1)
    # Personal data: blanked by the anonymisation service a while after the event.
    name = models.CharField(_("name"), max_length=100, blank=True)
    name_reading = models.CharField(_("reading"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    note = models.TextField(pgettext_lazy("events", "note"), blank=True)
    channel = models.CharField(
        _("received by"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    # No index of its own: three values, and one that PostgreSQL's generic plans preferred to
    # the event's (it read every confirmed application of every event to count one event's).
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    waitlist_position = models.PositiveIntegerField(_("place on the waiting list"), null=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default="", blank=True
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(people__gte=1), name="events_application_people"),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_position__isnull=False)
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="events_application_waitlist_position",
            ),
            models.CheckConstraint(
                condition=Q(kind="individual", organization__isnull=True, group_name="")
                | Q(kind="group", organization__isnull=False)
                | (Q(kind="group") & ~Q(group_name="")),
                name="events_application_group_named",
            ),
        ]
        # An application counts the places taken, the waiting list's last place and whether
        # this person applied already (services._count_taken), each an index lookup that reads
        # only the rows it counts, however many apply. PostgreSQL's statistics know nothing of
        # a new event's applications until the next ANALYZE, so every index that begins with
        # the event looks as good as another for them: there is one, which serves all three
        # lookups (the event, a status, the address), and the waiting list's, which only its
        # ordered lookup can use. With a second index on the event alone, the planner read
        # every application of the event three times over for each new one (0.9 ms at 1,400,
        # against 0.1 ms with these whatever the number).
        indexes = [
            models.Index(F("event"), F("status"), Upper("email"), name="events_application_event"),
            models.Index(
                fields=["event", "waitlist_position"],
                condition=Q(status="waitlisted"),
                name="events_application_waitlist",
            ),
        ]

    def __str__(self) -> str:
        return self.applicant_label

    @property
    def is_group(self) -> bool:
        return self.kind == self.Kind.GROUP

    @property
    def group_label(self) -> str:
        if self.organization_id is not None:
            return self.organization.name
        return self.group_name

    @property
    def applicant_label(self) -> str:
        """The group's name for a group, the person's name otherwise (empty once anonymised)."""
        if self.is_group:
            return self.group_label
        return self.name or gettext("(removed)")


class EventNote(models.Model):
    """What was heard at or after an event: feedback (感想) and follow-up requests (要望)."""

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("Feedback")
        REQUEST = "request", _("Follow-up request")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(pgettext_lazy("event note", "text"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event note")
        verbose_name_plural = _("event notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class Satisfaction(models.IntegerChoices):
    """満足度, the five levels of the questionnaire, best first."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
    SOMEWHAT_DISSATISFIED = 2, _("Somewhat dissatisfied")
    DISSATISFIED = 1, _("Dissatisfied")


class Feedback(models.Model):
    """One participant's questionnaire (アンケート) after an event: written when the request is
    mailed (so a row means "asked", and its uniqueness means "asked once"), answered through the
    application's personal link, changeable until the questionnaire closes. A group's
    application answers once for the group."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="feedback"
    )
    requested_at = models.DateTimeField(_("asked at"))
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), choices=Satisfaction.choices, null=True, blank=True
    )
    good_points = models.TextField(_("what was good"), blank=True)
    requests = models.TextField(_("requests for future events"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The 要望 note staff made of ``requests`` (EventNote), once.
    note = models.OneToOneField(
        EventNote,
        verbose_name=_("event note"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        ordering = ["answered_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="events_feedback_satisfaction_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}/{self.application_id}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
