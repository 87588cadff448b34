"""Names outside IPA Gothic (𠮷岡) print in the fallback font, not as a missing-glyph box."""

import io

from pdfminer.high_level import extract_text
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from kyodo.core.pdf_fonts import FALLBACK, pdf_fonts, pdf_text


def test_only_the_characters_the_body_font_lacks_take_the_fallback():
    assert pdf_text("𠮷岡 繫委員 <b>") == (f'<font face="{FALLBACK}">𠮷</font>岡 繫委員 &lt;b&gt;')
    assert pdf_text("熊田委員長") == "熊田委員長"


def test_the_pdf_carries_the_name_as_text():
    out = io.BytesIO()
    style = ParagraphStyle("body", fontName=pdf_fonts().body, fontSize=10, wordWrap="CJK")
    SimpleDocTemplate(out, pagesize=A4).build(
        [Paragraph(pdf_text("出席委員：𠮷岡 繫、熊田"), style)]
    )
    pdf = out.getvalue()
    assert b"+IPAmjMincho" in pdf  # the fallback font is embedded (a subset)
    assert extract_text(io.BytesIO(pdf)).strip() == "出席委員：𠮷岡 繫、熊田"
