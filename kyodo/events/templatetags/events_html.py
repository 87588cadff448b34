"""The events' HTML written in Python rather than by included templates:

- ``{% event_facts %}``: the facts of the context's ``event`` (kyodo/events/facts.py), as
  ``events/_event_facts.html`` wrote them; ``facts_only`` in the context leaves out the
  applications.
- ``{% event_articles events %}``: the public list's articles (kyodo/events/facts.py), as
  ``events/_event_articles.html`` writes them.
- ``{% application_fields form %}``: ``events/_application_fields.html`` for an application form
  (kyodo/events/application_html.py).
- ``{% series_dates event as dates %}``: the public dates of the event's series.
"""

from __future__ import annotations

from django import template

from kyodo.events import selectors
from kyodo.events.application_html import application_fields_html
from kyodo.events.facts import event_articles_html, event_facts_html

register = template.Library()


@register.simple_tag(takes_context=True)
def event_facts(context, facts_only: bool = False):
    return event_facts_html(context["event"], facts_only=facts_only or context.get("facts_only"))


@register.simple_tag
def event_articles(events):
    return event_articles_html(events)


@register.simple_tag
def application_fields(form):
    return application_fields_html(form)


@register.simple_tag
def series_dates(event):
    """The dates of ``event``'s series the public may open (``selectors.series_dates``), for
    the public page of one date: 全N回 and links to the others. Call only for an event in a
    series (``event.series_id``): an event outside one costs nothing."""
    return selectors.series_dates(event.series_id)
