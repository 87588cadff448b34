from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.text import has_control_characters
from kyodo.website.models import NewsPost, Page


class CleanTextMixin:
    """Refuses control characters, which only arrive by accident or attack."""

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and has_control_characters(value):
                self.add_error(name, _("This text contains control characters."))
        return data


class PageForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class NewsForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = NewsPost
        fields = ["title", "body", "published_at", "is_published"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class AttachmentForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))
