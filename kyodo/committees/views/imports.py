"""Staff upload of legacy minutes (/staff/committees/import/): upload → review → save.

The review screen shows the original text beside the structure the parser found, and the
structure as editable house-format text with the header fields; saving parses that text again,
so what staff see is what is stored. A refused file or text saves nothing and says why.

The original text stays on the server between the two steps (``importing.keep_original``): the
form carries only a signed token for it, and posts as multipart so that Japanese text is sent as
its UTF-8 bytes, not percent-encoded three times over. Files are limited up front (PDF 20 MB,
text 2 MB, the text read from either 2 MB), which keeps the review request under Django's
DATA_UPLOAD_MAX_MEMORY_SIZE: a request over it would be refused with a bare 400 before any view.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy
from django.views.decorators.http import require_POST

from kyodo.committees.forms import HOUR_MINUTE, committee_slug_check
from kyodo.committees.importing import (
    MAX_PDF_BYTES,
    MB,
    ImportRefused,
    Source,
    drop_original,
    keep_original,
    kept_original,
    read_or_refuse,
    read_source,
)
from kyodo.committees.models import Committee, Minutes
from kyodo.committees.selectors import committee_chosen
from kyodo.committees.services import check_new, minutes_import
from kyodo.committees.services.imports import (
    IF_TAKEN_NEXT,
    IF_TAKEN_REFUSE,
    NEXT_FREE_LABEL,
    committee_name_for,
    free_committee_slug,
    header_agenda,
    imported_minutes_publish,
    minutes_import_new_committee,
    other_body,
    planned_sections,
)
from kyodo.core.forms import JapaneseTimeField, NumberField, WarekiDateField
from kyodo.core.models import Center
from kyodo.core.permissions import staff_required
from kyodo.core.wareki import fiscal_year
from kyodo.minutes_text import Appendix, MinutesParseError, parse_minutes, render_body
from kyodo.minutes_text import Minutes as Document
from kyodo.minutes_text._header import PEOPLE_ROLES
from kyodo.minutes_text.render import _staff as staff_text

_TITLE = "{fy}年度第{number}回会議録"
UNPUBLISHED_LABEL = gettext_noop("公開せずに取り込む（未定稿として保存し、公開サイトには載せない）")


# Not a slug (no committee can have it): the choice of a new committee.
NEW_COMMITTEE = "+new"


def committee_choices() -> list[tuple[str, str]]:
    """The center's committees by short name, then 「新しい委員会」 for another body's minutes."""
    return [
        *Committee.objects.order_by("pk").values_list("slug", "name"),
        (NEW_COMMITTEE, _("A new committee (the minutes of another body)")),
    ]


class CommitteeChoiceField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=pgettext_lazy("minutes import", "Committee"),
            help_text=gettext_lazy(
                "Whose minutes these are. The minutes of another body (a council the center "
                "took over, a partner's committee) go into a new committee named after it."
            ),
            **kwargs,
        )


class UploadForm(forms.Form):
    committee = CommitteeChoiceField()
    file = forms.FileField(
        label=gettext_lazy("Minutes file"),
        help_text=gettext_lazy(
            "A PDF (.pdf) or a text file (.txt, or .csv, .tsv, .md) of past minutes."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = committee_choices()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The largest file allowed of any kind; read_source has the limit of each kind.
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(mb)d MB).") % {"mb": MAX_PDF_BYTES // MB}
            )
        try:
            self.source = read_source(upload.name, upload.read())
        except ImportRefused as error:
            raise forms.ValidationError(str(error.message)) from None
        return upload


class ReviewForm(forms.Form):
    committee = CommitteeChoiceField()
    new_committee_name = forms.CharField(
        label=gettext_lazy("Name of the new committee"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Only with 「a new committee」: taken from the title of the minutes; correct it if "
            "needed."
        ),
    )
    # As the create-committee form offers it (kyodo.committees.forms.CommitteeForm): prefilled
    # with a free one, fixed once the committee exists.
    new_committee_slug = forms.CharField(
        label=gettext_lazy("新しい委員会の短い名前（アドレスと公開データに使われます）"),
        max_length=50,
        required=False,
        help_text=gettext_lazy(
            "「新しい委員会」を選んだときだけ使います。半角の英小文字・数字・ハイフンで、例：hibari-rijikai。"
            "委員会を作った後は変えられません。"
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    # Confirmed minutes are public at once: the clerk may keep them off the public site (a
    # box to tick, so that a form of before it was offered still publishes as it did).
    unpublished = forms.BooleanField(
        label=gettext_lazy(UNPUBLISHED_LABEL),
        required=False,
        help_text=gettext_lazy("公開するまでは事務局だけが見られます。"),
    )
    source_name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    # The title as the file printed it, for the check that it names the chosen committee.
    source_title = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    original_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    sha256 = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    organization = forms.CharField(
        label=gettext_lazy("Organization line"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Printed above the title; leave empty for the center's name."),
    )
    date = WarekiDateField(label=gettext_lazy("Date of the meeting"))
    number = NumberField(
        label=gettext_lazy("Meeting number in its fiscal year"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=gettext_lazy("Leave empty to take the next free number."),
    )
    # A number another day's meeting has is refused, naming it, unless staff choose this.
    next_free = forms.BooleanField(label=gettext_lazy(NEXT_FREE_LABEL), required=False)
    start_time = JapaneseTimeField(
        label=gettext_lazy("Starts at"), required=False, widget=HOUR_MINUTE
    )
    end_time = JapaneseTimeField(label=gettext_lazy("Ends at"), required=False, widget=HOUR_MINUTE)
    venue = forms.CharField(label=gettext_lazy("Venue"), max_length=200, required=False)
    attendees = forms.CharField(
        label=gettext_lazy("Attendees"),
        required=False,
        help_text=gettext_lazy("Names separated by 「、」; matched to the committee's members."),
    )
    absentees = forms.CharField(label=gettext_lazy("Absentees"), required=False)
    also_attending = forms.CharField(
        label=gettext_lazy("Present, not members (auditors, observers from other bodies)"),
        required=False,
    )
    secretariat = forms.CharField(
        label=gettext_lazy("Secretariat"),
        required=False,
        help_text=gettext_lazy("Names with their titles separated by 「、」, e.g. 西口センター長."),
    )
    observers = forms.CharField(label=gettext_lazy("Observers"), required=False)
    agenda = forms.CharField(
        label=gettext_lazy("Agenda listed in the header"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("One line each, as the header lists them (kept with the minutes)."),
    )
    appendix = forms.CharField(
        label=gettext_lazy("Appended documents"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=gettext_lazy(
            "Documents printed after the closing; the first line of each is its title, and a "
            "blank line separates them."
        ),
    )
    body = forms.CharField(
        label=gettext_lazy("Minutes in the house format"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=gettext_lazy(
            "「１．報告事項」 for a category, 「１．……について」 for an item, then one entry per "
            "line: 「委員長：……」 or 「○……」."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = committee_choices()

    def chosen_committee(self) -> Committee | None:
        """The existing committee chosen (None for a new one or before validation)."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else self.initial
        slug = data.get("committee")
        if not slug or slug == NEW_COMMITTEE:
            return None
        return Committee.objects.filter(slug=slug).first()

    def clean(self):
        data = super().clean()
        if (
            data.get("committee") == NEW_COMMITTEE
            and not data.get("new_committee_name", "").strip()
        ):
            self.add_error("new_committee_name", _("Give the name of the new committee."))
        if data.get("committee") == NEW_COMMITTEE and data.get("new_committee_slug", "").strip():
            try:
                data["new_committee_slug"] = committee_slug_check(data["new_committee_slug"])
            except forms.ValidationError as error:
                self.add_error("new_committee_slug", error)
        if self.errors:
            return data
        fy_date = data["date"]
        number = data.get("number") or 0
        title = _TITLE.format(fy=fiscal_year(fy_date), number=number)
        # The secretariat and observers are read as the ■ lines of a file are.
        header = [title]
        for label, name in (("事務局", "secretariat"), ("傍聴者", "observers")):
            value = " ".join(data.get(name, "").split())
            if value:
                header.append(f"■{label}：{value}")
        # The people named too, as the file's header named them: a turn introduced by a name
        # alone (「石井：……」) is read as a turn only when the header lists that name.
        present = [*_names(data.get("attendees", "")), *_names(data.get("also_attending", ""))]
        named = [
            f"■{label}：{'、'.join(names)}"
            for label, names in (("出席者", present), ("欠席者", _names(data.get("absentees", ""))))
            if names
        ]
        try:
            parsed = read_or_refuse(
                parse_minutes, "\n".join([*header, *named, data["body"]]), name="the review's text"
            )
        except ImportRefused as refused:
            message = refused.message
            if named:
                # Refused: said of the text as staff typed it (the lines read are theirs).
                try:
                    parse_minutes("\n".join([*header, data["body"]]))
                except MinutesParseError as error:
                    message = _("The minutes could not be read: %(reason)s") % {
                        "reason": str(error)
                    }
                except Exception:  # already refused, and logged, above
                    pass
            raise forms.ValidationError(message) from None
        parsed.title = title
        parsed.fiscal_year = None  # the date decides
        parsed.meeting_number = data.get("number")
        parsed.date = fy_date
        parsed.start_time = data.get("start_time")
        parsed.end_time = data.get("end_time")
        parsed.venue = data.get("venue") or None
        roles: dict[str, str] = {}
        parsed.attendees = _names(data.get("attendees", ""), roles)
        parsed.attendee_count = len(parsed.attendees) if parsed.attendees else None
        parsed.absentees = _names(data.get("absentees", ""), roles)
        parsed.also_attending = _names(data.get("also_attending", ""), roles)
        parsed.roles = roles
        parsed.organization = data.get("organization") or None
        parsed.agenda = [
            line.strip() for line in data.get("agenda", "").splitlines() if line.strip()
        ]
        parsed.appendix = _appendix(data.get("appendix", ""))
        self.document = parsed
        return data


def _appendix(text: str) -> list[Appendix]:
    parts = []
    for block in re.split(r"\n[ \t　]*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            parts.append(Appendix(lines[0], "\n".join(lines[1:])))
    return parts


def _appendix_text(document: Document) -> str:
    return "\n\n".join(
        "\n".join(line for line in (part.title, part.text) if line) for part in document.appendix
    )


# 「山田花子（理事長）」: a name with the post the header printed beside it.
_WITH_ROLE = re.compile(r"^(?P<name>.+?)\s*[（(](?P<role>[^()（）]{1,12})[)）]$")


def _names(text: str, roles: dict[str, str] | None = None) -> list[str]:
    """The names of a field, 「、」 between them; each one's post in parentheses (「山田花子
    （理事長）」) goes into ``roles`` and out of the name."""
    roles = {} if roles is None else roles
    parts = text.replace("，", "、").replace(",", "、").split("、")
    names = []
    for part in (part.strip() for part in parts):
        with_role = _WITH_ROLE.match(part)
        # Only a post in parentheses: 「髙橋(清)」 is a name told apart from another 髙橋.
        if with_role and with_role["role"].strip() in PEOPLE_ROLES:
            part = with_role["name"].strip()
            roles[part] = with_role["role"].strip()
        if part:
            names.append(part)
    return names


def _with_roles(names: list[str], roles: dict[str, str]) -> str:
    return "、".join(f"{name}（{roles[name]}）" if roles.get(name) else name for name in names)


def _review_initial(source: Source, token: str, committee: str) -> dict:
    document = source.document
    return {
        "committee": committee,
        "new_committee_name": committee_name_for(document),
        "new_committee_slug": free_committee_slug(),
        "unpublished": False,
        "source_title": document.title,
        "source_name": source.name,
        "original_token": token,
        "sha256": source.sha256,
        "organization": document.organization or "",
        # The field shows a date in 和暦 (令和7年10月7日), as every date input does.
        "date": document.date,
        "number": document.meeting_number,
        "start_time": document.start_time,
        "end_time": document.end_time,
        "venue": document.venue or "",
        "attendees": _with_roles(document.attendees, document.roles),
        "absentees": _with_roles(document.absentees, document.roles),
        "also_attending": _with_roles(document.also_attending, document.roles),
        "secretariat": "、".join(staff_text(s) for s in document.secretariat),
        "observers": "、".join(document.observers),
        "agenda": "\n".join(header_agenda(document)),
        "appendix": _appendix_text(document),
        "body": render_body(document),
    }


def _review(request, form: ReviewForm, document: Document | None, original: str, name: str):
    # The body the title names beside the committee chosen: the one mistake nothing else shows.
    committee = form.chosen_committee()
    title = (form.data if form.is_bound else form.initial).get("source_title") or ""
    other = other_body(title=title, committee=committee) if committee else ""
    mismatch = ""
    if other:
        mismatch = _(
            "The title names %(body)s, but the minutes would be saved as those of "
            "%(committee)s. If they are the minutes of another body, choose 「a new "
            "committee」 above."
        ) % {"body": f"「{other}」", "committee": f"「{committee.name}」"}
    # Saved as confirmed minutes, they are public at once: said before saving, not after.
    data = form.data if form.is_bound else form.initial
    unpublished = forms.BooleanField(required=False).to_python(data.get("unpublished"))
    status = getattr(document, "status", None) or ""
    if not unpublished:
        publication = _(
            "このまま保存すると、確定稿として取り込まれ、すぐに公開サイトに公開されます。"
            "公開しない場合は、下の「%(choice)s」にチェックを入れてください。"
        ) % {"choice": _(UNPUBLISHED_LABEL)}
    else:
        publication = _(
            "公開せずに未定稿として取り込みます。公開するまでは事務局だけが見られます。"
        )
    return render(
        request,
        "committees/staff/import_review.html",
        {
            "publication": publication,
            "header_agenda": header_agenda(document) if document else [],
            "marked_confirmed": "確定" in status,
            "form": form,
            "document": document,
            "outline": planned_sections(document) if document else [],
            "committee_mismatch": mismatch,
            "original": original,
            "source_name": name,
            "action": reverse("committees-staff:import-save"),
            # The way back keeps the committee being worked on (a new body's: the first's).
            "committee": committee,
        },
    )


@staff_required
def upload(request):
    # Step 1: the file. A good one goes straight to the review screen (nothing saved yet).
    chosen = committee_chosen(request.GET.get("committee"))
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
    else:
        form = UploadForm(initial={"committee": chosen.slug if chosen else NEW_COMMITTEE})
    if request.method == "POST" and form.is_valid():
        source = form.source
        token = keep_original(source.text, user_id=request.user.pk)
        slug = form.cleaned_data["committee"]
        review = ReviewForm(initial=_review_initial(source, token, slug))
        committee = review.chosen_committee()
        if committee is not None:
            try:
                check_new(committee=committee, document=source.document, if_taken=IF_TAKEN_REFUSE)
            except ImportRefused as error:
                messages.warning(request, str(error.message))
        return _review(request, review, source.document, source.text, source.name)
    return render(
        request, "committees/staff/import_upload.html", {"form": form, "committee": chosen}
    )


@staff_required
@require_POST
def save(request):
    # Step 2: the reviewed text and header fields are parsed again and stored, or nothing is.
    form = ReviewForm(request.POST)
    if form.is_valid():
        where = {"committee": form.chosen_committee()}
        if form.cleaned_data["committee"] == NEW_COMMITTEE:
            where = {
                "center": Center.objects.current(),
                "name": form.cleaned_data["new_committee_name"],
            }
        save_into = minutes_import if where.get("committee") else minutes_import_new_committee
        try:
            outcome = save_into(
                actor=request.user,
                **where,
                document=form.document,
                source=form.cleaned_data["source_name"],
                sha256=form.cleaned_data["sha256"],
                if_taken=IF_TAKEN_NEXT if form.cleaned_data["next_free"] else IF_TAKEN_REFUSE,
                publish=not form.cleaned_data["unpublished"],
                **(
                    {"slug": form.cleaned_data["new_committee_slug"] or None}
                    if save_into is minutes_import_new_committee
                    else {}
                ),
            )
        except ImportRefused as error:
            form.add_error(None, error.message)
        else:
            drop_original(form.cleaned_data["original_token"], user_id=request.user.pk)
            if not form.cleaned_data["unpublished"]:
                messages.success(request, _("The minutes have been imported as confirmed minutes."))
            else:
                messages.success(
                    request,
                    _("会議録を未定稿として取り込みました（公開サイトには載せていません）。"),
                )
            if outcome.unmatched:
                messages.warning(
                    request,
                    _(
                        "These names did not match any member: they are in the minutes but not "
                        "in the attendance records: %(names)s"
                    )
                    % {"names": "、".join(outcome.unmatched)},
                )
            return redirect("committees-staff:minutes", pk=outcome.minutes.pk)
    document = getattr(form, "document", None)
    return _review(
        request,
        form,
        document,
        kept_original(request.POST.get("original_token", ""), user_id=request.user.pk),
        request.POST.get("source_name", ""),
    )


@staff_required
@require_POST
def publish(request, pk: int):
    # Minutes imported unpublished (未定稿), published when staff decide: confirmed as the
    # import would have confirmed them.
    minutes = get_object_or_404(Minutes, pk=pk)
    try:
        imported_minutes_publish(actor=request.user, minutes=minutes)
    except ImportRefused as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("会議録を確定稿として公開しました。"))
    return redirect("committees-staff:minutes", pk=minutes.pk)
