"""Geometry of the figures' SVG charts (the templates draw them; a table
with the same numbers is always next to the chart)."""

from __future__ import annotations

from dataclasses import dataclass

from aufbruch.dashboards.charts import bar_chart  # noqa: F401 - the status funnel

LABEL_WIDTH = 200
AREA = 300
VALUE_WIDTH = 80
BAR = 14
GROUP_GAP = 12


@dataclass
class PairBar:
    css: str
    y: int
    width: int
    text_y: int
    text: str


@dataclass
class PairGroup:
    label: str
    text_y: int
    bars: list[PairBar]


@dataclass
class PairChart:
    groups: list[PairGroup]
    width: int
    height: int
    label_width: int = LABEL_WIDTH


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %".replace(".", ",")


def paired_chart(rows, threshold: int) -> PairChart:
    """Two bars per group: share of participants and share of residents (percent)."""
    top = max(
        [r.participant_share or 0 for r in rows] + [r.resident_share or 0 for r in rows] + [1]
    )
    groups = []
    y = 0
    for row in rows:
        bars = []
        for i, (value, css) in enumerate(
            (
                (row.participant_share, "ab-bar-participants"),
                (row.resident_share, "ab-bar-residents"),
            )
        ):
            bar_y = y + i * (BAR + 2)
            width = round(AREA * (value or 0) / top)
            text = _pct(value) if value is not None or i == 1 else f"< {threshold}"
            bars.append(PairBar(css, bar_y, width, bar_y + BAR - 3, text))
        groups.append(PairGroup(row.label, y + BAR + 5, bars))
        y += 2 * BAR + 2 + GROUP_GAP
    return PairChart(
        groups=groups, width=LABEL_WIDTH + AREA + VALUE_WIDTH, height=max(y - GROUP_GAP, BAR)
    )


@dataclass
class StackSegment:
    css: str
    label: str
    value: int
    x: int
    width: int


@dataclass
class StackRow:
    label: str
    y: int
    text_y: int
    total: int
    total_x: int
    segments: list[StackSegment]


@dataclass
class StackChart:
    rows: list[StackRow]
    width: int
    height: int
    label_width: int = LABEL_WIDTH


def stacked_bars(rows: list[tuple[str, list[tuple[str, str, int]]]]) -> StackChart:
    """One horizontal bar per row, split into (css, label, value) segments."""
    top = max([sum(v for _, _, v in segs) for _, segs in rows] + [1])
    out = []
    for i, (label, segs) in enumerate(rows):
        y = i * (24 + 10)
        x = LABEL_WIDTH
        segments = []
        for css, seg_label, value in segs:
            width = round(AREA * value / top)
            if value:
                segments.append(StackSegment(css, seg_label, value, x, width))
            x += width
        total = sum(v for _, _, v in segs)
        out.append(StackRow(label, y, y + 17, total, x + 6, segments))
    height = max(len(rows) * 34 - 10, 24)
    return StackChart(rows=out, width=LABEL_WIDTH + AREA + VALUE_WIDTH, height=height)
