"""The collaboration register (協働): city departments, collaboration records, the counting
setting of the statistics, and calls for proposals (提案型協働事業) with proposals and reviews."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.core.text import normalize_reading, sort_by_reading
from kyodo.core.wareki import fiscal_year, fiscal_year_name


class CollaborationForm(models.TextChoices):
    """The forms of collaboration the city's statistics distinguish."""

    CONSIGNMENT = "consignment", pgettext_lazy("collaboration form", "Consignment")
    SUBSIDY = "subsidy", pgettext_lazy("collaboration form", "Subsidy")
    CO_HOSTING = "co_hosting", pgettext_lazy("collaboration form", "Co-hosting")
    ENDORSEMENT = "endorsement", pgettext_lazy("collaboration form", "Endorsement")
    EXECUTIVE_COMMITTEE = (
        "executive_committee",
        pgettext_lazy("collaboration form", "Executive committee"),
    )
    AGREEMENT = "agreement", pgettext_lazy("collaboration form", "Agreement")
    COOPERATION = "cooperation", pgettext_lazy("collaboration form", "Project cooperation")
    INFORMATION_EXCHANGE = (
        "information_exchange",
        pgettext_lazy("collaboration form", "Exchange of information"),
    )
    PROPOSAL = "proposal", pgettext_lazy("collaboration form", "Proposal-based project")


# What counts as 協働 when nobody has changed the setting: 後援 only lends a name, so it does
# not; 共催 and 委託 do (the city's own statistics count both).
DEFAULT_COUNTED_FORMS = [f.value for f in CollaborationForm if f != CollaborationForm.ENDORSEMENT]


def split_codes(value: str) -> list[str]:
    return [code for code in value.split(",") if code]


def join_codes(codes) -> str:
    codes = [str(code) for code in codes]
    return f",{','.join(codes)}," if codes else ""


class Department(models.Model):
    """A city department (課) with its bureau (部) and the contact there."""

    name = models.CharField(pgettext_lazy("department", "name"), max_length=100, unique=True)
    name_reading = models.CharField(_("reading"), max_length=200, blank=True)
    bureau = models.CharField(_("bureau (部)"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("city department")
        verbose_name_plural = _("city departments")
        ordering = ["name_reading", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_reading = normalize_reading(self.name_reading)
        super().save(*args, **kwargs)


class DepartmentName(models.Model):
    """The name a department had from a fiscal year on (組織改正): past records and statistics
    show the name of their year, not today's.

    Rows exist only once a department has been renamed: the name it had before, from
    ``first_fiscal_year`` 0 (every earlier year), and each later name from the fiscal year it
    took effect. A department without rows has always had its current name.
    """

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(pgettext_lazy("department", "name"), max_length=100)
    first_fiscal_year = models.PositiveSmallIntegerField(_("used from fiscal year"))

    class Meta:
        verbose_name = _("former department name")
        verbose_name_plural = _("former department names")
        ordering = ["department", "first_fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "first_fiscal_year"],
                name="collaboration_department_name_one_per_year",
            )
        ]

    def __str__(self) -> str:
        return self.name


class DepartmentBureau(models.Model):
    """The bureau (部) a department belonged to from a fiscal year on: a 部 renamed or a 課
    moved to another 部 (組織改正). Past records show the 部 of their years, as
    :class:`DepartmentName` does for the 課's own name, with the same rows: only once the bureau
    changed from a fiscal year, the one before from ``first_fiscal_year`` 0.
    """

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="bureaus")
    bureau = models.CharField(_("bureau (部)"), max_length=100, blank=True)
    first_fiscal_year = models.PositiveSmallIntegerField(_("used from fiscal year"))

    class Meta:
        verbose_name = _("former bureau")
        verbose_name_plural = _("former bureaus")
        ordering = ["department", "first_fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "first_fiscal_year"],
                name="collaboration_department_bureau_one_per_year",
            )
        ]

    def __str__(self) -> str:
        return self.bureau


def name_in_year(history: list[tuple[int, str]], current: str, fiscal_year: int) -> str:
    """The name of a department in ``fiscal_year`` from its ``history`` ((first fiscal year,
    name) rows of :class:`DepartmentName`, any order); ``current`` when it has none."""
    name, best = current, -1
    for first, row_name in history:
        if best < first <= fiscal_year:
            best, name = first, row_name
    return name


def names_over(history: list[tuple[int, str]], current: str, first: int, last: int) -> list[str]:
    """The names a department had over the fiscal years ``first``..``last``, in order, each once
    (「旧名」, then 「新名」 for a record that ran across a renaming)."""
    names: list[str] = []
    for year in [first, *sorted(f for f, _n in history if first < f <= last)]:
        name = name_in_year(history, current, year)
        if name not in names:
            names.append(name)
    return names


def in_reading_order(departments: Iterable[Department]) -> list[Department]:
    """Departments in gojūon order of their reading (the name when there is none).

    ``Meta.ordering`` cannot do it: the database compares readings code point by code point,
    which puts 職員課 (しょくいんか) before 児童福祉課 (じどうふくしか).
    """
    return sort_by_reading(departments, key=lambda d: d.name_reading or d.name)


def yearly_amounts(value) -> dict[int, int]:
    """``{fiscal year: yen}`` in year order from what :class:`YearlyAmountsField` stores
    (``{"2026": 600000, …}``: JSON keys are text); anything else reads as no amounts."""
    if not isinstance(value, dict):
        return {}
    amounts = {}
    for year, amount in value.items():
        try:
            amounts[int(year)] = int(amount)
        except (TypeError, ValueError):
            continue
    return dict(sorted(amounts.items()))


class YearlyAmountsField(models.JSONField):
    """Amounts of yen per fiscal year, stored as ``{"2026": 600000, "2027": 600000}``.

    ``display_text`` is how the audit log and the 「他の人が先に変更しました」 list write a value
    (「令和8年度 600,000円、令和9年度 600,000円」), never as raw JSON.
    """

    def display_text(self, value) -> str:
        amounts = yearly_amounts(value)
        if not amounts:
            return "—"
        return "、".join(f"{fiscal_year_name(y)} {a:,}円" for y, a in amounts.items())


class Collaboration(models.Model):
    """One collaboration between registered groups and city departments.

    ``budget`` is the whole budget (総額). A record over several fiscal years may say how much
    of it falls in each year (``yearly_budgets``, 年度別予算額: every year of the period, adding
    up to the budget, or none at all); the statistics of a fiscal year count that year's amount.
    Without the amounts per year, the whole budget is counted in the first year (see
    :meth:`amount_in` and docs/collaboration.md).
    """

    title = models.CharField(pgettext_lazy("collaboration", "title"), max_length=200)
    form = models.CharField(
        _("form of collaboration"), max_length=30, choices=CollaborationForm.choices
    )
    organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("groups"),
        related_name="collaborations",
        blank=True,
    )
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments"), related_name="collaborations", blank=True
    )
    events = models.ManyToManyField(
        "events.Event",
        verbose_name=_("events"),
        related_name="collaborations",
        blank=True,
    )
    first_fiscal_year = models.PositiveSmallIntegerField(_("first fiscal year"))
    last_fiscal_year = models.PositiveSmallIntegerField(_("last fiscal year"))
    budget = models.PositiveBigIntegerField(_("budget (yen)"), null=True, blank=True)
    yearly_budgets = YearlyAmountsField(_("budget by fiscal year"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    is_published = models.BooleanField(_("published as a case study"), default=False)
    # 中止: the day the collaboration stopped and why. The statistics count it only in the
    # fiscal years before the one it stopped in (see :meth:`counted_years`).
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancellation_reason = models.TextField(_("reason for the cancellation"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        ordering = ["-first_fiscal_year", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_fiscal_year__gte=models.F("first_fiscal_year")),
                name="collaboration_fiscal_years_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("collaboration:detail", args=[self.pk])

    @property
    def fiscal_years(self) -> list[int]:
        return list(range(self.first_fiscal_year, self.last_fiscal_year + 1))

    @property
    def is_multi_year(self) -> bool:
        return self.last_fiscal_year != self.first_fiscal_year

    @property
    def budget_by_year(self) -> dict[int, int]:
        """The amounts per fiscal year entered (年度別予算額), in year order; {} if none."""
        return yearly_amounts(self.yearly_budgets)

    @property
    def budget_unsplit(self) -> bool:
        """A multi-year record with a budget but no amounts per year (複数年度・按分なし)."""
        return self.is_multi_year and bool(self.budget) and not self.budget_by_year

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None

    @property
    def counted_years(self) -> list[int]:
        """The fiscal years the statistics count it in: all of its period, or for a cancelled
        record (中止) those before the fiscal year it stopped in (none if it stopped in its
        first year)."""
        return counted_years(self.first_fiscal_year, self.last_fiscal_year, self.cancelled_on)

    def amount_in(self, fiscal_year: int) -> int:
        """The yen the statistics of ``fiscal_year`` count for this record."""
        if fiscal_year not in self.counted_years:
            return 0
        return amount_in_year(
            fiscal_year,
            budget=self.budget,
            first_fiscal_year=self.first_fiscal_year,
            last_fiscal_year=self.last_fiscal_year,
            yearly_budgets=self.yearly_budgets,
        )

    @property
    def departments_in_order(self) -> list[Department]:
        """Its departments in gojūon order (from the rows the selector prefetched)."""
        return in_reading_order(self.departments.all())

    @property
    def department_labels(self) -> list[tuple[str, str]]:
        """(name, bureau) of its departments in gojūon order, each named as it was in the
        record's fiscal years (「旧名→新名」 across a renaming: :class:`DepartmentName` and
        :class:`DepartmentBureau`, from the rows the selector prefetched)."""
        first, last = self.first_fiscal_year, self.last_fiscal_year
        return [
            (
                "→".join(
                    names_over(
                        [(n.first_fiscal_year, n.name) for n in d.names.all()], d.name, first, last
                    )
                ),
                "→".join(
                    names_over(
                        [(b.first_fiscal_year, b.bureau) for b in d.bureaus.all()],
                        d.bureau,
                        first,
                        last,
                    )
                ),
            )
            for d in self.departments_in_order
        ]


def amount_in_year(
    fiscal_year: int, *, budget, first_fiscal_year: int, last_fiscal_year: int, yearly_budgets
) -> int:
    """What a record's budget counts in ``fiscal_year``: its amount for the year when amounts
    per year are entered; otherwise the whole budget in its first year and nothing in the
    others (no share is invented: the years add up to the budget, never to more)."""
    if not first_fiscal_year <= fiscal_year <= last_fiscal_year:
        return 0
    amounts = yearly_amounts(yearly_budgets)
    if amounts:
        return amounts.get(fiscal_year, 0)
    return (budget or 0) if fiscal_year == first_fiscal_year else 0


def counted_years(first: int, last: int, cancelled_on=None) -> list[int]:
    """The fiscal years a record counts in: ``first``..``last``, cut before the fiscal year
    of ``cancelled_on`` (a 中止 record: the years it ran before it stopped)."""
    if cancelled_on is not None:
        last = min(last, fiscal_year(cancelled_on) - 1)
    return list(range(first, last + 1))


class CountingSettings(models.Model):
    """Which forms the statistics count as 協働 (one row per center)."""

    center = models.OneToOneField(
        "core.Center", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    counted_forms = models.CharField(
        _("forms counted as collaboration"),
        max_length=300,
        default=join_codes(DEFAULT_COUNTED_FORMS),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("counting setting")
        verbose_name_plural = _("counting settings")

    def __str__(self) -> str:
        return str(self.center or "")

    @property
    def counted_form_list(self) -> list[str]:
        return split_codes(self.counted_forms)


class ProposalCallQuerySet(models.QuerySet):
    def published(self):
        """The calls the public site shows: published by staff, whatever their period."""
        return self.filter(published_at__isnull=False)


class ProposalCall(models.Model):
    """A call for proposals (提案型協働事業の募集) open for a period, scored by criteria."""

    title = models.CharField(pgettext_lazy("collaboration", "title"), max_length=200)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year of the projects"))
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    budget_limit = models.PositiveBigIntegerField(
        _("budget limit per proposal (yen)"), null=True, blank=True
    )
    # The public page (/collaboration/calls/): how to apply, and whether the proposals not
    # adopted are listed with the adopted ones once their results are notified (never by
    # default; scores are never shown).
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    publish_declined = models.BooleanField(
        _("also publish the proposals not adopted"), default=False
    )
    # 公開: set by staff (「公開する」); until then the call is prepared out of sight. A published
    # call whose period has not begun is announced as 「募集予定」 (募集予告).
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProposalCallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="collaboration_call_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_announced_on(self, day) -> bool:
        """Published, its period still to come (「募集予定」)."""
        return self.is_published and day < self.opens_on


class Criterion(models.Model):
    """One criterion of a call, scored from 0 to ``max_score``."""

    call = models.ForeignKey(ProposalCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(pgettext_lazy("criterion", "name"), max_length=200)
    description = models.CharField(_("what reviewers look for"), max_length=500, blank=True)
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    position = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="collaboration_criterion_unique"),
            models.CheckConstraint(
                condition=Q(max_score__gte=1), name="collaboration_criterion_max_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    """A group's proposal to a call: a draft until submitted, then decided by staff."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("proposal", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("proposal", "Submitted")
        ADOPTED = "adopted", pgettext_lazy("proposal", "Adopted")
        DECLINED = "declined", pgettext_lazy("proposal", "Declined")

    call = models.ForeignKey(ProposalCall, on_delete=models.PROTECT, related_name="proposals")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="proposals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("project title"), max_length=200)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department to work with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    summary = models.TextField(_("summary of the project"), max_length=4000)
    aims = models.TextField(_("aims and expected effects"), max_length=4000, blank=True)
    plan = models.TextField(_("plan and schedule"), max_length=4000, blank=True)
    budget = models.PositiveBigIntegerField(_("budget requested (yen)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(
        pgettext_lazy("proposal", "decided at"), null=True, blank=True
    )
    decision_note = models.TextField(_("note on the decision"), blank=True)
    # When staff told the group the decision (「結果を通知する」): until then the decision may be
    # corrected, no record exists and the group still reads 「提出済み」.
    notified_at = models.DateTimeField(_("result notified at"), null=True, blank=True)
    collaboration = models.OneToOneField(
        Collaboration,
        verbose_name=_("collaboration record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["call", "submitted_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.ADOPTED, self.Status.DECLINED)

    @property
    def awaits_notice(self) -> bool:
        """Decided, the group not told yet: the decision can still be corrected."""
        return self.is_decided and self.notified_at is None

    @property
    def status_for_group(self) -> str:
        """What the group reads: 「提出済み」 until the result is notified."""
        if self.is_decided and self.notified_at is None:
            return str(self.Status.SUBMITTED.label)
        return str(self.get_status_display())


def attachment_upload_to(instance: ProposalAttachment, filename: str) -> str:
    # A random name: the applicant's file name may contain anything; it is kept in ``name``.
    suffix = PurePath(filename).suffix.lower()
    return f"private/collaboration/proposals/{uuid.uuid4().hex}{suffix}"


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """One reviewer's scores for one proposal; a reviewer scores a proposal once."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("scored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"], name="collaboration_one_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} / {self.reviewer}"

    @property
    def total(self) -> int:
        return sum(s.score for s in self.scores.all())


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="collaboration_one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
