"""Markdown written by staff, rendered to HTML and sanitised: only plain document markup survives."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


# Texts up to this length are kept rendered (per process): the same page text is rendered on
# every view of its page, and building the Markdown converter alone costs about 1 ms.
_CACHED_TEXT_MAX = 20_000


def render_markdown(text: str) -> SafeString:
    text = text or ""
    if len(text) <= _CACHED_TEXT_MAX:
        return mark_safe(_render_cached(text))  # sanitised by nh3 in _render
    return mark_safe(_render(text))  # sanitised by nh3 in _render


@lru_cache(maxsize=512)
def _render_cached(text: str) -> str:
    return _render(text)


def _render(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    # Headings start at h2 (the page's own title is its only h1) and keep their order, whether
    # the writer began with # or ##: the text's highest heading becomes h2.
    levels = [int(n) for n in re.findall(r"<h([1-6])>", html)]
    if levels:
        shift = 2 - min(levels)
        html = re.sub(
            r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 4)}>", html
        )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return str(cleaned)
