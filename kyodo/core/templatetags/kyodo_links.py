"""``{% url %}`` as Django's, each distinct link reversed once per process (kyodo.core.links).

A template builtin (settings.TEMPLATES), loaded after Django's own, so every template's
``{% url %}`` is this one; the syntax, ``as var`` and the errors are Django's.
"""

from __future__ import annotations

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from kyodo.core.links import reverse_once

register = template.Library()


class URLOnceNode(defaulttags.URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_once(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return URLOnceNode(node.view_name, node.args, node.kwargs, node.asvar)
