"""The group representative's own page: they only ever see and edit their own group."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kyodo.core.permissions import group_required
from kyodo.core.views.actions import submit_edit
from kyodo.organizations import selectors, services
from kyodo.organizations.forms import ProfileForm
from kyodo.organizations.views import form_data


@group_required
def profile(request):
    organization = selectors.organization_for_representative(user=request.user)
    if organization is None:
        raise Http404(_("You do not represent a registered group."))
    initial = {f: getattr(organization, f) for f in services.PROFILE_FIELDS}
    initial["activity_fields"] = organization.activity_field_list
    initial["published_fields"] = organization.published_field_list
    form = ProfileForm(*form_data(request), initial=initial, version_of=organization)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        bylaws = data.pop("bylaws", None)
        changes = submit_edit(
            form,
            services.organization_update_profile,
            obj=organization,
            actor=request.user,
            organization=organization,
            data=data,
            bylaws=bylaws,
        )
        if not form.errors:
            if changes:
                messages.success(request, _("The group's profile was saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("organizations-group:profile")
    return render(
        request, "organizations/group/profile.html", {"form": form, "organization": organization}
    )
