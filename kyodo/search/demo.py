"""The demo's part of search: the demo loaders write their rows directly, so the index is built
from them once at the end (``kyodo demo`` runs it last)."""

from kyodo.search.indexing import reindex_all


def load_demo() -> None:
    reindex_all()
