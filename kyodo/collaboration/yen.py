"""Amounts of yen as people write them in a budget field: 500000, ５０００００, 500,000円,
¥500,000, 50万円, 1.2億, 1億2,000万円, 5千万円, 3万5千円."""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

# A number with or without thousands separators, and maybe a decimal part (1.2億).
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNITS = (("cho", "兆", 10**12), ("oku", "億", 10**8), ("man", "万", 10**4))


def _coefficient(name: str) -> str:
    # What stands before 兆, 億, 万 or at the end: 1200, or 1千200, or 5千 (5千万円).
    return rf"(?:(?P<{name}_k>{_NUMBER})千)?(?P<{name}_n>{_NUMBER})?"


_AMOUNT = re.compile(
    "".join(rf"(?:{_coefficient(name)}(?P<{name}>{unit}))?" for name, unit, _v in _UNITS)
    + _coefficient("one")
)
# Longer than any amount a budget field takes (a 兆 written out in full with commas is 21).
_MAX_LENGTH = 40


class YenError(ValueError):
    """The text is not an amount of yen (or not a whole number of yen)."""


def parse_yen(text: str) -> int:
    """The whole number of yen ``text`` writes: full-width or half-width figures, thousands
    separators, 千/万/億/兆 (largest first, as written in Japanese), a leading ¥ or minus
    sign and a trailing 円. Raises :class:`YenError` for anything else, and for fractions of
    a yen (1.5円, 1.23456万)."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u2212", "-")
    sign = -1 if value.startswith("-") else 1
    value = value.removeprefix("-").removeprefix("¥").removesuffix("円")
    match = _AMOUNT.fullmatch(value) if 0 < len(value) <= _MAX_LENGTH else None
    if match is None:
        raise YenError(text)
    total = Fraction(0)
    for name, _unit, scale in (*_UNITS, ("one", "", 1)):
        thousands, rest = match[f"{name}_k"], match[f"{name}_n"]
        if thousands is None and rest is None:
            if name == "one" and any(match[n] for n, _u, _s in _UNITS):
                continue  # 50万: nothing after the unit
            if name == "one" or match[name]:
                raise YenError(text)  # 万 without a figure before it, or nothing at all
            continue
        coefficient = sum(
            (Fraction(figure.replace(",", "")) * factor)
            for figure, factor in ((thousands, 1000), (rest, 1))
            if figure is not None
        )
        total += coefficient * scale
    if total.denominator != 1:
        raise YenError(text)
    return sign * int(total)
