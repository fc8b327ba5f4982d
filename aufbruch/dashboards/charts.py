"""Geometry for server-rendered SVG charts. The templates draw them; the
same numbers always appear in a table next to the chart."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format

BAR_HEIGHT = 24
BAR_GAP = 10
LABEL_WIDTH = 230
BAR_AREA = 330
VALUE_WIDTH = 60


@dataclass
class Bar:
    label: str
    value: int
    css: str
    y: int
    width: int
    text_y: int


@dataclass
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH


def bar_chart(items: list[tuple[str, int, str]]) -> BarChart:
    """Horizontal bars for (label, value, css class) rows."""
    top = max((v for _, v, _ in items), default=0) or 1
    bars = []
    for i, (label, value, css) in enumerate(items):
        y = i * (BAR_HEIGHT + BAR_GAP)
        bars.append(
            Bar(label, value, css, y, round(BAR_AREA * value / top), y + BAR_HEIGHT // 2 + 5)
        )
    height = max(len(items) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)
    return BarChart(bars=bars, width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height=height)


COLUMN_WIDTH = 40
COLUMN_GAP = 14
PLOT_HEIGHT = 220
AXIS_LEFT = 50
AXIS_BOTTOM = 40


@dataclass
class Segment:
    css: str
    label: str
    value: int
    y: float
    height: float


@dataclass
class Column:
    label: str
    x: int
    text_x: int
    total: int
    segments: list[Segment]


@dataclass
class Tick:
    value: int
    y: float


@dataclass
class StackedChart:
    columns: list[Column]
    ticks: list[Tick]
    width: int
    height: int
    plot_height: int = PLOT_HEIGHT
    axis_left: int = AXIS_LEFT


def _nice_top(value: int) -> int:
    if value <= 5:
        return 5
    step = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        top = int(step * factor)
        if top >= value:
            return top
    return value


def stacked_chart(months, series: list[tuple[str, str, str]]) -> StackedChart:
    """Stacked columns: one per month, one segment per (status, label, css) in ``series``."""
    top = _nice_top(max((m.total for m in months), default=0))
    columns = []
    for i, month in enumerate(months):
        x = AXIS_LEFT + COLUMN_GAP + i * (COLUMN_WIDTH + COLUMN_GAP)
        y = float(PLOT_HEIGHT)
        segments = []
        for status, label, css in series:
            value = month.counts.get(status, 0)
            if not value:
                continue
            h = PLOT_HEIGHT * value / top
            y -= h
            segments.append(Segment(css, label, value, round(y, 1), round(h, 1)))
        columns.append(
            Column(date_format(month.month, "M y"), x, x + COLUMN_WIDTH // 2, month.total, segments)
        )
    ticks = [
        Tick(round(top * k / 4), round(PLOT_HEIGHT - PLOT_HEIGHT * k / 4, 1)) for k in range(5)
    ]
    width = AXIS_LEFT + COLUMN_GAP + len(months) * (COLUMN_WIDTH + COLUMN_GAP)
    return StackedChart(columns=columns, ticks=ticks, width=width, height=PLOT_HEIGHT + AXIS_BOTTOM)
