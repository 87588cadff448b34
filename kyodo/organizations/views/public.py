"""The public side: the group directory, the application form and the personal links."""

from __future__ import annotations

from html import escape

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from kyodo.core.confirmations import submission_request
from kyodo.core.forms import confirmation_rows
from kyodo.core.statements import Prepared
from kyodo.events import selectors as event_selectors
from kyodo.organizations import selectors, services
from kyodo.organizations.exceptions import ApplicationAlreadyReceived, InvalidResubmitLink
from kyodo.organizations.forms import ApplicationForm, DirectoryFilterForm
from kyodo.organizations.models import Organization
from kyodo.organizations.views import form_data

PAGE_SIZE = 50


# The unfiltered directory's first page (the page most visitors see), compiled once per process
# (kyodo.core.statements): one row more than the page shows, as _directory_page reads it.
_FIRST_PAGE = Prepared(
    lambda: selectors.directory().values_list("pk", "name", "name_reading", "legal_form")[
        : PAGE_SIZE + 1
    ]
)


def _directory_page(organizations, number, *, filtered: bool = True) -> Page:
    """The requested page of the directory. The first page is read with one row more than it
    shows: when that row is missing, every group is on it and their number is known without a
    ``COUNT`` query (the common case of a center's directory)."""
    if number not in (None, "", "1"):
        return Paginator(organizations, PAGE_SIZE).get_page(number)
    rows = list(organizations[: PAGE_SIZE + 1]) if filtered else _FIRST_PAGE.rows()
    if len(rows) <= PAGE_SIZE:
        return Paginator(rows, PAGE_SIZE).page(1)
    paginator = Paginator(organizations, PAGE_SIZE)
    return paginator._get_page(rows[:PAGE_SIZE], 1, paginator)


def directory(request):
    # Anyone may browse; only what each group chose to publish is shown.
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = _directory_page(
        selectors.directory(**filters).values_list("pk", "name", "name_reading", "legal_form"),
        request.GET.get("page"),
        filtered=any(filters.values()),
    )
    return render(
        request,
        "organizations/public/directory.html",
        {"form": form, "page": page, "rows": _directory_rows(page.object_list)},
    )


def _directory_rows(organizations) -> str:
    """The table rows of the directory, from (pk, name, reading, legal form) tuples.

    Written here rather than by a template loop, which took a quarter of the page's time for 50
    rows: one reverse() for the page instead of one per row, each legal form translated once.
    The HTML is the loop's, byte for byte.
    """
    prefix = escape(reverse("organizations:directory"))  # a group's page is <prefix><pk>/
    labels = {code: escape(str(label)) for code, label in Organization.LegalForm.choices}
    return mark_safe(
        "".join(
            f'\n    <tr><th scope="row"><a href="{prefix}{pk}/">{escape(name)}</a></th>'
            f"<td>{escape(reading)}</td><td>{labels.get(code) or escape(code)}</td></tr>\n  "
            for pk, name, reading, code in organizations
        )
    )


def detail(request, pk: int):
    organization = selectors.public_organization(pk=pk)
    if organization is None:
        raise Http404
    # Most groups have no upcoming event: asking whether there is one costs less than half of
    # reading the events with their series and venue.
    has_events = event_selectors.group_has_events(organization.pk)
    return render(
        request,
        "organizations/public/detail.html",
        {
            "organization": organization,
            "events": event_selectors.group_events(organization) if has_events else (),
        },
    )


def apply(request):
    form = ApplicationForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        # It reaches staff only once the applicant confirms the address (issue 18): the first
        # mail holds none of the applicant's text.
        data = dict(form.cleaned_data)
        bylaws = data.pop("bylaws", None)
        data.pop("consent", None)
        submission_request(
            kind="organizations.application",
            email=data["email"],
            payload={"data": data},
            upload=bylaws,
            hours=settings.GROUP_APPLICATION_CONFIRM_HOURS,
        )
        return redirect("confirm-sent")
    return render(request, "organizations/public/apply.html", {"form": form})


def application_confirmed(payload: dict, upload) -> tuple[str, str]:
    """The applicant followed the mailed link: the application reaches staff now, unless the
    same application is already waiting for them (the form sent twice, both links followed)."""
    try:
        services.application_submit(
            actor=None, fields=services.ApplicationFields(**payload["data"]), bylaws=upload
        )
    except ApplicationAlreadyReceived:
        return reverse("organizations:already-applied"), _("Your address is confirmed.")
    return reverse("organizations:applied"), _("Your address is confirmed.")


def application_summary(payload: dict, file_name: str) -> list[tuple[str, str]]:
    """What the applicant is about to send, as (label, value) rows in the form's order, for
    the page of the mailed link (kyodo.core.confirmations): the 確認 rows the other public forms
    show (``confirmation_rows``), with the chosen bylaws by their file name."""
    form = ApplicationForm()
    data = dict(payload["data"])
    # Lists of codes (fields of activity, published fields) as their labels, one a line: the
    # law's names of the fields of activity hold 「、」 themselves, so 「、」 could not join them.
    for name in ("activity_fields", "published_fields"):
        labels = dict(form.fields[name].choices)
        data[name] = "\n".join(str(labels.get(code, code)) for code in data.get(name) or ())
    # The payload is what the form accepted: the consent was given.
    form.cleaned_data = {**data, "bylaws": file_name, "consent": True}
    return confirmation_rows(form)


def applied(request):
    return render(request, "organizations/public/applied.html")


def already_applied(request):
    return render(request, "organizations/public/already_applied.html")


@never_cache
def resubmit(request, pk: int, token: str):
    # The personal link mailed with a return: the applicant corrects and sends again, once.
    organization = get_object_or_404(Organization, pk=pk)
    try:
        services.check_resubmit_token(organization=organization, token=token)
    except InvalidResubmitLink as exc:
        return render(
            request, "organizations/public/link_invalid.html", {"message": exc.message}, status=404
        )
    initial = {f: getattr(organization, f) for f in services.APPLICATION_FIELDS}
    initial["activity_fields"] = organization.activity_field_list
    initial["published_fields"] = organization.published_field_list
    form = ApplicationForm(*form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        bylaws = data.pop("bylaws", None)
        data.pop("consent", None)
        try:
            services.application_resubmit(
                organization=organization,
                token=token,
                fields=services.ApplicationFields(**data),
                bylaws=bylaws,
            )
        except InvalidResubmitLink as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("organizations:applied")
    return render(
        request,
        "organizations/public/apply.html",
        {"form": form, "organization": organization, "resubmit": True},
    )


class SetPasswordView(PasswordResetConfirmView):
    """A new representative sets a password with the link mailed on approval."""

    template_name = "organizations/public/set_password.html"
    success_url = reverse_lazy("login")
    post_reset_login = False
    title = gettext_lazy("Set your password")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. Please sign in."))
        return response


set_password = SetPasswordView.as_view()
