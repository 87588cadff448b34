from django.contrib.syndication.views import Feed
from django.template.defaultfilters import linebreaksbr
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from kyodo.core.markup import render_markdown
from kyodo.core.models import Center
from kyodo.core.wareki import format_time_ja, format_time_range_ja, format_wareki
from kyodo.events.models import Event
from kyodo.website.selectors import published_news


class NewsRSSFeed(Feed):
    description = _("News from the center")

    def title(self):
        center = Center.objects.current()
        return f"{center.name if center else 'Kyodo'} {_('News')}"

    def link(self):
        return "/news/"

    def items(self):
        return published_news()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render_markdown(item.body)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class NewsAtomFeed(NewsRSSFeed):
    feed_type = Atom1Feed
    subtitle = NewsRSSFeed.description


class EventsRSSFeed(Feed):
    """The public events, latest date first: what is planned and what was held lately."""

    description = _("Events of the center")

    def title(self):
        center = Center.objects.current()
        return f"{center.name if center else 'Kyodo'} {_('Events')}"

    def link(self):
        return "/events/"

    def items(self):
        return (
            Event.objects.visible()
            .select_related("series", "venue")
            .order_by("-date", "-start_time", "-pk")[:30]
        )

    def item_title(self, item):
        if item.status == Event.Status.CANCELLED:
            # 「（中止）」: full-width brackets with no space before them, as the event pages
            # write it (kyodo/events/facts.py).
            opening, closing = pgettext("brackets", " ("), pgettext("brackets", ")")
            return f"{item.name}{opening}{pgettext('event status', 'Cancelled')}{closing}"
        return item.name

    def item_description(self, item):
        when = format_wareki(item.date)
        if item.start_time and item.end_time:
            when += " " + format_time_range_ja(item.start_time, item.end_time)
        elif item.start_time:
            when += " " + format_time_ja(item.start_time)
        lines = [when, item.venue_name, item.theme or item.description]
        # The description is HTML in both feeds (RSS <description>, Atom type="html"): staff
        # typed plain text, so it is escaped here and the feed escapes it again as XML. Escaped
        # once only, "<b>" typed by staff would be live markup in a feed reader.
        return linebreaksbr(escape("\n".join(line for line in lines if line)))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class EventsAtomFeed(EventsRSSFeed):
    feed_type = Atom1Feed
    subtitle = EventsRSSFeed.description
