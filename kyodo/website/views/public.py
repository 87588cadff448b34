from pathlib import PurePath

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control

from kyodo.core.context_processors import center as center_context
from kyodo.events import selectors as event_selectors
from kyodo.website import selectors
from kyodo.website.models import AccessInfo, NewsAttachment, Page

HOME_NEWS = 5
HOME_EVENTS = 5


def home(request):
    upcoming = event_selectors.upcoming_events(limit=HOME_EVENTS)
    # Between programmes (or in the 2011 demo) the home page shows what was held lately instead.
    recent = [] if upcoming else event_selectors.recent_events(limit=HOME_EVENTS)
    return render(
        request,
        "website/home.html",
        {
            "intro": selectors.page_or_none(Page.Slug.HOME),
            "news": selectors.news_titles(HOME_NEWS),
            "events": upcoming or recent,
            "events_are_recent": not upcoming,
        },
    )


def page(request, slug: str):
    if slug not in Page.Slug.values or slug == Page.Slug.HOME:
        raise Http404
    context = {"page": selectors.page_or_none(slug), "slug": slug}
    if slug == Page.Slug.ACCESSIBILITY:
        context["statement"] = selectors.latest_accessibility_statement()
    if slug == Page.Slug.ACCESS:
        # The center the layout shows, read once for the request by its context processor.
        context["access"] = selectors.site_access(center_context(request)["center"])
    context["fallback_title"] = Page.Slug(slug).label
    return render(request, "website/page.html", context)


def news_list(request):
    return render(request, "website/news_list.html", {"posts": selectors.news_titles(100)})


def news_detail(request, pk: int):
    post = get_object_or_404(selectors.published_news(), pk=pk)
    return render(request, "website/news_detail.html", {"post": post})


def news_attachment(request, pk: int, attachment_id: int):
    # Always a download with a fixed type: an uploaded file is never rendered as a page.
    attachment = get_object_or_404(
        NewsAttachment.objects.filter(post__in=selectors.published_news()),
        pk=attachment_id,
        post_id=pk,
    )
    name = PurePath(attachment.file.name).name
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type="application/octet-stream",
    )


def access_map(request):
    # The map staff uploaded for the access page: checked as PNG or JPEG by its content when it
    # was uploaded, so it is shown as an image (not a download), with nothing else allowed.
    info = AccessInfo.objects.order_by("pk").first()
    if info is None or not info.map_image:
        raise Http404
    name = info.map_image.name.lower()
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    response = FileResponse(info.map_image.open("rb"), content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "public, max-age=3600"
    return response


def sitemap_page(request):
    # The HTML サイトマップ: every part of the public site on one page.
    return render(
        request,
        "website/sitemap.html",
        {"pages": [(slug, Page.Slug(slug).label) for slug in Page.Slug.values if slug != "home"]},
    )


@cache_control(max_age=86400, public=True)
def favicon(request):
    path = finders.find("core/favicon.ico")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("website:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /member/",
        "Disallow: /group/",
        "Disallow: /accounts/",
        "Disallow: /django-admin/",
        "Disallow: /display/",
        "Disallow: /i18n/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
