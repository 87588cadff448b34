from __future__ import annotations

import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.core.forms import normalize_address
from kyodo.core.text import gojuon_order, match_key, normalize_name, normalize_reading
from kyodo.organizations.contact_models import OrganizationContact  # noqa: F401 (a model)


class ActivityField(models.TextChoices):
    """The 20 fields of activity of the NPO law (特定非営利活動促進法 別表), in the law's order."""

    HEALTH = "health", _("Health, medical care or welfare")
    SOCIAL_EDUCATION = "social_education", _("Social education")
    COMMUNITY = "community", _("Community development")
    TOURISM = "tourism", _("Tourism")
    RURAL = "rural", _("Rural and mountain communities")
    CULTURE = "culture", _("Academic research, culture, arts or sports")
    ENVIRONMENT = "environment", _("Environmental conservation")
    DISASTER = "disaster", _("Disaster relief")
    SAFETY = "safety", _("Community safety")
    HUMAN_RIGHTS = "human_rights", _("Human rights or peace")
    INTERNATIONAL = "international", _("International cooperation")
    GENDER_EQUALITY = "gender_equality", _("Gender equality")
    CHILDREN = "children", _("Sound upbringing of children")
    INFORMATION = "information", _("Information society")
    SCIENCE = "science", _("Science and technology")
    ECONOMY = "economy", _("Economic activity")
    EMPLOYMENT = "employment", _("Vocational skills and employment")
    CONSUMER = "consumer", _("Consumer protection")
    INTERMEDIARY = "intermediary", _("Support for other civic groups")
    ORDINANCE = "ordinance", _("Activities set by prefectural or city ordinance")


class PublishableField(models.TextChoices):
    """Fields a group may choose to show in the public directory (name and reading always are)."""

    DESCRIPTION = "description", _("Activities")
    ACTIVITY_FIELDS = "activity_fields", _("Fields of activity")
    AREA = "area", _("Area of activity")
    MEMBER_COUNT = "member_count", _("Number of members")
    FOUNDED_YEAR = "founded_year", _("Year founded")
    WEBSITE = "website", _("Website")
    REPRESENTATIVE_NAME = "representative_name", _("Representative")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telephone")
    ADDRESS = "address", _("Address")


def split_codes(value: str) -> list[str]:
    """The codes of a delimited set column: ``",a,b,"`` → ``["a", "b"]``."""
    return [code for code in value.split(",") if code]


def join_codes(codes) -> str:
    # Stored with a comma at both ends, so that ``__contains=",code,"`` finds a whole code on
    # SQLite and PostgreSQL alike (JSONField containment is not available on SQLite).
    codes = [str(code) for code in codes]
    return f",{','.join(codes)}," if codes else ""


# Legal-form words that people write or leave out at will: 「NPO法人西東京風の会」 and
# 「西東京風の会」 are the same group to the center.
_LEGAL_FORM_WORDS = re.compile(
    "|".join(
        map(
            re.escape,
            [
                "特定非営利活動法人",
                "npo法人",
                "一般社団法人",
                "一般財団法人",
                "公益社団法人",
                "公益財団法人",
                "(特非)",
                "(一社)",
                "(一財)",
            ],
        )
    )
)


def core_key(name: str) -> str:
    """``match_key`` of a name without its legal form, for duplicate hints only."""
    key = match_key(name)
    return _LEGAL_FORM_WORDS.sub("", key) or key


# What a reading may begin with (a legal form, which people read out or leave out) and end with
# (a word saying what kind of group it is: 「…の会」, 「…ネット」, 「…クラブ」): neither tells
# two groups apart, so :func:`similar_key` drops them. Longest first, so that 「のかい」 goes
# before 「かい」.
_READING_LEGAL_FORMS = (
    "とくていひえいりかつどうほうじん",
    "いっぱんしゃだんほうじん",
    "いっぱんざいだんほうじん",
    "こうえきしゃだんほうじん",
    "こうえきざいだんほうじん",
    "えぬぴーおーほうじん",
)
_READING_GROUP_WORDS = tuple(
    sorted(
        (
            "のかい",
            "かい",
            "ねっと",
            "ねっとわーく",
            "くらぶ",
            "さーくる",
            "ぐるーぷ",
            "きょうかい",
            "れんらくかい",
            "どうこうかい",
            "ぷろじぇくと",
            "じっこういいんかい",
        ),
        key=len,
        reverse=True,
    )
)
# A shared beginning of this many kana (after the words above are dropped) is a long one: more
# than a place name (「にしとうきょうし」 is 8, 「ひばりがおか」 6) and the start of the next word.
SIMILAR_PREFIX = 12
# A shorter core (「かぜ」 of 「かぜのかい」) says too little; the exact keys still compare it.
SIMILAR_MIN = 6


def similar_key(reading: str) -> str:
    """The duplicate hint's key of a reading: its core (:func:`match_key`, then without a
    leading legal form and the trailing words saying what kind of group it is) cut to
    :data:`SIMILAR_PREFIX` kana; "" when the core is shorter than :data:`SIMILAR_MIN`.

    Two groups with the same key begin with the same long reading:
    「ひばりがおかこどもしょくどうねっと」 (ひばりが丘子ども食堂ネット) and
    「ひばりがおかこどもしょくどうのかい」 (ひばりが丘こども食堂の会) share
    「ひばりがおかこどもしょく」, although their names differ in 子ども / こども and the ending.
    """
    key = match_key(reading)
    for prefix in _READING_LEGAL_FORMS:
        if key.startswith(prefix):
            key = key.removeprefix(prefix)
            break
    stripped = True
    while stripped:
        stripped = False
        for word in _READING_GROUP_WORDS:
            if key.endswith(word) and len(key) > len(word):
                key = key.removesuffix(word)
                stripped = True
                break
    return key[:SIMILAR_PREFIX] if len(key) >= SIMILAR_MIN else ""


def bylaws_upload_to(instance: Organization, filename: str) -> str:
    # A random name: the original file name is the applicant's and may contain anything.
    suffix = PurePath(filename).suffix.lower()
    return f"private/organizations/bylaws/{uuid.uuid4().hex}{suffix}"


class OrganizationQuerySet(models.QuerySet):
    def listed(self):
        """Registered groups: what the public sees and chooses from (the directory, a group's
        page, the API, the sitemap, search, the group choice of an event application).
        Applications, returned, rejected, suspended and withdrawn groups are not public, nor a
        group whose registration begins on a later day (``Status.SCHEDULED``)."""
        return self.filter(status=Organization.Status.REGISTERED)


class Organization(models.Model):
    """A registered civic group (登録団体) of the center, or an application to become one."""

    class LegalForm(models.TextChoices):
        NPO = "npo", _("NPO corporation")
        GENERAL_ASSOCIATION = "general_association", _("General incorporated association")
        GENERAL_FOUNDATION = "general_foundation", _("General incorporated foundation")
        VOLUNTARY = "voluntary", _("Voluntary group")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        RETURNED = "returned", _("Returned for correction")
        REJECTED = "rejected", _("Rejected")
        # Approved with a 登録日 after the day of approval: not registered until that day, when
        # services.status_changes_apply puts the registration into force (as a scheduled
        # 登録抹消 is), so that every list agrees with the monthly report's count.
        SCHEDULED = "scheduled", _("Registration scheduled")
        REGISTERED = "registered", _("Registered")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    name = models.CharField(_("name"), max_length=200)
    name_reading = models.CharField(_("reading"), max_length=300)
    # NFKC-folded name and reading, to find possible duplicates (ＮＰＯ法人 = NPO法人).
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    reading_key = models.CharField(max_length=300, db_index=True, editable=False)
    # The reading in gojūon order as the database sorts it (kyodo.core.text.gojuon_order).
    reading_order = models.CharField(max_length=2000, db_index=True, editable=False, default="f")
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # The name without 「NPO法人」 and the like, so that a hint also finds 「西東京風の会」.
    core_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    # The reading's long beginning (similar_key), so that a hint finds 「…子ども食堂ネット」 beside
    # 「…こども食堂の会」; "" for a short reading, which never matches.
    similar_key = models.CharField(max_length=300, db_index=True, editable=False, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    representative_name = models.CharField(_("representative"), max_length=100, default="")
    representative_reading = models.CharField(
        _("representative (reading)"), max_length=200, default=""
    )
    email = models.EmailField(_("e-mail"), max_length=254, default="")
    phone = models.CharField(_("telephone"), max_length=30, default="")
    address = models.CharField(_("address"), max_length=300, default="")
    activity_fields = models.CharField(
        _("fields of activity"), max_length=400, blank=True, default=""
    )
    area = models.CharField(_("area of activity"), max_length=200, blank=True, default="")
    description = models.TextField(_("activities"), max_length=2000, blank=True, default="")
    website = models.URLField(_("website"), max_length=300, blank=True, default="")
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    bylaws = models.FileField(
        _("bylaws"), upload_to=bylaws_upload_to, max_length=200, blank=True, default=""
    )
    bylaws_name = models.CharField(_("bylaws file name"), max_length=200, blank=True, default="")
    published_fields = models.CharField(
        _("published fields"), max_length=400, blank=True, default=""
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True, default="")
    # sha256 of the personal link mailed with a return; the link itself is never stored.
    resubmit_token_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    representative_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organization",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registered group")
        verbose_name_plural = _("registered groups")
        ordering = ["reading_order", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Names as the forms store them (core.text.normalize_name): 「ＮＰＯ法人みらい」 is kept
        # as 「NPO法人みらい」 also when a row comes from the demo, an import or code.
        self.name = normalize_name(self.name or "")
        self.representative_name = normalize_name(self.representative_name or "")
        self.name_reading = normalize_reading(self.name_reading)
        self.representative_reading = normalize_reading(self.representative_reading)
        self.name_key = match_key(self.name)
        self.reading_key = match_key(self.name_reading)
        self.reading_order = gojuon_order(self.name_reading)
        self.core_key = core_key(self.name)
        self.similar_key = similar_key(self.name_reading)
        # One form of an address whatever width it was typed in (as forms store it), also for
        # rows written by the demo, an import or code.
        self.address = normalize_address(self.address or "")
        self.area = normalize_address(self.area or "")
        super().save(*args, **kwargs)

    @property
    def can_act(self) -> bool:
        """Whether the group may change its profile or propose: only while registered, not
        when suspended (休止) or withdrawn (退会・登録抹消), nor before its registration begins."""
        return self.status == self.Status.REGISTERED

    @property
    def scheduled_change_label(self) -> str:
        """The kind of the next change not in force yet (``scheduled_kind``, annotated by
        ``selectors.staff_organizations``), in words; "" when none is scheduled."""
        kind = getattr(self, "scheduled_kind", None)
        return str(OrganizationStatusChange.Kind(kind).label) if kind else ""

    @property
    def activity_field_list(self) -> list[str]:
        return split_codes(self.activity_fields)

    @property
    def activity_field_labels(self) -> list[str]:
        labels = dict(ActivityField.choices)
        return [str(labels[c]) for c in self.activity_field_list if c in labels]

    @property
    def published_field_list(self) -> list[str]:
        return split_codes(self.published_fields)

    def is_published(self, field: str) -> bool:
        return field in self.published_field_list

    @property
    def public_fields(self) -> list[tuple[str, str, object]]:
        """(code, label, value) of the fields the group chose to publish, in a fixed order."""
        shown = []
        published = self.published_field_list
        for code, label in PublishableField.choices:
            if code not in published:
                continue
            value = (
                "、".join(self.activity_field_labels)
                if code == PublishableField.ACTIVITY_FIELDS
                else getattr(self, code)
            )
            if value not in ("", None):
                shown.append((code, label, value))
        return shown


class OrganizationStatusChange(models.Model):
    """One step of a group's registration history, effective from a date (never edited)."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        RENEWED = "renewed", _("Renewed")
        SUSPENDED = "suspended", _("Suspended")
        REINSTATED = "reinstated", _("Reinstated")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # After one of these the group counts as registered until the next change.
    ACTIVE_KINDS = (Kind.REGISTERED, Kind.RENEWED, Kind.REINSTATED)
    # The group's status once a change of this kind is in force.
    STATUS_AFTER = {
        Kind.REGISTERED: Organization.Status.REGISTERED,
        Kind.RENEWED: Organization.Status.REGISTERED,
        Kind.REINSTATED: Organization.Status.REGISTERED,
        Kind.SUSPENDED: Organization.Status.SUSPENDED,
        Kind.WITHDRAWN: Organization.Status.WITHDRAWN,
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="status_changes"
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    effective_date = models.DateField(_("effective date"), db_index=True)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True, default="")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration status change")
        verbose_name_plural = _("registration status changes")
        ordering = ["effective_date", "pk"]
        # A group's status on a date is its last change by then (the registered count, the
        # monthly report): one index walk per group.
        indexes = [
            models.Index(
                fields=["organization", "effective_date"], name="organizations_status_on_date"
            )
        ]
        constraints = [
            # A group is renewed once per fiscal year.
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                condition=models.Q(kind="renewed"),
                name="organizations_one_renewal_per_fiscal_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_kind_display()} {self.effective_date}"


# What a group changes only through a 変更届 that the center reviews: every field that can appear
# in the directory, and the representative's reading that goes with the name. The choice of
# what to publish (``published_fields``) and the bylaws stay direct: the first is the group's own
# consent, which must take effect at once when it is withdrawn, and shows only values the center
# has already approved; the second is seen by staff alone.
REVIEWED_FIELDS = [
    "representative_name",
    "representative_reading",
    "email",
    "phone",
    "address",
    "activity_fields",
    "area",
    "description",
    "website",
    "member_count",
    "founded_year",
]


class ChangeRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeRequest.Status.PENDING)


class ChangeRequest(models.Model):
    """A 変更届: new values a group proposes for its registered details, until staff decide.

    The group's row keeps the approved values (what the directory, the API and search show);
    the proposal waits here. ``previous`` holds the values the group saw when it proposed, so
    that staff review exactly that difference and the history keeps it after approval.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", pgettext_lazy("change request", "Approved")
        RETURNED = "returned", pgettext_lazy("change request", "Returned")
        WITHDRAWN = "withdrawn", pgettext_lazy("change request", "Withdrawn")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("registered group"),
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    proposed = models.JSONField(_("proposed values"), default=dict)
    previous = models.JSONField(_("values before"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("change request", "submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("change request", "decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        pgettext_lazy("change request", "decided at"), null=True, blank=True
    )
    return_reason = models.TextField(_("reason for returning"), blank=True, default="")

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("change notification")
        verbose_name_plural = _("change notifications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # One proposal waits at a time: a new one replaces it.
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status="pending"),
                name="organizations_one_pending_change_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organizations-staff:change", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
