"""Tags of the public base template: the breadcrumbs (from the page's own <title> block)."""

from __future__ import annotations

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

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


@register.inclusion_tag("website/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    crumbs = trail(request, _block_text(context, "title"), context.get("breadcrumb_parents", ()))
    data = structured_data(request, crumbs) if len(crumbs) > 1 else ""
    return {"crumbs": crumbs, "structured_data": mark_safe(data)}  # escaped for <script>


@register.filter(name="tel")
def tel_filter(phone: str) -> str:
    """``tel:042-000-0000`` for a telephone number as people write it (any width)."""
    return tel_href(phone)
