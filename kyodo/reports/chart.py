"""The 12-month trend as an SVG bar chart, drawn on the server so it shows without JavaScript.

Only geometry is computed here; the template writes the SVG with a <title>, a <desc> and the
same figures in a table beside it, for people who cannot see the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext_lazy as _

from kyodo.core.charts import nice_step
from kyodo.reports.report import MonthTotals

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 30, 40

# (attribute of MonthTotals, legend, colour). Colours differ in lightness too, so the bars stay
# apart in greyscale print; each has at least 3:1 contrast against white (WCAG 1.4.11).
SERIES = [
    ("events_held", _("Events held"), "#1f5f99"),
    ("consultations", _("Consultations"), "#b34700"),
    ("new_registrations", _("New registrations"), "#2e7d32"),
]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    colour: str


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class MonthLabel:
    x: float
    text: str  # lazy: 「12月」 in Japanese, "Dec." in English


@dataclass(frozen=True)
class Legend:
    x: float
    label: str
    colour: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    baseline: float
    left: float
    right: float
    bars: list[Bar]
    ticks: list[Tick]
    months: list[MonthLabel]
    legend: list[Legend]
    first: MonthTotals
    last: MonthTotals


def trend_chart(trend: list[MonthTotals]) -> TrendChart:
    """Grouped bars, one group per month, one bar per series."""
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    top_value = max([1, *(getattr(t, attr) for t in trend for attr, *_rest in SERIES)])
    step = nice_step(top_value)
    scale_max = math.ceil(top_value / step) * step
    group_width = (WIDTH - LEFT - RIGHT) / max(1, len(trend))
    bar_width = group_width * 0.8 / len(SERIES)

    bars, months = [], []
    for i, totals in enumerate(trend):
        group_x = LEFT + i * group_width + group_width * 0.1
        for j, (attr, label, colour) in enumerate(SERIES):
            value = getattr(totals, attr)
            height = plot_height * value / scale_max
            bars.append(
                Bar(
                    x=round(group_x + j * bar_width, 1),
                    y=round(baseline - height, 1),
                    width=round(bar_width - 1, 1),
                    height=round(height, 1),
                    value=value,
                    label=f"{totals.month.label} {label}：{value}",
                    colour=colour,
                )
            )
        months.append(
            MonthLabel(
                x=round(LEFT + (i + 0.5) * group_width, 1), text=MONTHS_AP[totals.month.month]
            )
        )
    ticks = [
        Tick(y=round(baseline - plot_height * v / scale_max, 1), value=v)
        for v in range(0, scale_max + 1, step)
    ]
    legend = [
        Legend(x=LEFT + k * 160, label=str(label), colour=colour)
        for k, (_attr, label, colour) in enumerate(SERIES)
    ]
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        baseline=baseline,
        left=LEFT,
        right=WIDTH - RIGHT,
        bars=bars,
        ticks=ticks,
        months=months,
        legend=legend,
        first=trend[0],
        last=trend[-1],
    )
