"""URLs reversed once per process: ``reverse_once`` and the templates' ``{% url %}``.

Django's ``reverse()`` walks the URL resolver's tables and reads three request-local values
(the URL configuration, the script prefix and the language) through asgiref's ``Local``: about
25–30 µs here, and a public page has 30–70 links. The URL patterns do not change while a process
runs, so the same name with the same arguments always gives the same path: it is reversed once and
kept, keyed by everything ``reverse()`` depends on (the name, the arguments, the current
application namespace, the URL configuration, the script prefix and the language).

Only names and arguments that are strings or integers are kept (a model instance or a lazy string is
reversed every time, as before). A name that does not reverse raises ``NoReverseMatch`` every
time and is never kept. The table is bounded: when it holds ``MAX_ENTRIES`` paths it starts again.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

MAX_ENTRIES = 20_000
_paths: dict[tuple, str] = {}


def _keepable(values) -> bool:
    # Strings (SafeString from a template literal included) and integers; not bool, which would
    # share a key with 1 and 0 but reverse to "True" and "False".
    return all(
        isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
        for value in values
    )


def reverse_once(
    viewname: str,
    args: tuple | list = (),
    kwargs: dict | None = None,
    current_app: str | None = None,
) -> str:
    """``django.urls.reverse`` for a name and plain arguments, computed once per process."""
    args = tuple(args or ())
    items = tuple(sorted(kwargs.items())) if kwargs else ()
    if not isinstance(viewname, str) or not _keepable(args) or not _keepable(v for _, v in items):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    key = (viewname, args, items, current_app, urlconf, get_script_prefix(), get_language())
    path = _paths.get(key)
    if path is None:
        path = reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
        if len(_paths) >= MAX_ENTRIES:
            _paths.clear()
        _paths[key] = path
    return path


def forget() -> None:
    """Drop every kept path (for tests that change the URL configuration in place)."""
    _paths.clear()
