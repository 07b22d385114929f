"""Progress charts drawn on the server as SVG: figures over dates, and weekly percentages.

Like ``hipfirst.web.ui.charts`` (no script, no CDN, the SVG scales to a phone's width),
but the x axis is a calendar: a runner's scores come on the days they were given, not
at even steps. Colours are SVG attributes, not CSS, so the PDF report draws the same
charts. Every chart has a table with the same figures beside it (its text alternative).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hipfirst.web.ui.charts import HEIGHT, WIDTH, Tick

LEFT, RIGHT, TOP, BOTTOM = 34, 10, 10, 26  # room for the tick labels
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
X_TICKS = 4  # date labels under a chart; more do not fit at a phone's width
EMPTY_SPAN_DAYS = 7  # a chart of one day spans a week around it
BAR_COLOUR = "#0b6e4f"
CHAR_WIDTH = 5.5  # about the width of one character of a 9-unit label


@dataclass(frozen=True, slots=True)
class Series:
    """One line to draw: its name (for the legend), colour, dash pattern and points."""

    name: str
    colour: str  # an SVG colour; the legend's swatch class matches it
    points: Sequence[tuple[date, float]]
    dash: str = ""  # an SVG stroke-dasharray, "" for a solid line


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    label: str  # the tooltip: "12 Mar 2025: 64"


@dataclass(frozen=True, slots=True)
class Line:
    name: str
    colour: str
    dash: str
    points: str  # "x,y x,y ..." for <polyline>; "" with fewer than two points
    dots: tuple[Dot, ...]


@dataclass(frozen=True, slots=True)
class Guide:
    """A horizontal reference line across the plot (a target, a threshold)."""

    y: float
    label: str
    colour: str


@dataclass(frozen=True, slots=True)
class Shade:
    """A horizontal band across the plot (a range of values that mean the same)."""

    y: float
    height: float
    label: str


@dataclass(frozen=True, slots=True)
class TimeChart:
    """Lines over dates, with optional guides and a shaded band; drawn by ``_time_chart.html``."""

    title: str
    y_unit: str
    lines: tuple[Line, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    guides: tuple[Guide, ...] = ()
    shade: Shade | None = None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    plot_width: int = PLOT_WIDTH


def nice_step(span: float, ticks: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` steps."""
    raw = span / max(ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


@dataclass(frozen=True, slots=True)
class Reference:
    """A value to mark across a time chart: a line (``high`` None) or a band up to ``high``."""

    value: float
    label: str
    high: float | None = None
    colour: str = "#8a5a00"  # a line's; a band is always a pale green


def time_chart(
    title: str,
    series: Sequence[Series],
    *,
    y_unit: str,
    y_range: tuple[float, float] | None = None,
    references: Sequence[Reference] = (),
) -> TimeChart | None:
    """Each series over the dates of its points; ``None`` when no series has a point.

    ``y_range`` fixes the axis (a 0–10 pain scale); otherwise it covers the points and
    the reference lines with round ticks. References are clipped to the axis.
    """
    dates = [on for s in series for on, _ in s.points]
    if not dates:
        return None
    first, last = min(dates), max(dates)
    if first == last:
        half = timedelta(days=EMPTY_SPAN_DAYS // 2)
        first, last = first - half, last + half
    span_days = (last - first).days
    lines = [r.value for r in references if r.high is None]
    y_lo, y_hi = y_range or _covering([v for s in series for _, v in s.points] + lines)

    def sx(on: date) -> float:
        return LEFT + (on - first).days / span_days * PLOT_WIDTH

    def sy(value: float) -> float:
        share = min(1.0, max(0.0, (value - y_lo) / (y_hi - y_lo)))
        return TOP + (1 - share) * PLOT_HEIGHT

    step = nice_step(y_hi - y_lo, 4)
    return TimeChart(
        title,
        y_unit,
        tuple(_line(s, sx, sy) for s in series if s.points),
        y_ticks=tuple(
            Tick(sy(y_lo + i * step), f"{y_lo + i * step:g}")
            for i in range(round((y_hi - y_lo) / step) + 1)
        ),
        x_ticks=_date_labels(first, span_days, sx),
        guides=tuple(Guide(sy(r.value), r.label, r.colour) for r in references if r.high is None),
        shade=_shade(references, sy),
    )


def _shade(references: Sequence[Reference], sy: Callable[[float], float]) -> Shade | None:
    """The first band among the references, drawn from its top down."""
    for r in references:
        if r.high is not None:
            return Shade(sy(r.high), sy(r.value) - sy(r.high), r.label)
    return None


def _date_labels(first: date, span_days: int, sx: Callable[[date], float]) -> tuple[Tick, ...]:
    """About ``X_TICKS`` dates along the axis; month and year over a long span."""
    every = max(1, math.ceil(span_days / X_TICKS))
    style = "%b %Y" if span_days > 200 else "%-d %b"
    days = (first + timedelta(days=d) for d in range(0, span_days + 1, every))
    return tuple(_label(sx(day), f"{day:{style}}") for day in days)


def _label(at: float, text: str) -> Tick:
    """A label centred on ``at``, moved in so that it stays inside the chart."""
    half = len(text) * CHAR_WIDTH / 2
    return Tick(min(max(at, half + 2), WIDTH - half - 2), text)


def _covering(values: Sequence[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    step = nice_step(hi - lo, 4)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step


def _line(series: Series, sx: Callable[[date], float], sy: Callable[[float], float]) -> Line:
    xy = [(sx(on), sy(value), on, value) for on, value in sorted(series.points)]
    return Line(
        series.name,
        series.colour,
        series.dash,
        " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in xy) if len(xy) > 1 else "",
        tuple(Dot(x, y, f"{on:%-d %b %Y}: {value:g}") for x, y, on, value in xy),
    )


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the tooltip: "week 3: 67%"


@dataclass(frozen=True, slots=True)
class BarChart:
    """One bar per slot from zero; a slot without a value has no bar."""

    title: str
    bars: tuple[Bar, ...]
    y_ticks: tuple[Tick, ...]
    x_labels: tuple[Tick, ...]
    x_unit: str
    colour: str = BAR_COLOUR
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM


def bar_chart(
    title: str,
    slots: Sequence[tuple[str, float | None]],
    *,
    x_unit: str,
    y_unit: str,
    y_max: float | None = None,
) -> BarChart | None:
    """Bars of ``(label, value)`` from 0 to ``y_max`` (or a round value over the largest);
    ``None`` when no slot has a value yet. ``y_unit`` follows each value in the bars'
    tooltips ("%", " km"); the title names it for the axis."""
    values = [value for _, value in slots if value is not None]
    if not values:
        return None
    step = nice_step(y_max if y_max is not None else max(*values, 1.0), 4)
    top = y_max if y_max is not None else math.ceil(max(*values, 1.0) / step) * step
    slot = PLOT_WIDTH / len(slots)
    bottom = HEIGHT - BOTTOM

    def height(value: float) -> float:
        return min(top, max(0.0, value)) / top * PLOT_HEIGHT

    bars = tuple(
        Bar(
            LEFT + i * slot + slot * 0.15,
            bottom - height(value),
            slot * 0.7,
            height(value),
            f"{x_unit} {label}: {value:.4g}{y_unit}",
        )
        for i, (label, value) in enumerate(slots)
        if value is not None
    )
    longest = max(len(label) for label, _ in slots)
    every = max(1, math.ceil((longest * CHAR_WIDTH + 4) / slot))  # labels must not overlap
    return BarChart(
        title,
        bars,
        tuple(
            Tick(bottom - height(i * step), f"{i * step:g}") for i in range(round(top / step) + 1)
        ),
        tuple(
            Tick(LEFT + (i + 0.5) * slot, label)
            for i, (label, _) in enumerate(slots)
            if i % every == 0
        ),
        x_unit,
    )
