"""The charts of a runner's progress, for the dashboard and the PDF report alike."""

from __future__ import annotations

from dataclasses import dataclass

from hipfirst.core.kujala import AKPS_MCID_POINTS
from hipfirst.web.progress.charts import (
    BarChart,
    Reference,
    Series,
    TimeChart,
    bar_chart,
    time_chart,
)
from hipfirst.web.progress.dashboard import RunnerProgress

#: Colours of the lines; ``progress.css`` gives the legend's swatches the same ones.
GREEN, RED, AMBER = "#0b6e4f", "#a4161a", "#8a5a00"
DASHED = "5 3"
PAIN_SCALE = (0.0, 10.0)
KUJALA_SCALE = (0.0, 100.0)


@dataclass(frozen=True, slots=True)
class ProgressCharts:
    """One chart per section; ``None`` where there is nothing to draw yet."""

    pain: TimeChart | None
    kujala: TimeChart | None
    adherence: BarChart | None
    distance: BarChart | None
    cadence: TimeChart | None


def progress_charts(progress: RunnerProgress, *, load_weeks: int | None = None) -> ProgressCharts:
    """Draw every section's chart from what ``runner_progress`` read; the distance chart
    shows the last ``load_weeks`` weeks of the load page's chart, or all of them."""
    return ProgressCharts(
        pain=_pain(progress),
        kujala=_kujala(progress),
        adherence=_adherence(progress),
        distance=_distance(progress, load_weeks),
        cadence=_cadence(progress),
    )


def _pain(progress: RunnerProgress) -> TimeChart | None:
    rows = progress.pain
    return time_chart(
        "Pain by date",
        (
            Series(
                "Usual", GREEN, [(r.on, r.usual_0_10) for r in rows if r.usual_0_10 is not None]
            ),
            Series("Worst", RED, [(r.on, r.worst_0_10) for r in rows if r.worst_0_10 is not None]),
            Series(
                "Next morning",
                AMBER,
                [(r.on, r.next_morning_0_10) for r in rows if r.next_morning_0_10 is not None],
                dash=DASHED,
            ),
        ),
        y_unit="0 to 10",
        y_range=PAIN_SCALE,
    )


def _kujala(progress: RunnerProgress) -> TimeChart | None:
    if not progress.kujala:
        return None
    first = progress.kujala[0].score
    low, high = max(0, first - AKPS_MCID_POINTS), min(100, first + AKPS_MCID_POINTS)
    return time_chart(
        "Score by date",
        (Series("Kujala score", GREEN, [(row.on, row.score) for row in progress.kujala]),),
        y_unit="out of 100",
        y_range=KUJALA_SCALE,
        references=[
            Reference(low, f"within {AKPS_MCID_POINTS} points of your first score", high=high)
        ],
    )


def _adherence(progress: RunnerProgress) -> BarChart | None:
    if progress.programme is None:
        return None
    return bar_chart(
        "Sessions done of those due, by week of the plan (%)",
        [(str(week.week), week.adherence_pct) for week in progress.programme.weeks],
        x_unit="week",
        y_unit="%",
        y_max=100,
    )


def _distance(progress: RunnerProgress, weeks: int | None) -> BarChart | None:
    if progress.load is None:
        return None
    shown = progress.load.recent_weeks[-weeks:] if weeks else progress.load.recent_weeks
    return bar_chart(
        "Kilometres each week, from Monday (km)",
        [(f"{row.week_start:%-d %b}", row.distance_km) for row in shown],
        x_unit="week of",
        y_unit=" km",
    )


def _cadence(progress: RunnerProgress) -> TimeChart | None:
    cadence = progress.cadence
    points = [(w.week_of, w.median_spm) for w in progress.cadence_weeks if w.median_spm is not None]
    target = cadence.target
    guides = [Reference(target.target_spm, "target", colour=AMBER)] if target is not None else []
    return time_chart(
        "Median cadence of each week's runs",
        (Series("Cadence", GREEN, points),),
        y_unit="steps per minute",
        references=guides,
    )
