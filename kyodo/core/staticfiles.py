"""The static files' storage: WhiteNoise's compressed manifest, each file's URL computed once.

``{% static %}`` asks the storage for the hashed name of a file at every use: about 40 µs here
(the manifest lookup, URL joining and quoting), six times on every page. The manifest is read
when the process starts and does not change while it runs, so a name always gives the same URL:
it is computed once per process and kept.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        key = (name, force)
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = super().url(name, force)
        return url
