"""The Japanese font for generated PDFs (minutes, monthly reports).

A TrueType font embedded as a subset carries a ToUnicode map, so the PDF's text can be copied,
searched and read back (the minutes archive imports PDFs, and screen readers read them). When no
such font is installed, the standard CID fonts every PDF reader has are used instead: the pages
look the same, but a few characters (﨑, ～) do not come back as the same text.

Names such as 𠮷岡 (U+20BB7) are outside IPA Gothic: :func:`pdf_text` writes each character the
body font lacks in IPAmj Mincho (Debian's fonts-ipamj-mincho, 58,000 kanji of the family
registers) when it is installed, so the PDF prints the name rather than a missing-glyph box.

Each font is read once per process. IPAmj Mincho (a 46 MB file, 0.25 s and 74 MB of memory to
read) is read only when a text first has a character that IPA Gothic lacks: most PDFs never do.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from django.conf import settings

# Debian's fonts-ipafont-gothic (installed by scripts/system-packages) and its alternatives link.
FONT_FILES = [
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
]
# For the characters the body font lacks (Debian's fonts-ipamj-mincho).
FALLBACK_FILES = ["/usr/share/fonts/truetype/ipamj/ipamjm.ttf"]
FALLBACK = "KyodoFallback"
CID_BODY = "HeiseiKakuGo-W5"
CID_TITLE = "HeiseiMin-W3"
EMBEDDED = "KyodoGothic"


@dataclass(frozen=True)
class PdfFonts:
    body: str
    title: str
    embedded: bool
    # The characters the body font has, and the fallback font for others (embedded fonts only).
    has: frozenset[int] = frozenset()
    # The fallback font's name when its file is there; read (and registered) on first use.
    fallback: str | None = None
    fallback_path: str | None = None

    @property
    def fallback_has(self) -> frozenset[int]:
        """The characters the fallback font has (reading and registering it the first time)."""
        return _fallback(self.fallback_path) if self.fallback_path else frozenset()


def font_file() -> Path | None:
    configured = getattr(settings, "PDF_FONT_FILE", "")
    candidates = [configured] if configured else FONT_FILES
    return next((Path(p) for p in candidates if p and Path(p).is_file()), None)


def _utf16_hex(code: int) -> str:
    """A character as a ToUnicode CMap writes it: UTF-16BE, a surrogate pair beyond U+FFFF."""
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ``makeToUnicodeCMap`` writing characters beyond U+FFFF as UTF-16 (reportlab
    writes 𠮷 U+20BB7 as <20BB7>, which readers take for ₻ U+20BB: the name copied from the PDF,
    or the PDF imported back into the archive, would not be the name)."""
    cmap = _REPORTLAB_TO_UNICODE_CMAP(fontname, subset)
    if all(code <= 0xFFFF for code in subset):
        return cmap
    lines = cmap.split("\n")
    first = lines.index(f"{len(subset)} beginbfchar") + 1
    lines[first : first + len(subset)] = [
        f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)
    ]
    return "\n".join(lines)


def _install_to_unicode_fix() -> None:
    from reportlab.pdfbase import ttfonts

    global _REPORTLAB_TO_UNICODE_CMAP
    if ttfonts.makeToUnicodeCMap is not _to_unicode_cmap:
        _REPORTLAB_TO_UNICODE_CMAP = ttfonts.makeToUnicodeCMap
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


_REPORTLAB_TO_UNICODE_CMAP = None


@cache
def _register(path: str | None) -> PdfFonts:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if path:
        _install_to_unicode_fix()
        body = TTFont(EMBEDDED, path)
        pdfmetrics.registerFont(body)
        fonts = PdfFonts(
            body=EMBEDDED, title=EMBEDDED, embedded=True, has=frozenset(body.face.charToGlyph)
        )
        fallback_path = next((p for p in FALLBACK_FILES if Path(p).is_file()), None)
        if fallback_path is None:
            return fonts
        return dataclasses.replace(fonts, fallback=FALLBACK, fallback_path=fallback_path)
    for name in (CID_BODY, CID_TITLE):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    return PdfFonts(body=CID_BODY, title=CID_TITLE, embedded=False)


@cache
def _fallback(path: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fallback = TTFont(FALLBACK, path)
    pdfmetrics.registerFont(fallback)
    return frozenset(fallback.face.charToGlyph)


def pdf_fonts() -> PdfFonts:
    """Register (once) and return the font names to use in reportlab styles."""
    path = font_file()
    return _register(str(path) if path else None)


def pdf_text(text: str) -> str:
    """``text`` as the markup of a reportlab Paragraph: escaped, and each run of characters the
    body font lacks but the fallback has in the fallback font (「𠮷岡」 → 𠮷 in IPAmj Mincho)."""
    fonts = pdf_fonts()
    if fonts.fallback is None or all(ord(c) in fonts.has for c in text):
        return escape(text)
    fallback_has = fonts.fallback_has
    out, run = [], []

    def flush_run() -> None:
        if run:
            out.append(f'<font face="{fonts.fallback}">{escape("".join(run))}</font>')
            run.clear()

    for c in text:
        code = ord(c)
        if code not in fonts.has and code in fallback_has:
            run.append(c)
        else:
            flush_run()
            out.append(escape(c))
    flush_run()
    return "".join(out)
