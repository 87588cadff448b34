from django.contrib.sitemaps.views import sitemap
from django.urls import path

from kyodo.website.feeds import EventsAtomFeed, EventsRSSFeed, NewsAtomFeed, NewsRSSFeed
from kyodo.website.sitemaps import SITEMAPS
from kyodo.website.views import display, public

app_name = "website"

urlpatterns = [
    path("", public.home, name="home"),
    path("news/", public.news_list, name="news"),
    path("news/<int:pk>/", public.news_detail, name="news-detail"),
    path(
        "news/<int:pk>/attachments/<int:attachment_id>/",
        public.news_attachment,
        name="news-attachment",
    ),
    path("news/feed/rss/", NewsRSSFeed(), name="news-rss"),
    path("news/feed/atom/", NewsAtomFeed(), name="news-atom"),
    # Reached although "events/" is included earlier: that include has no feed/ route.
    path("events/feed/rss/", EventsRSSFeed(), name="events-rss"),
    path("events/feed/atom/", EventsAtomFeed(), name="events-atom"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", public.robots_txt, name="robots"),
    path("favicon.ico", public.favicon, name="favicon"),
    path("sitemap/", public.sitemap_page, name="sitemap-page"),
    path("display/", display.display_settings, name="display"),
    path("access/map/", public.access_map, name="access-map"),
    path("<slug:slug>/", public.page, name="page"),
]
