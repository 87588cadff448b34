"""``{% event_facts %}``: the facts of the context's ``event`` (kyodo/events/facts.py), as
``{% include "events/_event_facts.html" %}`` wrote them; ``facts_only`` in the context leaves
out the applications."""

from __future__ import annotations

from django import template

from kyodo.events.facts import event_facts_html

register = template.Library()


@register.simple_tag(takes_context=True)
def event_facts(context, facts_only: bool = False):
    return event_facts_html(context["event"], facts_only=facts_only or context.get("facts_only"))
