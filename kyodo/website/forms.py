from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.forms import CleanTextMixin
from kyodo.core.uploads import UploadField
from kyodo.core.versions import VersionedFormMixin
from kyodo.website.models import NewsPost, Page
from kyodo.website.services import ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES


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
