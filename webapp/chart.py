"""The geometry of the mentions-over-time charts, computed on the server and drawn as SVG by templates/_chart.html.

A bar chart for one search (each bar a link to that year), a line chart for up
to five searches on /trends. Values are counts or shares of the year's passages.
Coordinates are in the SVG's own units; the SVG scales to its container.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from webapp.timeline import Series, YearPoint

# The drawing area in SVG units: wide and low, so it reads as a time line on a phone too.
WIDTH, HEIGHT = 720, 160
# /trends draws its lines taller: the chart is the page, and several lines cross in it.
LINE_HEIGHT = 300
# Room for the value labels on the left and the year labels below.
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 10, 22
# A year label every this many years, on round years (decades for a long collection).
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50)
# At most this many year labels fit under the chart without overlapping at phone width.
MAX_YEAR_LABELS = 9
# The space between bars, as a fraction of each year's band.
BAR_GAP = 0.15
PERCENT = 100


@dataclass(frozen=True)
class Bar:
    """One year's bar: where it stands, what it says and where it leads."""

    x: float
    y: float
    width: float
    height: float
    point: YearPoint
    label: str  # "1957: 3 passages (0.4 % of the year's 812)"


@dataclass(frozen=True)
class Tick:
    """A label on an axis at a position."""

    position: float
    text: str


@dataclass(frozen=True)
class Line:
    """One search's line on the trends chart: its points as an SVG polyline and its style number."""

    series: Series
    points: str
    style: int


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its bars or lines, axis labels, and what its values mean."""

    mode: str  # "count" or "share"
    unit: str  # "passage" or "document"
    bars: tuple[Bar, ...]
    lines: tuple[Line, ...]
    year_ticks: tuple[Tick, ...]
    value_ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: float = HEIGHT - BOTTOM
    right: float = WIDTH - RIGHT


def value_of(point: YearPoint, mode: str) -> float:
    """Return what a chart shows for a year: the count, or the share in per cent."""
    return point.share * PERCENT if mode == "share" else float(point.count)


def value_text(value: float, mode: str) -> str:
    """Return a value as an axis or table shows it."""
    if mode == "share":
        return f"{value:.1f} %" if 0 < value < 10 else f"{value:.0f} %"
    return f"{value:,.0f}"


def point_label(point: YearPoint, unit: str) -> str:
    """Return what a bar says: the year, the count and the share of the year."""
    plural = "" if point.count == 1 else "s"
    return (f"{point.year}: {point.count:,} {unit}{plural} "
            f"({point.share * PERCENT:.1f} % of the year's {point.total:,})")


def year_ticks(first: int, last: int, x_of) -> tuple[Tick, ...]:
    """Return labels on round years, few enough not to overlap."""
    span = last - first + 1
    step = next((step for step in YEAR_STEPS if span / step <= MAX_YEAR_LABELS), YEAR_STEPS[-1])
    start = first + (-first) % step
    return tuple(Tick(x_of(year), str(year)) for year in range(start, last + 1, step))


def value_ticks(highest: float, mode: str, height: int = HEIGHT) -> tuple[Tick, ...]:
    """Return the labels of the value axis: zero and the highest value."""
    ticks = [Tick(height - BOTTOM, value_text(0, mode))]
    if highest > 0:
        ticks.append(Tick(TOP, value_text(highest, mode)))
    return tuple(ticks)


def bar_chart(points: Sequence[YearPoint], mode: str, unit: str) -> Chart | None:
    """Return the bar chart of one series, or None when no year has a match."""
    if not any(point.count for point in points):
        return None
    band = (WIDTH - LEFT - RIGHT) / len(points)
    plot = HEIGHT - BOTTOM - TOP
    highest = max(value_of(point, mode) for point in points)
    bars = []
    for index, point in enumerate(points):
        height = plot * value_of(point, mode) / highest if highest else 0
        bars.append(Bar(round(LEFT + index * band + band * BAR_GAP / 2, 2), round(HEIGHT - BOTTOM - height, 2),
                        round(band * (1 - BAR_GAP), 2), round(height, 2), point, point_label(point, unit)))
    first = points[0].year
    ticks = year_ticks(first, points[-1].year, lambda year: round(LEFT + (year - first + 0.5) * band, 2))
    return Chart(mode, unit, tuple(bars), (), ticks, value_ticks(highest, mode))


def line_chart(series: Sequence[Series], mode: str, unit: str, height: int = LINE_HEIGHT) -> Chart | None:
    """Return the line chart of several series over the same years, or None when nothing matches."""
    years = sorted({point.year for one in series for point in one.points})
    if not years or not any(point.count for one in series for point in one.points):
        return None
    first, last = years[0], years[-1]
    span = max(last - first, 1)
    plot = height - BOTTOM - TOP
    highest = max(value_of(point, mode) for one in series for point in one.points)

    def x_of(year: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (year - first) / span, 2)

    lines = tuple(Line(one, " ".join(f"{x_of(p.year)},{round(height - BOTTOM - plot * value_of(p, mode) / highest, 2)}"
                                     for p in one.points), index + 1)
                  for index, one in enumerate(series))
    return Chart(mode, unit, (), lines, year_ticks(first, last, x_of), value_ticks(highest, mode, height),
                 height=height, bottom=height - BOTTOM)
