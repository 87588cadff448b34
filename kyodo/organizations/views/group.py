"""The group representative's own page: they only ever see and edit their own group."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core.permissions import group_required
from kyodo.core.views.actions import submit_edit
from kyodo.organizations import selectors, services
from kyodo.organizations.forms import ProfileForm
from kyodo.organizations.views import form_data


@group_required
def profile(request):
    # The form starts from the approved values with a waiting 変更届's values laid over them, so
    # that saving again does not silently take the proposal back.
    organization = selectors.organization_for_representative(user=request.user)
    if organization is None:
        raise Http404(_("You do not represent a registered group."))
    pending = selectors.pending_change_request(organization=organization)
    initial = {f: getattr(organization, f) for f in services.PROFILE_FIELDS}
    initial.update(pending.proposed if pending else {})
    for name in ("activity_fields", "published_fields"):
        initial[name] = [code for code in str(initial[name] or "").split(",") if code]
    form = ProfileForm(
        *form_data(request),
        initial=initial,
        version_of=organization,
        pending=services.pending_token(pending),
    )
    if organization.can_act and request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        bylaws = data.pop("bylaws", None)
        result = submit_edit(
            form,
            services.change_request_submit,
            obj=organization,
            actor=request.user,
            organization=organization,
            fields=services.ProfileFields(**data),
            bylaws=bylaws,
            shown_pending=form.shown_pending,
        )
        if not form.errors:
            if result.change_request is not None and result.change_request != pending:
                messages.success(
                    request,
                    _(
                        "Your change notification was sent. The directory shows the current"
                        " details until the center approves it."
                    ),
                )
            elif result.applied or (pending is not None and result.change_request is None):
                messages.success(request, _("The group's profile was saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("organizations-group:profile")
    return render(
        request,
        "organizations/group/profile.html",
        {
            "form": form,
            "organization": organization,
            "pending": pending,
            "pending_rows": selectors.change_request_rows(pending) if pending else [],
            "latest": selectors.change_requests_of(organization=organization).first(),
            "scheduled": list(
                selectors.scheduled_changes(organization=organization, after=timezone.localdate())
            ),
        },
    )
