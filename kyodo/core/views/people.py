"""Staff pages for accounts (/staff/people/): everyone who signs in, their roles, invitations,
deactivation. Committee members and group contacts have their own pages, which create accounts
through the same services."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from kyodo.core import people
from kyodo.core.audit import audit_rows
from kyodo.core.forms import CleanTextMixin
from kyodo.core.mail import absolute_url
from kyodo.core.models import AuditEntry, Center
from kyodo.core.permissions import staff_required
from kyodo.core.roles import Role, user_roles
from kyodo.core.versions import VersionedFormMixin
from kyodo.core.views.actions import perform, submit, submit_edit

User = get_user_model()
PAGE_SIZE = 50


class AccountFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, user name or e-mail"), required=False, max_length=100
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        required=False,
        choices=[("", gettext_lazy("All")), *Role.choices],
    )
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("active", gettext_lazy("Can sign in")),
            ("inactive", gettext_lazy("Deactivated")),
        ],
    )


class AccountForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    full_name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100)
    name_reading = forms.CharField(
        label=gettext_lazy("Reading"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("In hiragana, for sorting."),
    )
    title = forms.CharField(
        label=gettext_lazy("Title (e.g. センター長, 主事)"), max_length=100, required=False
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy(
            "Without one, the person is invited by a letter you print from the account's page."
        ),
    )


class NewAccountForm(AccountForm):
    username = forms.RegexField(
        label=gettext_lazy("User name"),
        regex=people.USERNAME,
        max_length=150,
        required=False,
        help_text=gettext_lazy(
            "Letters, digits and . _ - only. Left empty, it is made from the e-mail address."
        ),
        error_messages={"invalid": gettext_lazy("Use letters, digits and . _ - only.")},
    )
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Role.STAFF],
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("username") and "username" not in self.errors:
            self.add_error(
                "username",
                _("Without an e-mail address, choose the user name: it is printed on the letter."),
            )
        return data


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def account_state(user) -> str:
    if not user.is_active:
        return _("Deactivated")
    if not user.has_usable_password():
        return _("Invited, password not set yet")
    return _("Can sign in")


@staff_required
def index(request):
    # Everyone who signs in, in gojūon order; filter by role, state or a word.
    form = AccountFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(people.accounts(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(Role.choices)
    rows = [
        {
            "user": u,
            "roles": "、".join(str(labels[g.name]) for g in u.groups.all() if g.name in labels)
            or ("—" if not u.is_superuser else _("Administrator")),
            "state": account_state(u),
        }
        for u in page.object_list
    ]
    return render(
        request, "core/staff/people/index.html", {"form": form, "page": page, "rows": rows}
    )


@staff_required
def create(request):
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = submit(
            form,
            people.user_invite,
            actor=request.user,
            username=data["username"] or people.username_for(data["email"]),
            full_name=data["full_name"],
            name_reading=data["name_reading"],
            title=data["title"],
            email=data["email"],
            roles=data["roles"],
        )
        if not form.errors:
            if user.email:
                messages.success(
                    request,
                    _("The account was created and the invitation queued for %(email)s.")
                    % {"email": user.email},
                )
            else:
                messages.success(
                    request,
                    _(
                        "The account was created. Without an e-mail address, print the letter "
                        "with the user name and a code below and give or post it to the person."
                    ),
                )
            return redirect("people:user", pk=user.pk)
    return render(request, "core/staff/people/new.html", {"form": form})


@staff_required
def detail(request, pk: int):
    # One account: its details, roles, state, and what was done to it.
    user = get_object_or_404(User, pk=pk)
    form = AccountForm(
        request.POST or None,
        initial={f: getattr(user, f) for f in people.USER_FIELDS},
        version_of=user,
    )
    if request.method == "POST" and form.is_valid():
        submit_edit(form, people.user_update, obj=user, actor=request.user, user=user,
                    **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("people:user", pk=user.pk)
    held = sorted(set(user.groups.values_list("name", flat=True)) & set(Role.values))
    history = AuditEntry.objects.filter(
        content_type__app_label="core", content_type__model="user", object_id=str(user.pk)
    ).select_related("content_type")[:50]
    return render(
        request,
        "core/staff/people/detail.html",
        {
            "person": user,
            "state": account_state(user),
            "form": form,
            "roles_form": RolesForm(initial={"roles": held}, auto_id="roles_%s"),
            "effective_roles": sorted(user_roles(user)),
            "secretariat_lists": _secretariat_lists(user),
            "history": audit_rows(history),
            "letter_days": people.LETTER_DAYS,
            "managers": "、".join(str(u) for u in people.active_managers().order_by("pk")),
        },
    )


@staff_required
@require_POST
def roles(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    form = RolesForm(request.POST)
    if form.is_valid():
        perform(
            request,
            people.user_set_roles,
            success=_("The roles were changed."),
            actor=request.user,
            user=user,
            roles=form.cleaned_data["roles"],
        )
    else:
        # A crafted request (「superuser」): say whose the administrator's rights are.
        messages.error(request, people.RoleNotOffered.default_message)
    return redirect("people:user", pk=user.pk)


@staff_required
@require_POST
def activation(request, pk: int, change: str):
    if change not in ("deactivate", "reactivate"):
        raise Http404
    user = get_object_or_404(User, pk=pk)
    active = change == "reactivate"
    done = perform(
        request,
        people.user_set_active,
        success=_("The account can sign in again.")
        if active
        else _("The account was deactivated."),
        actor=request.user,
        user=user,
        active=active,
    )
    if done and not active and (lists := _secretariat_lists(user)):
        # The secretariat list names people for meetings to come: staff decide whether the
        # person leaves it too (meetings already held keep them either way).
        messages.warning(
            request,
            _(
                "%(name)s is still on the secretariat list of %(committees)s: remove them there "
                "if they no longer serve the committee."
            )
            % {"name": user, "committees": "、".join(lists)},
        )
    return redirect("people:user", pk=user.pk)


def _secretariat_lists(user) -> list[str]:
    from kyodo.committees.services.members import secretariat_lists_of

    return secretariat_lists_of(user)


@staff_required
@require_POST
def reset(request, pk: int):
    # A person who forgot their password: the same one-time link /accounts/reset/ would send.
    user = get_object_or_404(User, pk=pk)
    perform(
        request,
        people.password_reset_send,
        success=_("A password reset link was queued for %(email)s.") % {"email": user.email},
        actor=request.user,
        user=user,
    )
    return redirect("people:user", pk=user.pk)


LETTER_SESSION_KEY = "kyodo_letter"


@staff_required
def letter(request, pk: int):
    # POST: a new one-time code (only its hash is kept), held in the session for the one page
    # that shows it; GET: that page, the letter to print, once (a reload says to print anew).
    user = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        try:
            printed = people.letter_issue(actor=request.user, user=user)
        except people.PeopleError as error:
            messages.error(request, error.message)
            return redirect("people:user", pk=user.pk)
        request.session[LETTER_SESSION_KEY] = {
            "user": user.pk,
            "code": printed.code,
            "expires_at": printed.expires_at.isoformat(),
            "setting": printed.setting,
        }
        return redirect("people:letter", pk=user.pk)
    kept = request.session.pop(LETTER_SESSION_KEY, None)
    if not kept or kept.get("user") != user.pk:
        messages.warning(
            request,
            _(
                "A letter's code is shown only once. To print the letter again, print a new one: "
                "the earlier code then stops working."
            ),
        )
        return redirect("people:user", pk=user.pk)
    from kyodo.website.selectors import site_access

    printed = people.Letter(
        user=user,
        code=kept["code"],
        expires_at=datetime.fromisoformat(kept["expires_at"]),
        setting=kept["setting"],
    )
    center = Center.objects.current()
    response = render(
        request,
        "core/staff/people/letter.html",
        {
            "letter": printed,
            "center": center,
            # The sender's address as an envelope needs it: with the postal code.
            "postal_code": site_access(center).postal_code if center else "",
            "start_url": absolute_url("account-start"),
            "today": timezone.localdate(),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_POST
def resend(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    perform(
        request,
        people.invitation_resend,
        success=_("The invitation was queued again."),
        actor=request.user,
        user=user,
    )
    return redirect("people:user", pk=user.pk)


@staff_required
def keepalive(request):
    # The idle warning's "continue" button: any request refreshes the session (see sessions.py).
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")
