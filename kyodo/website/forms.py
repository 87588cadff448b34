from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.forms import CleanTextForm, CleanTextMixin, NumberField, PhoneField
from kyodo.core.uploads import UploadField
from kyodo.core.versions import VersionedFormMixin
from kyodo.website.models import AccessInfo, NewsPost, Page
from kyodo.website.services import (
    ATTACHMENT_KINDS,
    ATTACHMENT_MAX_BYTES,
    MAP_KINDS,
    MAP_MAX_BYTES,
)


class PageForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class NewsForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = NewsPost
        fields = ["title", "body", "published_at", "is_published"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class AttachmentForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = UploadField(label=_("File"), kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)


class PostalCodeField(forms.CharField):
    """〒 in any width, with or without the hyphen (１８８００１１ → 188-0011)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        import re
        import unicodedata

        value = unicodedata.normalize("NFKC", value or "").strip().replace("〒", "").strip()
        value = re.sub(r"[‐‑‒–—―−ーｰ]", "-", value)
        if value and not re.fullmatch(r"\d{3}-?\d{4}", value):
            raise forms.ValidationError(
                _("Write the postal code as seven digits, for example 188-0011.")
            )
        return f"{value[:3]}-{value[-4:]}" if value else ""


class AccessForm(VersionedFormMixin, CleanTextForm):
    postal_code = PostalCodeField(label=_("Postal code"))
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=AccessInfo._meta.get_field("address").help_text,
    )
    nearest_station = forms.CharField(
        label=_("Nearest station"),
        max_length=200,
        required=False,
        help_text=AccessInfo._meta.get_field("nearest_station").help_text,
    )
    walking_minutes = NumberField(
        label=_("Walking time from the station (minutes)"),
        min_value=1,
        max_value=120,
        required=False,
    )
    other_transport = forms.CharField(
        label=_("Buses and parking"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=AccessInfo._meta.get_field("opening_hours").help_text,
    )
    closed_days = forms.CharField(label=_("Closed days"), max_length=200, required=False)
    barrier_free = forms.CharField(
        label=_("Barrier-free information"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=AccessInfo._meta.get_field("barrier_free").help_text,
    )
    phone = PhoneField(
        label=_("Telephone"),
        required=False,
        help_text=AccessInfo._meta.get_field("phone").help_text,
    )
    fax = PhoneField(label=_("Fax"), required=False)
    map_image = UploadField(
        label=_("Map"), kinds=MAP_KINDS, max_bytes=MAP_MAX_BYTES, required=False
    )
    map_description = forms.CharField(
        label=_("What the map shows"),
        max_length=300,
        required=False,
        help_text=AccessInfo._meta.get_field("map_description").help_text,
    )
    remove_map = forms.BooleanField(label=_("Remove the map"), required=False)
