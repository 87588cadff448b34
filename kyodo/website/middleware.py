"""Middleware of the public site: the language the visitor chose, and ふりがな."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from kyodo.website.display import display_of

# Areas that are not the public site: no ふりがな there.
NOT_PUBLIC = ("/staff/", "/member/", "/group/", "/django-admin/", "/api/", "/static/", "/media/")


class SiteLanguageMiddleware(LocaleMiddleware):
    """Japanese, unless the visitor chose another language with the site's switch (the
    language cookie that ``set_language`` sets). The browser's Accept-Language is not followed:
    an English-first browser must not get an English page it did not ask for."""

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def _names():
    """The stored readings of names, read again after any write (kyodo.core.memo), never kept
    from inside a transaction."""
    from django.db import DatabaseError

    from kyodo.core.memo import until_next_write
    from kyodo.website.furigana import Names

    try:
        return until_next_write("furigana-names", _load_names)
    except DatabaseError:  # the database is down (the 503 page): the dictionary alone
        return Names({})


def _load_names():
    from kyodo.collaboration.models import Department
    from kyodo.committees.models import Member
    from kyodo.core.models import Center, User, Venue
    from kyodo.events.models import EventSeries, Guest
    from kyodo.organizations.models import Organization
    from kyodo.website.furigana import Names

    readings: dict[str, str] = {}
    sources = [
        Organization.objects.listed().values_list("name", "name_reading"),
        Member.objects.values_list("name", "name_reading"),
        User.objects.exclude(full_name="").values_list("full_name", "name_reading"),
        Venue.objects.values_list("name", "name_reading"),
        Guest.objects.values_list("name", "name_reading"),
        EventSeries.objects.values_list("name", "name_reading"),
        Department.objects.values_list("name", "name_reading"),
        Center.objects.values_list("name", "name_reading"),
    ]
    for rows in sources:
        for name, reading in rows:
            if name and reading:
                readings.setdefault(name.strip(), reading)
    return Names(readings)


class FuriganaMiddleware:
    """Adds <ruby> readings to public HTML pages for visitors who turned ふりがな on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            display_of(request).ruby
            and not request.path.startswith(NOT_PUBLIC)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            from kyodo.website.furigana import ruby_html

            charset = response.charset or "utf-8"
            html = ruby_html(response.content.decode(charset), _names())
            response.content = html.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
