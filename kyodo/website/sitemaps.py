"""sitemap.xml: every public page, from the same querysets the pages use (listed events and
groups, each committee's page, published news and case studies, confirmed minutes and the
monthly reports they heard)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kyodo.events.models import Event
from kyodo.organizations.models import Organization
from kyodo.website.models import Page
from kyodo.website.selectors import published_news


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "website:home",
            "website:news",
            "website:sitemap-page",
            "events:list",
            "events:calendar",
            "organizations:directory",
            "organizations:apply",
            "committees:index",
            "collaboration:index",
            "collaboration:calls",
            "contact:form",
        ] + [f"page:{slug}" for slug in Page.Slug.values if slug != Page.Slug.HOME]

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
        return Event.objects.visible().order_by("date", "pk")

    def lastmod(self, item):
        return item.updated_at


class GroupSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Organization.objects.listed().order_by("reading_order", "pk")

    def location(self, item):
        return reverse("organizations:detail", args=[item.pk])


class MinutesSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        from kyodo.committees.models import Minutes

        return Minutes.objects.published().order_by("pk")

    def location(self, item):
        return reverse("committees:minutes", args=[item.pk])


class HeardReportSitemap(Sitemap):
    # The monthly reports published minutes heard (報告資料), as handed out: never a report of
    # minutes not published, nor one not handed out (its figures would still change).
    changefreq = "yearly"

    def items(self):
        from kyodo.reports.selectors import published_heard_reports

        return published_heard_reports()

    def location(self, item):
        return reverse("committees:minutes-report", args=[item.minutes_pk, item.pk])


class CommitteeSitemap(Sitemap):
    # Each body's page but the first's, which is the section's page (committees:index above).
    changefreq = "monthly"

    def items(self):
        from kyodo.committees.models import Committee

        return list(Committee.objects.order_by("pk").values_list("slug", flat=True)[1:])

    def location(self, item):
        return reverse("committees:committee", args=[item])


class CaseSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        from kyodo.collaboration.selectors import published_collaborations

        return published_collaborations().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "site": StaticSitemap,
    "news": NewsSitemap,
    "events": EventSitemap,
    "groups": GroupSitemap,
    "committees": CommitteeSitemap,
    "minutes": MinutesSitemap,
    "reports": HeardReportSitemap,
    "collaboration": CaseSitemap,
}
