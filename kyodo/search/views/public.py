from __future__ import annotations

from kyodo.search.views.common import search_page


def index(request):
    # Confirmed minutes, published events and registered groups: what anyone may read.
    return search_page(request, staff=False, template="search/public/search.html")
