"""``{% japanese_parts %}…{% end_japanese_parts %}``: Japanese content marked as such on English pages.

With 「English」 chosen, the page is ``<html lang="en">`` but what comes from the database (the
titles of events and minutes, group names, bodies, the center's name) stays Japanese; without a
``lang="ja"`` around it an English voice reads it as noise (WCAG 3.1.2 Language of Parts). The
interface's own words are English then, so every run of Japanese text in the fragment is content:
each gets ``<span lang="ja">``. Elements whose content cannot hold a ``<span>`` (``<option>``,
``<textarea>``, ``<title>``, scripts …) are marked on the element itself when they are not already;
anything already inside a ``lang`` attribute is left alone. In Japanese the fragment is unchanged
and costs nothing.
"""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Hiragana, katakana (and its half-width forms), kanji (extension B and later too), 々〆ー and the
# Japanese punctuation 「」、。・ and full-width forms that only appear in Japanese text.
_JAPANESE = (
    "\u3000-\u303f\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff01-\uff9f\U00020000-\U0003134f"
)
_SCRIPT = "\u3041-\u3096\u30a1-\u30fa\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
_HAS_JAPANESE = re.compile(f"[{_SCRIPT}]")
_SEGMENT = re.compile(f"[{_JAPANESE}]+")
# What may stand between two pieces of Japanese in one run: digits, Latin letters, spaces and
# the punctuation of names and dates (「令和8年12月6日(日)」, 「NPO法人 西東京の会」), but not
# two English words in a row (「令和8年度 Annual report for 令和8年」 is two runs).
_GAP = re.compile(r"[\s0-9A-Za-z０-９Ａ-Ｚａ-ｚ()（）.,\-‐/〜~&・]*")
_ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]")
# Digits and Latin letters written onto the Japanese before it (「12月」, 「NPO法人」).
_ATTACHED = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+$")
_TOKEN = re.compile(
    r"<!--.*?-->|<!.*?>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|[^<]+|<",
    re.S,
)
_LANG_ATTR = re.compile(r"""\slang\s*=""", re.I)
# Elements whose text cannot take a <span>: the element itself is marked.
_TEXT_ONLY = {"option", "textarea", "title", "script", "style", "template", "svg", "math"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


def _runs(text: str) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for segment in _SEGMENT.finditer(text):
        start, end = segment.span()
        if runs:
            gap = text[runs[-1][1] : start]
            if _GAP.fullmatch(gap) and not _ENGLISH_WORDS.search(gap):
                runs[-1] = (runs[-1][0], end)
                continue
        attached = _ATTACHED.search(text, 0, start)
        if attached is not None and (not runs or attached.start() >= runs[-1][1]):
            start = attached.start()
        runs.append((start, end))
    # A closing parenthesis after a piece whose opening one is inside: 「…6日(日」 ends at 「)」.
    for i, (start, end) in enumerate(runs):
        piece = text[start:end]
        opened = piece.count("(") + piece.count("（") - piece.count(")") - piece.count("）")
        if opened > 0 and text[end : end + 1] in (")", "）"):
            runs[i] = (start, end + 1)
    return runs


def _wrap(text: str) -> str:
    out, cursor = [], 0
    for start, end in _runs(text):
        out.append(text[cursor:start])
        out.append(f'<span lang="ja">{text[start:end]}</span>')
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def mark_japanese(html: str) -> str:
    """``html`` with each run of Japanese text in ``<span lang="ja">``."""
    if not _HAS_JAPANESE.search(html):
        return html
    out: list[str] = []
    # The open elements that already say their language or cannot hold a span, by name.
    skip_tag, skip_depth = None, 0
    for match in _TOKEN.finditer(html):
        token = match.group(0)
        closing, tag = match.group(1), match.group(2)
        if tag is not None:
            tag = tag.lower()
            if skip_tag is not None:
                if tag == skip_tag and not token.endswith("/>"):
                    skip_depth += -1 if closing else 1
                    if skip_depth == 0:
                        skip_tag = None
            elif not closing and tag not in _VOID and not token.endswith("/>"):
                attrs = match.group(3) or ""
                if _LANG_ATTR.search(attrs):
                    skip_tag, skip_depth = tag, 1
                elif tag in _TEXT_ONLY:
                    skip_tag, skip_depth = tag, 1
                    end = html.find(f"</{tag}", match.end())
                    inner = html[match.end() : end if end != -1 else len(html)]
                    if tag in ("option", "textarea") and _HAS_JAPANESE.search(inner):
                        token = f'<{tag} lang="ja"{attrs}>'
            out.append(token)
        elif skip_tag is None and token[0] != "<" and _HAS_JAPANESE.search(token):
            out.append(_wrap(token))
        else:
            out.append(token)
    return "".join(out)


class JapanesePartsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        language = get_language() or ""
        if language == "ja" or language.startswith("ja-"):
            return html
        return mark_safe(mark_japanese(html))


@register.tag("japanese_parts")
def do_japanese_parts(parser, token):
    nodelist = parser.parse(("end_japanese_parts",))
    parser.delete_first_token()
    return JapanesePartsNode(nodelist)
