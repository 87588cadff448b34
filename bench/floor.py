"""The benchmarks' WSGI application: Kyodo, plus a hello-world floor outside Kyodo's middleware.

``/__floor__`` is answered by a Django view through Django's own request handler and URL
resolver, in the same gunicorn worker as Kyodo, but with no middleware at all: what the same
Django and server cost before Kyodo adds anything. Every other path is Kyodo's application,
unchanged (kyodo.wsgi).
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")

from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import path

from kyodo.wsgi import application as kyodo_application

FLOOR_PATH = "/__floor__"


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [path(FLOOR_PATH.lstrip("/"), hello)]


class FloorHandler(WSGIHandler):
    """Django's WSGI handler with an empty middleware chain and this module's URLs."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []

        def chain(request):
            request.urlconf = __name__
            return self._get_response(request)

        self._middleware_chain = chain


floor_application = FloorHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == FLOOR_PATH:
        return floor_application(environ, start_response)
    return kyodo_application(environ, start_response)
