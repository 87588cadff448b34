"""One check for every uploaded file: the name's extension AND the content (magic bytes).

``UploadValidator(kinds=("pdf", "docx", "image"), max_bytes=5 * MB)`` is usable as a Django
field validator and as a plain function; it returns a :class:`CheckedUpload` with the detected
kind and a safe file name to store. ``UploadField`` is a ``forms.FileField`` that runs the check
and renames the upload to that safe name, and writes its own help text from the same catalogue.

Whatever the name says, web pages (HTML, SVG, XML), scripts (JavaScript, shell) and programs
(Windows, Linux, macOS executables) are refused. Every refusal is a Japanese message, from
kyodo/core's catalogue, naming the accepted kinds and the size limit.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

MB = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_CONTENT_TYPES_MAX = 1 * MB  # a real [Content_Types].xml is a few kilobytes

# Extensions refused whatever the content: browsers or the desktop would run them.
DANGEROUS_EXTENSIONS = frozenset(
    {
        ".htm", ".html", ".xhtml", ".shtml", ".mht", ".mhtml", ".svg", ".svgz", ".xml",
        ".xsl", ".xslt", ".js", ".mjs", ".cjs", ".jse", ".vbs", ".vbe", ".wsf", ".wsh",
        ".hta", ".exe", ".dll", ".com", ".scr", ".msi", ".msp", ".bat", ".cmd", ".ps1",
        ".psm1", ".sh", ".bash", ".zsh", ".csh", ".py", ".pl", ".rb", ".php", ".phtml",
        ".jsp", ".asp", ".aspx", ".cgi", ".jar", ".apk", ".app", ".dmg", ".pkg", ".deb",
        ".rpm", ".elf", ".so", ".dylib", ".lnk", ".url", ".reg", ".cpl", ".swf",
        ".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppsm",
    }
)  # fmt: skip

# Content refused whatever the name: executables and scripts by their first bytes.
_PROGRAM_MAGICS = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O 32
    b"\xfe\xed\xfa\xcf",  # Mach-O 64
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O fat / Java class
)
# What a browser sniffs as a page at the start of a file (WHATWG MIME sniffing), plus SVG/XML.
_PAGE_START_RE = re.compile(
    rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p"
    rb"|svg|object|embed|\?xml|!--)(?=[\s>/])",
    re.IGNORECASE,
)
# Markup that makes a page or runs a script, anywhere in a text file.
_MARKUP_RE = re.compile(
    rb"<\s*(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>/]|script[\s>/]|svg[\s>/:]|iframe"
    rb"|frameset|object[\s>]|embed[\s>/]|img[^>]*\son\w+\s*=|meta\s+http-equiv|\?xml)",
    re.IGNORECASE,
)


def format_size(size: int) -> str:
    """5 MB as ``5MB``, 5.5 MB as ``5.5MB``, 300 KB as ``300KB`` (the spelling of our messages);
    rounded up to a tenth."""
    for unit, name in ((MB, "MB"), (1024, "KB")):
        if size >= unit:
            # Rounded up, so a file just over a limit never reads as the limit itself.
            tenths = math.ceil(size * 10 / unit)
            return f"{tenths // 10}{name}" if tenths % 10 == 0 else f"{tenths / 10:.1f}{name}"
    return f"{size}B"


# --- kinds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    name: str
    extensions: tuple[str, ...]  # the first is the one a safe name gets
    label: Callable[[], str]
    matches: Callable[[bytes, object], bool]  # (first bytes, the upload) -> content fits


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = b"".join(upload.chunks()) if hasattr(upload, "chunks") else upload.read()
    upload.seek(0)
    return data


def _ooxml(main_type: str) -> Callable[[bytes, object], bool]:
    needle = f'ContentType="{main_type}"'.encode()

    def matches(head: bytes, upload) -> bool:
        if not head.startswith(_ZIP_MAGIC):
            return False
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > _CONTENT_TYPES_MAX:
                    return False
                content_types = archive.read(info)
        except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError,
                NotImplementedError, RuntimeError, EOFError):  # fmt: skip
            return False
        finally:
            upload.seek(0)
        return needle in content_types

    return matches


def _ole(*streams: str) -> Callable[[bytes, object], bool]:
    # A legacy Office file is an OLE compound file; its directory names the main stream
    # (UTF-16LE): WordDocument for Word, Workbook (or Book, Excel 5) for Excel.
    names = [s.encode("utf-16-le") for s in streams]

    def matches(head: bytes, upload) -> bool:
        if not head.startswith(_OLE_MAGIC):
            return False
        data = _read_all(upload)
        return any(name in data for name in names)

    return matches


def _decode_text(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\x1a"}


def _text(head: bytes, upload) -> bool:
    """Plain UTF-8 or Shift_JIS text: no NUL or other control characters."""
    text = _decode_text(_read_all(upload))
    if text is None:
        return False
    return not any(
        unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS for ch in set(text)
    )


def _magic(*magics: bytes) -> Callable[[bytes, object], bool]:
    return lambda head, upload: head.startswith(magics)


def _labels() -> dict[str, Callable[[], str]]:
    return {
        "pdf": lambda: pgettext("upload kind", "PDF"),
        "docx": lambda: pgettext("upload kind", "Word (.docx)"),
        "xlsx": lambda: pgettext("upload kind", "Excel (.xlsx)"),
        "pptx": lambda: pgettext("upload kind", "PowerPoint (.pptx)"),
        "doc": lambda: pgettext("upload kind", "Word 97-2003 (.doc)"),
        "xls": lambda: pgettext("upload kind", "Excel 97-2003 (.xls)"),
        "txt": lambda: pgettext("upload kind", "text (.txt)"),
        "csv": lambda: pgettext("upload kind", "CSV (.csv)"),
        "png": lambda: pgettext("upload kind", "PNG image"),
        "jpeg": lambda: pgettext("upload kind", "JPEG image"),
        "gif": lambda: pgettext("upload kind", "GIF image"),
    }


_L = _labels()
_OOXML = "application/vnd.openxmlformats-officedocument."
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("pdf", (".pdf",), _L["pdf"], _magic(b"%PDF-")),
        Kind("docx", (".docx",), _L["docx"], _ooxml(_OOXML + "wordprocessingml.document.main+xml")),
        Kind("xlsx", (".xlsx",), _L["xlsx"], _ooxml(_OOXML + "spreadsheetml.sheet.main+xml")),
        Kind(
            "pptx",
            (".pptx",),
            _L["pptx"],
            _ooxml(_OOXML + "presentationml.presentation.main+xml"),
        ),
        Kind("doc", (".doc",), _L["doc"], _ole("WordDocument")),
        Kind("xls", (".xls",), _L["xls"], _ole("Workbook", "Book")),
        Kind("txt", (".txt",), _L["txt"], _text),
        Kind("csv", (".csv",), _L["csv"], _text),
        Kind("png", (".png",), _L["png"], _magic(b"\x89PNG\r\n\x1a\n")),
        Kind("jpeg", (".jpg", ".jpeg"), _L["jpeg"], _magic(b"\xff\xd8\xff")),
        Kind("gif", (".gif",), _L["gif"], _magic(b"GIF87a", b"GIF89a")),
    )
}
GROUPS = {
    "image": ("png", "jpeg", "gif"),
    "word": ("docx", "doc"),
    "excel": ("xlsx", "xls"),
}


def _expand(kinds: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in kinds:
        for kind in GROUPS.get(name, (name,)):
            if kind not in KINDS:
                raise ValueError(f"unknown upload kind: {kind!r}")
            if kind not in out:
                out.append(kind)
    if not out:
        raise ValueError("no upload kind given")
    return tuple(out)


def kinds_label(kinds: Iterable[str]) -> str:
    """The accepted kinds in the reader's language: 「PDF、Word(.docx)、テキスト(.txt)」."""
    kinds = _expand(kinds)
    labels = []
    images = GROUPS["image"]
    if all(k in kinds for k in images):
        kinds = tuple(k for k in kinds if k not in images)
        labels_tail = [pgettext("upload kind", "image (PNG, JPEG, GIF)")]
    else:
        labels_tail = []
    labels = [KINDS[k].label() for k in kinds] + labels_tail
    return pgettext("list separator", ", ").join(labels)


# --- the stored name -----------------------------------------------------------------------------

_UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}  # fmt: skip


def safe_filename(name: str, kind: str, *, max_stem: int = 80) -> str:
    """A name safe to store and to send back: no folders, control or bidi characters, nor
    characters Windows refuses; the extension is the lower-case one of the detected ``kind``.
    Japanese letters are kept (「規約.pdf」 stays 「規約.pdf」)."""
    base = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/")
    base = PurePath(base).name if base.strip("/") else ""
    base = "".join(ch for ch in base if unicodedata.category(ch) not in {"Cc", "Cf", "Cs"})
    base = _UNSAFE_CHARS.sub("_", base)
    path = PurePath(base) if base else PurePath("file")
    suffix = path.suffix.lower()
    stem = path.stem if suffix else path.name
    stem = re.sub(r"\s+", " ", stem).strip(" .")
    stem = stem[:max_stem].strip(" .") or "file"
    if stem.upper().split(".")[0] in _WINDOWS_RESERVED:
        stem = f"{stem}_"
    extensions = KINDS[kind].extensions
    if suffix not in extensions:
        suffix = extensions[0]
    return f"{stem}{suffix}"


def _base_name(name: str) -> str:
    """The uploaded name without folders or invisible characters."""
    base = PurePath(str(name or "").replace("\\", "/")).name
    return "".join(ch for ch in base if unicodedata.category(ch) not in {"Cc", "Cf", "Cs"})


def display_name(name: str) -> str:
    """The uploaded name as shown in a message: no folders or invisible characters, at most 100
    characters, shortened in the middle of the stem so that the extension stays."""
    base = _base_name(name)
    if len(base) <= 100:
        return base or "?"
    suffix = PurePath(base).suffix
    suffix = suffix if len(suffix) <= 10 else ""
    return base[: 99 - len(suffix)] + "…" + suffix


# --- the check -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    filename: str  # the safe name to store
    size: int


def _head(upload, length: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head or b""


def looks_dangerous(head: bytes) -> bool:
    """A program, a script or a web page by its first bytes (as a browser or a shell sees it)."""
    if head.startswith(b"#!"):
        return True
    if head.startswith(_PROGRAM_MAGICS) and b"\x00" in head[:64]:
        return True
    start = head[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    return bool(_PAGE_START_RE.match(start))


@deconstructible
class UploadValidator:
    """Checks an upload against ``kinds`` (names from KINDS or GROUPS) and ``max_bytes``."""

    def __init__(self, kinds: Iterable[str], max_bytes: int):
        self.kinds = _expand(kinds)
        self.max_bytes = int(max_bytes)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )

    def __hash__(self) -> int:
        return hash((self.kinds, self.max_bytes))

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(ext for kind in self.kinds for ext in KINDS[kind].extensions)

    def help_text(self) -> str:
        return _("%(kinds)s; at most %(limit)s.") % self._params()

    def _params(self, **extra) -> dict[str, str]:
        return {"kinds": kinds_label(self.kinds), "limit": format_size(self.max_bytes), **extra}

    def _refuse(self, message: str, code: str, **extra) -> ValidationError:
        return ValidationError(message, code=code, params=self._params(**extra))

    def __call__(self, upload) -> CheckedUpload:
        if upload is None:
            raise ValidationError(_("Choose a file to upload."), code="required")
        name = display_name(getattr(upload, "name", "") or "")
        size = getattr(upload, "size", None)
        if size is None:
            size = len(_read_all(upload))
        if size == 0:
            raise self._refuse(_("“%(name)s” is empty."), "empty", name=name)
        if size > self.max_bytes:
            raise self._refuse(
                _(
                    "“%(name)s” is too large (%(size)s): files can be at most %(limit)s. "
                    "Accepted: %(kinds)s."
                ),
                "size",
                name=name,
                size=format_size(size),
            )
        suffix = PurePath(_base_name(getattr(upload, "name", "") or "")).suffix.lower()
        head = _head(upload)
        if suffix in DANGEROUS_EXTENSIONS or looks_dangerous(head):
            raise self._refuse(
                _(
                    "“%(name)s” is a web page, a script or a program and cannot be uploaded. "
                    "Accepted: %(kinds)s, at most %(limit)s."
                ),
                "dangerous",
                name=name,
            )
        kind = next((k for k in self.kinds if suffix in KINDS[k].extensions), None)
        if kind is None:
            raise self._refuse(
                _(
                    "“%(name)s” cannot be uploaded: accepted are %(kinds)s files of at most "
                    "%(limit)s."
                ),
                "type",
                name=name,
            )
        fits = KINDS[kind].matches(head, upload)
        upload.seek(0)
        if kind in ("txt", "csv") and fits and _MARKUP_RE.search(_read_all(upload)):
            raise self._refuse(
                _(
                    "“%(name)s” is a web page, a script or a program and cannot be uploaded. "
                    "Accepted: %(kinds)s, at most %(limit)s."
                ),
                "dangerous",
                name=name,
            )
        if not fits:
            raise self._refuse(
                _(
                    "The content of “%(name)s” is not a %(kind)s file. Accepted: %(kinds)s, "
                    "at most %(limit)s."
                ),
                "content",
                name=name,
                kind=KINDS[kind].label(),
            )
        return CheckedUpload(
            kind=kind, filename=safe_filename(getattr(upload, "name", "") or "", kind), size=size
        )


def check_upload(upload, *, kinds: Iterable[str], max_bytes: int) -> CheckedUpload:
    """The check as a function: raises ValidationError, or returns the kind and a safe name."""
    return UploadValidator(kinds, max_bytes)(upload)


class UploadField(forms.FileField):
    """A file field that accepts only ``kinds`` up to ``max_bytes`` (see UploadValidator), and
    renames the accepted upload to a safe name (the original shown name, cleaned)."""

    def __init__(self, *args, kinds: Iterable[str], max_bytes: int, **kwargs):
        self.upload_validator = UploadValidator(kinds, max_bytes)
        kwargs.setdefault("help_text", lazy(self.upload_validator.help_text, str)())
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(self.upload_validator.extensions)
        return attrs

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            checked = self.upload_validator(value)
            value.name = checked.filename
        return value
