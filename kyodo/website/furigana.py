"""ふりがな: readings over kanji, rendered on the server as <ruby> (no external service).

Readings come from SudachiPy, morpheme by morpheme, with okurigana aligned so that only the kanji
carry a reading (申し込み → 申<rt>もう</rt>し込<rt>こ</rt>み). Names the site stores with their
reading (groups, venues, guests, committee members, staff, departments, series, the center) take
precedence over the dictionary, which often does not know them.

:func:`ruby_html` rewrites a page: text inside <body> gains <ruby> elements; scripts, styles,
form controls' contents, code, existing ruby and anything marked ``translate="no"`` or
``class="no-ruby"`` are left as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape

from kyodo.core.text import normalize_reading, to_hiragana

# Extension B and later too: names such as 𠮷岡 (U+20BB7) and 𩸽 are kanji.
_KANJI = "\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f"
_KANJI_RE = re.compile(f"[{_KANJI}]")
_KANA_RE = re.compile("[\u3041-\u3096\u30a1-\u30faー]")
_KATAKANA_READING_RE = re.compile("[\u30a1-\u30faー]+")
# Runs of kanji, of kana, of anything else.
_RUN_RE = re.compile(
    f"([{_KANJI}]+)|([\u3041-\u3096\u30a1-\u30faー]+)|([^{_KANJI}\u3041-\u3096\u30a1-\u30faー]+)"
)


def _ruby(base: str, reading: str) -> str:
    return f"<ruby>{escape(base)}<rp>(</rp><rt>{escape(reading)}</rt><rp>)</rp></ruby>"


def _dictionary_reading(text: str) -> str:
    """SudachiPy's reading of ``text`` in hiragana, "" when it does not know every word."""
    from kyodo.core.text import _morphemes

    parts = []
    for m in _morphemes(text):
        reading = m.reading_form()
        if m.is_oov() or not _KATAKANA_READING_RE.fullmatch(reading):
            return ""
        parts.append(to_hiragana(reading))
    return "".join(parts)


def _kanji_ruby(run: str, reading: str) -> str:
    """A run of kanji under its reading, word by word when the dictionary's words add up to
    that reading (西東京風 にしとうきょうかぜ → 西東京 + 風), else as one."""
    from kyodo.core.text import _morphemes

    if len(run) > 1:
        words = [(m.surface(), to_hiragana(m.reading_form())) for m in _morphemes(run)]
        if len(words) > 1 and "".join(r for _w, r in words) == reading:
            return "".join(_ruby(w, r) for w, r in words)
    return _ruby(run, reading)


def align(surface: str, reading: str) -> str:
    """``surface`` as HTML with ``reading`` (hiragana) over its kanji only, the kana of the
    surface matched against the reading (okurigana); the whole word under one reading when
    they cannot be matched. Words apart in both (坂口 太郎 / さかぐち たろう) align one by one."""
    reading = normalize_reading(reading)
    words, sounds = re.split(r"(\s+)", surface.strip()), reading.split(" ")
    if len(words) > 1 and len(words[::2]) == len(sounds):
        aligned = iter(_align_word(w, r) for w, r in zip(words[::2], sounds, strict=True))
        return "".join(next(aligned) if i % 2 == 0 else escape(w) for i, w in enumerate(words))
    return _align_word(surface, reading.replace(" ", ""))


@lru_cache(maxsize=4096)
def _known(text: str) -> str:
    """The dictionary's reading of a run (kanji, or digits and Latin letters), "" if unknown."""
    return _dictionary_reading(text)


# At most this many ways of cutting a reading are weighed; past it the name gets no ruby.
_MAX_ALIGNMENTS = 400


def _alignments(runs: list[tuple[str, int]], reading: str):
    """Every way to cut ``reading`` over ``runs``: a list of readings, one per run. Kana read as
    themselves; a run of n kanji reads at least n kana; punctuation (・, 「」, ＆ …) reads nothing;
    digits and Latin letters their dictionary reading, or else some kana."""
    found: list[list[str]] = []

    def walk(index: int, at: int, cut: list[str]) -> None:
        if len(found) > _MAX_ALIGNMENTS:
            return
        if index == len(runs):
            if at == len(reading):
                found.append(list(cut))
            return
        text, kind = runs[index]
        if kind == 2:  # kana: must appear as such in the reading
            kana = to_hiragana(text)
            if reading.startswith(kana, at):
                walk(index + 1, at + len(kana), [*cut, kana])
            return
        if kind == 3 and not text.strip():  # spaces
            walk(index + 1, at, [*cut, ""])
            return
        if kind == 3 and not text.isalnum():  # punctuation: not read (or written in the reading)
            if reading.startswith(text, at):
                walk(index + 1, at + len(text), [*cut, text])
            walk(index + 1, at, [*cut, ""])
            return
        if kind == 3:  # digits, Latin: as the dictionary reads them, or some kana
            known = _known(text)
            if known and reading.startswith(known, at):
                walk(index + 1, at + len(known), [*cut, known])
            lengths = range(1, len(reading) - at + 1)
        else:  # kanji: at least one kana each
            lengths = range(len(text), len(reading) - at + 1)
        for length in lengths:
            piece = reading[at : at + length]
            if kind == 3 and piece == _known(text):
                continue  # tried above
            walk(index + 1, at + length, [*cut, piece])

    walk(0, 0, [])
    return found


def _score(runs: list[tuple[str, int]], cut: list[str]) -> int:
    """How many of the kanji, digit and Latin runs read as the dictionary reads them."""
    return sum(
        1
        for (text, kind), piece in zip(runs, cut, strict=True)
        if kind != 2 and text.strip() and (text.isalnum() or kind == 1) and _known(text) == piece
    )


def _best(runs: list[tuple[str, int]], reading: str) -> tuple[int, list[str]] | None:
    """The cut the dictionary confirms best, with its score; None when there is none, or two
    equally good ones (a wrong reading is worse than none)."""
    cuts = _alignments(runs, reading)
    if not cuts or len(cuts) > _MAX_ALIGNMENTS:
        return None
    scored = sorted(((_score(runs, cut), cut) for cut in cuts), key=lambda x: -x[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0]


def _runs(text: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.lastindex) for m in _RUN_RE.finditer(text)]


def _html(runs: list[tuple[str, int]], cut: list[str]) -> str:
    out = []
    for (text, kind), piece in zip(runs, cut, strict=True):
        out.append(_kanji_ruby(text, piece) if kind == 1 else escape(text))
    return "".join(out)


@lru_cache(maxsize=4096)
def _align_word(surface: str, reading: str) -> str:
    """``surface`` with ``reading`` over its kanji, cut where the kana, the dictionary and the
    lengths agree. A stored reading often leaves out a legal form written before the name
    (「NPO法人ひまわり福祉会」 read 「ひまわりふくしかい」): then the reading goes over the rest of
    the name and the prefix is read by the dictionary (法人 ほうじん), if the dictionary confirms
    that rest. A name whose reading cannot be placed without guessing has no ruby at all: a
    reading over the wrong characters misleads more than none."""
    if not reading or not _KANJI_RE.search(surface):
        return escape(surface)
    runs = _runs(surface)
    whole = _best(runs, reading)
    best = (whole[0], 0, whole[1]) if whole is not None else None
    # The same reading over the name without a prefix, when the dictionary confirms more of it.
    for start in range(1, len(surface)):
        rest = surface[start:]
        if not _KANJI_RE.search(rest):
            break
        rest_runs = _runs(rest)
        found = _best(rest_runs, reading)
        if found is None or found[0] == 0:
            continue
        text, kind = rest_runs[0]
        # The rest must begin where the dictionary agrees with the reading (not in mid-word).
        if kind == 1 and _known(text) != found[1][0]:
            continue
        if best is None or found[0] > best[0]:
            best = (found[0], start, found[1])
    if best is None:
        return escape(surface)
    _confirmed, start, cut = best
    rest_runs = _runs(surface[start:])
    return _dictionary_html(surface[:start]) + _html(rest_runs, cut)


def _morpheme_html(m) -> str:
    surface = m.surface()
    if not _KANJI_RE.search(surface) or m.is_oov():
        return escape(surface)
    reading = m.reading_form()
    if not _KATAKANA_READING_RE.fullmatch(reading):
        return escape(surface)
    return align(surface, to_hiragana(reading))


def _dictionary_html(text: str) -> str:
    from kyodo.core.text import _morphemes

    return "".join(_morpheme_html(m) for m in _morphemes(text))


@lru_cache(maxsize=20_000)
def _ruby_text(text: str, names: Names) -> str:
    if not _KANJI_RE.search(text):
        return escape(text)
    out, cursor = [], 0
    if names.pattern is not None:
        for match in names.pattern.finditer(text):
            out.append(_dictionary_html(text[cursor : match.start()]))
            out.append(align(match.group(0), names.readings[match.group(0)]))
            cursor = match.end()
    out.append(_dictionary_html(text[cursor:]))
    return "".join(out)


class Names:
    """Stored readings of names (with kanji), matched longest first."""

    def __init__(self, readings: dict[str, str]):
        self.readings = {n: r for n, r in readings.items() if _KANJI_RE.search(n) and r}
        ordered = sorted(self.readings, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self.key = tuple(sorted(self.readings.items()))

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, Names) and self.key == other.key


def ruby_text(text: str, names: Names | None = None) -> str:
    """Plain ``text`` as HTML with <ruby> over its kanji."""
    return _ruby_text(text, names or Names({}))


# Elements whose content is left alone (and <head>, which is never touched).
_SKIP = {
    "script", "style", "textarea", "select", "option", "title", "ruby", "rt", "rp", "code",
    "pre", "kbd", "samp", "svg", "math", "template", "noscript", "head",
}  # fmt: skip
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
_TOKEN_RE = re.compile(
    r"<!--.*?-->|<!.*?>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|[^<]+|<",
    re.S,
)
_NO_RUBY_ATTR_RE = re.compile(r"""translate\s*=\s*["']?no\b|class\s*=\s*["'][^"']*\bno-ruby\b""")


def ruby_html(html: str, names: Names | None = None) -> str:
    """The page ``html`` with <ruby> readings over the kanji of its body text."""
    names = names or Names({})
    out: list[str] = []
    in_body = False
    skip_tag, skip_depth = None, 0
    for match in _TOKEN_RE.finditer(html):
        token = match.group(0)
        closing, tag = match.group(1), match.group(2)
        if tag is not None:
            tag = tag.lower()
            if not in_body:
                in_body = tag == "body" and not closing
            elif skip_tag is not None:
                if tag == skip_tag:
                    skip_depth += -1 if closing else 1
                    if skip_depth == 0:
                        skip_tag = None
            elif not closing and tag not in _VOID and not token.endswith("/>"):
                if tag in _SKIP or _NO_RUBY_ATTR_RE.search(match.group(3) or ""):
                    skip_tag, skip_depth = tag, 1
            out.append(token)
        elif in_body and skip_tag is None and token[0] != "<":
            out.append(ruby_text(unescape(token), names))
        else:
            out.append(token)
    return "".join(out)
