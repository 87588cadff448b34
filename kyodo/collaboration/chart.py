"""Horizontal bar charts of the statistics, drawn on the server as SVG (no JavaScript).

Adapted from kyodo.reports.chart: only geometry is computed here; the template writes the SVG
with a <title> and a <desc>, and the same figures stand in a table beside every chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kyodo.collaboration.statistics import Row
from kyodo.core.charts import nice_step

WIDTH = 720
LABEL_WIDTH = 260
ROW_HEIGHT = 26
TOP, BOTTOM, RIGHT = 24, 10, 50
# At least 3:1 against white (WCAG 1.4.11); the light grey marks rows that are not counted.
COLOUR = "#1f5f99"
COLOUR_NOT_COUNTED = "#767676"


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    value: int
    label: str
    colour: str
    text_y: float
    value_x: float


@dataclass(frozen=True)
class Tick:
    x: float
    value: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    baseline: float
    bar_height: float
    bars: list[Bar]
    ticks: list[Tick]


def bar_chart(rows: list[Row]) -> BarChart:
    """One horizontal bar per row, labelled on the left, the value at the bar's end."""
    plot_width = WIDTH - LABEL_WIDTH - RIGHT
    top_value = max([1, *(r.count for r in rows)])
    step = nice_step(top_value)
    scale_max = math.ceil(top_value / step) * step
    height = TOP + ROW_HEIGHT * max(1, len(rows)) + BOTTOM
    bars = []
    for i, row in enumerate(rows):
        y = TOP + i * ROW_HEIGHT + 4
        width = round(plot_width * row.count / scale_max, 1)
        bars.append(
            Bar(
                y=y,
                width=width,
                value=row.count,
                label=_shorten(row.label),
                colour=COLOUR if row.counted else COLOUR_NOT_COUNTED,
                text_y=y + (ROW_HEIGHT - 8) / 2,
                value_x=round(LABEL_WIDTH + width + 6, 1),
            )
        )
    ticks = [
        Tick(x=round(LABEL_WIDTH + plot_width * v / scale_max, 1), value=v)
        for v in range(0, scale_max + 1, step)
    ]
    return BarChart(
        width=WIDTH,
        height=height,
        left=LABEL_WIDTH,
        right=WIDTH - RIGHT,
        top=TOP,
        baseline=height - BOTTOM,
        bar_height=ROW_HEIGHT - 8,
        bars=bars,
        ticks=ticks,
    )


def _shorten(label: str, limit: int = 18) -> str:
    # Japanese characters are about 13px wide at 13px: longer labels would run into the bars.
    return label if len(label) <= limit else label[: limit - 1] + "…"
