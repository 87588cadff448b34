"""Staff pages for the center itself (/staff/center/): its details and its venues. A new center
is set up with ``kyodo setup``; from then on staff keep these without an administrator."""

from __future__ import annotations

import unicodedata
from operator import attrgetter

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.core import center as services
from kyodo.core.forms import CleanTextMixin, EmailField, MultilineTextField
from kyodo.core.models import Center, Venue
from kyodo.core.permissions import staff_required
from kyodo.core.text import sort_by_reading
from kyodo.core.versions import VersionedFormMixin
from kyodo.core.views.actions import submit, submit_edit


class _Digits(forms.RegexField):
    # Full-width digits are the same digits (the check digit is the service's to check).
    def to_python(self, value):
        return unicodedata.normalize("NFKC", super().to_python(value)).strip()


class CenterForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the center"), max_length=200)
    name_reading = forms.CharField(
        label=gettext_lazy("Reading"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("In hiragana, for sorting."),
    )
    prefecture = forms.CharField(label=gettext_lazy("Prefecture"), max_length=10, required=False)
    city = forms.CharField(label=gettext_lazy("City, ward, town or village"), max_length=100,
                           required=False)  # fmt: skip
    municipality_code = _Digits(
        label=gettext_lazy("Local government code"),
        regex=r"^[0-9]{6}$",
        required=False,
        help_text=gettext_lazy("The six-digit 全国地方公共団体コード, used in open data."),
        error_messages={"invalid": gettext_lazy("Write the six digits of the code.")},
    )
    operator = forms.CharField(
        label=gettext_lazy("Operated by"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example the city, or the NPO entrusted with the center."),
    )
    email = EmailField(
        label=gettext_lazy("The center's e-mail address"),
        required=False,
        help_text=gettext_lazy(
            "Where requests for staff (変更届, 訂正依頼) are mailed; the mail Kyodo sends comes "
            "from this address, under the center's name (unless the server is set to send from "
            "an address of its own: ask its administrator)."
        ),
    )
    about = MultilineTextField(label=gettext_lazy("About the center"), required=False,
                               max_length=5000)  # fmt: skip


class VenueForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the venue"), max_length=200)
    name_reading = forms.CharField(label=gettext_lazy("Reading"), max_length=300, required=False)
    building = forms.CharField(label=gettext_lazy("Building"), max_length=200, required=False)
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)
    capacity = forms.IntegerField(
        label=gettext_lazy("Capacity (people)"), min_value=1, max_value=100_000, required=False
    )
    notes = MultilineTextField(label=gettext_lazy("Notes"), required=False, max_length=2000)


class VenueEditForm(VersionedFormMixin, VenueForm):
    is_active = forms.BooleanField(
        label=gettext_lazy("In use (offered for new events and meetings)"), required=False
    )


@staff_required
def center_edit(request):
    center = Center.objects.order_by("pk").first()
    if center is None:
        return render(request, "core/staff/center/none.html", status=404)
    form = CenterForm(
        request.POST or None,
        initial={f: getattr(center, f) for f in services.CENTER_FIELDS},
        version_of=center,
    )
    if request.method == "POST" and form.is_valid():
        submit_edit(form, services.center_update, obj=center, actor=request.user, center=center,
                    **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("staff:center")
    return render(
        request,
        "core/staff/center/center.html",
        {"center": center, "form": form},
    )


@staff_required
def venues(request):
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        venue = submit(form, services.venue_create, actor=request.user, **form.cleaned_data)
        if not form.errors:
            messages.success(request, _("The venue %(name)s was added.") % {"name": venue.name})
            return redirect("staff:venues")
    # In gojūon order of their readings (the database would put だい… after たも…).
    listed = sort_by_reading(Venue.objects.all(), key=attrgetter("name_reading"))
    return render(request, "core/staff/center/venues.html", {"form": form, "venues": listed})


@staff_required
def venue_edit(request, pk: int):
    venue = get_object_or_404(Venue, pk=pk)
    form = VenueEditForm(
        request.POST or None,
        initial={f: getattr(venue, f) for f in services.VENUE_FIELDS},
        version_of=venue,
    )
    if request.method == "POST" and form.is_valid():
        submit_edit(form, services.venue_update, obj=venue, actor=request.user, venue=venue,
                    **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("staff:venues")
    return render(request, "core/staff/center/venue.html", {"venue": venue, "form": form})
