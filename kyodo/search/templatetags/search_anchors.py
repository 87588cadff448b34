"""``{% entry_anchor minutes section.category item.number forloop.counter0 %}`` → ``entry-<pk>``.

The minutes document is rendered from plain ``kyodo.minutes_text`` entries, which carry no
database id; this tag finds the ``MinutesEntry`` pk of the n-th entry of an item (one query per
minutes, cached for the rendering), so that search results can link to ``#entry-<pk>``.
"""

from __future__ import annotations

from django import template

register = template.Library()


def _anchors(minutes) -> dict[tuple[str, int, int], int]:
    from kyodo.committees.models import AgendaItem, MinutesEntry

    heading = {str(c): AgendaItem.CATEGORY_JA[c] for c in AgendaItem.CATEGORY_ORDER}
    rows = (
        MinutesEntry.objects.filter(item__meeting_id=minutes.meeting_id)
        .order_by("item_id", "position", "pk")
        .values_list("pk", "item__category", "item__number", "item_id")
    )
    anchors: dict[tuple[str, int, int], int] = {}
    index: dict[int, int] = {}
    for pk, category, number, item_id in rows:
        n = index.get(item_id, 0)
        index[item_id] = n + 1
        anchors[(heading.get(category, ""), number, n)] = pk
    return anchors


@register.simple_tag(takes_context=True)
def entry_anchor(context, minutes, category: str, item_number: int, index: int) -> str:
    if minutes is None or getattr(minutes, "meeting_id", None) is None:
        return ""
    cache = context.render_context.setdefault("search_entry_anchors", {})
    if minutes.pk not in cache:
        cache[minutes.pk] = _anchors(minutes)
    pk = cache[minutes.pk].get((category, item_number, index))
    return f"entry-{pk}" if pk else ""
