from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kyodo.search"
    label = "search"
    verbose_name = _("Search")
    staff_menu = [(_("Search"), "search-staff:index")]
    periodic_daily = ["kyodo.search.indexing.index_news_due"]

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from kyodo.search import signals

        post_migrate.connect(signals._after_flush, sender=self, dispatch_uid="kyodo.search.flush")
        post_migrate.connect(
            signals._rebuild_after_migrate, sender=self, dispatch_uid="kyodo.search.rebuild"
        )

    def after_restore(self) -> None:
        """`kyodo restore` leaves the index out of the backup and rebuilds it from the data."""
        from kyodo.search.indexing import reindex_all

        reindex_all()
