"""Line charts drawn on the server as SVG: no script, no CDN, readable on a phone.

A ``LineChart`` holds the polyline and the tick labels; ``ui/line_chart.html`` draws it.
Every chart on a page also has a table with the same figures (its text alternative).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 340, 170  # SVG user units; the SVG scales to the screen's width
LEFT, RIGHT, TOP, BOTTOM = 42, 8, 10, 26  # room for the tick labels
MAX_POINTS = 300  # more points than pixels only makes the page heavier


@dataclass(frozen=True, slots=True)
class Tick:
    at: float  # position in SVG units along the axis
    label: str


@dataclass(frozen=True, slots=True)
class LineChart:
    title: str
    y_unit: str
    points: str  # "x,y x,y ..." for <polyline>
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: int = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT
    x_unit: str = "minutes"


def _nice_step(span: float, ticks: int) -> float:
    raw = span / max(ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def line_chart(
    title: str,
    xs_min: Sequence[float],
    ys: Sequence[float | None],
    *,
    y_unit: str,
    invert: bool = False,
) -> LineChart | None:
    """A chart of ``ys`` over minutes ``xs_min``; ``None`` when there is nothing to draw.

    ``invert`` puts small values at the top (pace: faster is higher).
    """
    pairs = [(x, y) for x, y in zip(xs_min, ys, strict=True) if y is not None and math.isfinite(y)]
    if len(pairs) < 2:
        return None
    stride = max(1, len(pairs) // MAX_POINTS)
    pairs = pairs[::stride]
    x_lo, x_hi = pairs[0][0], pairs[-1][0]
    # The axis spans the 2nd to 98th percentile, so a standing start or one GPS glitch
    # does not flatten the rest; the few points beyond are drawn at the edge.
    y_sorted = sorted(y for _, y in pairs)
    y_lo = y_sorted[int(0.02 * (len(y_sorted) - 1))]
    y_hi = y_sorted[int(0.98 * (len(y_sorted) - 1))]
    if y_hi - y_lo < 1e-9:
        y_lo, y_hi = y_lo - 1, y_hi + 1
    step = _nice_step(y_hi - y_lo, 3)
    y_lo, y_hi = math.floor(y_lo / step) * step, math.ceil(y_hi / step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x: float) -> float:
        return LEFT + (x - x_lo) / max(x_hi - x_lo, 1e-9) * plot_w

    def sy(y: float) -> float:
        share = min(1.0, max(0.0, (y - y_lo) / (y_hi - y_lo)))
        return TOP + (share if invert else 1 - share) * plot_h

    points = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pairs)
    y_ticks = tuple(
        Tick(sy(y_lo + i * step), f"{y_lo + i * step:g}")
        for i in range(round((y_hi - y_lo) / step) + 1)
    )
    x_step = _nice_step(x_hi - x_lo, 4)
    first = math.ceil(x_lo / x_step) * x_step
    x_ticks = tuple(
        Tick(sx(first + i * x_step), f"{first + i * x_step:g}")
        for i in range(int((x_hi - first) / x_step) + 1)
    )
    return LineChart(title, y_unit, points, x_ticks, y_ticks)


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # for the screen reader's tooltip: "week of 3 Mar: 24.5 km"


@dataclass(frozen=True, slots=True)
class Band:
    y: float
    height: float
    zone: str  # "moderate" or "high": the CSS class that colours it


@dataclass(frozen=True, slots=True)
class WeeklyChart:
    """Weekly distance as bars (left axis, km) and the ratio as a line (right axis)."""

    bars: tuple[Bar, ...]
    ratio_points: str
    bands: tuple[Band, ...]
    km_ticks: tuple[Tick, ...]
    ratio_ticks: tuple[Tick, ...]
    x_labels: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT - 22  # room for the ratio axis on the right
    bottom: int = HEIGHT - BOTTOM
    plot_width: int = WIDTH - RIGHT - 22 - LEFT


RATIO_AXIS_MAX = 2.0  # ratios above 2 are drawn at the top edge


def weekly_chart(
    weeks: Sequence[tuple[str, float, float | None]],
    *,
    moderate_above: float,
    high_from: float,
) -> WeeklyChart | None:
    """Bars of ``(label, km, ratio)`` per week, the ratio line and its zones shaded."""
    if not weeks:
        return None
    right = WIDTH - RIGHT - 22
    plot_w, plot_h, bottom = right - LEFT, HEIGHT - TOP - BOTTOM, HEIGHT - BOTTOM
    top_km = max(1.0, *(km for _, km, _ in weeks))
    step = _nice_step(top_km, 3)
    top_km = math.ceil(top_km / step) * step
    slot = plot_w / len(weeks)

    def ratio_y(ratio: float) -> float:
        return bottom - min(ratio, RATIO_AXIS_MAX) / RATIO_AXIS_MAX * plot_h

    bars = tuple(
        Bar(
            LEFT + i * slot + slot * 0.15,
            bottom - km / top_km * plot_h,
            slot * 0.7,
            km / top_km * plot_h,
            f"week of {label}: {km:.1f} km",
        )
        for i, (label, km, _) in enumerate(weeks)
    )
    points = " ".join(
        f"{LEFT + (i + 0.5) * slot:.1f},{ratio_y(ratio):.1f}"
        for i, (_, _, ratio) in enumerate(weeks)
        if ratio is not None
    )
    bands = (
        Band(ratio_y(high_from), ratio_y(moderate_above) - ratio_y(high_from), "moderate"),
        Band(TOP, ratio_y(high_from) - TOP, "high"),
    )
    every = max(1, len(weeks) // 4)
    return WeeklyChart(
        bars=bars,
        ratio_points=points,
        bands=bands,
        km_ticks=tuple(Tick(bottom - v / top_km * plot_h, f"{v:g}") for v in _steps(top_km, step)),
        ratio_ticks=tuple(Tick(ratio_y(r), f"{r:g}") for r in (0.0, 0.5, 1.0, 1.5, 2.0)),
        x_labels=tuple(
            Tick(LEFT + (i + 0.5) * slot, label)
            for i, (label, _, _) in enumerate(weeks)
            if i % every == 0
        ),
    )


def _steps(top: float, step: float) -> list[float]:
    return [i * step for i in range(round(top / step) + 1)]
