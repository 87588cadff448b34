from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from kyodo.core.markup import render_markdown
from kyodo.core.models import Center
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
