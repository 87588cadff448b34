"""The Japanese font for generated PDFs (minutes, monthly reports).

A TrueType font embedded as a subset carries a ToUnicode map, so the PDF's text can be copied,
searched and read back (the minutes archive imports PDFs, and screen readers read them). When no
such font is installed, the standard CID fonts every PDF reader has are used instead: the pages
look the same, but a few characters (﨑, ～) do not come back as the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

# Debian's fonts-ipafont-gothic (installed by scripts/system-packages) and its alternatives link.
FONT_FILES = [
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
]
CID_BODY = "HeiseiKakuGo-W5"
CID_TITLE = "HeiseiMin-W3"
EMBEDDED = "KyodoGothic"


@dataclass(frozen=True)
class PdfFonts:
    body: str
    title: str
    embedded: bool


def font_file() -> Path | None:
    configured = getattr(settings, "PDF_FONT_FILE", "")
    candidates = [configured] if configured else FONT_FILES
    return next((Path(p) for p in candidates if p and Path(p).is_file()), None)


@cache
def _register(path: str | None) -> PdfFonts:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if path:
        pdfmetrics.registerFont(TTFont(EMBEDDED, path))
        return PdfFonts(body=EMBEDDED, title=EMBEDDED, embedded=True)
    for name in (CID_BODY, CID_TITLE):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    return PdfFonts(body=CID_BODY, title=CID_TITLE, embedded=False)


def pdf_fonts() -> PdfFonts:
    """Register (once) and return the font names to use in reportlab styles."""
    path = font_file()
    return _register(str(path) if path else None)
