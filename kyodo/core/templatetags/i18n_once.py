"""Django's ``i18n`` template library with ``{% translate "literal" %}`` translated once per process.

Registered under the label ``i18n`` (settings.TEMPLATES' ``libraries``), so ``{% load i18n %}``
loads this library: every tag and filter is Django's, except that ``translate``/``trans`` of a
literal message without filters keeps its result per language. Django's tag builds a lazy
translation object, renders, escapes and restores percent signs at every use (about 20 µs here,
30–60 times on every page); the catalogues do not change while a process runs, so the same
message in the same language, context and escaping always gives the same text.
"""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Variable, render_value_in_context
from django.templatetags import i18n as django_i18n
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)

_translated: dict[tuple, str] = {}


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "USE_I18N"}:
        _translated.clear()


class TranslateOnceNode(django_i18n.TranslateNode):
    def render(self, context):
        expression = self.filter_expression
        var = expression.var
        if expression.filters or not isinstance(var, Variable) or not isinstance(var.literal, str):
            return super().render(context)
        message_context = self.message_context.resolve(context) if self.message_context else None
        key = (get_language(), var.literal, message_context, self.noop, context.autoescape)
        value = _translated.get(key)
        if value is None:
            # As TranslateNode.render does.
            var.translate = not self.noop
            if self.message_context:
                var.message_context = message_context
            value = render_value_in_context(expression.resolve(context), context)
            is_safe = isinstance(value, SafeData)
            value = value.replace("%%", "%")
            value = _translated[key] = mark_safe(value) if is_safe else value
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = django_i18n.do_translate(parser, token)
    return TranslateOnceNode(node.filter_expression, node.noop, node.asvar, node.message_context)
