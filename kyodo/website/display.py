"""Display settings a visitor chooses: text size (標準・大・特大), background (標準・黒地・青地) and
ふりがな. Kept in cookies, so that the server renders every page with them (no flash, and the
switches work without JavaScript: each is a form posting to ``website:display``); the site's
own script (``core/display.js``) applies size and background at once without a reload.

A request with any of these cookies goes past the page cache (kyodo.core.cache caches only
requests without cookies other than the CSRF and language ones), so a page with ふりがな or a
larger text is never served to someone else."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SIZE_COOKIE = "kyodo_size"
CONTRAST_COOKIE = "kyodo_contrast"
RUBY_COOKIE = "kyodo_ruby"
COOKIE_MAX_AGE = 365 * 24 * 3600

SIZES = [
    ("normal", pgettext_lazy("display", "Standard")),
    ("large", pgettext_lazy("display", "Large")),
    ("xlarge", pgettext_lazy("display", "Extra large")),
]
CONTRASTS = [
    ("normal", pgettext_lazy("display", "Standard")),
    ("dark", _("White on black")),
    ("blue", _("White on blue")),
]


@dataclass(frozen=True)
class Display:
    size: str = "normal"
    contrast: str = "normal"
    ruby: bool = False

    @property
    def classes(self) -> str:
        """The classes of <html>: ``text-large``, ``contrast-dark`` …"""
        names = []
        if self.size != "normal":
            names.append(f"text-{self.size}")
        if self.contrast != "normal":
            names.append(f"contrast-{self.contrast}")
        if self.ruby:
            names.append("ruby-on")
        return " ".join(names)

    @property
    def sizes(self):
        return [(value, label, value == self.size) for value, label in SIZES]

    @property
    def contrasts(self):
        return [(value, label, value == self.contrast) for value, label in CONTRASTS]


def _choice(value: str | None, choices) -> str:
    return value if value in {c for c, _label in choices} else "normal"


def display_of(request) -> Display:
    cookies = getattr(request, "COOKIES", {})
    return Display(
        size=_choice(cookies.get(SIZE_COOKIE), SIZES),
        contrast=_choice(cookies.get(CONTRAST_COOKIE), CONTRASTS),
        ruby=cookies.get(RUBY_COOKIE) == "on",
    )
