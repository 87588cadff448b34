from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kyodo.events.models import Event
from kyodo.website.models import Page
from kyodo.website.selectors import published_news


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["website:home", "website:news", "events:list", "events:calendar"] + [
            f"page:{slug}" for slug in Page.Slug.values if slug != Page.Slug.HOME
        ]

    def location(self, item):
        if item.startswith("page:"):
            return reverse("website:page", kwargs={"slug": item.removeprefix("page:")})
        return reverse(item)


class NewsSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return published_news()

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.exclude(status=Event.Status.DRAFT).order_by("date", "pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"site": StaticSitemap, "news": NewsSitemap, "events": EventSitemap}
