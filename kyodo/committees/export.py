"""Minutes in the seed's layout: as a plain document, text, HTML, PDF and DOCX.

Everything starts from :func:`minutes_document`, which turns the stored meeting into a
``kyodo.minutes_text.Minutes``; the other formats only lay that out, so they cannot disagree.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Literal

from django.template.loader import render_to_string

from kyodo.committees.models import Minutes, MinutesEntry, SpeakerLabels
from kyodo.committees.selectors import agenda_sections, attendees
from kyodo.core.pdf_fonts import pdf_fonts
from kyodo.core.wareki import fiscal_year_label, format_time_range_ja, format_wareki
from kyodo.minutes_text import Entry, Item, Secretariat, Section, render_minutes
from kyodo.minutes_text import Minutes as Document

CLOSING = "以上をもって散会した。"

Labels = Literal["committee", "stored"]


def minutes_title(minutes: Minutes) -> str:
    """「平成22(2010)年度第9回運営委員会会議録」."""
    meeting = minutes.meeting
    return f"{fiscal_year_label(meeting.fiscal_year)}第{meeting.number}回{meeting.committee.name}会議録"


def speaker_label(entry: MinutesEntry, *, by_name: bool) -> str:
    """The label printed before a statement: the stored one, or the member's name if asked."""
    if by_name and entry.member is not None:
        suffix = entry.speaker if entry.speaker in ("委員長", "副委員長") else "委員"
        return f"{entry.member.name}{suffix}"
    return entry.speaker


def minutes_document(minutes: Minutes, *, labels: Labels = "committee") -> Document:
    """The minutes as a plain document (the shape of the gold JSON files).

    ``labels="stored"`` keeps the speaker labels as typed (for the content hash and revisions);
    ``"committee"`` follows the committee's setting for published minutes.
    """
    meeting = minutes.meeting
    committee = meeting.committee
    by_name = labels == "committee" and committee.speaker_labels == SpeakerLabels.NAME
    sections = []
    for number, heading, items in agenda_sections(meeting):
        sections.append(
            Section(
                number=number,
                category=heading,
                items=[
                    Item(
                        number=item.number,
                        title=item.title,
                        entries=[
                            Entry(
                                kind=e.kind,
                                text=e.text,
                                speaker=speaker_label(e, by_name=by_name)
                                if e.kind == MinutesEntry.Kind.STATEMENT
                                else None,
                                ref=e.pk,
                            )
                            for e in sorted(item.entries.all(), key=lambda e: e.position)
                        ],
                    )
                    for item in items
                ],
            )
        )
    return Document(
        title=minutes_title(minutes),
        status=minutes.status_ja,
        fiscal_year=meeting.fiscal_year,
        meeting_number=meeting.number,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        venue=meeting.venue.name if meeting.venue else "未定",
        sections=sections,
        **(_recorded_header(minutes.recorded_header) or _live_header(minutes)),
    )


def _live_header(minutes: Minutes) -> dict:
    """Organization, people and closing from the committee's data (minutes written here)."""
    meeting = minutes.meeting
    committee = meeting.committee
    people = attendees(meeting=meeting)
    return {
        "organization": committee.center.name,
        "attendees": [m.name for m in people],
        "attendee_count": len(people),
        "secretariat": [
            Secretariat(name=s.name, title=s.title) for s in committee.secretariat.all()
        ],
        "closing": CLOSING,
    }


def _recorded_header(recorded: dict) -> dict | None:
    """The same fields as an imported document printed them (``Minutes.recorded_header``)."""
    if not recorded:
        return None
    names = list(recorded.get("attendees") or [])
    count = recorded.get("attendee_count")
    return {
        "organization": recorded.get("organization") or "",
        "attendees": names,
        # A document may print no count; the names are counted then, as for minutes written here
        # (the API and the ■出席委員 line always give one).
        "attendee_count": len(names) if count is None else count,
        "absentees": list(recorded.get("absentees") or []),
        "secretariat": [Secretariat.from_dict(s) for s in recorded.get("secretariat") or []],
        "observers": list(recorded.get("observers") or []),
        # A document without a closing line gets none: nothing is added to what it said.
        "closing": recorded.get("closing") or "",
    }


def recorded_header(document: Document, *, organization: str) -> dict:
    """What ``Minutes.recorded_header`` keeps of an imported document (``organization`` when it
    printed none, so that what is shown, and hashed, never changes afterwards)."""
    return {
        "organization": document.organization or organization,
        "attendees": list(document.attendees),
        "attendee_count": document.attendee_count,
        "absentees": list(document.absentees),
        "secretariat": [s.to_dict() for s in document.secretariat],
        "observers": list(document.observers),
        "closing": document.closing or "",
    }


def content_hash(minutes: Minutes) -> str:
    """SHA-256 of the minutes' content as stored (the status word left out, as it changes)."""
    data = minutes_document(minutes, labels="stored").to_dict()
    data.pop("status", None)
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def when_text(document: Document) -> str:
    """「平成23年1月18日(火) 午後7時～9時」."""
    text = format_wareki(document.date) if document.date else ""
    if document.start_time and document.end_time:
        text += " " + format_time_range_ja(document.start_time, document.end_time)
    return text


def header_lines(document: Document) -> list[tuple[str, str]]:
    """The ■ header fields, label and value, as the seed prints them.

    欠席委員 and 傍聴者 appear only when the minutes name someone (imported minutes may).
    """
    people = "、".join(f"{name}委員" for name in document.attendees)
    if document.attendee_count is not None:
        people += f"＜以上{document.attendee_count}名、五十音順＞"
    staff = "、".join(f"{s.name}{s.title}" for s in document.secretariat)
    lines = [
        ("開催日時", when_text(document)),
        ("開催会場", document.venue or "未定"),
        ("出席委員", people),
    ]
    if document.absentees:
        lines.append(("欠席委員", "、".join(f"{name}委員" for name in document.absentees)))
    lines.append(("事務局", staff))
    if document.observers:
        lines.append(("傍聴者", "、".join(document.observers)))
    return lines


def render_text(minutes: Minutes) -> str:
    """The house text format (what ``kyodo.minutes_text.parse_minutes`` reads back)."""
    return render_minutes(minutes_document(minutes))


def render_html(minutes: Minutes, *, standalone: bool = True) -> str:
    """The minutes as HTML, standalone (with its own print styles) or as a fragment for a page."""
    document = minutes_document(minutes)
    context = {
        "document": document,
        "header": header_lines(document),
        "minutes": minutes,
        "full_title": f"{document.title}({document.status})",
    }
    if not standalone:
        return render_to_string("committees/_minutes_document.html", context)
    return render_to_string("committees/minutes_standalone.html", context)


def render_pdf(minutes: Minutes) -> bytes:
    """A4 PDF in the font from `kyodo.core.pdf_fonts` (embedded IPA Gothic when installed)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    fonts = pdf_fonts()
    base = ParagraphStyle("base", fontName=fonts.body, fontSize=10, leading=16, wordWrap="CJK")
    center = ParagraphStyle("center", parent=base, alignment=1)
    title = ParagraphStyle("title", parent=center, fontName=fonts.title, fontSize=14, leading=22)
    heading = ParagraphStyle("heading", parent=base, fontSize=11, spaceBefore=8, spaceAfter=4)
    hanging = ParagraphStyle("entry", parent=base, leftIndent=4 * mm, firstLineIndent=-4 * mm)

    document = minutes_document(minutes)
    story = [
        Paragraph(escape(document.organization or ""), center),
        Paragraph(escape(f"{document.title}({document.status})"), title),
        Spacer(1, 4 * mm),
    ]
    story += [
        Paragraph(escape(f"■{label}：{value}"), base) for label, value in header_lines(document)
    ]
    for section in document.sections:
        story.append(Paragraph(escape(f"{section.number}．{section.category}"), heading))
        for item in section.items:
            story.append(Paragraph(escape(f"{item.number}．{item.title}"), base))
            for entry in item.entries:
                story.append(Paragraph(escape(entry_line(entry)), hanging))
    if document.closing:
        story += [Spacer(1, 4 * mm), Paragraph(escape(document.closing), base)]

    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{document.title}({document.status})",
        author=document.organization or "",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    ).build(story)
    return buffer.getvalue()


def render_docx(minutes: Minutes) -> bytes:
    """A Word document with the same layout (headings, ■ fields, one paragraph per entry)."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = minutes_document(minutes)
    docx = Docx()
    style = docx.styles["Normal"]
    style.font.name = "MS Mincho"
    style.font.size = Pt(10.5)
    # East Asian text takes its font from w:eastAsia, which python-docx does not set itself.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "ＭＳ 明朝")
    for line, size in (
        (document.organization or "", 10.5),
        (f"{document.title}({document.status})", 14),
    ):
        paragraph = docx.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.font.size = Pt(size)
    for label, value in header_lines(document):
        docx.add_paragraph(f"■{label}：{value}")
    for section in document.sections:
        paragraph = docx.add_paragraph()
        paragraph.add_run(f"{section.number}．{section.category}").bold = True
        for item in section.items:
            docx.add_paragraph(f"{item.number}．{item.title}")
            for entry in item.entries:
                paragraph = docx.add_paragraph(entry_line(entry))
                paragraph.paragraph_format.left_indent = Mm(4)
                paragraph.paragraph_format.first_line_indent = Mm(-4)
    if document.closing:
        docx.add_paragraph(document.closing)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def entry_line(entry: Entry) -> str:
    return f"○{entry.text}" if entry.kind == "note" else f"{entry.speaker}：{entry.text}"


FORMATS = {
    "text": (render_text, "text/plain; charset=utf-8", "txt"),
    "html": (render_html, "text/html; charset=utf-8", "html"),
    "pdf": (render_pdf, "application/pdf", "pdf"),
    "docx": (
        render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
}


def export_minutes(minutes: Minutes, fmt: str) -> bytes:
    """The minutes in ``fmt`` (text, html, pdf, docx) as bytes."""
    render = FORMATS[fmt][0]
    result = render(minutes)
    return result.encode("utf-8") if isinstance(result, str) else result
