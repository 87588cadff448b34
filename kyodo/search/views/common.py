from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from kyodo.core.forms import form_fields_html
from kyodo.search.forms import SearchForm
from kyodo.search.models import SearchDocument
from kyodo.search.rendering import hits_html
from kyodo.search.selectors import search

PAGE_SIZE = 20


def search_page(request, *, staff: bool, template: str):
    form = SearchForm(request.GET or None, staff=staff)
    results = page = None
    kind_counts = []
    # Without a word, a speaker lists that speaker's statements; other filters alone find
    # nothing, which the page says (no_words) instead of showing nothing at all.
    searched = form.is_bound and form.is_valid() and form.searches()
    no_words = form.is_bound and form.is_valid() and not searched and form.has_filters()
    if searched:
        results = search(
            form.cleaned_data["q"],
            staff=staff,
            filters=form.filters(),
            sort=form.cleaned_data.get("sort") or "newest",
        )
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        kind_counts = [
            (label, results.counts[kind])
            for kind, label in SearchDocument.Kind.choices
            if results.counts.get(kind)
        ]
    context = {
        "form": form,
        "form_fields": form_fields_html(form),
        "results": results,
        "page": page,
        "staff": staff,
        "kind_counts": kind_counts,
        "no_words": no_words,
        "speaker": form.cleaned_data.get("speaker", "") if searched else "",
        "hits_html": hits_html(page.object_list, staff=staff) if page else "",
    }
    return render(request, template, context)
