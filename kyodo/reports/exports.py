"""The monthly and fiscal-year reports in files: Markdown, CSV (UTF-8 with BOM, for Excel), XLSX
and PDF.

Every format is rendered from the same list of :class:`Section` tables, so that they cannot
disagree. Texts are in the center's language, as the report is.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kyodo.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, csv_bytes, xlsx_bytes
from kyodo.core.pdf_fonts import pdf_fonts, pdf_text
from kyodo.core.wareki import fiscal_year_name, format_wareki
from kyodo.events.models import Satisfaction
from kyodo.reports.report import (
    CategoryCount,
    FeedbackCounts,
    FiscalYearReport,
    HeldEvent,
    MonthlyReport,
    MonthTotals,
)
from kyodo.reports.services import report_text, several_categories_note

type Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Section:
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    empty: str = ""  # said instead of an empty table
    note: str = ""  # what the columns count, said under the title
    # Shown to the public and to members (rendered_public): figures and the names of events and
    # groups; False for staff's own sentences (相談事例), which are not figures.
    public: bool = True

    @property
    def empty_text(self) -> str:
        """What a table without rows says: a spreadsheet keeps the headers and says this."""
        return self.empty or _("None")


@dataclass(frozen=True)
class RenderedReport:
    title: str
    text: str
    sections: list[Section]
    # The day it was compiled (the PDF's 作成日); None for a year's report taken as after it.
    compiled_on: date | None = None
    # Said above the prose while its period runs: 「月の途中です。数値は…現在のものです。」
    notice: str = ""
    # The center's name the PDF prints, as frozen with a report handed out ("": none); None for
    # a report compiled live: the center's name of today (MonthlyReport.center_name).
    center_name: str | None = None


def rendered(report: MonthlyReport) -> RenderedReport:
    """Title, prose and tables of the report, in the center's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return RenderedReport(
            title=report_title(report),
            text=report_text(report),
            sections=_sections(report),
            compiled_on=report.compiled_on,
            notice=_monthly_notice(report),
            center_name=report.center_name,
        )


def _monthly_notice(report: MonthlyReport) -> str:
    """What the page says of a report compiled while its month runs (as reports/staff/
    monthly.html does), "" once the month is over."""
    if not report.in_progress:
        return ""
    return _("The month is not over: the figures are those of %(day)s.") % {
        "day": format_wareki(report.compiled_on)
    }


def rendered_public(report: MonthlyReport) -> RenderedReport:
    """The report as members and the public read it: the title and the tables of figures only.
    Neither the prose (the minutes carry it, as staff edited it) nor the consultation examples,
    which are sentences staff wrote, not figures. No consultation client's name or contact is
    in a report at all: it counts consultations and names only events and registered groups."""
    doc = rendered(report)
    with translation.override(settings.LANGUAGE_CODE):
        title = public_title(report.month)
    return RenderedReport(
        title=title,
        text="",
        sections=[s for s in doc.sections if s.public],
        compiled_on=doc.compiled_on,
        notice=doc.notice,
        center_name=doc.center_name,
    )


def public_title(month) -> str:
    """「月次報告 令和2年12月分」: the report's name where the meeting's pages list it."""
    return _("Monthly report, %(month)s") % {"month": month.label}


def _doc(report: MonthlyReport | RenderedReport) -> RenderedReport:
    return report if isinstance(report, RenderedReport) else rendered(report)


def report_title(report: MonthlyReport) -> str:
    return _("Monthly report for %(month)s") % {"month": report.month.label}


def _sections(report: MonthlyReport) -> list[Section]:
    return [
        Section(
            _("Overview"),
            [_("Item"), _("Value")],
            [
                [_("Month"), report.month.label],
                [_("Events held"), len(report.events_held)],
                *_attendance_rows(report.events_held),
                [_("New registrations"), len(report.new_registrations)],
                [_("Registered groups at the end of the month"), report.registered_total],
                [_("Consultations"), report.consultation_total],
            ],
        ),
        _events_held_section(report.events_held),
        _feedback_section(report.events_held),
        Section(
            _("New registrations"),
            [_("Registered on"), _("Group")],
            [[r.registered_on, r.name] for r in report.new_registrations],
            empty=_("No new registrations."),
        ),
        _categories_section(report.consultations_by_category, report.several_categories),
        Section(
            _("Consultation examples"),
            [_("Example")],
            [[example] for example in report.consultation_examples],
            empty=_("No examples were chosen."),
            public=False,
        ),
        Section(
            _("Upcoming events and applications so far"),
            [
                _("Held on"),
                _("Event"),
                _("Applications (count)"),
                _("Confirmed participants (people)"),
                _("Confirmed participants (groups)"),
                _("On the waiting list (count)"),
            ],
            [
                [
                    e.held_on,
                    e.name,
                    e.application_count,
                    e.confirmed_people,
                    e.confirmed_groups,
                    e.waitlisted_count,
                ]
                for e in report.upcoming_events
            ],
            empty=_("No upcoming events."),
            # An application is one person or one group with any number of people, so the
            # applications and the people confirmed are not the same figure.
            note=pgettext("sentences of a note", "%(first)s %(second)s")
            % {
                "first": _upcoming_rule(report),
                "second": _(
                    "Applications (count): the applications confirmed or on the waiting list, a "
                    "group's application counting as one; cancelled ones are not counted. "
                    "Confirmed participants (people): the people of the confirmed applications. "
                    "Confirmed participants (groups): the confirmed applications made as a group. "
                    "On the waiting list: the applications waiting for a place, included in the "
                    "applications (count)."
                ),
            },
        ),
        Section(
            _("The last 12 months"),
            _month_headers(),
            [_month_row(t) for t in report.trend],
        ),
    ]


def _upcoming_rule(report: MonthlyReport) -> str:
    """Which events 今後の事業 lists, in general and for this report (selectors.upcoming_window)."""
    return _(
        "Listed: the events from %(start)s to %(end)s, drafts and cancelled events left out. "
        "A report compiled before its month is over lists the month's events not held yet and "
        "those of the %(days)s days after it; one compiled later, the events of the %(days)s "
        "days after the month."
    ) % {
        "start": format_wareki(report.upcoming_from),
        "end": format_wareki(report.upcoming_to),
        "days": (report.upcoming_to - report.month.last_day).days,
    }


# --- the fiscal year -------------------------------------------------------------------------------


def rendered_fiscal_year(report: FiscalYearReport) -> RenderedReport:
    """Title, prose and tables of a fiscal year's report, in the center's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return RenderedReport(
            title=fiscal_year_title(report),
            text=fiscal_year_text(report),
            sections=_fiscal_year_sections(report),
            compiled_on=report.compiled_on,
            notice=_fiscal_year_notice(report),
        )


def _fiscal_year_notice(report: FiscalYearReport) -> str:
    """What the page says of a year's report compiled while the year runs (as reports/staff/
    fiscal_year.html does), "" once it is over."""
    if report.complete:
        return ""
    return _(
        "The fiscal year is not over: the figures run to %(through)s, the month in progress "
        "included."
    ) % {"through": report.through.label}


def fiscal_year_title(report: FiscalYearReport) -> str:
    name = fiscal_year_name(report.fiscal_year)
    if report.complete:
        return _("Annual report for %(year)s") % {"year": name}
    return _("Annual report for %(year)s (%(period)s)") % {
        "year": name,
        "period": _period(report),
    }


def _period(report: FiscalYearReport) -> str:
    """The months counted: 「令和9年4月〜令和9年12月」, or 「令和9年4月」 alone in April."""
    if report.single_month:
        return report.first.label
    return _("%(first)s to %(through)s") % {
        "first": report.first.label,
        "through": report.through.label,
    }


def fiscal_year_text(report: FiscalYearReport) -> str:
    values = {
        "period": fiscal_year_name(report.fiscal_year) if report.complete else _period(report),
        "events": report.events_total,
        "people": report.attendance_people,
        "new": report.new_registrations,
        "consultations": report.consultations,
        "start": report.registered_at_start,
        "end": report.registered_at_end,
    }
    return "\n".join(
        [
            _(
                "In %(period)s the center held %(events)s events (attendance: %(people)s "
                "people), registered %(new)s new groups and took %(consultations)s "
                "consultations."
            )
            % values,
            (
                # 年度末 once the year is over; while it runs, the end of the months counted.
                _(
                    "Registered groups: %(start)s at the start of the fiscal year, %(end)s at "
                    "the end of the fiscal year."
                )
                if report.complete
                else _(
                    "Registered groups: %(start)s at the start of the fiscal year, %(end)s at "
                    "the end of the period."
                )
            )
            % values,
        ]
    )


def _fiscal_year_sections(report: FiscalYearReport) -> list[Section]:
    return [
        Section(
            _("Overview"),
            [_("Item"), _("Value")],
            [
                [_("Fiscal year"), fiscal_year_name(report.fiscal_year)],
                [_("Period covered"), _period(report)],
                [_("Events held"), report.events_total],
                *_attendance_rows(report.events_held),
                [_("New registrations"), report.new_registrations],
                [
                    _("Registered groups at the start of the fiscal year"),
                    report.registered_at_start,
                ],
                [
                    _("Registered groups at the end of the fiscal year")
                    if report.complete
                    else _("Registered groups at the end of the period"),
                    report.registered_at_end,
                ],
                [_("Consultations"), report.consultations],
            ],
        ),
        Section(
            _("By month"),
            _month_headers(),
            [_month_row(t) for t in report.months]
            + [
                [
                    _("Total"),
                    report.events_total,
                    report.consultations,
                    report.new_registrations,
                    report.attendance_people,
                ]
            ],
        ),
        _events_held_section(report.events_held),
        _feedback_by_month_section(report),
        _categories_section(report.consultations_by_category, report.several_categories),
        Section(
            _("Collaboration by form"),
            # Whether each form counts as 協働, and the total that does, as the register's
            # statistics page says them: a reader sees why 後援 is listed but not added up.
            [_("Form"), _("Records"), _("Counted")],
            [
                [c.label, c.count, _("Yes") if c.counted else _("No")]
                for c in report.collaboration_by_form
            ]
            + (
                [[_("Total counted"), report.collaboration_total, ""]]
                if report.collaboration_by_form
                else []
            ),
            empty=_("No collaboration records run in this fiscal year."),
        ),
    ]


def _month_headers() -> list[str]:
    return [
        _("Month"),
        _("Events held"),
        _("Consultations"),
        _("New registrations"),
        _("Attendance (people)"),
    ]


def _month_row(t: MonthTotals) -> list[Cell]:
    # In the monthly chart's order (its series first), so that the table reads alongside it.
    return [t.month.label, t.events_held, t.consultations, t.new_registrations, t.attendance_people]


def _events_held_section(events_held: list[HeldEvent]) -> Section:
    return Section(
        _("Events held"),
        [_("Held on"), _("Event"), _("Attendance (people)"), _("Attendance (groups)")],
        [[e.held_on, e.name, e.people, e.groups] for e in events_held],
        empty=_("No events were held."),
    )


def _attendance_rows(events_held: list[HeldEvent]) -> list[list[Cell]]:
    """The attendance of the events held: the sum of what was recorded, 未記録 when nothing
    was, and how many events were not recorded when some were not (an event's row says "—"
    for those: a bare 0 in the overview read as "nobody came")."""
    rows: list[list[Cell]] = []
    for label, unrecorded_label, values in [
        (
            _("Attendance (people)"),
            _("Events without a recorded attendance (people)"),
            [e.people for e in events_held],
        ),
        (
            _("Attendance (groups)"),
            _("Events without a recorded attendance (groups)"),
            [e.groups for e in events_held],
        ),
    ]:
        recorded = [v for v in values if v is not None]
        unrecorded = len(values) - len(recorded)
        rows.append([label, sum(recorded) if recorded or not values else _("Not recorded")])
        if unrecorded:
            rows.append([unrecorded_label, unrecorded])
    return rows


def _feedback_headers(first: str) -> list[str]:
    return [
        first,
        pgettext("questionnaire report", "Asked"),
        pgettext("questionnaire report", "Answered"),
        _("Satisfaction (mean of 5)"),
        *[str(label) for _level, label in Satisfaction.choices],
    ]


def _feedback_cells(counts: FeedbackCounts) -> list[Cell]:
    """Asked, answered, the mean and the five levels' counts; what was not there is said, not
    given as 0: an event not asked, or asked without an answer, has no 満足度."""
    if not counts.asked:
        return [0, None, _("Questionnaire not sent"), *[None] * 5]
    if not counts.rated:
        said = _("No answers") if not counts.answered else _("No satisfaction given")
        return [counts.asked, counts.answered, said, *[None] * 5]
    return [counts.asked, counts.answered, counts.mean, *counts.levels]


def _feedback_note() -> str:
    return _(
        "Asked: the participants sent the questionnaire. The mean is of the answers that gave "
        "a satisfaction (5 = very satisfied, 1 = dissatisfied); the levels give how many "
        "answers chose each."
    )


def _feedback_section(events_held: list[HeldEvent]) -> Section:
    """The participants' questionnaire of each event held, and of all of them."""
    rows: list[list[Cell]] = [
        [e.held_on, e.name, *_feedback_cells(e.feedback)] for e in events_held
    ]
    if events_held:
        total = sum((e.feedback for e in events_held), FeedbackCounts())
        rows.append([_("Total"), "", *_feedback_cells(total)])
    headers = _feedback_headers(_("Held on"))
    return Section(
        _("Participants' questionnaire"),
        [headers[0], _("Event"), *headers[1:]],
        rows,
        empty=_("No events were held."),
        note=_feedback_note(),
    )


def _feedback_by_month_section(report: FiscalYearReport) -> Section:
    """The participants' questionnaire of each month's held events, and of the year."""
    return Section(
        _("Participants' questionnaire by month"),
        _feedback_headers(_("Month")),
        [[month.label, *_feedback_cells(counts)] for month, counts in report.feedback_by_month]
        + [[_("Total"), *_feedback_cells(report.feedback)]],
        note=_feedback_note(),
    )


def _categories_section(categories: list[CategoryCount], several: int | None) -> Section:
    """The consultations counted under each category; a consultation given several counts under
    each of them, and the note says so when one was (``several``: how many)."""
    return Section(
        _("Consultations by category"),
        [pgettext("consultation", "Category"), _("Consultations")],
        [[c.label, c.count] for c in categories],
        empty=_("No consultations."),
        note=several_categories_note(several or 0),
    )


def _text_cell(value: Cell) -> str:
    if value is None:
        return "—"
    if isinstance(value, date):
        return format_wareki(value)
    return str(value)


# --- Markdown -----------------------------------------------------------------------------------


def to_markdown(report: MonthlyReport | RenderedReport) -> str:
    doc = _doc(report)
    lines = [f"# {doc.title}", ""]
    if doc.notice:
        lines += [f"> {doc.notice}", ""]
    for paragraph in doc.text.splitlines():
        lines += [paragraph, ""]
    for section in doc.sections:
        lines += [f"## {section.title}", ""]
        if section.note:
            lines += [section.note, ""]
        if not section.rows and section.empty:
            lines += [section.empty, ""]
            continue
        lines.append("| " + " | ".join(section.headers) + " |")
        lines.append("|" + "|".join("---" for _h in section.headers) + "|")
        for row in section.rows:
            cells = [_text_cell(c).replace("|", "\\|") for c in row]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


# --- CSV ---------------------------------------------------------------------------------------


def to_csv(report: MonthlyReport | RenderedReport) -> bytes:
    """One CSV with the sections one after another, each with a title row; UTF-8 with BOM so
    that Excel opens it with the Japanese intact (:func:`kyodo.core.exports.csv_bytes`). A
    report compiled while its period runs says so in the row under the report's title, as the
    page and the PDF do, in the first column alone: the sections and their columns stay as in a
    report of a period over, found by their title rows."""
    doc = _doc(report)
    rows: list[list[Cell]] = [[doc.title], *_notice_rows(doc)]
    for section in doc.sections:
        rows += [[], [section.title], *_note_and_table(section)]
    return csv_bytes(rows)


def _notice_rows(doc: RenderedReport) -> list[list[Cell]]:
    """The row saying the period is not over (「月の途中です。数値は…現在のものです。」), if it
    is not."""
    return [[doc.notice]] if doc.notice else []


def _note_and_table(section: Section) -> list[list[Cell]]:
    """A section's note (if any), headers and rows in a spreadsheet: an empty table keeps its
    headers and says so on the next line (なし, or the section's own words), so that a reader
    does not take it for a table cut short."""
    note: list[list[Cell]] = [[section.note]] if section.note else []
    return [*note, list(section.headers), *(section.rows or [[section.empty_text]])]


# --- XLSX ---------------------------------------------------------------------------------------


def to_xlsx(report: MonthlyReport | RenderedReport) -> bytes:
    """One sheet per section; dates are real date cells, numbers real numbers. Under the
    report's title, the notice of a period not over (in bold, on every sheet: a sheet is read,
    printed and passed on alone), then the section's note when it has one, then the headers."""
    doc = _doc(report)
    notice = _notice_rows(doc)
    sheets = []
    for section in doc.sections:
        rows = [[doc.title], *notice, *_note_and_table(section)]
        headers = 2 + len(notice) + (1 if section.note else 0)
        sheets.append(
            Sheet(
                title=section.title,
                rows=rows,
                bold_rows=frozenset({1, headers} | ({2} if notice else set())),
                # The title, the notice and the note are long lines of their own: the columns
                # are made as wide as the table needs, not as they are.
                fit_from_row=headers,
            )
        )
    return xlsx_bytes(sheets)


# --- PDF ----------------------------------------------------------------------------------------

# Table cells: the font size and the padding either side (reportlab's default, 6 points each).
_CELL_SIZE = 9
_CELL_PADDING = 12
# The frame's padding either side of the page's text (reportlab's default, 6 points each).
_FRAME_PADDING = 12
# … and in a table too wide for its words at that padding (the questionnaire's ten columns): 3
# points each side, so that its headers and short cells keep their words.
_TIGHT_PADDING = 6
# A header breaks between its phrases (「キャンセル待ち / （件）」, 「とても / 満足」), and its
# column is made wide enough for each phrase up to this many full-width characters; a longer
# one may wrap anywhere, as Japanese text does.
_HEADER_WORD_MAX = 7
# A cell's phrase up to this many full-width characters is kept on one line when the table
# leaves room for it (「アンケート未実施」, 「平成22年12月18日」 before its 「(土)」).
_CELL_WORD_MAX = 8
# A section's heading is kept with its note and this many rows of its table after the headers.
_ROWS_WITH_HEADING = 2


def to_pdf(report: MonthlyReport | RenderedReport) -> bytes:
    """A4, in the order of the page: 作成日 and the center at the top right, the title, the
    notice of a period not over yet, the prose and the tables. A section's heading never ends a
    page alone: it starts the next page unless its note and its table's first rows fit under it
    (:func:`_keep_with_first_rows`)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    doc = _doc(report)
    center_name = _center_name(doc)
    fonts = pdf_fonts()
    # wordWrap="CJK" breaks Japanese lines between any two characters, as Japanese text does.
    body = ParagraphStyle("body", fontName=fonts.body, fontSize=10, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=_CELL_SIZE, leading=13)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
    h1 = ParagraphStyle("h1", parent=body, fontSize=16, leading=24, spaceAfter=4 * mm)
    h2 = ParagraphStyle("h2", parent=body, fontSize=12, leading=18, spaceBefore=5 * mm)
    notice = ParagraphStyle(
        "notice",
        parent=body,
        backColor=colors.HexColor("#fff4d6"),
        borderColor=colors.HexColor("#c8a040"),
        borderWidth=0.5,
        borderPadding=2 * mm,
        spaceBefore=1 * mm,
        spaceAfter=5 * mm,
    )

    story: list = []
    with translation.override(settings.LANGUAGE_CODE):
        if doc.compiled_on is not None:
            created = _("Created on: %(day)s") % {"day": format_wareki(doc.compiled_on)}
            story.append(Paragraph(pdf_text(created), right))
    # Headings (and the center's name) break between their phrases, never inside a word, at the
    # width of the frame's text (one point less: reportlab wraps a line that fills it exactly).
    width = A4[0] - 40 * mm
    line = width - _FRAME_PADDING - 1
    if center_name:
        story.append(
            Paragraph(_phrase_markup(center_name, fonts.body, right.fontSize, line), right)
        )
    story.append(Paragraph(_phrase_markup(doc.title, fonts.body, h1.fontSize, line), h1))
    if doc.notice:
        story.append(Paragraph(pdf_text(doc.notice), notice))
    prose = ParagraphStyle("prose", parent=body, spaceAfter=2 * mm)
    story += [Paragraph(pdf_text(p), prose) for p in doc.text.splitlines()]
    for section in doc.sections:
        start = [Paragraph(_phrase_markup(section.title, fonts.body, h2.fontSize, line), h2)]
        if section.note:
            start.append(Paragraph(pdf_text(section.note), cell))
        if not section.rows and section.empty:
            start.append(Paragraph(pdf_text(section.empty), body))
            story += [_keep_with_first_rows()(start), *start]
            continue
        texts = [section.headers] + [[_text_cell(c) for c in row] for row in section.rows]
        padding = _table_padding(texts, width, fonts.body)
        widths = _column_widths(texts, width, fonts.body, padding)
        # Headers and cells break between phrases: 「とても / 満足」, 「平成22年12月4日 / (土)」.
        data = [
            [
                Paragraph(_cell_markup(text, column, fonts.body, padding), cell)
                for text, column in zip(row, widths, strict=True)
            ]
            for row in texts
        ]
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), padding / 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), padding / 2),
                ]
            )
        )
        start.append(Spacer(1, 2 * mm))
        story += [_keep_with_first_rows()(start, table), *start, table]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=doc.title,
        # Who publishes the file: the center (reportlab writes 「(anonymous)」 for none).
        author=center_name,
        lang=settings.LANGUAGE_CODE,
    ).build(story)
    return buffer.getvalue()


def _center_name(doc: RenderedReport) -> str:
    """The center's name the PDF prints: the one frozen with a report handed out, so that the
    file reads the same after the center is renamed; today's for a report compiled live."""
    if doc.center_name is not None:
        return doc.center_name
    from kyodo.core.models import Center

    center = Center.objects.current()
    return center.name if center is not None else ""


@functools.cache
def _keep_with_first_rows():
    """The flowable class below, made once reportlab is imported (only a PDF needs it)."""
    from reportlab.platypus.flowables import CondPageBreak

    class KeepWithFirstRows(CondPageBreak):
        """Put before a section's heading: starts a new page unless the heading, its note and
        the first rows of its table (the headers and ``_ROWS_WITH_HEADING`` more) fit on this
        one, their height measured at the width they are laid out in. A table longer than the
        page still breaks between its rows, its headers repeated."""

        def __init__(self, start: list, table=None):
            super().__init__(0)
            self._start = start
            self._table = table

        def wrap(self, availWidth, availHeight):
            frame = self._doctemplateAttr("frame")
            if frame is not None and getattr(frame, "_atTop", False):
                return 0, 0  # a new page already: breaking again would not help
            needed = 0.0
            for flowable in self._start:
                _width, height = flowable.wrap(availWidth, availHeight)
                needed += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
            if self._table is not None:
                self._table.wrap(availWidth, availHeight)
                needed += sum(self._table._rowHeights[: 1 + _ROWS_WITH_HEADING])
            self.height = needed
            return super().wrap(availWidth, availHeight)

    return KeepWithFirstRows


def _table_padding(table: list[list[str]], width: float, font: str) -> float:
    """The padding of a table's cells: reportlab's usual unless the columns' words (headers and
    short cells, :func:`_words_least`) do not fit the width with it."""
    headers, cells = _words_least(table, font, _CELL_PADDING)
    needed = sum(max(h, c) for h, c in zip(headers, cells, strict=True))
    return _CELL_PADDING if needed <= width else _TIGHT_PADDING


def _words_least(
    table: list[list[str]], font: str, padding: float
) -> tuple[list[float], list[float]]:
    """For each column, the width its header's phrases need (:func:`_header_least_width`) and
    the width its cells' short phrases need (up to ``_CELL_WORD_MAX`` full-width characters)."""
    columns = range(len(table[0]))
    headers = [_header_least_width(header, font, padding) for header in table[0]]
    cells = [
        max([0.0, *[_least_width(row[i], font, _CELL_WORD_MAX, padding) for row in table[1:]]])
        for i in columns
    ]
    return headers, cells


def _column_widths(
    table: list[list[str]], width: float, font: str, padding: float = _CELL_PADDING
) -> list[float]:
    """Each column gets room in proportion to its longest text (capped, so a long event name
    wraps instead of squeezing the dates and figures into broken lines). A Japanese character
    is twice as wide as a digit, and a header may wrap onto two lines: a long header must not
    squeeze an event's name into a column too narrow for it. But a column is never narrower
    than its header's phrases (:func:`_header_least_width`), so that 「キャンセル待ち（件）」
    wraps as 「キャンセル待ち / （件）」, not 「キャンセル待 / ち（件）」, and 「依頼数」 or
    「ふつう」 stay whole (when all the headers fit), nor than its short cells' phrases as far
    as the table leaves room: the other columns share what is left."""

    def cells(i: int) -> list[int]:
        return [_text_width(row[i]) for row in table[1:]]

    columns = range(len(table[0]))
    weights = [min(60, max([(_text_width(table[0][i]) + 1) // 2, *cells(i)])) + 3 for i in columns]
    headers, cells_least = _words_least(table, font, padding)
    least = headers if sum(headers) <= width else [0.0 for _i in columns]
    # Short cells kept whole too (a date broken only before its weekday, 「アンケート未実施」)
    # as far as the table still fits, the columns needing the least more first.
    wanted = [max(least[i], cells_least[i]) for i in columns]
    for i in sorted(columns, key=lambda i: wanted[i] - least[i]):
        if sum(least) - least[i] + wanted[i] <= width:
            least = [*least[:i], wanted[i], *least[i + 1 :]]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in columns if i not in fixed]
        room = width - sum(fixed.values())
        share = sum(weights[i] for i in free)
        widths = [fixed[i] if i in fixed else room * weights[i] / share for i in columns]
        narrow = [i for i in free if widths[i] < least[i]]
        if not narrow:
            return widths
        fixed.update({i: least[i] for i in narrow})
        if len(fixed) == len(table[0]):
            return [least[i] + (width - sum(least)) / len(least) for i in columns]


# Where a heading or a header may break, as Japanese is broken by hand between phrases: before
# an opening bracket, after a closing one, a space, 、 or 〜, and after a run of hiragana (the
# particle or okurigana that ends a phrase: 「参加確定の / 人数」, 「とても / 満足」); never
# inside a word (「とても満 / 足」, 「依頼 / 数」), nor before what cannot start a line.
_OPENING = "（(「『【〈［["
_BREAK_AFTER = " 　、，,）)」』】〉］]〜～"
_CANNOT_START = (
    "）)」』】〉］]、。，．,.・：:！？!?ー〜～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ 　"
)


def _is_hiragana(c: str) -> bool:
    return "\u3041" <= c <= "\u309f"


def _phrases(text: str) -> list[str]:
    """``text`` cut where it may break (its pieces joined give it back): 「キャンセル待ち（件）」
    → ["キャンセル待ち", "（件）"]; 「満足度（5段階の平均）」 → ["満足度", "（5段階の", "平均）"];
    「今後の事業と申込状況」 → ["今後の", "事業と", "申込状況"]."""
    words, word = [], ""
    for c in text:
        if word and c not in _CANNOT_START:
            last = word[-1]
            if (
                c in _OPENING
                or last in _BREAK_AFTER
                or (_is_hiragana(last) and not _is_hiragana(c))
            ):
                words.append(word)
                word = ""
        word += c
    return [*words, word] if word else words


def _phrase_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` points, broken only between its phrases
    (:func:`_phrases`), each line holding as many as fit; a phrase wider than ``width`` has a
    line of its own, where it wraps as Japanese does."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for word in _phrases(text):
        if lines and stringWidth(lines[-1] + word, font, size) <= width:
            lines[-1] += word
        else:
            lines.append(word)
    # A space that ends a line is not printed (and must not push the line over).
    return [line.rstrip(" 　") if i < len(lines) - 1 else line for i, line in enumerate(lines)]


def _phrase_markup(text: str, font: str, size: float, width: float) -> str:
    """A heading's markup, broken between its phrases (:func:`_phrase_lines`) to fit ``width``
    points."""
    return "<br/>".join(pdf_text(line) for line in _phrase_lines(text, font, size, width))


def _header_least_width(header: str, font: str, padding: float = _CELL_PADDING) -> float:
    """The narrowest a column can be with its header broken only between its phrases, each (up
    to ``_HEADER_WORD_MAX`` full-width characters long) kept whole, in points; 0 for a header
    whose every phrase is longer (it wraps where it must)."""
    return _least_width(header, font, _HEADER_WORD_MAX, padding)


def _least_width(text: str, font: str, most: int, padding: float = _CELL_PADDING) -> float:
    """The width of a cell holding the longest phrase of ``text`` no longer than ``most``
    full-width characters on one line, in points (0 when there is none)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    kept = [w for w in _phrases(text) if _text_width(w) <= 2 * most]
    if not kept:
        return 0.0
    # One point more than the words: reportlab wraps a line that fills the cell exactly.
    return max(stringWidth(w, font, _CELL_SIZE) for w in kept) + padding + 1


def _cell_markup(text: str, column: float, font: str, padding: float = _CELL_PADDING) -> str:
    """A header's or a cell's markup: broken between its phrases when it does not fit on one
    line in a column ``column`` points wide (「キャンセル待ち<br/>（件）」, 「とても<br/>満足」)."""
    return _phrase_markup(text, font, _CELL_SIZE, column - padding - 1)


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


FORMATS: dict[str, tuple[Callable[[MonthlyReport | RenderedReport], bytes], str]] = {
    "pdf": (to_pdf, "application/pdf"),
    "xlsx": (to_xlsx, XLSX_CONTENT_TYPE),
    "csv": (to_csv, CSV_CONTENT_TYPE),
}
