"""Staff pages for group contacts (/staff/people/groups/): who signs in for each registered group,
and inviting a second contact."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kyodo.core.forms import CleanTextMixin
from kyodo.core.permissions import staff_required
from kyodo.core.views.actions import perform, submit
from kyodo.organizations import contacts as services
from kyodo.organizations.contact_models import OrganizationContact
from kyodo.organizations.models import Organization


class ContactForm(CleanTextMixin, forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    name_reading = forms.CharField(label=gettext_lazy("Reading"), max_length=200, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mail"))


@staff_required
def index(request):
    # Registered groups in gojūon order, with the people who sign in for each.
    groups = (
        Organization.objects.listed()
        .select_related("representative_user")
        .prefetch_related(
            Prefetch("contacts", queryset=OrganizationContact.objects.select_related("user"))
        )
        .order_by("reading_order", "pk")
    )
    return render(request, "organizations/staff/contacts/index.html", {"groups": groups})


@staff_required
def detail(request, pk: int):
    organization = get_object_or_404(
        Organization.objects.select_related("representative_user"), pk=pk
    )
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = submit(
            form,
            services.contact_invite,
            actor=request.user,
            organization=organization,
            **form.cleaned_data,
        )
        if not form.errors:
            messages.success(
                request,
                _("%(name)s was invited by mail.") % {"name": contact.user},
            )
            return redirect("contacts:group", pk=organization.pk)
    return render(
        request,
        "organizations/staff/contacts/detail.html",
        {
            "organization": organization,
            "contacts": services.contacts_of(organization=organization),
            "form": form,
        },
    )


@staff_required
@require_POST
def remove(request, pk: int):
    contact = get_object_or_404(OrganizationContact, pk=pk)
    organization_pk = contact.organization_id
    perform(
        request,
        services.contact_remove,
        success=_("The contact was removed and can no longer sign in."),
        actor=request.user,
        contact=contact,
    )
    return redirect("contacts:group", pk=organization_pk)
