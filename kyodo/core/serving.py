"""Serving Kyodo with gunicorn: the checks before start-up, and an access log without secrets.

Also gunicorn's configuration module, for ``kyodo serve`` and for gunicorn run by hand
(docs/deployment.md)::

    gunicorn -c python:kyodo.core.serving kyodo.wsgi:application --bind 127.0.0.1:8000

- **Access log.** Links mailed to people carry a secret in their path: whoever has the link
  reads (and cancels) an application, sets a password, confirms a submission. gunicorn's access
  log would keep every such link for anyone who reads the log; :class:`AccessLogger` writes
  ``/events/applications/…/`` instead (in the request line, the path, the query string, the
  Referer and every header). :data:`SECRET_LINKS` lists each tokenised public URL of
  ``kyodo/*/urls*.py`` (a test keeps it complete).
- **Static files.** With the manifest storage every page names hashed static files; without
  ``kyodo collectstatic``'s manifest every page is a 500. gunicorn refuses to start then
  (``on_starting``), as ``kyodo serve`` does.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from gunicorn.glogging import Logger as _GunicornLogger

# One path segment (what a token or a uidb64 is made of), "/" written as it is or encoded.
_SEP = r"(?:/|%2[Ff])"
_SEGMENT = r"[^/?#&\s\"'%]+(?:%(?!2[Ff])[0-9A-Fa-f]{2}[^/?#&\s\"'%]*)*"

# (prefix, how many secret segments follow, segments after the prefix that are pages of their own)
SECRET_LINKS: list[tuple[str, int, tuple[str, ...]]] = [
    ("/events/applications/", 1, ()),  # an application: name, e-mail, phone; …/cancel/
    ("/events/feedback/", 1, ()),  # a participant's feedback form
    ("/committee/check/", 1, ()),  # a member's receipt of the circulated minutes
    ("/confirm/", 1, ("sent",)),  # a public submission confirmed by its sender
    ("/accounts/reset/", 2, ("sent",)),  # password reset: uidb64 and token
    ("/groups/password/", 2, ()),  # a registered group's first password: uidb64 and token
]
# /groups/apply/<pk>/<token>/: the group's number stays, the token goes.
_RESUBMIT = re.compile(rf"({_SEP}groups{_SEP}apply{_SEP}\d+{_SEP}){_SEGMENT}")

MASK = "…"


def _pattern(prefix: str, count: int, pages: tuple[str, ...]) -> re.Pattern:
    parts = [part for part in prefix.split("/") if part]
    head = _SEP + _SEP.join(re.escape(part) for part in parts) + _SEP
    not_a_page = "".join(rf"(?!{re.escape(page)}(?:{_SEP}|$|[?#\s\"']))" for page in pages)
    secret = not_a_page + _SEGMENT + (_SEP + _SEGMENT) * (count - 1)
    return re.compile(f"({head})({secret})")


_PATTERNS = [_pattern(*link) for link in SECRET_LINKS]


def _masked_segments(match: re.Match) -> str:
    separators = re.findall(_SEP, match.group(2))
    return match.group(1) + MASK + "".join(sep + MASK for sep in separators)


def mask_secrets(text: str) -> str:
    """``text`` (a path, a URL, a request line, a header) with every secret of a link replaced
    by ``…``: ``/events/applications/…/cancel/``."""
    if not text or ("/" not in text and "%2" not in text.upper()):
        return text
    for pattern in _PATTERNS:
        text = pattern.sub(_masked_segments, text)
    return _RESUBMIT.sub(lambda m: m.group(1) + MASK, text)


class AccessLogger(_GunicornLogger):
    """gunicorn's logger, its access log lines without the secrets of links."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask_secrets(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }


class MaskSecretsFilter(logging.Filter):
    """For the handlers of ``settings.LOGGING``: Django's own lines name the path too
    (「Internal Server Error: /events/applications/<token>/cancel/」, 「Forbidden (CSRF …): …」)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


# --- static files ------------------------------------------------------------------------------


def static_manifest_problem() -> str | None:
    """Why pages cannot be served for want of ``kyodo collectstatic`` (one Japanese line), or
    None: the storage needs no manifest, or its manifest is there."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.utils.module_loading import import_string

    backend = import_string(settings.STORAGES["staticfiles"]["BACKEND"])
    if not issubclass(backend, ManifestFilesMixin):
        return None
    manifest = Path(settings.STATIC_ROOT) / backend.manifest_name
    if manifest.is_file():
        return None
    return (
        f"静的ファイルがありません（{manifest} がありません）。"
        f"先に `kyodo collectstatic --noinput` を実行してから、もう一度起動してください"
        f"（KYODO_VAR_DIR={settings.VAR_DIR}）。"
    )


def static_manifest_loaded() -> bool:
    """False when this process serves pages without the manifest (started before
    ``kyodo collectstatic``; /healthz then fails until gunicorn is reloaded with HUP)."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return True
    return bool(storage.hashed_files)


# --- gunicorn's configuration (the names gunicorn reads from this module) ----------------------

logger_class = "kyodo.core.serving.AccessLogger"


def on_starting(server) -> None:
    """gunicorn's master, before it binds: refuse to serve without the static files."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")
    problem = static_manifest_problem()
    if problem:
        print(problem, file=sys.stderr, flush=True)
        sys.exit(1)
