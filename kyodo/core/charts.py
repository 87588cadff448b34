"""Pieces shared by the server-rendered SVG charts (reports, collaboration statistics)."""

from __future__ import annotations

import math


def nice_step(top: int) -> int:
    """A tick step of 1, 2, 5, 10, 20, 50 … giving at most 6 gridlines."""
    for magnitude in (1, 10, 100, 1000, 10000):
        for base in (1, 2, 5):
            if top / (base * magnitude) <= 5:
                return base * magnitude
    return 10 ** int(math.log10(top))
