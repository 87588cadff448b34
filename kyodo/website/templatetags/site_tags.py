"""Tags of the public base template: the breadcrumbs (from the page's own <title> block); and the
home page's lists, written by kyodo/website/rendering.py."""

from __future__ import annotations

import secrets

from django import template
from django.template.loader import render_to_string
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from kyodo.website import rendering
from kyodo.website.breadcrumbs import structured_data, trail
from kyodo.website.selectors import tel_href

register = template.Library()


def _block_text(context, name: str) -> str:
    """The text the current page's ``name`` block renders to (its most derived version)."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    with context.push(block=block):
        html = block.nodelist.render(context)
    # The block's text is HTML (escaped); the label is plain text again, escaped when shown.
    from html import unescape

    return " ".join(unescape(strip_tags(html)).split())


# The display switches (website/_display_tools.html) are the same for every page but for the
# page's own address and the visitor's CSRF token: rendered once per language and display setting
# with a marker in their place, which each page then replaces (about a seventh of a public page's
# rendering otherwise). The markers are letters and digits, unchanged by escaping.
_NEXT_MARK = f"kyodonext{secrets.token_hex(8)}"
_TOKEN_MARK = f"kyodotoken{secrets.token_hex(8)}"
_display_tools: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def display_tools(context):
    display = context.get("display")
    key = (get_language(), display)
    html = _display_tools.get(key)
    if html is None:
        html = _display_tools[key] = render_to_string(
            "website/_display_tools.html",
            {"display": display, "next": _NEXT_MARK, "csrf_token": _TOKEN_MARK},
        )
    request = context.get("request")
    token = context.get("csrf_token")
    return mark_safe(
        html.replace(
            _NEXT_MARK, conditional_escape(request.get_full_path() if request else "")
        ).replace(_TOKEN_MARK, conditional_escape(token) if token else "")
    )


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """``website/_breadcrumbs.html`` for the page (kyodo/website/rendering.py)."""
    request = context.get("request")
    crumbs = trail(request, _block_text(context, "title"), context.get("breadcrumb_parents", ()))
    data = structured_data(request, crumbs) if len(crumbs) > 1 else ""
    return rendering.breadcrumbs_html(crumbs, mark_safe(data))  # escaped for <script>


@register.filter(name="tel")
def tel_filter(phone: str) -> str:
    """``tel:042-000-0000`` for a telephone number as people write it (any width)."""
    return tel_href(phone)


@register.simple_tag
def home_events(events):
    """``website/_home_events.html``: the ``<li>`` of each event."""
    return rendering.home_events_html(events)


@register.simple_tag
def news_items(posts):
    """``website/_news_items.html``: the ``<li>`` of each news item."""
    return rendering.news_items_html(posts)
