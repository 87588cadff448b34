"""Index text, bigram tokens, the query language and highlighting (no database here).

A document's index text (``norm``) is the surface key of its text (:func:`fold`: NFKC, case
folding, katakana → hiragana, white space removed, old and variant kanji (異体字) made one, see
:data:`VARIANT_KANJI`) followed, when they differ, by the
key of its SudachiPy normalized form and by its reading in hiragana (the reading column of the
index: SudachiPy's readings, and stored readings of names), so that the words as written, their
spelling variants and a kana query for kanji text (こどもあみーご → 子どもアミーゴ) are found. Fields are joined with a line break, which no query can contain, so no
match spans two fields. A query term matches a document when its surface key or the key of its
normalized form is a substring of ``norm``: that is the whole definition, and the plain scan
(:func:`scan_match`) is its reference implementation; the database indexes only make it fast.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kyodo.core.text import NAME_VARIANTS, match_key, normalized_form

SEPARATOR = "\n"
MAX_QUERY_CHARS = 500
MAX_TERMS = 10
MAX_TERM_CHARS = 100


# --- folding ---------------------------------------------------------------------------------

# Old and variant kanji (異体字) searched as one, in the index and in the query alike: the
# variants of names (kyodo.core.text.NAME_VARIANTS, which the people searches use: 﨑/崎, 髙/高,
# 邊/邉/辺, 澤/沢, 濵/濱/浜, 德/徳, 𠮷/吉, 廣/広 …) and a few more that minutes and names print.
# Each is one character to one character, so highlighting maps a hit back character by
# character. Deliberately small: only characters that stand for the same word in any text.
# NFKC already folds the CJK compatibility ideographs (﨔 and the like, not 﨑: it is no
# compatibility character). Changing this table changes ``norm``: bump
# kyodo.search.indexing.INDEX_TEXT_VERSION and run ``kyodo search reindex``.
VARIANT_KANJI: dict[str, str] = {
    **NAME_VARIANTS,
    "桒": "桑",
    "槗": "橋",
    "\U0002363a": "橋",  # 𣘺
    "舘": "館",
    "邨": "村",
    "\U0002123d": "土",  # 𡈽 (土 with a dot, as in 𡈽屋)
    "靜": "静",
    "會": "会",
    "圓": "円",
    "驛": "駅",
    "縣": "県",
    "區": "区",
    "關": "関",
}
_VARIANT_TABLE = str.maketrans(VARIANT_KANJI)


def fold(s: str) -> str:
    """The key under which site search compares text: what people consider the same word.

    NFKC (full/half width: ＮＰＯ = NPO, １２ = 12, ｶﾀｶﾅ = カタカナ), case folding, katakana →
    hiragana, small ヵ/ヶ → か/け, all white space and the separators 「・」「=」「゠」 removed,
    every hyphen, dash and minus read as ー (:func:`kyodo.core.text.match_key`),
    and old/variant kanji made one (:data:`VARIANT_KANJI`: 山﨑 = 山崎, 髙橋 = 高橋, 渡邊 = 渡辺).
    Public: the statements API calls it for its own text search, so that both searches treat a
    query the same way. Never shown.
    """
    return match_key(s).translate(_VARIANT_TABLE)


# --- document text ---------------------------------------------------------------------------


def _clean(s: str) -> str:
    """Drop control characters and lone surrogates (SudachiPy and databases refuse some)."""
    return "".join(
        " " if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") else c for c in s
    ).strip()


def variant_key(s: str) -> str:
    """The match key of the SudachiPy normalized form: 申込み / 申し込み / 申込 → 申し込み."""
    s = _clean(s)
    return fold(normalized_form(s)) if s else ""


_KANJI_RE = re.compile(
    r"[\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f]"
)
_KANA_READING_RE = re.compile("[\u30a1-\u30faー]+")


def morpheme_reading(m) -> str:
    """What a SudachiPy morpheme sounds like, as written in kana: its dictionary reading when it
    has kanji and the dictionary knows it, else its own surface (kana, digits, Latin)."""
    surface = m.surface()
    if not _KANJI_RE.search(surface) or m.is_oov():
        return surface
    reading = m.reading_form()
    return reading if _KANA_READING_RE.fullmatch(reading) else surface


def analyse(s: str) -> tuple[str, str]:
    """(normalized-form key, reading key) of ``s`` from one SudachiPy pass: 「子どもアミーゴ」 →
    (…, 「こどもあみーご」), 「西東京」 → (…, 「にしとうきょう」)."""
    from kyodo.core.text import _morphemes  # the shared SudachiPy tokenizer

    s = _clean(s)
    if not s:
        return "", ""
    variant, reading = [], []
    for m in _morphemes(unicodedata.normalize("NFKC", s)):
        variant.append(m.normalized_form())
        reading.append(morpheme_reading(m))
    return fold("".join(variant)), fold("".join(reading))


def index_text(*fields: str, readings: Sequence[str] = ()) -> str:
    """The normalized index text of a document made of ``fields`` (see the module docstring).

    Three parts, each present only when it differs from the first: the surface keys, the
    normalized forms' keys, and the readings (SudachiPy's, then the stored ``readings`` of
    names, which the dictionary may not know), so that a kana query finds kanji text.
    """
    surface, variant, reading = [], [], []
    for value in fields:
        value = _clean(value or "")
        if not value:
            continue
        surface.append(fold(value))
        normalized, sound = analyse(value)
        variant.append(normalized)
        reading.append(sound)
    reading += [fold(r) for r in readings if r and fold(r)]
    text = SEPARATOR.join(surface)
    parts = [text]
    for other in (SEPARATOR.join(variant), SEPARATOR.join(reading)):
        if other and other != text and other not in parts:
            parts.append(other)
    return SEPARATOR.join(parts)


def _hex(s: str) -> str:
    return s.encode("utf-8").hex()


def bigram_tokens(norm: str) -> list[str]:
    """Every overlapping character bigram of ``norm`` + a final separator, as UTF-8 hex.

    Hex keeps each bigram one token for any tokenizer (SQLite's unicode61 would split on
    punctuation); UTF-8 is prefix-free, so the tokens that start with a character's hex are
    exactly the bigrams starting with that character, which answers one-character queries
    with a prefix search. The final separator gives the last character a bigram too.
    """
    s = norm + SEPARATOR
    return [_hex(s[i : i + 2]) for i in range(len(s) - 1)]


# --- queries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query and the keys it may appear under in ``norm``."""

    text: str
    needles: tuple[str, ...]


@dataclass
class Query:
    """AND of groups, each an OR of terms; ``exclude`` terms must not appear. ``everything``:
    no word, every document the filters let through (a speaker's turns listed without a word)."""

    groups: list[list[Term]] = field(default_factory=list)
    exclude: list[Term] = field(default_factory=list)
    everything: bool = False

    @property
    def positive_terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]

    @property
    def needles(self) -> list[str]:
        """Every needle of the positive terms (for highlighting and relevance)."""
        seen: dict[str, None] = {}
        for term in self.positive_terms:
            for n in term.needles:
                seen.setdefault(n, None)
        return list(seen)

    def __bool__(self) -> bool:
        return bool(self.groups or self.exclude or self.everything)


_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_OR_WORDS = {"OR", "|", "ｏｒ", "ＯＲ", "or"}


def make_term(text: str) -> Term | None:
    text = text[:MAX_TERM_CHARS]
    surface = fold(_clean(text))
    if not surface:
        return None
    needles = [surface]
    variant = variant_key(text)
    if variant and variant != surface:
        needles.append(variant)
    return Term(text=text.strip(), needles=tuple(needles))


def parse_query(raw: str) -> Query:
    """Read ``協働 委託 OR 指定管理 -補助 "市民 活動"``: space = AND, OR, -word = NOT, "phrase".

    Never raises: stray quotes close at the end, a lone ``-`` or ``OR`` is ignored, control
    characters are dropped, and input is cut at 500 characters and 10 terms. Words inside a
    phrase are joined (spaces never matter in Japanese text).
    """
    raw = unicodedata.normalize("NFKC", _clean(raw or ""))[:MAX_QUERY_CHARS]
    query = Query()
    pending_or = False
    count = 0
    for match in _TOKEN_RE.finditer(raw):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            if word in _OR_WORDS:
                pending_or = bool(query.groups)
                continue
            negated = "-" if word.startswith("-") else ""
            word = word[1:] if negated else word
            text = word
        else:
            text = phrase
        term = make_term(text)
        if term is None:
            continue
        count += 1
        if count > MAX_TERMS:
            break
        if negated:
            query.exclude.append(term)
            pending_or = False
        elif pending_or:
            query.groups[-1].append(term)
            pending_or = False
        else:
            query.groups.append([term])
    return query


def term_matches(term: Term, norm: str) -> bool:
    return any(n in norm for n in term.needles)


def scan_match(query: Query, norm: str) -> bool:
    """The reference: does ``norm`` satisfy ``query``? (What the indexes must agree with.)"""
    if not query:
        return False
    if query.everything and not query.groups:
        return not any(term_matches(t, norm) for t in query.exclude)
    return all(any(term_matches(t, norm) for t in group) for group in query.groups) and not any(
        term_matches(t, norm) for t in query.exclude
    )


# --- highlighting ------------------------------------------------------------------------------

SNIPPET_BEFORE = 40
SNIPPET_CHARS = 160


@functools.lru_cache(maxsize=8192)
def _char_key(c: str) -> str:
    # fold of one character: a page of results repeats the same few hundred characters.
    return fold(c)


def _surface_map(text: str) -> tuple[str, list[int]]:
    """fold of ``text`` char by char, with each key character's original index."""
    keys = [_char_key(c) for c in text]
    surface = "".join(keys)
    if len(surface) == len(text):  # one key character per character: the usual case
        return surface, list(range(len(text)))
    where: list[int] = []
    for i, k in enumerate(keys):
        where.extend([i] * len(k))
    return surface, where


def _variant_map(morphemes: Sequence) -> tuple[str, list[tuple[int, int]]]:
    """Normalized-form key of the text morpheme by morpheme, with each morpheme's span."""
    out: list[str] = []
    where: list[tuple[int, int]] = []
    for m in morphemes:
        k = fold(m.normalized_form())
        out.append(k)
        where.extend([(m.begin(), m.end())] * len(k))
    return "".join(out), where


def _reading_map(morphemes: Sequence) -> tuple[str, list[tuple[int, int]]]:
    """Reading key of the text morpheme by morpheme, with each morpheme's span."""
    out: list[str] = []
    where: list[tuple[int, int]] = []
    for m in morphemes:
        k = fold(morpheme_reading(m))
        out.append(k)
        where.extend([(m.begin(), m.end())] * len(k))
    return "".join(out), where


def _find_all(haystack: str, needle: str) -> Iterable[int]:
    start = haystack.find(needle)
    while start >= 0 and needle:
        yield start
        start = haystack.find(needle, start + 1)


def match_spans(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` (original characters) where one of ``needles`` was found, merged."""
    text = _clean_keep_length(text)
    spans: list[tuple[int, int]] = []
    surface, where = _surface_map(text)
    for needle in needles:
        for start in _find_all(surface, needle):
            spans.append((where[start], where[start + len(needle) - 1] + 1))
    if not spans and needles:
        # Found only through the normalized form (申込 for 申し込み): mark whole morphemes.
        # Or through the reading (こどもあみーご for 子どもアミーゴ): whole morphemes too.
        # One SudachiPy pass serves both (it is most of a result page's highlighting time).
        from kyodo.core.text import _morphemes  # the shared SudachiPy tokenizer

        try:
            morphemes = list(_morphemes(text))
        except Exception:  # highlighting must never break a result page
            morphemes = []
        for mapping in (_variant_map, _reading_map):
            try:
                keyed, where_keyed = mapping(morphemes)
            except Exception:  # highlighting must never break a result page
                keyed, where_keyed = "", []
            for needle in needles:
                for start in _find_all(keyed, needle):
                    spans.append((where_keyed[start][0], where_keyed[start + len(needle) - 1][1]))
            if spans:
                break
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


@functools.lru_cache(maxsize=8192)
def _clean_char(c: str) -> str:
    return " " if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\n\r" else c


def _clean_keep_length(s: str) -> str:
    return "".join([_clean_char(c) for c in s])


def snippet(text: str, needles: Sequence[str], length: int = SNIPPET_CHARS) -> SafeString:
    """A piece of ``text`` around the first hit, HTML-escaped, hits wrapped in ``<mark>``."""
    return _snippet(text or "", tuple(needles), length)


# The same words bring the same pages back, and a hit found only through another field or a
# reading costs a SudachiPy pass over its whole text: each process keeps its latest snippets.
@functools.lru_cache(maxsize=512)
def _snippet(text: str, needles: tuple[str, ...], length: int) -> SafeString:
    spans = match_spans(text, needles)
    start = 0
    if spans and spans[0][0] > SNIPPET_BEFORE:
        start = spans[0][0] - SNIPPET_BEFORE
    end = min(len(text), start + length)
    parts = ["…" if start > 0 else ""]
    cursor = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # every piece of text is escaped above


def highlight(text: str, needles: Sequence[str]) -> SafeString:
    """All of ``text`` (a result's title), HTML-escaped, its hits wrapped in ``<mark>`` as in
    :func:`snippet`."""
    return _highlight(text or "", tuple(needles))


@functools.lru_cache(maxsize=512)
def _highlight(text: str, needles: tuple[str, ...]) -> SafeString:
    parts, cursor = [], 0
    for s, e in match_spans(text, needles) if needles else []:
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # every piece of text is escaped above


# The roles a committee's speaker labels name; the longest first, so that 「副委員長」 is not read
# as 委員長 and 「委員長」 not as 委員.
ROLE_WORDS = ("副委員長", "委員長", "委員")


def speaker_role(label: str | None, *, whole: bool = False) -> str:
    """委員長 / 副委員長 / 委員 for a speaker label (「熊田委員」 → 委員), "" for anyone else.

    ``whole=True`` reads a search filter: only the role word itself names the role (「委員」 finds
    every member's statements, 「熊田委員」 is a person).
    """
    label = "".join((label or "").split())
    if whole:
        return label if label in ROLE_WORDS else ""
    for word in ROLE_WORDS:
        if label.endswith(word):
            return word
    return ""


def label_keys(label: str | None) -> list[str]:
    """The keys a printed speaker label is found under: the folded label and, for a full name
    printed with its space (「坂口　美和委員」, minutes printing names), the surname with the
    role too (「坂口委員」), as people name a member. Read from the label alone, so that confirmed
    minutes are found by what they froze."""
    label = (label or "").strip()
    keys = [fold(label)] if label else []
    role = speaker_role(label)
    parts = label.removesuffix(role).split() if role else []
    if len(parts) > 1 and (surname := fold(parts[0] + role)) not in keys:
        keys.append(surname)
    return keys


def speaker_matches(wanted: str | None, label: str | None) -> bool:
    """Whether a speaker filter finds a statement printed under ``label`` (the statements API):
    a role word (委員長, 副委員長, 委員) finds the labels of that role; anything else a whole label
    (「熊田委員長」, 「坂口委員」 for 「坂口　美和委員」, 「事務局」) or part of the name a label
    prints (「熊田」, 「坂口 美和」, 「美和」), never part of a bare role (「委」)."""
    wanted = "".join((wanted or "").split())
    if not wanted:
        return True
    if wanted in ROLE_WORDS:
        return speaker_role(label) == wanted
    key = fold(wanted)
    if not key:
        return False
    keys = label_keys(label)
    role = fold(speaker_role(label))
    return key in keys or any(key in k.removesuffix(role) for k in keys if k != role)
