from __future__ import annotations

from kyodo.core.permissions import staff_required
from kyodo.search.views.common import search_page


@staff_required
def index(request):
    # Also draft minutes, unpublished events, groups not (yet) registered and consultations.
    return search_page(request, staff=True, template="search/staff/search.html")
