from __future__ import annotations

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kyodo.committees.models import AgendaItem, Committee, Meeting, Minutes
from kyodo.core.forms import DateRangeForm, KeptWhenEmpty
from kyodo.core.text import has_control_characters
from kyodo.core.wareki import WarekiError, parse_fiscal_year
from kyodo.search.models import SearchDocument
from kyodo.search.selectors import Filters

# Longer queries are refused with a message; the header's search box stops there too. 100
# characters of Japanese are 900 bytes in the address, far within what servers accept.
MAX_QUERY_LENGTH = 100

SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("relevance", _("Relevance")),
    ("oldest", _("Oldest first")),
]


def _meetings(staff: bool):
    """The meetings a search can be narrowed to: those with published minutes for the public."""
    meetings = Meeting.objects.select_related("committee").order_by("-date", "-pk")
    if not staff:
        meetings = meetings.filter(minutes__in=Minutes.objects.published())
    return meetings


def _options(staff: bool) -> dict[str, list[tuple[int, str]]]:
    """What the filters of ``_OPTIONS`` offer, by name: the rows of their querysets as
    ``(pk, label)``, read again after any write to the database (kyodo.core.memo). Plain choices
    rather than a ModelChoiceField's queryset, which every form copied and every page ran."""
    from kyodo.core.memo import until_next_write

    return until_next_write(
        f"search-options:{staff}:{get_language() or ''}",
        lambda: {
            name: [(obj.pk, str(obj)) for obj in queryset(staff)]
            for name, queryset in _OPTIONS.items()
        },
    )


_OPTIONS = {
    "committee": lambda staff: Committee.objects.order_by("pk"),
    "meeting": _meetings,
}


# (language, staff) → field name → (label, help text, choices or None), translated: the form's
# lazy texts are otherwise translated again at every search (kyodo.core's i18n_once does the
# same for the templates' literals).
_TRANSLATED: dict[tuple[str, bool], dict[str, tuple]] = {}


def _texts(staff: bool) -> dict[str, tuple]:
    key = (get_language() or "", staff)
    texts = _TRANSLATED.get(key)
    if texts is None:
        kinds = [("", _("All")), *SearchDocument.Kind.choices]
        if not staff:
            kinds = [k for k in kinds if k[0] != SearchDocument.Kind.CONSULTATION]
        fixed = {"kind": kinds}
        texts = {}
        for name, field in SearchForm.base_fields.items():
            choices = fixed.get(name)
            if name in _OPTIONS:
                choices = [("", _("All"))]  # the first option; the rest read by _options
            elif choices is None and isinstance(field, forms.ChoiceField):
                choices = field.choices
            if choices is not None:
                choices = [(value, str(label)) for value, label in choices]
            help_text = str(field.help_text) if field.help_text else field.help_text
            label = str(field.label) if field.label is not None else None
            texts[name] = (label, help_text, choices)
        texts = _TRANSLATED.setdefault(key, texts)
    return texts


class SearchForm(KeptWhenEmpty, DateRangeForm):
    """The query and its filters; the meetings offered depend on who searches. The filters
    left empty are written once until the next write (``KeptWhenEmpty``)."""

    q = forms.CharField(
        label=pgettext_lazy("search", "Words"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Search with at most %(limit_value)d characters (now %(show_value)d).")
        },
        help_text=_(
            'Separate words with spaces. OR for either word, -word to leave out, "…" for a phrase.'
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label=_("Search in"), required=False)
    fy = forms.CharField(
        label=_("Fiscal year"),
        required=False,
        max_length=30,
        help_text=_("For example 平成22年度, H22 or 2010."),
    )
    committee = forms.TypedChoiceField(
        label=pgettext_lazy("search filter", "Committee"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    meeting = forms.TypedChoiceField(
        label=_("Meeting"), required=False, coerce=int, empty_value=None
    )
    speaker = forms.CharField(
        label=_("Speaker"),
        required=False,
        max_length=100,
        help_text=_("A role (委員長, 副委員長, 委員) or part of a name."),
    )
    category = forms.ChoiceField(
        label=_("Agenda category"),
        required=False,
        choices=[("", _("All")), *AgendaItem.Category.choices],
    )
    sort = forms.ChoiceField(
        label=pgettext_lazy("search filter", "Order"), required=False, choices=SORT_CHOICES
    )
    field_order = [
        "q", "kind", "fy", "since", "until", "committee", "meeting", "speaker", "category", "sort"
    ]  # fmt: skip

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        self.kept_variant = "staff" if staff else "public"
        # The labels, help texts and fixed choices in the request's language, translated once.
        texts = _texts(staff)
        for name, (label, help_text, choices) in texts.items():
            field = self.fields[name]
            field.label, field.help_text = label, help_text
            if choices is not None:
                field.choices = choices
        # The options come with every search page: read once per state of the database.
        for name, options in _options(staff).items():
            field = self.fields[name]
            field.choices = [*field.choices, *options]

    def _clean_text(self, name: str) -> str:
        value = self.cleaned_data.get(name) or ""
        if has_control_characters(value):
            raise forms.ValidationError(_("Remove the control characters from the text."))
        return value

    def clean_q(self) -> str:
        return self._clean_text("q")

    def clean_speaker(self) -> str:
        return self._clean_text("speaker")

    def clean_fy(self) -> int | None:
        value = (self.cleaned_data.get("fy") or "").strip()
        if not value:
            return None
        try:
            return parse_fiscal_year(value)
        except WarekiError as exc:
            raise forms.ValidationError(str(exc)) from None

    def searches(self) -> bool:
        """Whether the (valid) form asks for a search: words, or a speaker to list."""
        data = self.cleaned_data
        return bool((data.get("q") or "").strip() or "".join((data.get("speaker") or "").split()))

    def has_filters(self) -> bool:
        """Whether the (valid) form narrows by anything (a search without words then says
        what it needs)."""
        return any(self.cleaned_data.get(name) for name in self.fields if name not in ("q", "sort"))

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            kinds=[data["kind"]] if data.get("kind") else [],
            fiscal_year=data.get("fy"),
            since=data.get("since"),
            until=data.get("until"),
            committee_id=data.get("committee"),
            meeting_id=data.get("meeting"),
            speaker=data.get("speaker") or "",
            category=data.get("category") or "",
        )
