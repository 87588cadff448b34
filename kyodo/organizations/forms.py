"""Forms of the organizations app. Every refusal is a Japanese message from the catalogue."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.forms import (
    AddressField,
    ConsentField,
    EmailField,
    ModelMultipleChoiceField,
    MultilineTextField,
    NumberField,
    PhoneField,
    TextField,
    URLField,
    WarekiDateField,
    YearField,
)
from kyodo.core.text import is_reading, normalize_name, normalize_reading
from kyodo.core.uploads import UploadField, UploadValidator
from kyodo.core.versions import VersionedFormMixin
from kyodo.core.wareki import fiscal_year, fiscal_year_name
from kyodo.organizations.models import (
    ActivityField,
    Organization,
    OrganizationStatusChange,
    PublishableField,
)
from kyodo.organizations.services import PendingShown

BYLAWS_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_BYTES = 5 * 1024 * 1024
BYLAWS_KINDS = ("pdf", "docx", "txt")


class ReadingField(TextField):
    """ふりがな: hiragana or katakana (full- or half-width), stored in hiragana."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("In hiragana or katakana."))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value:
            value = normalize_reading(value)
            if not is_reading(value):
                raise ValidationError(
                    _("Enter the reading in hiragana or katakana."), code="reading"
                )
        return value


class NameField(TextField):
    """A group's or a person's name, stored as ``normalize_name`` writes it (as the model saves
    it): 「ＮＰＯ法人　みらい」 → 「NPO法人 みらい」, half-width ｶﾅ → full-width, 全角カナ kept."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_name(value) if value else value


# PDF, Word (.docx) or plain text, at most 5 MB, the content matching the type (kyodo.core.uploads).
validate_bylaws = UploadValidator(BYLAWS_KINDS, BYLAWS_MAX_BYTES)


def _this_year() -> int:
    return timezone.localdate().year


class OrganizationFieldsForm(forms.Form):
    """The fields an applicant fills in; staff import rows are checked with the same rules."""

    name = NameField(label=_("Name of the group"), max_length=200)
    name_reading = ReadingField(label=_("Reading of the name"), max_length=300)
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        choices=[("", _("Choose one")), *Organization.LegalForm.choices],
    )
    representative_name = NameField(label=_("Representative"), max_length=100)
    representative_reading = ReadingField(label=_("Representative (reading)"), max_length=200)
    email = EmailField(label=_("E-mail"), max_length=254)
    # The public forms' one rule (events, お問い合わせ): full-width digits and any dash are
    # accepted and stored as 042-000-0000; 10 or 11 digits.
    phone = PhoneField(label=_("Telephone"), max_length=30)
    # Stored with half-width digits and hyphens (core.forms.normalize_address), as the telephone
    # number is: 「ひばりが丘１－２－３」 and 「ひばりが丘1-2-3」 are one address in the CSV and search.
    address = AddressField(label=_("Address"), max_length=300)
    activity_fields = forms.MultipleChoiceField(
        label=_("Fields of activity"),
        choices=ActivityField.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    area = AddressField(label=_("Area of activity"), max_length=200, required=False)
    description = MultilineTextField(label=_("Activities"), max_length=2000, required=False)
    website = URLField(label=_("Website"), max_length=300, required=False)
    # Text boxes with the numeric keyboard (not type=number): 「１５」 and 「平成17年」 are read,
    # and shown back as typed when the form returns for another field's error.
    member_count = NumberField(
        label=_("Number of members"),
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    founded_year = YearField(
        label=_("Year founded"),
        required=False,
        help_text=_("For example 2005, 平成17年 or H17."),
        validators=[MinValueValidator(1868)],
    )
    published_fields = forms.MultipleChoiceField(
        label=_("Fields you agree to publish in the group directory"),
        help_text=_("The name, its reading and the legal form are always published."),
        choices=PublishableField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_founded_year(self):
        year = self.cleaned_data.get("founded_year")
        if year is not None and year > _this_year():
            raise ValidationError(_("The year founded is in the future."), code="future")
        return year


class ImportRowForm(OrganizationFieldsForm):
    """A row of the center's existing list: old lists often lack contact details."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("representative_name", "representative_reading", "email", "phone", "address"):
            self.fields[name].required = False


class ApplicationForm(OrganizationFieldsForm):
    bylaws = UploadField(
        label=_("Bylaws"),
        required=False,
        help_text=_("PDF, Word (.docx) or text, at most 5 MB. Only the center's staff see it."),
        kinds=BYLAWS_KINDS,
        max_bytes=BYLAWS_MAX_BYTES,
    )
    consent = ConsentField()

    # A browser never fills a file input in again: when the form comes back because of another
    # field's error (or a refusal of the service), the chosen bylaws are gone. The person is told
    # so beside the file field, and in the error summary, instead of losing the file unawares.
    _checked = False

    def full_clean(self):
        self._checked = False
        super().full_clean()
        self._checked = True
        self._ask_for_the_file_again()

    def add_error(self, field, error):
        super().add_error(field, error)
        if self._checked:  # an error after validation: the service refused the save
            self._ask_for_the_file_again()

    def _ask_for_the_file_again(self) -> None:
        name = self.add_prefix("bylaws")
        upload = self.files.get(name) if self.is_bound and "bylaws" in self.fields else None
        if upload is None or not self._errors or "bylaws" in self._errors:
            return  # nothing chosen, nothing wrong, or the file itself is refused (and said why)
        self.add_error(
            "bylaws",
            ValidationError(
                _(
                    "The file “%(name)s” was not kept because of the errors in the form. "
                    "Choose the file again."
                ),
                code="choose_again",
                params={"name": PurePath(upload.name or "").name},
            ),
        )


class ProfileForm(VersionedFormMixin, ApplicationForm):
    """What a representative may change; the name and legal form change through the center.

    Besides the group's version it carries the 変更届 waiting when it was shown (hidden
    ``pending_request``: its id, "0" for none), which the group's row does not hold: a save
    from a form shown before another 変更届 was sent is refused as stale, like any edit.
    After ``is_valid()`` that is ``form.shown_pending`` (None for a form without the field),
    not in ``cleaned_data``.
    """

    def __init__(self, *args, pending: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "name_reading", "legal_form", "consent"):
            del self.fields[name]
        self.fields["pending_request"] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=20
        )
        self.initial["pending_request"] = pending
        self.shown_pending = None

    def clean(self):
        data = super().clean()
        raw = (data.pop("pending_request", "") or "") if data is not None else ""
        if raw == "0":
            self.shown_pending = PendingShown(pk=None)
        elif raw.isdigit():
            self.shown_pending = PendingShown(pk=int(raw))
        return data

    def show_stale(self, error) -> None:
        super().show_stale(error)
        pending = getattr(error, "pending", None)
        if pending is not None:
            self.data[self.add_prefix("pending_request")] = pending


class OrganizationEditForm(VersionedFormMixin, OrganizationFieldsForm):
    """Staff correct a registered group's details (services.organization_update_profile).

    Contact details and fields of activity may stay empty, as in the center's older lists. The
    choice of published fields is the group's own consent and is not here.
    """

    OPTIONAL = (
        "representative_name",
        "representative_reading",
        "email",
        "phone",
        "address",
        "activity_fields",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["published_fields"]
        for name in self.OPTIONAL:
            self.fields[name].required = False

    @classmethod
    def initial_from(cls, organization: Organization) -> dict:
        initial = {
            name: getattr(organization, name)
            for name in cls.base_fields
            if name != "published_fields"
        }
        initial["activity_fields"] = organization.activity_field_list
        return initial


class ReasonForm(forms.Form):
    reason = MultilineTextField(label=_("Reason"), max_length=2000)


class ApproveForm(forms.Form):
    effective_date = WarekiDateField(label=_("Registered from"))
    note = TextField(label=_("Note"), max_length=500, required=False)


class StatusChangeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Change"),
        choices=[
            (k.value, k.label)
            for k in OrganizationStatusChange.Kind
            if k != OrganizationStatusChange.Kind.REGISTERED
        ],
    )
    effective_date = WarekiDateField(label=_("Effective date"))
    note = TextField(label=_("Note"), max_length=500, required=False)


def renewal_year_choices(today) -> list[tuple[int, str]]:
    """The fiscal years the 年度更新 page offers: the coming one, this one and the last one (a
    renewal recorded late)."""
    this_year = fiscal_year(today)
    return [(year, fiscal_year_name(year)) for year in range(this_year + 1, this_year - 2, -1)]


class RenewalYearForm(forms.Form):
    """The fiscal year whose 年度更新 the page lists (GET)."""

    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = renewal_year_choices(today)


class RenewalForm(forms.Form):
    """The groups ticked for 年度更新 (``services.organizations_renew``), from ``candidates``:
    the groups the page listed that are still not renewed."""

    organizations = ModelMultipleChoiceField(
        label=_("Groups to renew"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick the groups to renew."),
            "invalid_choice": _(
                "A ticked group is not waiting for this renewal any more (it was renewed or its "
                "status changed meanwhile). Check the list again."
            ),
            "invalid_pk_value": _(
                "A ticked group is not waiting for this renewal any more (it was renewed or its "
                "status changed meanwhile). Check the list again."
            ),
        },
    )
    effective_date = WarekiDateField(label=_("Effective date"))
    note = TextField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = candidates


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8 or Shift_JIS) or Excel (.xlsx), with the export's headers."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("The file is too large (at most 5 MB)."), code="size")
        if PurePath(upload.name or "").suffix.lower() not in (".csv", ".xlsx"):
            raise ValidationError(_("Upload a CSV or Excel (.xlsx) file."), code="type")
        return upload


class DirectoryFilterForm(forms.Form):
    q = TextField(label=_("Name or reading"), max_length=100, required=False)
    activity_field = forms.ChoiceField(
        label=_("Field of activity"),
        required=False,
        choices=[("", _("All")), *ActivityField.choices],
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        required=False,
        choices=[("", _("All")), *Organization.LegalForm.choices],
    )
    area = TextField(label=_("Area of activity"), max_length=100, required=False)


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Organization.Status.choices]
    )
    q = TextField(label=_("Name or reading"), max_length=100, required=False)
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        required=False,
        choices=[("", _("All")), *Organization.LegalForm.choices],
    )
    activity_field = forms.ChoiceField(
        label=_("Field of activity"),
        required=False,
        choices=[("", _("All")), *ActivityField.choices],
    )
