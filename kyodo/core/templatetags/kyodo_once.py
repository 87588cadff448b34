"""``{% once [value …] %}…{% endonce %}``: a fragment of the layout rendered once per process.

A builtin (settings.TEMPLATES). The site's layout writes the same header links, menus, search
box and footer on every page: dozens of ``{% url %}``, ``{% translate %}`` and ``{% static %}``
tags, ``{% if %}`` tests and lookups, about 0.4 ms of every page's rendering. What is inside
``{% once %}`` is rendered the first time and its HTML kept on the node, keyed by the language,
the script prefix, the autoescaping and the values given to the tag (``{% once center.name %}``):
the fragment must depend on nothing else. Personal or per-request values (the user, the CSRF
token, the current path, messages) stay outside, between fragments. A value that cannot be a
key (a list) renders the fragment every time. Each node keeps at most ``MAX_KEPT`` fragments.
"""

from __future__ import annotations

import weakref

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

MAX_KEPT = 64
_nodes: weakref.WeakSet[OnceNode] = weakref.WeakSet()


class OnceNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values
        self.kept: dict[tuple, str] = {}
        _nodes.add(self)

    def render(self, context):
        key = (
            get_language(),
            get_script_prefix(),
            context.autoescape,
            *(value.resolve(context) for value in self.values),
        )
        try:
            html = self.kept.get(key)
        except TypeError:  # a value that is no key
            return self.nodelist.render(context)
        if html is None:
            html = mark_safe(self.nodelist.render(context))
            if len(self.kept) >= MAX_KEPT:
                self.kept.clear()
            self.kept[key] = html
        return html


@register.tag("once")
def do_once(parser, token):
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist, values)


def forget() -> None:
    """Drop every kept fragment (tests that change translations or URLs in place)."""
    for node in _nodes:
        node.kept.clear()


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {
        "LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "USE_I18N", "ROOT_URLCONF", "STATIC_URL",
        "STORAGES",
    }:  # fmt: skip
        forget()
