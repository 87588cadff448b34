"""``{% extends %}`` as Django's, with the root layout's blocks found once per compiled template.

A builtin library (settings.TEMPLATES), so every ``{% extends %}`` is this one. Django's
``ExtendsNode.render`` walks the whole root template (the site's or the staff area's layout,
every ``{% if %}`` and ``{% for %}`` in it) for its ``{% block %}`` nodes at every render of
every page: about a tenth of a static page's rendering. A compiled template never changes (the
cached loader keeps it; a template edited while ``runserver`` reloads is a new object), so its
blocks are looked up once and kept on it.
"""

from __future__ import annotations

from django import template
from django.template.base import TextNode
from django.template.loader_tags import (
    BLOCK_CONTEXT_KEY,
    BlockContext,
    BlockNode,
    ExtendsNode,
)
from django.template.loader_tags import do_extends as django_extends

register = template.Library()

_ATTRIBUTE = "_kyodo_root_blocks"


def root_blocks(compiled_parent) -> dict[str, BlockNode] | None:
    """The blocks of ``compiled_parent`` when it is the root (it extends nothing), else None:
    what ``ExtendsNode.render`` computes each time, kept on the template."""
    try:
        return getattr(compiled_parent, _ATTRIBUTE)
    except AttributeError:
        pass
    blocks = None
    for node in compiled_parent.nodelist:
        # The ExtendsNode has to be the first non-text node.
        if not isinstance(node, TextNode):
            if not isinstance(node, ExtendsNode):
                blocks = {n.name: n for n in compiled_parent.nodelist.get_nodes_by_type(BlockNode)}
            break
    setattr(compiled_parent, _ATTRIBUTE, blocks)
    return blocks


class ExtendsOnceNode(ExtendsNode):
    def render(self, context):
        # ExtendsNode.render, the root's blocks read from root_blocks().
        compiled_parent = self.get_parent(context)
        if BLOCK_CONTEXT_KEY not in context.render_context:
            context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context = context.render_context[BLOCK_CONTEXT_KEY]
        block_context.add_blocks(self.blocks)
        blocks = root_blocks(compiled_parent)
        if blocks is not None:
            block_context.add_blocks(blocks)
        with context.render_context.push_state(compiled_parent, isolated_context=False):
            return compiled_parent._render(context)


@register.tag("extends")
def do_extends(parser, token):
    node = django_extends(parser, token)
    return ExtendsOnceNode(node.nodelist, node.parent_name)
