"""Import legacy minutes (PDF or text) as confirmed minutes of past meetings.

``read_source`` turns an uploaded or given file into a parsed document (``kyodo.minutes_text``)
and refuses, in Japanese, what is not minutes; the original text is kept server-side between the
upload and the review. Storing a document is ``kyodo.committees.services.minutes_import``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import AlreadyImported, ImportRefused  # noqa: F401 (re-exported)
from kyodo.minutes_text import Minutes as Document
from kyodo.minutes_text import MinutesParseError, parse_minutes
from kyodo.minutes_text.pdf import read_pdf

MB = 1024 * 1024
MAX_PDF_BYTES = 20 * MB  # a 20 MB PDF is already hundreds of pages
MAX_TEXT_BYTES = 2 * MB
# The review form posts the text back (multipart, so as UTF-8 bytes) and Django refuses a request
# body over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) before any view runs: the text read from a file,
# PDF or text, is limited to 2 MB of UTF-8, which leaves room for the header fields.
MAX_TEXT = 2 * MB
# Text as staff get it: typed, or saved from a spreadsheet (.csv, .tsv) or a notes app (.md).
TEXT_SUFFIXES = (".txt", ".csv", ".tsv", ".md")
SUFFIXES = (".pdf", *TEXT_SUFFIXES)
_TEXT_ENCODINGS = ("utf-8-sig", "cp932", "euc-jp")

logger = logging.getLogger(__name__)


@dataclass
class Source:
    """A file read and parsed: what the review screen shows and the import stores."""

    name: str
    kind: str  # "pdf" or "text"
    text: str  # the original text in reading order (for a PDF: margin numbers dropped)
    document: Document
    sha256: str
    pages: int = 1


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Word's 「Unicode テキスト」 is UTF-16 with its byte order mark.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in _TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(_("The text file could not be read: save it as UTF-8 (or Shift_JIS) text."))


def read_source(name: str, data: bytes) -> Source:
    """Read and parse a PDF or text file of minutes; ImportRefused says why not."""
    if not data:
        raise ImportRefused(_("The file is empty."))
    lower = name.lower()
    is_pdf = data[:5] == b"%PDF-"
    if lower.endswith(".pdf") and not is_pdf:
        raise ImportRefused(_("The file is named .pdf but is not a PDF."))
    if not is_pdf and not lower.endswith(TEXT_SUFFIXES):
        raise ImportRefused(
            _("Only PDF files (.pdf) and text files (.txt, .csv, .tsv, .md) can be imported.")
        )
    if is_pdf and len(data) > MAX_PDF_BYTES:
        raise ImportRefused(
            _("The PDF file is too large (at most %(mb)d MB).") % {"mb": MAX_PDF_BYTES // MB}
        )
    if not is_pdf and len(data) > MAX_TEXT_BYTES:
        raise ImportRefused(
            _("The text file is too large (at most %(mb)d MB).") % {"mb": MAX_TEXT_BYTES // MB}
        )
    if is_pdf:
        pdf = read_or_refuse(read_pdf, data, name=name)
        text, pages = pdf.text, pdf.pages
        _check_length(text)
        from kyodo.minutes_text import parse_layout

        document = read_or_refuse(parse_layout, pdf.layout, name=name)
    else:
        text, pages = _decode(data), 1
        _check_length(text)
        document = read_or_refuse(parse_minutes, text, name=name)
    if document.date is None:
        raise ImportRefused(
            _(
                "The minutes could not be read: the date of the meeting was not found (no "
                "date line and no date in the first lines). Lines looked at: %(lines)s"
            )
            % {"lines": "".join(f"「{line}」" for line in document.looked_at[:5])}
        )
    return Source(
        name=name,
        kind="pdf" if is_pdf else "text",
        text=text,
        document=document,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
    )


def read_or_refuse[T](read: Callable[..., T], source, *, name: str) -> T:
    """``read(source)`` (the PDF reader or the parser): what cannot be read is refused with the
    reason in Japanese. Files come from anywhere: a failure the reader did not foresee refuses
    the file too, never the page, and is logged with the file's name for the maintainers."""
    try:
        return read(source)
    except MinutesParseError as error:
        raise ImportRefused(
            _("The minutes could not be read: %(reason)s") % {"reason": str(error)}
        ) from None
    except ImportRefused:
        raise
    except Exception:
        logger.exception("minutes import: %s failed on %s", read.__name__, name)
        raise ImportRefused(
            _(
                "The minutes could not be read: the importer failed on this file (the error was "
                "recorded). Import it as text, or enter the minutes by hand."
            )
        ) from None


def _check_length(text: str) -> None:
    # Shift_JIS text grows by half in UTF-8, and a PDF's size says little about its text.
    if len(text.encode("utf-8")) > MAX_TEXT:
        raise ImportRefused(
            _(
                "The minutes are too long (more than %(mb)d MB of text); "
                "split them and import each part."
            )
            % {"mb": MAX_TEXT // MB}
        )


# --- the original text between upload and save ---------------------------------------------------
# The review screen shows the original text again when the reviewed text is refused. It is kept
# in a file under VAR_DIR for a day, named by a random key that the form carries signed for its
# user, rather than sent back and forth in the form (where it doubled the size of the request).

ORIGINAL_MAX_AGE = 24 * 60 * 60
_ORIGINAL_SALT = "kyodo.committees.importing.original"
_KEY = re.compile(r"[0-9a-f]{32}")


def _originals() -> Path:
    return Path(settings.VAR_DIR) / "tmp" / "committees-import"


def keep_original(text: str, *, user_id: int | None) -> str:
    """Store ``text`` for the review of one upload; the signed token to give to the form."""
    folder = _originals()
    folder.mkdir(parents=True, exist_ok=True)
    stale = time.time() - ORIGINAL_MAX_AGE
    for old in folder.glob("*.txt"):
        try:
            if old.stat().st_mtime < stale:
                old.unlink()
        except OSError:
            continue
    key = secrets.token_hex(16)
    (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    return signing.dumps({"key": key, "user": user_id}, salt=_ORIGINAL_SALT, compress=True)


def _original_path(token: str, *, user_id: int | None) -> Path | None:
    try:
        data = signing.loads(token, salt=_ORIGINAL_SALT, max_age=ORIGINAL_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("user") != user_id:
        return None
    key = data.get("key")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        return None
    return _originals() / f"{key}.txt"


def kept_original(token: str, *, user_id: int | None) -> str:
    """The text kept by :func:`keep_original`; "" when the token is not this user's or expired."""
    path = _original_path(token, user_id=user_id)
    try:
        return path.read_text(encoding="utf-8") if path else ""
    except OSError:
        return ""


def drop_original(token: str, *, user_id: int | None) -> None:
    path = _original_path(token, user_id=user_id)
    if path is not None:
        path.unlink(missing_ok=True)
