"""Japanese text: normalization for search and matching, kana folding, readings, gojūon order.

Full-width and half-width forms mean the same thing to the users (１２ / 12, ＮＰＯ / NPO), so
every comparison goes through Unicode NFKC first; there is deliberately no home-made
zenkaku/hankaku table. Spelling variants (申し込み / 申込み / 申込) are unified with SudachiPy's
normalized form, and readings are suggested from SudachiPy's dictionary.

SudachiPy is imported lazily: loading the dictionary takes a noticeable fraction of a second
and most requests never need it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sudachipy import Dictionary, Tokenizer

__all__ = [
    "gojuon_key",
    "is_reading",
    "match_key",
    "normalize_name",
    "normalize_reading",
    "normalize_text",
    "normalized_form",
    "search_key",
    "sort_by_reading",
    "suggest_reading",
    "text_matches",
    "to_hiragana",
    "to_katakana",
]

_WHITESPACE_RE = re.compile(r"\s+")

# --- kana folding ----------------------------------------------------------------------------

# Katakana ァ (U+30A1) … ヶ (U+30F6) sit exactly 0x60 above hiragana ぁ … ゖ, including
# ヴ → ゔ and the small ヵ ヶ → ゕ ゖ, so the two scripts fold into each other one to one.
_KATA_TO_HIRA: dict[int, str] = {code: chr(code - 0x60) for code in range(0x30A1, 0x30F7)}
_KATA_TO_HIRA |= {ord("ヽ"): "ゝ", ord("ヾ"): "ゞ"}
# ヷ ヸ ヹ ヺ have no hiragana letter; ゔぁ ゔぃ ゔぇ ゔぉ is how the same sound is spelt.
_KATA_TO_HIRA |= {ord("ヷ"): "ゔぁ", ord("ヸ"): "ゔぃ", ord("ヹ"): "ゔぇ", ord("ヺ"): "ゔぉ"}
_HIRA_TO_KATA: dict[int, str] = {code: chr(code + 0x60) for code in range(0x3041, 0x3097)}
_HIRA_TO_KATA |= {ord("ゝ"): "ヽ", ord("ゞ"): "ヾ"}


def to_hiragana(s: str) -> str:
    """Fold katakana to hiragana: 「サカグチ」 → 「さかぐち」, 「ヴ」 → 「ゔ」, 「ヶ」 → 「ゖ」.

    Only full-width katakana is folded; pass text through NFKC first (as
    :func:`normalize_reading` does) to fold half-width ｶﾀｶﾅ too. ー and everything else stays.
    """
    return s.translate(_KATA_TO_HIRA)


def to_katakana(s: str) -> str:
    """Fold hiragana to katakana: 「さかぐち」 → 「サカグチ」, 「ゔ」 → 「ヴ」, 「ゖ」 → 「ヶ」."""
    return s.translate(_HIRA_TO_KATA)


# --- normalization ---------------------------------------------------------------------------


def normalize_text(s: str) -> str:
    """NFKC with every run of white space (including the full-width space) made one space.

    The form stored beside original text for search and matching: 「ＮＰＯ法人　１２名」 →
    「NPO法人 12名」. Full-width/half-width conversion is NFKC and nothing else.
    """
    return _WHITESPACE_RE.sub(" ", unicodedata.normalize("NFKC", s)).strip()


# Full-width ASCII letters and digits (０ … ９, Ａ … Ｚ, ａ … ｚ) sit exactly 0xFEE0 above ASCII's.
# Full-width brackets and punctuation stay: 「（仮称）」 is how Japanese text writes them.
_FULL_WIDTH_ALNUM: dict[int, int] = {
    code: code - 0xFEE0
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}
# Half-width katakana and its punctuation (｡ … ﾟ, U+FF61–U+FF9F), with the full-width kana
# before it when the run starts with a voicing mark (「カﾞ」): NFKC joins the mark to its letter.
_HALF_WIDTH_KANA_RE = re.compile("[\u3041-\u3096\u30a1-\u30fa]?[\uff61-\uff9f]+")


def normalize_name(s: str) -> str:
    """A name (of a group, a person, an event) as it is stored: full-width ASCII letters and
    digits made half-width (brackets and punctuation stay full-width, as Japanese writes them), half-width katakana made full-width, every run of white space
    (the full-width space included) one space, no space at either end.

    「ＮＰＯ法人　みらい」 → 「NPO法人 みらい」, 「ｶﾌｪ ﾐﾗｲ」 → 「カフェ ミライ」. Unlike
    :func:`normalize_text` (NFKC on everything), full-width katakana, kanji and any other
    symbol stay as typed: NFKC would also turn 「㈱」 into 「(株)」 and 「①」 into 「1」, which the
    name's owner did not write. :func:`match_key` gives the same key to both forms of a name, so
    duplicate checks agree with what is stored.
    """
    s = s.translate(_FULL_WIDTH_ALNUM)
    s = _HALF_WIDTH_KANA_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    return _WHITESPACE_RE.sub(" ", s).strip()


# In names, the small ヶ/ヵ are the counter 箇 and read か or が, written interchangeably with
# the large ケ/カ (霞ヶ関 / 霞ケ関, 一ヵ月 / 一カ月): a matching key must not tell them apart.
_SMALL_KA_KE = str.maketrans({"ゕ": "か", "ゖ": "け"})


# Marks that join or part the words of a name without being part of it: middle dots (「・」,
# half-width 「･」 after NFKC, and the 「·」「‧」「∙」「⋅」 text converted from elsewhere brings) and
# the double hyphen of foreign names (「＝」 is "=" after NFKC, 「゠」). 「山田・花子」 is 山田花子,
# 「NPO・ひばり」 is NPOひばり. The same signs gojūon order passes over (see gojuon_key), and more.
_NAME_SEPARATORS = str.maketrans("", "", "・=゠\u00b7\u2027\u2219\u22c5")
# Hyphens, dashes and minus signs, as typed or converted: 「-」 (also 「－」「﹣」 after NFKC),
# 「‐」「‑」「‒」「–」「—」「―」「−」「⁃」「﹘」「⸺」「⸻」. They are one mark, and the same as the
# long-vowel mark ー: after kana they are ー typed with the wrong key (「センタ－」, 「ネットワ―ク」),
# and elsewhere they still tell names apart (1-23 is not 12-3). Character by character, without
# context, so that the key of a text is the keys of its characters joined: site search
# highlights matches by folding one character at a time (kyodo.search.text._surface_map).
_HYPHENS = str.maketrans(
    dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\u2e3a\u2e3b", "ー")
)


def match_key(s: str) -> str:
    """A key under which names (of people, groups, bodies) that people consider the same are
    equal. Used to match and to detect duplicates, never shown.

    NFKC, case folding, katakana → hiragana, small ヵ/ヶ → か/け; white space of any width and
    the separators 「・」「=」「゠」 (and the other middle dots) removed, as gojūon order passes over
    them; every hyphen, dash and minus sign made ー. 「ＮＰＯ法人　西東京風の会」 and
    「NPO法人西東京風の会」 give the same key, as do 「山田・花子」 and 「山田　花子」,
    「ジャン＝ポール」 and 「ジャン・ポール」, 「センタ－」 and 「センター」, 「1－23」 and 「1‐23」. What
    tells names apart stays: ー and hyphens (ビル ≠ ビール, 1-23 ≠ 12-3, Kyodo-Net ≠ KyodoNet),
    brackets (中村（正）), 「〜」, 「、」 and other punctuation. Every character has its key
    alone (no context), so the key of a text is the keys of its characters joined.
    """
    folded = to_hiragana(unicodedata.normalize("NFKC", s).casefold()).translate(_SMALL_KA_KE)
    return _WHITESPACE_RE.sub("", folded).translate(_NAME_SEPARATORS).translate(_HYPHENS)


def normalize_reading(s: str) -> str:
    """A reading as it is stored: NFKC, katakana → hiragana, white space collapsed.

    「ｻｶｸﾞﾁ　タロウ」 → 「さかぐち たろう」. One space is kept between words (family and given
    name) because it helps people read the ふりがな; sorting ignores it.
    """
    return _WHITESPACE_RE.sub(" ", to_hiragana(unicodedata.normalize("NFKC", s))).strip()


# Besides kana and ー, what real readings are written with: spaces between words, the middle
# dot between the words of a name (「ネットワーク・ヒバリガオカ」, 「ジョン・スミス」) and the
# double hyphen of foreign names (「ジャン＝ポール」, 「ジャン゠ポール」; NFKC makes ＝ "=").
_READING_CHARS = "\u3041-\u3096ゝゞー"
_READING_RE = re.compile(f"[{_READING_CHARS} ・=゠]*[\u3041-\u3096][{_READING_CHARS} ・=゠]*")
# Signs in a reading that gojūon order passes over, as it does spaces.
_READING_SEPARATORS = str.maketrans("", "", " ・=゠")


def is_reading(s: str) -> bool:
    """True when ``s`` is a reading: hiragana, ー, spaces, the middle dot 「・」 and the double
    hyphen 「=」/「゠」 only, with at least one kana (「ー」 or 「・」 alone is none).

    Check the result of :func:`normalize_reading`, so that katakana, half-width ｶﾅ and
    full-width spaces, 「･」 and 「＝」 typed by people are accepted.
    """
    return _READING_RE.fullmatch(s) is not None


# --- SudachiPy -------------------------------------------------------------------------------

_dictionary: Dictionary | None = None
_dictionary_lock = threading.Lock()
# A SudachiPy Tokenizer refuses to be used by two threads at once ("Tokenizer is already in
# use"), so each thread gets its own; they share the one Dictionary, which is the costly part.
_local = threading.local()

# SudachiPy refuses input over 49,149 UTF-8 bytes; 12,000 characters are at most 48,000 bytes.
_CHUNK_CHARS = 12_000


def _tokenizer() -> Tokenizer:
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Dictionary, SplitMode

        global _dictionary
        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = Dictionary(dict="core")
            tokenizer = _dictionary.tokenizer(mode=SplitMode.C)
        _local.tokenizer = tokenizer
    return tokenizer


def _chunks(text: str) -> Iterator[str]:
    """Split ``text`` into pieces SudachiPy accepts, at line ends or 。 where possible."""
    while len(text) > _CHUNK_CHARS:
        window = text[:_CHUNK_CHARS]
        cut = max(window.rfind("\n"), window.rfind("。"))
        cut = cut + 1 if cut > 0 else _CHUNK_CHARS
        yield text[:cut]
        text = text[cut:]
    if text:
        yield text


def _morphemes(text: str) -> Iterator[Any]:
    tokenizer = _tokenizer()
    for chunk in _chunks(text):
        yield from tokenizer.tokenize(chunk)


def normalized_form(text: str) -> str:
    """SudachiPy's normalized form of every morpheme of NFKC(``text``), concatenated.

    Spelling variants meet: 「申し込み」, 「申込み」 and 「申込」 all give 「申し込み」;
    「問合せ」 and 「問い合わせ」 give 「問い合わせ」. Inflected words become their dictionary
    form (「受け付けた」 → 「受け付けるた」), so this is a key for search and matching, never text
    to show. White space is kept. Store it beside the original, and normalize queries the same way.
    """
    return "".join(m.normalized_form() for m in _morphemes(unicodedata.normalize("NFKC", text)))


_KATAKANA_READING_RE = re.compile("[\u30a1-\u30faー]+")


def suggest_reading(name: str) -> str:
    """Suggest a hiragana reading for a name: 「坂口」 → 「さかぐち」, 「西東京市」 → 「にしとうきょうし」.

    A suggestion for staff to confirm, never stored unseen: names have readings no dictionary
    knows. Words in SudachiPy's dictionary get its reading, Latin ones too
    (「NPO法人」 → 「えぬぴーおーほうじん」). Words it does not know, including numbers (which it
    would read digit by digit, 12 → イチニ) and unknown Latin words, are kept as written, lower-cased
    (「NCH」 → 「nch」), so the suggestion then fails :func:`is_reading` and staff complete it.
    Punctuation is dropped; white space between words becomes one space.
    """
    parts: list[str] = []
    for m in _morphemes(unicodedata.normalize("NFKC", name)):
        pos = m.part_of_speech()[0]
        if pos == "空白":
            parts.append(" ")
        elif pos == "補助記号":
            continue
        elif not m.is_oov() and _KATAKANA_READING_RE.fullmatch(m.reading_form()):
            parts.append(to_hiragana(m.reading_form()))
        else:
            parts.append(m.surface().lower())
    return normalize_reading("".join(parts))


# --- gojūon order ----------------------------------------------------------------------------

_SMALL_TO_LARGE = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ", strict=True))
# The vowel each (large, unvoiced) kana ends in, for reading ー as a vowel: らーめん = らあめん.
_GOJUON_ROWS = ("あいうえお", "かきくけこ", "さしすせそ", "たちつてと", "なにぬねの")
_GOJUON_ROWS += ("はひふへほ", "まみむめも", "や・ゆ・よ", "らりるれろ", "わゐ・ゑを")
_VOWEL: dict[str, str] = {
    kana: vowel
    for row in _GOJUON_ROWS
    for kana, vowel in zip(row, "あいうえお", strict=True)
    if kana != "・"
} | {"ん": "ん"}

_DAKUTEN, _HANDAKUTEN = "\u3099", "\u309a"

# Character groups in the order of JIS X 4061: digits, Latin letters, kana, anything else.
_DIGIT, _LATIN, _KANA, _OTHER = range(4)
# Secondary and tertiary weights, compared only when the primary (base kana) ones are equal.
_PLAIN, _VOICED, _SEMI_VOICED = range(3)
_LARGE, _SMALL, _LONG = range(3)

type GojuonKey = tuple[bool, tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]


def _kana_parts(c: str) -> tuple[str, int, int] | None:
    """(large unvoiced base, voicing, size) of a hiragana letter, None for anything else."""
    if not "\u3041" <= c <= "\u3096":
        return None
    decomposed = unicodedata.normalize("NFD", c)
    base = decomposed[0]
    voicing = _PLAIN
    if decomposed[1:] == _DAKUTEN:
        voicing = _VOICED
    elif decomposed[1:] == _HANDAKUTEN:
        voicing = _SEMI_VOICED
    if base in _SMALL_TO_LARGE:
        return _SMALL_TO_LARGE[base], voicing, _SMALL
    return base, voicing, _LARGE


def gojuon_key(reading: str) -> GojuonKey:
    """Sort key putting readings in gojūon (あいうえお) order, as Japanese dictionaries do.

    Compared first by base kana alone, so that 「はし」 < 「ばす」 < 「はた」; then by voicing
    (は < ば < ぱ); then by size (よ < ょ, small kana after their large form); ー counts as the
    vowel it lengthens (らーめん sorts as らあめん, just after it). Katakana, half-width and
    full-width forms sort as their hiragana; spaces and the separators 「・」「=」「゠」 are ignored
    (「ねっとわーく・ひばりがおか」 sorts as 「ねっとわーくひばりがおか」). Digits and Latin letters come
    before kana and any other character after them (JIS X 4061 group order); the normalized
    text itself is the last key, so that the order is total and stable. An empty reading sorts
    after everything, gathering records that still lack one at the end.
    """
    text = normalize_reading(reading or "").translate(_READING_SEPARATORS)
    primary: list[tuple[int, int]] = []
    voicings: list[int] = []
    sizes: list[int] = []
    previous: str | None = None  # base of the previous kana, for ー, ゝ and ゞ
    for c in text:
        voicing, size = _PLAIN, _LARGE
        if parts := _kana_parts(c):
            previous, voicing, size = parts
            weight = (_KANA, ord(previous))
        elif c == "ー" and previous is not None:
            weight, size = (_KANA, ord(_VOWEL.get(previous, previous))), _LONG
        elif c in "ゝゞ" and previous is not None:
            weight = (_KANA, ord(previous))
            voicing = _VOICED if c == "ゞ" else _PLAIN
        elif c.isdigit():
            weight = (_DIGIT, ord(c))
        elif c.isascii() and c.isalpha():
            weight = (_LATIN, ord(c.lower()))
        else:
            weight = (_OTHER, ord(c))
        primary.append(weight)
        voicings.append(voicing)
        sizes.append(size)
    return (not text, tuple(primary), tuple(voicings), tuple(sizes), text)


def gojuon_order(reading: str) -> str:
    """:func:`gojuon_key` as text the database sorts in the same order, for ``ORDER BY`` on a
    stored column (the database compares readings code point by code point, which puts
    「しょくいん」 before 「じどう」 and 「ガーデニング」 after 「がっしょう」).

    Only hexadecimal digits, so that any collation (SQLite's, PostgreSQL's in any locale)
    orders them alike: each character's primary weight in five digits (its group, 1–4, then its
    code), a 0 closing them (a reading that is the start of another sorts first), then the
    voicings and the sizes, one digit each. An empty reading sorts last, as in gojuon_key."""
    empty, primary, voicings, sizes, _text = gojuon_key(reading)
    if empty:
        return "f"
    weights = "".join(f"{group + 1}{code:04x}" for group, code in primary)
    return weights + "0" + "".join(map(str, voicings)) + "".join(map(str, sizes))


def sort_by_reading[T](
    items: Iterable[T], key: Callable[[T], str | None] = attrgetter("reading")
) -> list[T]:
    """``items`` in gojūon order of their reading (``item.reading`` unless ``key`` says otherwise).

    Stable: items with the same reading keep their order. Missing readings go last.
    """
    return sorted(items, key=lambda item: gojuon_key(key(item) or ""))


_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def has_control_characters(s: str) -> bool:
    """True if ``s`` holds control characters other than tab and line breaks (or lone surrogates).

    Such characters arrive only by accident (a paste from another program) or by attack, and
    break CSV, PDF and mail output later; forms refuse them up front.
    """
    return any(
        (unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS)
        or unicodedata.category(c) == "Cs"
        for c in s
    )


# --- searching for people by name ------------------------------------------------------------

# Variant kanji (異体字) of names, each to the form people usually type: the registered spelling
# (渡邉, 髙橋, 𠮷岡) is kept as written, but a search by the common form must find it, and the other
# way round. Deliberately small: the variants that come up in Japanese family and given names.
# 﨑 and 𠮷 are not touched by NFKC (neither is a compatibility character), hence their lines here.
NAME_VARIANTS: dict[str, str] = {
    "邉": "辺",
    "邊": "辺",
    "齋": "斎",
    "齊": "斎",
    "斉": "斎",
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "碕": "崎",
    "𠮷": "吉",
    "濵": "浜",
    "濱": "浜",
    "澤": "沢",
    "廣": "広",
    "國": "国",
    "櫻": "桜",
    "嶋": "島",
    "嶌": "島",
    "冨": "富",
    "德": "徳",
    "惠": "恵",
    "眞": "真",
    "實": "実",
    "藏": "蔵",
    "瀧": "滝",
    "槇": "槙",
    "栁": "柳",
    "淵": "渕",
    "壽": "寿",
    "條": "条",
    "兒": "児",
    "黑": "黒",
    "彌": "弥",
    "禮": "礼",
    "淺": "浅",
    "龍": "竜",
    "曾": "曽",
}
_NAME_VARIANTS_TABLE = str.maketrans(NAME_VARIANTS)


def search_key(s: str) -> str:
    """:func:`match_key` with the usual variant kanji of names made one: the key under which a
    query and a name (or its reading) are compared when searching for people.

    White space of any width is ignored and katakana read as hiragana, so 「佐藤 花子」,
    「佐藤　花子」 and 「佐藤花子」 give one key, and 「サトウ」 finds the reading 「さとう はなこ」;
    「渡邉」「渡邊」 give 「渡辺」's key, 「齋藤」「斉藤」 「斎藤」's, 「𠮷岡」 「吉岡」's. Never shown.
    """
    return match_key(s).translate(_NAME_VARIANTS_TABLE)


def text_matches(query: str, *texts: str | None) -> bool:
    """True when ``query`` occurs in one of ``texts`` under :func:`search_key` (an empty query
    matches everything)."""
    wanted = search_key(query)
    return not wanted or any(wanted in search_key(text) for text in texts if text)
