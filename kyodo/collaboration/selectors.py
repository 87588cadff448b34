"""Reads of the collaboration register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from kyodo.collaboration.models import (
    Collaboration,
    CountingSettings,
    Department,
    DepartmentBureau,
    DepartmentName,
    Proposal,
    ProposalCall,
    Review,
    Score,
    in_reading_order,
    name_in_year,
)
from kyodo.core.models import Center
from kyodo.core.statements import Prepared
from kyodo.core.text import match_key, sort_by_reading


def departments(*, active_only: bool = False) -> list[Department]:
    qs = Department.objects.all()
    if active_only:
        qs = qs.filter(is_active=True)
    return in_reading_order(qs)


def department_histories(pks=None, *, bureaus: bool = False) -> dict[int, list[tuple[int, str]]]:
    """{department: [(first fiscal year, name), …]} of the renamed departments (among ``pks``,
    or all): one query. A department not in it has always had its current name. With
    ``bureaus``, the same for the bureaus (部) they belonged to (:class:`DepartmentBureau`)."""
    model, value = (DepartmentBureau, "bureau") if bureaus else (DepartmentName, "name")
    rows = model.objects.order_by("department", "first_fiscal_year")
    if pks is not None:
        rows = rows.filter(department__in=list(pks))
    histories: dict[int, list[tuple[int, str]]] = {}
    for department, first, name in rows.values_list("department", "first_fiscal_year", value):
        histories.setdefault(department, []).append((first, name))
    return histories


def department_names(department: Department, *, bureaus: bool = False) -> list[tuple[str, str]]:
    """(fiscal years, name) of a renamed department, oldest first (「～令和7年度」「令和8年度～」);
    empty for one that has always had its name. With ``bureaus``, its bureaus (部) instead."""
    from kyodo.core.wareki import fiscal_year_name

    history = department_histories([department.pk], bureaus=bureaus).get(department.pk, [])
    rows = []
    for i, (first, name) in enumerate(history):
        end = history[i + 1][0] - 1 if i + 1 < len(history) else None
        start = fiscal_year_name(first) if first else ""
        years = f"{start}～{fiscal_year_name(end) if end is not None else ''}"
        rows.append((years, name))
    return rows


# --- bureaus (部) --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BureauDepartment:
    pk: int
    name: str  # as it was in the fiscal year shown
    is_active: bool


@dataclass(frozen=True)
class BureauInYear:
    """A bureau (部) as it was in a fiscal year, with its departments (課) then; ``name`` is ""
    for the departments recorded without a bureau."""

    name: str
    departments: list[BureauDepartment]
    # Still a bureau today (the renaming form offers it).
    in_use: bool


@dataclass(frozen=True)
class BureauChange:
    """A reorganisation from a fiscal year: the departments that went from ``old`` to ``new``
    (a whole bureau renamed, or departments moved to another one)."""

    first_fiscal_year: int
    old: str
    new: str
    departments: list[str]  # their present names, in gojūon order


def _bureau_key(name: str):
    """A bureau's place in gojūon order: a bureau has no reading of its own, so the one
    SudachiPy suggests; "" (no bureau) last."""
    from kyodo.core.text import gojuon_key, suggest_reading

    return (not name, gojuon_key(suggest_reading(name) or name if name else ""), name)


def _bureaus_by_reading(names) -> list[str]:
    return sorted(set(names), key=_bureau_key)


def bureau_names() -> list[str]:
    """The bureaus departments belong to today, in gojūon order (one query)."""
    return _bureaus_by_reading(
        Department.objects.exclude(bureau="").values_list("bureau", flat=True).distinct()
    )


def bureaus_in_year(*, fiscal_year: int) -> list[BureauInYear]:
    """Every bureau (部) of ``fiscal_year`` with the departments it had, each named as it was
    that year (:class:`DepartmentName`, :class:`DepartmentBureau`): three queries, whatever the
    number of departments."""
    departments = in_reading_order(Department.objects.all())
    bureau_history = department_histories(bureaus=True)
    name_history = department_histories()
    groups: dict[str, list[BureauDepartment]] = {}
    for d in departments:
        bureau = name_in_year(bureau_history.get(d.pk, []), d.bureau, fiscal_year)
        name = name_in_year(name_history.get(d.pk, []), d.name, fiscal_year)
        groups.setdefault(bureau, []).append(BureauDepartment(d.pk, name, d.is_active))
    today = {d.bureau for d in departments if d.bureau}
    return [
        BureauInYear(name=bureau, departments=groups[bureau], in_use=bureau in today)
        for bureau in _bureaus_by_reading(groups)
    ]


def bureau_changes() -> list[BureauChange]:
    """The reorganisations recorded (:class:`DepartmentBureau`), the latest fiscal year first:
    for each year, which departments went from which bureau to which (one query)."""
    rows = DepartmentBureau.objects.select_related("department").order_by(
        "department", "first_fiscal_year"
    )
    changes: dict[tuple[int, str, str], list[Department]] = {}
    previous: DepartmentBureau | None = None
    for row in rows:
        if previous is not None and previous.department_id == row.department_id:
            key = (row.first_fiscal_year, previous.bureau, row.bureau)
            changes.setdefault(key, []).append(row.department)
        previous = row
    ordered = sorted(changes, key=lambda k: (-k[0], _bureau_key(k[1]), _bureau_key(k[2])))
    return [
        BureauChange(year, old, new, [d.name for d in in_reading_order(changes[year, old, new])])
        for year, old, new in ordered
    ]


def counting_settings() -> CountingSettings:
    """The center's counting setting; the default one (unsaved) until staff change it."""
    center = Center.objects.current()
    row = CountingSettings.objects.filter(center=center).first()
    return row or CountingSettings(center=center)


def _with_relations(qs: QuerySet[Collaboration]) -> QuerySet[Collaboration]:
    from kyodo.events.models import Event

    # An event without a title is named by its series: joined here, not read once per event.
    events = Prefetch("events", queryset=Event.objects.select_related("series"))
    return qs.prefetch_related(
        "organizations", "departments__names", "departments__bureaus", events
    )


def collaborations(
    *,
    form: str = "",
    department: Department | None = None,
    fiscal_year: int | None = None,
    query: str = "",
) -> QuerySet[Collaboration]:
    qs = Collaboration.objects.all()
    if form:
        qs = qs.filter(form=form)
    if department is not None:
        qs = qs.filter(departments=department)
    if fiscal_year is not None:
        qs = qs.filter(first_fiscal_year__lte=fiscal_year, last_fiscal_year__gte=fiscal_year)
    if query:
        qs = qs.filter(_matching(query)).distinct()
    return _with_relations(qs)


def _matching(query: str) -> Q:
    """Records whose title, group or department (by any name it had) contains ``query`` as
    people read it: 「ＮＰＯ」 finds 「NPO」, 「こみゅにてぃ」 finds 「コミュニティ」, 「防災 フェア」
    finds 「防災フェア」. Titles and department names are stored as typed, so they are compared
    under :func:`match_key` here (three queries, whatever the register's size); groups have their
    key stored."""
    key = match_key(query)
    if not key:
        return Q()
    titles = [
        pk
        for pk, title in Collaboration.objects.values_list("pk", "title")
        if key in match_key(title)
    ]
    names = [
        *Department.objects.values_list("pk", "name"),
        *DepartmentName.objects.values_list("department_id", "name"),
    ]
    departments = {pk for pk, name in names if key in match_key(name)}
    return (
        Q(pk__in=titles)
        | Q(organizations__name_key__contains=key)
        | Q(departments__in=sorted(departments))
    )


def collaboration(*, pk: int) -> Collaboration | None:
    return _with_relations(Collaboration.objects.filter(pk=pk)).first()


def published_collaborations(
    *, field: str = "", department: Department | None = None
) -> QuerySet[Collaboration]:
    """The case studies 「こんな協働があります」: published records only."""
    qs = Collaboration.objects.filter(is_published=True)
    if field:
        qs = qs.filter(organizations__activity_fields__contains=f",{field},").distinct()
    if department is not None:
        qs = qs.filter(departments=department)
    return _with_relations(qs)


@dataclass(frozen=True)
class CaseStudy:
    """A published record as the list of case studies shows it (no model rows, for speed)."""

    pk: int
    title: str
    form: str
    first_fiscal_year: int
    last_fiscal_year: int
    # (name, activity_fields) of its groups, in the groups' order (Organization's ordering)
    groups: list[tuple[str, str]]
    # (pk, name, name_reading) of its departments, in gojūon order of the readings
    departments: list[tuple[int, str, str]]
    cancelled: bool = False  # 中止


# The public pages' statements, compiled once per process (kyodo.core.statements).
_PUBLISHED_GROUPS = Prepared(
    lambda: (
        Collaboration.organizations.through.objects.filter(collaboration__is_published=True)
        .order_by("organization__reading_order", "organization__pk")
        .values_list("collaboration_id", "organization__name", "organization__activity_fields")
    )
)


def _name_in(year: str):
    """The name a record's department had in the record's ``year`` field (first or last fiscal
    year), None if it was never renamed: a subquery on :class:`DepartmentName`."""
    return Subquery(
        DepartmentName.objects.filter(
            department=OuterRef("departments__pk"), first_fiscal_year__lte=OuterRef(year)
        )
        .order_by("-first_fiscal_year")
        .values("name")[:1]
    )


def _bureau_in(year: str):
    """The bureau (部) of a record's department in the record's ``year`` field, None if it
    never changed: a subquery on :class:`DepartmentBureau`, as :func:`_name_in`."""
    return Subquery(
        DepartmentBureau.objects.filter(
            department=OuterRef("departments__pk"), first_fiscal_year__lte=OuterRef(year)
        )
        .order_by("-first_fiscal_year")
        .values("bureau")[:1]
    )


def _named(name: str | None, first: str | None, last: str | None) -> str | None:
    """A department as the record's years named it: its name then, 「旧名→新名」 if it was
    renamed during them (the names of its first and last fiscal years)."""
    first = name if first is None else first
    last = name if last is None else last
    return first if first == last else f"{first}→{last}"


_PUBLISHED = Prepared(
    lambda: (
        Collaboration.objects.filter(is_published=True)
        .order_by(*Collaboration._meta.ordering, "departments__name_reading", "departments__name")
        .annotate(name_then=_name_in("first_fiscal_year"), name_last=_name_in("last_fiscal_year"))
        .values_list(
            "pk",
            "title",
            "form",
            "first_fiscal_year",
            "last_fiscal_year",
            "departments__pk",
            "departments__name",
            "departments__name_reading",
            "cancelled_on",
            "name_then",
            "name_last",
        )
    )
)
_CASE_STUDY_FIELDS = (
    "title",
    "form",
    "first_fiscal_year",
    "last_fiscal_year",
    "description",
    "outcome",
    "evaluation",
    "cancelled_on",
    "cancellation_reason",
    "departments__name",
    "departments__bureau",
    "departments__name_reading",
    "name_then",
    "name_last",
    "bureau_then",
    "bureau_last",
)
_CASE_STUDY = Prepared(
    lambda pk: (
        Collaboration.objects.filter(is_published=True, pk=pk)
        .order_by("departments__name_reading", "departments__name")
        .annotate(
            name_then=_name_in("first_fiscal_year"),
            name_last=_name_in("last_fiscal_year"),
            bureau_then=_bureau_in("first_fiscal_year"),
            bureau_last=_bureau_in("last_fiscal_year"),
        )
        .values_list(*_CASE_STUDY_FIELDS)
    ),
    pk=1,
)
_CASE_STUDY_GROUPS = Prepared(
    lambda pk: (
        Collaboration.organizations.through.objects.filter(collaboration_id=pk)
        .order_by("organization__reading_order", "organization__pk")
        .values_list("organization_id", "organization__name", "organization__status")
    ),
    pk=1,
)


def _case_study_events(pk: int):
    from kyodo.events.models import Event

    # Only what the page shows of an event (its name, date and whether it is a draft).
    return (
        Event.objects.filter(collaborations=pk)
        .select_related("series")
        .only("title", "date", "status", "series_number", "series__name")
    )


_CASE_STUDY_EVENTS = Prepared(_case_study_events, pk=1)


def _by_reading(rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    # (pk, name, name_reading) rows as in_reading_order() sorts departments.
    return sort_by_reading(rows, key=lambda row: row[2] or row[1])


def case_studies() -> tuple[list[CaseStudy], list[tuple[int, str, str]]]:
    """Every published record with the names of its groups and departments, and the departments
    involved (pk, name, name_reading), both in gojūon order of the departments' readings: two
    queries whatever the number of records, the records joined to their departments (a row per
    department), then the groups' links with their names."""
    groups: dict[int, list[tuple[str, str]]] = {}
    for record, name, codes in _PUBLISHED_GROUPS.rows():
        groups.setdefault(record, []).append((name, codes))
    records: dict[int, CaseStudy] = {}
    involved: set[tuple[str, str, int]] = set()
    for row in _PUBLISHED.rows():
        pk, title, form, first, last, department, name, reading, cancelled, then, later = row
        record = records.get(pk)
        if record is None:
            record = records[pk] = CaseStudy(
                pk=pk,
                title=title,
                form=form,
                first_fiscal_year=first,
                last_fiscal_year=last,
                groups=groups.get(pk, []),
                departments=[],
                cancelled=cancelled is not None,
            )
        if department is not None:
            record.departments.append((department, _named(name, then, later), reading))
            involved.add((reading, name, department))
    for record in records.values():
        record.departments[:] = _by_reading(record.departments)
    return list(records.values()), _by_reading(
        [(pk, name, reading) for reading, name, pk in involved]
    )


@dataclass(frozen=True)
class CaseStudyPage:
    """A published record as its public page shows it."""

    record: dict  # title, form, fiscal years, description, outcome, evaluation
    groups: list[tuple[int, str, str]]  # (pk, name, status), in the groups' order
    departments: list[tuple[str, str]]  # (name, bureau), in gojūon order of their readings
    events: list  # Event rows with their series, in the events' order


def case_study(*, pk: int) -> CaseStudyPage | None:
    """One published record for its public page: three queries, the record joined to its
    departments (a row per department), its groups' links with their names, its events."""
    rows = [dict(zip(_CASE_STUDY_FIELDS, row, strict=True)) for row in _CASE_STUDY.rows(pk=pk)]
    if not rows:
        return None
    return CaseStudyPage(
        record=rows[0],
        groups=_CASE_STUDY_GROUPS.rows(pk=pk),
        departments=[
            (
                _named(row["departments__name"], row["name_then"], row["name_last"]),
                _named(row["departments__bureau"], row["bureau_then"], row["bureau_last"]),
            )
            for row in sort_by_reading(
                (row for row in rows if row["departments__name"] is not None),
                key=lambda row: row["departments__name_reading"] or row["departments__name"],
            )
        ],
        events=_CASE_STUDY_EVENTS.objects(pk=pk),
    )


# --- calls and proposals -----------------------------------------------------------------------


def calls() -> QuerySet[ProposalCall]:
    return ProposalCall.objects.prefetch_related("criteria", "proposals")


def public_calls(*, today: date) -> list[ProposalCall]:
    """The calls the public site lists (/collaboration/calls/): the published ones, the latest
    first; those whose period has not begun are announced (「募集予定」, see
    :meth:`ProposalCall.is_announced_on`). A call not published is being prepared: never shown.
    """
    return list(ProposalCall.objects.published().order_by("-opens_on", "-pk"))


def public_call(*, pk: int, today: date) -> ProposalCall | None:
    return ProposalCall.objects.published().filter(pk=pk).first()


@dataclass(frozen=True)
class PublicResult:
    """A proposal as the public results show it (採択結果): no scores, no person."""

    call_id: int
    call_title: str
    fiscal_year: int
    group: str
    title: str
    adopted: bool
    amount: int | None  # adopted: the record's budget (else the amount asked); else None


def public_results(*, today: date, call: ProposalCall | None = None) -> list[PublicResult]:
    """The notified results of the published calls (of ``call`` only if given): the
    adopted proposals, and the others where the call publishes them; by call (latest first),
    adopted first, then in the groups' order. One query."""
    rows = (
        Proposal.objects.filter(
            notified_at__isnull=False, call__published_at__isnull=False, call__opens_on__lte=today
        )
        .filter(
            Q(status=Proposal.Status.ADOPTED)
            | Q(status=Proposal.Status.DECLINED, call__publish_declined=True)
        )
        .order_by(
            "-call__opens_on",
            "-call__pk",
            "status",  # "adopted" < "declined"
            "organization__reading_order",
            "organization__pk",
            "pk",
        )
    )
    if call is not None:
        rows = rows.filter(call=call)
    results = []
    for call_id, call_title, year, group, title, status, asked, budget, linked in rows.values_list(
        "call_id",
        "call__title",
        "call__fiscal_year",
        "organization__name",
        "title",
        "status",
        "budget",
        "collaboration__budget",
        "collaboration_id",
    ):
        adopted = status == Proposal.Status.ADOPTED
        results.append(
            PublicResult(
                call_id=call_id,
                call_title=call_title,
                fiscal_year=year,
                group=group,
                title=title,
                adopted=adopted,
                amount=(budget if linked else asked) if adopted else None,
            )
        )
    return results


def open_calls(*, today: date) -> QuerySet[ProposalCall]:
    """The published calls in their period: those groups may propose to."""
    return (
        ProposalCall.objects.published()
        .filter(opens_on__lte=today, closes_on__gte=today)
        .order_by("closes_on", "pk")
    )


def proposals_of(*, organization) -> QuerySet[Proposal]:
    return Proposal.objects.filter(organization=organization).select_related("call")


def proposal_of(*, organization, pk: int) -> Proposal | None:
    """One of the group's own proposals; another group's is as good as missing (404)."""
    if organization is None:
        return None
    return (
        Proposal.objects.filter(organization=organization, pk=pk)
        .select_related("call", "department", "organization")
        .prefetch_related("attachments")
        .first()
    )


def proposal_full(*, pk: int) -> Proposal | None:
    return (
        Proposal.objects.filter(pk=pk)
        .select_related("call", "department", "organization", "collaboration")
        .prefetch_related(
            "attachments",
            "call__criteria",
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").prefetch_related(
                    Prefetch("scores", queryset=Score.objects.select_related("criterion"))
                ),
            ),
        )
        .first()
    )


def is_reviewer(user) -> bool:
    """Who scores proposals: staff and committee members, except a member whose seats today are
    all on other bodies than the center's steering committee (its first committee): a member of
    a city council the center is secretariat of is not asked to score the center's call."""
    from django.utils import timezone

    from kyodo.committees.models import Committee, Membership
    from kyodo.core.roles import Role, has_role

    if has_role(user, Role.STAFF):
        return True
    if not has_role(user, Role.MEMBER):
        return False
    today = timezone.localdate()
    seated = set(
        Membership.objects.filter(member__user=user, term_start__lte=today)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .values_list("committee_id", flat=True)
    )
    if not seated:
        return True
    steering = Committee.objects.order_by("pk").values_list("pk", flat=True).first()
    return seats_score_proposals([committee == steering for committee in seated])


def seats_score_proposals(on_steering: list[bool]) -> bool:
    """The rule of :func:`is_reviewer` for a committee member, from her seats held today (each:
    whether it is on the steering committee): none (her term ended: refused elsewhere), or one
    on the steering committee."""
    return not on_steering or any(on_steering)


def proposals_to_review(*, reviewer) -> list[Proposal]:
    """Submitted proposals not decided yet, each marked ``reviewed`` if this reviewer scored it."""
    proposals = list(
        Proposal.objects.filter(status=Proposal.Status.SUBMITTED)
        .select_related("call", "organization")
        .order_by("call__closes_on", "submitted_at", "pk")
    )
    done = set(
        Review.objects.filter(reviewer=reviewer, proposal__in=proposals).values_list(
            "proposal_id", flat=True
        )
    )
    for proposal in proposals:
        proposal.reviewed = proposal.pk in done
    return proposals


@dataclass(frozen=True)
class CriterionResult:
    name: str
    max_score: int
    average: float | None


@dataclass(frozen=True)
class ProposalResult:
    proposal: Proposal
    reviews: int
    criteria: list[CriterionResult]
    total_average: float | None  # the average of the reviewers' totals
    max_total: int
    total_sum: int | None  # None until someone has scored it: not a total of 0


def call_results(*, call: ProposalCall) -> list[ProposalResult]:
    """Every non-draft proposal of a call with its number of reviews, averages and totals."""
    criteria = list(call.criteria.all())
    proposals = (
        Proposal.objects.filter(call=call)
        .exclude(status=Proposal.Status.DRAFT)
        .select_related("organization")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.prefetch_related("scores")))
        .order_by("submitted_at", "pk")
    )
    results = []
    for proposal in proposals:
        reviews = list(proposal.reviews.all())
        by_criterion: dict[int, list[int]] = {c.pk: [] for c in criteria}
        totals = []
        for review in reviews:
            total = 0
            for score in review.scores.all():
                by_criterion.setdefault(score.criterion_id, []).append(score.score)
                total += score.score
            totals.append(total)
        results.append(
            ProposalResult(
                proposal=proposal,
                reviews=len(reviews),
                criteria=[
                    CriterionResult(
                        name=c.name,
                        max_score=c.max_score,
                        average=_average(by_criterion[c.pk]),
                    )
                    for c in criteria
                ],
                total_average=_average(totals),
                max_total=sum(c.max_score for c in criteria),
                total_sum=sum(totals) if totals else None,
            )
        )
    return results


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def call_change_warnings(
    *, call: ProposalCall, closes_on: date | None, budget_limit: int | None, today: date
) -> list[str]:
    """What changing a call would do to the groups already writing or done (F18): an open
    call's deadline moved earlier (and whose drafts could no longer be submitted), its 上限額
    lowered under proposals already written. Empty: nothing to ask."""
    from django.utils.translation import gettext as _

    from kyodo.core.wareki import format_wareki

    warnings: list[str] = []
    proposals = list(
        call.proposals.exclude(
            status__in=[Proposal.Status.ADOPTED, Proposal.Status.DECLINED]
        ).select_related("organization")
    )
    drafts = [p for p in proposals if p.status == Proposal.Status.DRAFT]
    if closes_on is not None and closes_on < call.closes_on and call.is_open_on(today):
        if closes_on < today:
            message = _(
                "The deadline moves from %(old)s to %(new)s, before today: the call closes now."
            )
        else:
            message = _("The deadline moves earlier, from %(old)s to %(new)s.")
        message %= {"old": format_wareki(call.closes_on), "new": format_wareki(closes_on)}
        if drafts:
            message += _(
                " %(n)s drafts not submitted yet (%(groups)s) can be submitted only until the "
                "new deadline; tell the groups."
            ) % {
                "n": len(drafts),
                "groups": "、".join(sorted({p.organization.name for p in drafts})),
            }
        warnings.append(message)
    if budget_limit is not None and (call.budget_limit is None or budget_limit < call.budget_limit):
        over = [p for p in proposals if p.budget is not None and p.budget > budget_limit]
        if over:
            warnings.append(
                _(
                    "%(n)s proposals ask for more than the new limit of %(limit)s yen: "
                    "%(list)s. Submitted proposals stay as they are; a draft can be submitted "
                    "only once its amount is within the limit."
                )
                % {
                    "n": len(over),
                    "limit": f"{budget_limit:,}",
                    "list": "、".join(
                        f"{p.organization.name}「{p.title}」{p.budget:,}円" for p in over
                    ),
                }
            )
    return warnings
