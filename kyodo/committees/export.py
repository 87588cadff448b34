"""Minutes in the seed's layout: text, HTML, PDF and DOCX.

Everything starts from :func:`kyodo.committees.documents.minutes_document` (the frozen version of
confirmed minutes, the rows of a draft); the formats here only lay that document out, so they
cannot disagree.
"""

from __future__ import annotations

import html
import io
import re

from django.template.defaultfilters import linebreaks_filter
from django.template.loader import render_to_string
from django.utils.safestring import SafeData, SafeString, mark_safe

from kyodo.committees.documents import (  # noqa: F401 (part of this module's interface)
    CLOSING,
    IN_WRITING,
    attendees_by_reading,
    build_document,
    in_writing,
    item_requests,
    minutes_document,
    minutes_title,
    record_word,
    recorded_header,
    speaker_label,
)
from kyodo.committees.models import Minutes
from kyodo.core.exports import content_disposition as core_content_disposition
from kyodo.core.pdf_fonts import pdf_fonts, pdf_text
from kyodo.core.wareki import format_time_range_ja, format_wareki
from kyodo.minutes_text import Entry, Item, render_minutes
from kyodo.minutes_text import Minutes as Document


def full_title(document: Document) -> str:
    """「平成22(2010)年度第9回運営委員会会議録(確定稿)」."""
    return f"{document.title}({document.status})" if document.status else document.title


def when_text(document: Document) -> str:
    """「平成23年1月18日(火) 午後7時～9時」."""
    text = format_wareki(document.date) if document.date else ""
    if document.start_time and document.end_time:
        text += " " + format_time_range_ja(document.start_time, document.end_time)
    return text


def attendee_total(document: Document, *, by_reading: bool = True) -> str:
    """「＜以上12名、五十音順＞」 after the attendees; 「＜以上7名＞」 when they are listed in
    another order (imported minutes, as their document printed them: ``attendees_by_reading``);
    "" when the minutes give no count."""
    if document.attendee_count is None:
        return ""
    if by_reading:
        return f"＜以上{document.attendee_count}名、五十音順＞"
    return f"＜以上{document.attendee_count}名＞"


def header_lines(document: Document, *, by_reading: bool = True) -> list[tuple[str, str]]:
    """The ■ header fields, label and value, as the seed prints them.

    オンライン出席, 欠席委員, 委員以外の出席者 and 傍聴者 appear only when the minutes name someone. The attendees'
    count says 五十音順 only when they are in that order (``by_reading``). A meeting held in
    writing has no venue: 「■開催方法：書面開催」 stands in its line.
    """
    roles = getattr(document, "roles", None) or {}

    def titled(name: str) -> str:
        # Imported minutes print each name with the post their header gave it (山田花子理事長,
        # 木村明美部会長); a board's or a working group's people are no 委員 by default.
        if roles:
            return f"{name}{roles.get(name, '')}"
        return f"{name}委員"

    people = "、".join(titled(name) for name in document.attendees)
    people += attendee_total(document, by_reading=by_reading)
    if document.proxy_count:
        # Imported minutes that counted proxies (委任状, 書面表決) among those present.
        people += f"（うち委任状{document.proxy_count}名）"
    staff = "、".join(s.label for s in document.secretariat)
    lines = [
        ("開催日時", when_text(document)),
        ("開催方法", IN_WRITING)
        if in_writing(document)
        else ("開催会場", document.venue or "未定"),
        ("出席委員", people),
    ]
    if document.online:
        lines.append(("オンライン出席", "、".join(titled(name) for name in document.online)))
    if document.absentees:
        lines.append(("欠席委員", "、".join(titled(name) for name in document.absentees)))
    if document.also_attending:
        # Imported minutes: auditors (監事) and observers from other bodies, not members.
        lines.append(
            (
                "委員以外の出席者",
                "、".join(f"{n}{roles.get(n, '')}" for n in document.also_attending),
            )
        )
    if staff or by_reading:
        # An imported header with an empty 「事務局：」 names no one: no empty line for it.
        lines.append(("事務局", staff))
    if document.observers:
        lines.append(("傍聴者", "、".join(document.observers)))
    return lines


def entry_line(entry: Entry) -> str:
    return f"○{entry.text}" if entry.kind == "note" else f"{entry.speaker}：{entry.text}"


def appendix_of(document: Document) -> list:
    """Documents appended after the closing (資料, 報告書) that imported minutes keep."""
    return list(getattr(document, "appendix", None) or [])


# --- the formats, each from a document ---------------------------------------------------------


def text_of(document: Document, *, by_reading: bool = True) -> str:
    """The house text format (what ``kyodo.minutes_text.parse_minutes`` reads back)."""
    text = render_minutes(document)
    if in_writing(document):
        # The text renderer knows venues only: a meeting held in writing says how it was held.
        lines = text.split("\n")
        at = next((i + 1 for i, line in enumerate(lines) if line.startswith("■開催日時：")), None)
        if at is None:
            at = next((i for i, line in enumerate(lines) if line.startswith("■")), len(lines))
        lines.insert(at, f"■開催方法：{IN_WRITING}")
        text = "\n".join(lines)
    if by_reading or document.attendee_count is None:
        return text
    # The text renderer always says 五十音順; attendees in another order must not claim it.
    claimed, honest = attendee_total(document), attendee_total(document, by_reading=False)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("■出席委員：") and line.endswith(claimed):
            lines[index] = line.removesuffix(claimed) + honest
            break
    return "\n".join(lines)


def _text(value) -> str:
    # ``{{ value }}`` of a document's value (text, a number, None): escaped.
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def _entries_html(item: Item) -> str:
    """The ``<li>`` lines of an item's entries."""
    decided = item.decision.entry if item.decision is not None else None
    lines = []
    for index, entry in enumerate(item.entries):
        anchor = f' id="entry-{_text(entry.ref)}"' if entry.ref else ""
        mark = " entry-decision" if decided == index else ""
        if entry.kind == "note":
            body = f"○{_text(entry.text)}"
        else:
            body = f'<span class="speaker">{_text(entry.speaker)}</span>：{_text(entry.text)}'
        lines.append(f'<li{anchor} class="entry-{_text(entry.kind)}{mark}">{body}</li>\n')
    return "".join(lines)


def _body_html(
    document: Document, header: list[tuple[str, str]], title: str, *, level: int = 1
) -> SafeString:
    """The document from its organization to its appendix, as HTML.

    Written here rather than by template loops: a confirmed document has hundreds of speaker
    turns, and a template costs several lookups and filters for each. Every value is escaped;
    ``tests/test_export.py`` compares this with the template it replaces. ``level`` is the
    title's heading level: 1 on a page of its own, lower inside a page with its own ``<h1>``.
    """
    h1, h2, h3 = (f"h{min(level + n, 6)}" for n in range(3))
    out = [
        f'<p class="minutes-org">{_text(document.organization)}</p>\n'
        f'<{h1} class="minutes-title">{_text(title)}</{h1}>\n<dl class="minutes-header">\n'
    ]
    out += [
        f"<div><dt>■{_text(label)}：</dt><dd>{_text(value)}</dd></div>\n" for label, value in header
    ]
    out.append("</dl>\n")
    for section in document.sections:
        out.append('\n<section class="minutes-section">\n')
        if section.category:
            out.append(f"<{h2}>{_text(section.number)}．{_text(section.category)}</{h2}>")
        out.append("\n")
        for item in section.items:
            out.append("\n")
            if item.title:
                out.append(f"<{h3}>{_text(item.number)}．{_text(item.title)}</{h3}>")
            out.append(f'\n<ol class="minutes-entries">\n{_entries_html(item)}</ol>\n')
            if requests := item_requests(item):
                out.append(
                    '<ul class="minutes-requests">\n'
                    + "".join(f"<li>{_text(r.line)}</li>\n" for r in requests)
                    + "</ul>\n"
                )
        out.append("\n</section>\n")
    out.append("\n")
    if document.closing:
        out.append(f'<p class="minutes-closing">{_text(document.closing)}</p>')
    out.append("\n")
    for part in appendix_of(document):
        out.append(
            f'<section class="minutes-appendix"><{h2}>{_text(part.title)}</{h2}>'
            f"{linebreaks_filter(part.text)}</section>\n"
        )
    out.append("\n")
    return mark_safe("".join(out))


def html_of(
    document: Document,
    *,
    standalone: bool = True,
    by_reading: bool = True,
    level: int = 1,
    **context,
) -> str:
    """HTML, standalone (with its own print styles) or a fragment for a page (whose headings
    start at ``level`` when the page has a title of its own)."""
    header = header_lines(document, by_reading=by_reading)
    title = full_title(document)
    context = {
        "document": document,
        "header": header,
        "full_title": title,
        "appendix": appendix_of(document),
        "body": _body_html(document, header, title, level=level),
        **context,
    }
    template = "minutes_standalone.html" if standalone else "_minutes_document.html"
    return render_to_string(f"committees/{template}", context)


def pdf_of(document: Document, *, by_reading: bool = True, author: str = "") -> bytes:
    """A4 PDF in the font from `kyodo.core.pdf_fonts` (embedded IPA Gothic when installed; the
    characters it lacks, such as 𠮷 in 「𠮷岡」, in its fallback font), with the title and the
    author (the center) in its metadata and 「－ 1 －」 page numbers in the footer."""
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

    story = [
        Paragraph(pdf_text(document.organization or ""), center),
        Paragraph(pdf_text(full_title(document)), title),
        Spacer(1, 4 * mm),
    ]
    story += [
        Paragraph(pdf_text(f"■{label}：{value}"), base)
        for label, value in header_lines(document, by_reading=by_reading)
    ]
    for section in document.sections:
        if section.category:
            story.append(Paragraph(pdf_text(f"{section.number}．{section.category}"), heading))
        for item in section.items:
            if item.title:
                story.append(Paragraph(pdf_text(f"{item.number}．{item.title}"), base))
            for entry in item.entries:
                story.append(Paragraph(pdf_text(entry_line(entry)), hanging))
            for request in item_requests(item):
                story.append(Paragraph(pdf_text(request.line), hanging))
    if document.closing:
        story += [Spacer(1, 4 * mm), Paragraph(pdf_text(document.closing), base)]
    for part in appendix_of(document):
        story += [Spacer(1, 6 * mm), Paragraph(pdf_text(part.title), heading)]
        story += [
            Paragraph(pdf_text(line), base) for line in part.text.splitlines() if line.strip()
        ]

    def page_number(canvas, doc):
        canvas.saveState()
        canvas.setFont(fonts.body, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"－ {doc.page} －")
        canvas.restoreState()

    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=full_title(document),
        # Who publishes the file: the center (reportlab writes 「(anonymous)」 for none).
        author=author or document.organization or "",
        subject=document.title,
        lang="ja-JP",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
    ).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


DOCX_FONT = "ＭＳ 明朝"
DOCX_FONT_LATIN = "MS Mincho"


def _docx_font(style, *, size=None, bold=None) -> None:
    """A Japanese font for ``style``'s Latin and East Asian text, in black."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = DOCX_FONT_LATIN
    style.font.color.rgb = RGBColor(0, 0, 0)
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    # East Asian text takes its font from w:eastAsia, which python-docx does not set itself;
    # headings' theme fonts would otherwise win over it.
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), DOCX_FONT)


def _docx_language(docx) -> None:
    """ja-JP for the document's text (Word's proofing and line breaking follow it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = docx.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), "ja-JP")
    lang.set(qn("w:bidi"), "ar-SA")


def _docx_page_number(paragraph) -> None:
    """「－ PAGE －」: Word fills the field with the page number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field_char(kind: str):
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    paragraph.add_run("－ ")
    field_char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    field_char("separate")
    paragraph.add_run("1")
    field_char("end")
    paragraph.add_run(" －")


def docx_of(document: Document, *, by_reading: bool = True, author: str = "") -> bytes:
    """A Word document a city office files: A4 portrait, ja-JP, a Japanese font, sections and
    items as headings (Word's outline), title and author set, page numbers in the footer."""
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    docx = Docx()
    section = docx.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(20)
    _docx_language(docx)
    _docx_font(docx.styles["Normal"], size=10.5)
    _docx_font(docx.styles["Title"], size=14, bold=False)
    _docx_font(docx.styles["Heading 1"], size=11, bold=True)
    _docx_font(docx.styles["Heading 2"], size=10.5, bold=False)
    properties = docx.core_properties
    properties.title = full_title(document)
    properties.author = author or document.organization or ""
    properties.subject = document.title
    properties.language = "ja-JP"
    properties.keywords = record_word(document.title)
    properties.comments = ""
    properties.last_modified_by = author or document.organization or ""

    organization = docx.add_paragraph(document.organization or "")
    organization.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = docx.add_paragraph(full_title(document), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for label, value in header_lines(document, by_reading=by_reading):
        docx.add_paragraph(f"■{label}：{value}")
    for part in document.sections:
        if part.category:
            docx.add_heading(f"{part.number}．{part.category}", level=1)
        for item in part.items:
            if item.title:
                docx.add_heading(f"{item.number}．{item.title}", level=2)
            lines = [entry_line(e) for e in item.entries] + [r.line for r in item_requests(item)]
            for line in lines:
                paragraph = docx.add_paragraph(line)
                paragraph.paragraph_format.left_indent = Mm(4)
                paragraph.paragraph_format.first_line_indent = Mm(-4)
    if document.closing:
        docx.add_paragraph(document.closing)
    for part in appendix_of(document):
        docx.add_heading(part.title, level=1)
        for line in part.text.splitlines():
            if line.strip():
                docx.add_paragraph(line)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_page_number(footer)
    for run in footer.runs:
        run.font.size = Pt(9)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


FORMATS = {
    "text": (text_of, "text/plain; charset=utf-8", "txt"),
    "html": (html_of, "text/html; charset=utf-8", "html"),
    "pdf": (pdf_of, "application/pdf", "pdf"),
    "docx": (
        docx_of,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
}


def export_document(
    document: Document, fmt: str, *, by_reading: bool = True, author: str = ""
) -> bytes:
    """``document`` in ``fmt`` (text, html, pdf, docx) as bytes; ``by_reading``: whether its
    attendees are in gojūon order (``attendees_by_reading``); ``author``: the PDF's and DOCX's
    author (the document's organization line when not given)."""
    render = FORMATS[fmt][0]
    if fmt in ("pdf", "docx"):
        result = render(document, by_reading=by_reading, author=author)
    else:
        result = render(document, by_reading=by_reading)
    return result.encode("utf-8") if isinstance(result, str) else result


def _author(minutes: Minutes) -> str:
    """The files' author: the center for a draft; for confirmed minutes "" (the frozen
    document's organization line, as it was confirmed: renaming the center later changes no
    confirmed file)."""
    return "" if minutes.is_confirmed else minutes.meeting.committee.center.name


def export_minutes(minutes: Minutes, fmt: str) -> bytes:
    """The minutes (their current version once confirmed) in ``fmt`` as bytes (``_author``)."""
    return export_document(
        minutes_document(minutes),
        fmt,
        by_reading=attendees_by_reading(minutes),
        author=_author(minutes),
    )


def download_name(minutes: Minutes, extension: str) -> str:
    """The file name of a download, as a clerk would name it: 「令和8年度第2回運営委員会会議録.pdf」
    (the meeting's name as the document's title gives it, without the Western year), with the
    state after it while the minutes are not confirmed (「…会議録（未定稿）.pdf」)."""
    document = minutes_document(minutes)
    title = re.sub(r"[(（][0-9０-９]{4}[)）]", "", document.title or minutes_title(minutes.meeting))
    if minutes.current_version_id is None and document.status:
        title += f"（{document.status}）"
    return f"{title.strip() or 'minutes'}.{extension}"


def ascii_name(minutes: Minutes, extension: str) -> str:
    """The ASCII file name for clients that read no other: 「minutes-steering-2026-2.pdf」, the
    body's short name in it so that two bodies' minutes of the same meeting number differ."""
    meeting = minutes.meeting
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", meeting.committee.slug).strip("-")
    return f"minutes-{slug + '-' if slug else ''}{meeting.code}.{extension}"


def content_disposition(minutes: Minutes, extension: str) -> str:
    """``attachment`` with the Japanese name as RFC 6266's ``filename*`` (UTF-8) and an ASCII
    ``filename`` for clients that read only that (:func:`ascii_name`)."""
    return core_content_disposition(
        ascii_name(minutes, extension), download_name(minutes, extension)
    )


def render_text(minutes: Minutes) -> str:
    return text_of(minutes_document(minutes), by_reading=attendees_by_reading(minutes))


def render_html(minutes: Minutes, *, standalone: bool = True, level: int = 1) -> str:
    return html_of(
        minutes_document(minutes),
        standalone=standalone,
        level=level,
        by_reading=attendees_by_reading(minutes),
        minutes=minutes,
        version=minutes.current_version,
    )


def render_pdf(minutes: Minutes) -> bytes:
    return pdf_of(
        minutes_document(minutes),
        by_reading=attendees_by_reading(minutes),
        author=_author(minutes),
    )


def render_docx(minutes: Minutes) -> bytes:
    return docx_of(
        minutes_document(minutes),
        by_reading=attendees_by_reading(minutes),
        author=_author(minutes),
    )
