"""Staff pages for the committee's people (/staff/committees/people/): members and their seats,
renewing every term for the next fiscal year in one step, the secretariat, invitations."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from kyodo.committees.models import (
    Appointment,
    Committee,
    Meeting,
    MeetingSecretariat,
    Member,
    Membership,
    SecretariatMember,
)
from kyodo.committees.selectors import committee_chosen
from kyodo.committees.services import members as services
from kyodo.committees.services.meetings import meeting_secretariat_set
from kyodo.core.forms import CleanTextMixin, NumberField, WarekiDateField
from kyodo.core.permissions import staff_required
from kyodo.core.text import is_reading, match_key, normalize_reading, text_matches
from kyodo.core.versions import VersionedFormMixin
from kyodo.core.views.actions import perform, submit, submit_edit
from kyodo.core.wareki import fiscal_year, fiscal_year_range, format_wareki

# --- forms ---------------------------------------------------------------------------------------


def _kana_reading(value: str) -> str:
    """ふりがな as stored: katakana and half-width kana folded to hiragana; romaji (Yamada) and
    kanji refused, as the services refuse them."""
    reading = normalize_reading(value)
    if reading and not is_reading(reading):
        raise forms.ValidationError(_("Enter the reading in hiragana or katakana."))
    return reading


class MemberForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100)
    name_reading = forms.CharField(
        label=gettext_lazy("Reading"),
        max_length=200,
        help_text=gettext_lazy("In hiragana, for gojūon order (e.g. やまだ たろう)."),
    )
    sector = forms.ChoiceField(
        label=gettext_lazy("Field represented"), choices=Member.Sector.choices
    )
    affiliation = forms.CharField(label=gettext_lazy("Affiliation"), max_length=200, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)

    def clean_name_reading(self) -> str:
        return _kana_reading(self.cleaned_data["name_reading"])


class SeatForm(VersionedFormMixin, forms.Form):
    # 委員 first chosen: most seats are, and a committee has one 委員長 at a time.
    role = forms.ChoiceField(
        label=gettext_lazy("Role on the committee"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
    )
    term_start = WarekiDateField(label=gettext_lazy("Term starts"))
    term_end = WarekiDateField(label=gettext_lazy("Term ends"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term cannot end before it starts."))
        return data


class NewMemberForm(MemberForm, SeatForm):
    invite = forms.BooleanField(
        label=gettext_lazy(
            "Give an account for the member pages (invited by mail; without an e-mail address, "
            "by a letter you print)"
        ),
        required=False,
        initial=True,
    )


class RenewForm(forms.Form):
    years = forms.TypedChoiceField(
        label=gettext_lazy("Renew for"),
        coerce=int,
        choices=[(n, gettext_lazy("%(n)s fiscal year(s)") % {"n": n}) for n in (1, 2, 3, 4)],
        initial=1,
    )


class SecretariatForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100)
    name_reading = forms.CharField(label=gettext_lazy("Reading"), max_length=200, required=False)
    title = forms.CharField(label=gettext_lazy("Title (e.g. センター長, 主事)"), max_length=100)
    order = NumberField(
        label=gettext_lazy("Order in the list"), min_value=0, max_value=999, required=False
    )

    def clean_name_reading(self) -> str:
        return _kana_reading(self.cleaned_data["name_reading"])


# --- views ---------------------------------------------------------------------------------------


def _committee(request) -> Committee:
    slug = request.GET.get("committee") or request.POST.get("committee")
    committee = committee_chosen(slug)
    if committee is None:
        raise Http404
    return committee


def _index_url(committee: Committee) -> str:
    return reverse("committees-people:index") + f"?committee={committee.slug}"


def _appointments_ending(committee: Committee, today: date):
    # Posts the committee appointed someone to (its own terms), ending within the warning days.
    until = today + timedelta(days=services.TERM_WARNING_DAYS)
    return (
        Appointment.objects.filter(committee=committee, term_end__gte=today, term_end__lte=until)
        .select_related("member")
        .order_by("term_end", "member__name_reading", "member__pk")
    )


@staff_required
def index(request):
    # The committee's people: every member with their seats (current first), the term-end
    # warnings with the one-step renewal, and the secretariat.
    committee = _committee(request)
    today = timezone.localdate()
    query = request.GET.get("q", "").strip()[:100]
    # A handful of members: matched in Python, spaces, kana and variant kanji ignored.
    members = [
        m
        for m in services.members_of(committee=committee)
        if text_matches(query, m.name, m.name_reading, m.email, m.affiliation)
    ]
    # The seat in force today, with those to come marked; members whose first seat starts
    # later apart (就任予定), so that a seat from 4/1 is not read as today's role.
    rows = services.member_rows(members, today=today)
    return render(
        request,
        "committees/staff/people/index.html",
        {
            "committee": committee,
            "committees": Committee.objects.order_by("pk"),
            "query": query,
            "current": rows["current"],
            "coming": rows["coming"],
            "former": rows["former"],
            "today": today,
            "seats_ending": services.seats_ending_soon(today=today, committee=committee),
            "seats_leaving": services.seats_leaving(today=today, committee=committee),
            "no_password": _no_password(committee, today),
            "appointments_ending": _appointments_ending(committee, today),
            "secretariat": committee.secretariat.select_related("user"),
            "fiscal_year_end": fiscal_year_range(fiscal_year(today))[1],
        },
    )


def _no_password(committee: Committee, today: date) -> list[Member]:
    """The committee's members seated today who cannot sign in yet, each with ``why``: what is
    true of their invitation (never mailed, a letter never printed, or expired)."""
    from django.db.models import Exists, OuterRef

    from kyodo.core.models import OutboxMessage, SignInLetter

    members = list(
        services.members_without_password(today)
        .filter(memberships__committee=committee)
        .distinct()
        .select_related("user")
        .annotate(
            mailed=Exists(
                OutboxMessage.objects.filter(
                    kind="people.invitation", to__iexact=OuterRef("user__email")
                ).exclude(status=OutboxMessage.Status.FAILED)
            ),
            printed=Exists(SignInLetter.objects.filter(user=OuterRef("user"))),
        )
        .order_by("name_reading", "pk")
    )
    for member in members:
        if member.user.email:
            member.why = (
                _("The link of the invitation mail has expired.")
                if member.mailed
                else _("No invitation mail has been sent yet.")
            )
        else:
            member.why = (
                _("The code of the letter has expired.")
                if member.printed
                else _("No letter has been printed yet.")
            )
    return members


@staff_required
def member_create(request):
    committee = _committee(request)
    today = timezone.localdate()
    start, end = fiscal_year_range(fiscal_year(today))
    form = NewMemberForm(
        request.POST or None,
        initial={"term_start": max(today, start), "term_end": end, "invite": True},
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        existing = _same_person(form)
    if existing is None and request.method == "POST" and form.is_valid():
        member = submit(
            form,
            services.member_create,
            actor=request.user,
            committee=committee,
            **form.cleaned_data,
        )
        if not form.errors:
            if form.cleaned_data["invite"] and not member.email:
                messages.success(request, _letter_next(member))
                return redirect("people:user", pk=member.user_id)
            if member.invite_on is not None:
                messages.success(
                    request,
                    _(
                        "%(name)s was added. The invitation will be mailed on %(date)s, the day "
                        "the term begins (a link mailed earlier would expire before then)."
                    )
                    % {"name": member.name, "date": format_wareki(member.invite_on)},
                )
            elif form.cleaned_data["invite"]:
                messages.success(
                    request,
                    _("%(name)s was added and invited by mail.") % {"name": member.name},
                )
            else:
                messages.success(request, _("%(name)s was added.") % {"name": member.name})
            return redirect("committees-people:member", pk=member.pk)
    if existing is not None:
        # A person already registered (a 運営委員 asked to sit on a 部会 too): one record per
        # person, so that her attendance, statements and account stay hers; the seat is added
        # on her page.
        form.add_error(
            None,
            _(
                "%(name)s (%(reading)s) is already registered as a member (%(committees)s). If "
                "this is the same person, open %(name)s's page and add a seat on %(committee)s "
                "with 「Add a seat」. If it is another person of the same name, tell them apart "
                "in the name (e.g. 中村（正）)."
            )
            % {
                "name": existing.name,
                "reading": existing.name_reading,
                "committees": "、".join(
                    dict.fromkeys(
                        s.committee.name
                        for s in existing.memberships.select_related("committee").order_by("pk")
                    )
                )
                or "—",
                "committee": committee.name,
            },
        )
    return render(
        request,
        "committees/staff/people/member_new.html",
        {"form": form, "committee": committee, "existing": existing},
    )


def _same_person(form: NewMemberForm) -> Member | None:
    """A member already registered under the name and reading typed (white space, width and
    kana ignored), or with the e-mail address typed: who adding would duplicate."""
    data = form.cleaned_data
    name, reading = match_key(data["name"]), match_key(data["name_reading"])
    email = data.get("email", "").strip()
    candidates = Member.objects.all()
    if email:
        same = candidates.filter(email__iexact=email).order_by("pk").first()
        if same is not None:
            return same
    for member in candidates.only("pk", "name", "name_reading").order_by("pk").iterator():
        if match_key(member.name) == name and match_key(member.name_reading) == reading:
            return Member.objects.get(pk=member.pk)
    return None


@staff_required
def member_detail(request, pk: int):
    member = get_object_or_404(Member.objects.select_related("user"), pk=pk)
    form = MemberForm(
        request.POST or None,
        initial={f: getattr(member, f) for f in services.MEMBER_FIELDS},
        version_of=member,
    )
    if request.method == "POST" and form.is_valid():
        submit_edit(form, services.member_update, obj=member, actor=request.user, member=member,
                    **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("committees-people:member", pk=member.pk)
    today = timezone.localdate()
    start, end = fiscal_year_range(fiscal_year(today))
    seats = list(member.memberships.select_related("committee").order_by("-term_start"))
    # The body the member sits on (today's seat, else the latest): the new seat's default and
    # the way back to its people page. A member of two bodies is added to the other by choice.
    running = [s for s in seats if services.seat_is_running(s, today)]
    committee = (running or seats)[0].committee if seats else committee_chosen(None)
    # Come from another body's page (?committee=, as the refusal of a duplicate links here):
    # the new seat is on that body, and the way back leads there.
    if (slug := request.GET.get("committee")) and (chosen := committee_chosen(slug)):
        committee = chosen
    return render(
        request,
        "committees/staff/people/member.html",
        {
            "member": member,
            "form": form,
            "seats": [(s, s in running) for s in seats],
            "committee": committee,
            # 「委員会」, not the first committee's name: the column lists every body.
            "committee_label": capfirst(Committee._meta.verbose_name),
            "today": today,
            "resend": _can_resend(member),
            "seat_form": SeatForm(
                auto_id="seat_%s", initial={"term_start": max(today, start), "term_end": end}
            ),
            "committees": Committee.objects.order_by("pk"),
            # Why the member cannot be deleted ([] when they can: added by mistake).
            "references": services.member_references(member),
        },
    )


@staff_required
@require_POST
def member_delete(request, pk: int):
    # A member added by mistake: deleted with their seats; one the records refer to is not, and
    # the page says why and offers ending the term.
    member = get_object_or_404(Member, pk=pk)
    committee = Committee.objects.filter(memberships__member=member).order_by("pk").first()
    name = member.name
    if perform(
        request,
        services.member_delete,
        success=_("%(name)s was deleted.") % {"name": name},
        actor=request.user,
        member=member,
    ):
        if committee is not None:
            return redirect(_index_url(committee))
        return redirect("committees-people:index")
    return redirect("committees-people:member", pk=member.pk)


def _can_resend(member: Member) -> bool:
    # Invited by mail, no password set yet: the invitation can be sent again (a new link).
    user = member.user
    return bool(user and user.is_active and user.email and not user.has_usable_password())


@staff_required
@require_POST
def member_invite(request, pk: int):
    # The first invitation, or the same again with a new link for a member who has not set a
    # password (from the member's page, the people page or the to-do list).
    member = get_object_or_404(Member.objects.select_related("user"), pk=pk)
    again = _can_resend(member)
    if again:
        success = _("The invitation was sent again to %(email)s with a new link.") % {
            "email": member.user.email
        }
    else:
        success = _("The invitation was queued.") if member.email else _letter_next(member)
    done = perform(
        request, services.member_invite, success=success, actor=request.user, member=member
    )
    if done and not again and not member.email:
        member.refresh_from_db(fields=["user"])
        return redirect("people:user", pk=member.user_id)
    back = request.POST.get("next", "")
    if back == "index":
        committee = Committee.objects.filter(memberships__member=member).order_by("pk").first()
        if committee is not None:
            return redirect(_index_url(committee))
    return redirect("committees-people:member", pk=member.pk)


def _letter_next(member: Member) -> str:
    return _(
        "%(name)s has an account now. Without an e-mail address, print the letter with the user "
        "name and the code below and give or post it to them."
    ) % {"name": member.name}


@staff_required
@require_POST
def seat_add(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    committee = _committee(request)
    form = SeatForm(request.POST, auto_id="seat_%s")
    if form.is_valid():
        perform(
            request,
            services.seat_add,
            success=_("The seat was added."),
            actor=request.user,
            member=member,
            committee=committee,
            **form.cleaned_data,
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("committees-people:member", pk=member.pk)


@staff_required
def seat_edit(request, pk: int):
    seat = get_object_or_404(Membership.objects.select_related("member", "committee"), pk=pk)
    if request.method == "POST" and request.POST.get("leaving") in ("confirm", "withdraw"):
        return _seat_leaving(request, seat)
    form = SeatForm(
        request.POST or None,
        initial={"role": seat.role, "term_start": seat.term_start, "term_end": seat.term_end},
        version_of=seat,
    )
    if request.method == "POST" and form.is_valid():
        submit_edit(form, services.seat_update, obj=seat, actor=request.user, seat=seat,
                    **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("committees-people:member", pk=seat.member_id)
    return render(request, "committees/staff/people/seat.html", {"seat": seat, "form": form})


def _seat_leaving(request, seat: Membership):
    # 退任予定として確認 (or its undoing), from the people page's term-end warnings: the
    # buttons post to the seat they are about.
    if request.POST["leaving"] == "confirm":
        perform(
            request,
            services.seat_leaving_confirm,
            success=_(
                "%(name)s is recorded as leaving on %(date)s: the term-end warnings no longer "
                "list them."
            )
            % {"name": seat.member.name, "date": format_wareki(seat.term_end)}
            if seat.term_end
            else None,
            actor=request.user,
            seat=seat,
        )
    else:
        perform(
            request,
            services.seat_leaving_withdraw,
            success=_("The leaving of %(name)s is no longer confirmed.")
            % {"name": seat.member.name},
            actor=request.user,
            seat=seat,
        )
    return redirect(_index_url(seat.committee))


@staff_required
def renew(request):
    # Renewing every term for the next fiscal year in one step; members who leave are unticked.
    committee = _committee(request)
    ends = services.renewable_ends(committee=committee)
    ends_on = _chosen_end(request, ends) or services.default_renewal_end(
        committee=committee, today=timezone.localdate()
    )
    rows = services.renewal_rows(committee=committee, on=ends_on) if ends_on else []
    form = RenewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wanted = set(request.POST.getlist("seat"))
        picked = [row.seat for row in rows if str(row.seat.pk) in wanted]
        if not picked:
            form.add_error(None, _("Tick at least one member whose term continues."))
        else:
            renewed = submit(
                form,
                services.terms_renew,
                actor=request.user,
                committee=committee,
                ends_on=ends_on,
                years=form.cleaned_data["years"],
                seats=picked,
            )
            if not form.errors:
                messages.success(
                    request,
                    _("%(count)s terms were renewed until %(date)s.")
                    % {"count": len(renewed), "date": format_wareki(renewed[0].term_end)},
                )
                return redirect(_index_url(committee))
    return render(
        request,
        "committees/staff/people/renew.html",
        {
            "committee": committee,
            "form": form,
            "ends": [(d, format_wareki(d)) for d in ends],
            "rows": rows,
            "checked": (
                set(request.POST.getlist("seat"))
                if request.method == "POST"
                else {str(row.seat.pk) for row in rows if row.ticked}
            ),
            "ends_on": ends_on,
            "new_end": services.renewed_term_end(ends_on) if ends_on else None,
        },
    )


def _chosen_end(request, ends: list[date]) -> date | None:
    value = request.POST.get("ends_on") or request.GET.get("ends_on") or ""
    try:
        chosen = date.fromisoformat(value)
    except ValueError:
        return None
    return chosen if chosen in ends else None


@staff_required
def secretariat_create(request):
    committee = _committee(request)
    form = SecretariatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            services.secretariat_add,
            actor=request.user,
            committee=committee,
            **form.cleaned_data,
        )
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect(_index_url(committee))
    return render(
        request,
        "committees/staff/people/secretariat.html",
        {"form": form, "committee": committee, "person": None},
    )


@staff_required
def secretariat_edit(request, pk: int):
    person = get_object_or_404(SecretariatMember.objects.select_related("committee"), pk=pk)
    form = SecretariatForm(
        request.POST or None,
        initial={f: getattr(person, f) for f in services.SECRETARIAT_FIELDS},
        version_of=person,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["order"] = person.order if data["order"] is None else data["order"]
        submit_edit(form, services.secretariat_update, obj=person, actor=request.user,
                    person=person, **data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect(_index_url(person.committee))
    return render(
        request,
        "committees/staff/people/secretariat.html",
        {"form": form, "committee": person.committee, "person": person},
    )


@staff_required
@require_POST
def secretariat_remove(request, pk: int):
    person = get_object_or_404(SecretariatMember.objects.select_related("committee"), pk=pk)
    committee = person.committee
    perform(
        request,
        services.secretariat_remove,
        success=_(
            "Removed from the secretariat list for meetings to come. Meetings already held keep "
            "the secretariat they had."
        ),
        actor=request.user,
        person=person,
    )
    return redirect(_index_url(committee))


class MeetingSecretariatForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Who of the secretariat attended"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people: list[MeetingSecretariat], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(p.pk, f"{p.name} {p.title}") for p in people]


@staff_required
def meeting_secretariat(request, pk: int):
    # The secretariat of one meeting, as the committee's list was when it was held: staff tick
    # who attended; the draft's 事務局 line prints them. Changes to the committee's list later
    # leave it as it is.
    # A meeting not yet held has no list of its own (it follows the committee's): the page
    # says so and offers nothing to tick; nothing is written by opening it.
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    people = list(meeting.secretariat.all())
    form = MeetingSecretariatForm(
        request.POST or None,
        people=people,
        initial={"attended": [p.pk for p in people if p.attended]},
    )
    if request.method == "POST" and people and form.is_valid():
        submit(
            form,
            meeting_secretariat_set,
            actor=request.user,
            meeting=meeting,
            attended=set(form.cleaned_data["attended"]),
        )
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("committees-staff:meeting", pk=meeting.pk)
    return render(
        request,
        "committees/staff/people/meeting_secretariat.html",
        {
            "meeting": meeting,
            "form": form,
            "people": people,
            "listed": meeting.committee.secretariat.all() if not people else [],
        },
    )
