import gc
import logging
import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Do in the worker's start what its first requests would otherwise each pay for (about a
    second each on the demo, 0.1–0.3 s once warm): import the URLconf and with it every view
    (the minutes parser compiles its ~700 patterns on import), fill the URL resolvers, load the
    Japanese catalogues, the template tags and the static files' manifest, compile Kyodo's
    templates, and import the PDF and spreadsheet writers with the body font of the PDFs.
    A worker is ready about two seconds later (bench/reports.py, docs/benchmarks.md) and holds
    about 10 MB more than one that has served those pages.

    Nothing here is needed for correctness: a failure is logged and left to the request that
    meets it, so that a worker starts (and says what is wrong) as it did without the warm-up.
    """
    from pathlib import Path

    from django.conf import settings
    from django.template import engines
    from django.urls import URLResolver, get_resolver
    from django.urls.resolvers import get_ns_resolver
    from django.utils import translation

    log = logging.getLogger(__name__)

    def resolvers(resolver: URLResolver):
        yield resolver
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from resolvers(pattern)

    def namespaces(resolver: URLResolver, prefix: str = "", converters: dict | None = None):
        # What reverse("reports-staff:…") builds once per namespace (django.urls.base.reverse).
        for extra, inner in resolver.namespace_dict.values():
            inner_converters = {**(converters or {}), **inner.pattern.converters}
            yield get_ns_resolver(prefix + extra, inner, tuple(inner_converters.items()))
            yield from namespaces(inner, prefix + extra, inner_converters)

    try:
        with translation.override(settings.LANGUAGE_CODE):
            root = get_resolver()
            for resolver in [*resolvers(root), *namespaces(root)]:
                resolver.reverse_dict  # noqa: B018 (fills the resolver's tables)
                for pattern in resolver.url_patterns:
                    pattern.pattern.regex  # noqa: B018 (compiled on first use)
            from django.contrib.staticfiles.storage import staticfiles_storage

            staticfiles_storage.base_url  # noqa: B018 (reads the manifest)
            package = Path(__file__).resolve().parent
            for engine in engines.all():
                for directory in map(Path, engine.template_dirs):
                    if not directory.is_relative_to(package):
                        continue
                    for path in sorted(directory.rglob("*.html")):
                        try:
                            engine.get_template(path.relative_to(directory).as_posix())
                        except Exception:
                            pass  # said by the page that uses it, as before
        import openpyxl  # noqa: F401
        import reportlab.platypus  # noqa: F401

        from kyodo.core.pdf_fonts import pdf_fonts

        pdf_fonts()
    except Exception:
        log.exception("Warming up the worker failed; its first requests do it instead")


# Not in the development server: it restarts on every change of the code, and runs the URLconf
# check before serving anyway.
if sys.argv[1:2] != ["runserver"]:
    warm_up()

# What start-up made (modules, settings, the app registry, the models, and what warm_up()
# loaded) lives as long as the process. Frozen, the garbage collector's full passes no longer
# walk it: one such pass over a worker's ~130,000 start-up objects took about 90 ms every few
# hundred requests, the slowest page of those hundreds.
gc.freeze()
