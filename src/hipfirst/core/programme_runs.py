"""The safe-volume running plan laid onto the days of the glute programme.

The volume plan (``core.volume``) gives, per week, the most to run and a cap for the
longest run. The programme needs dated runs. This module places them: on days without a
strength session, the long run on the week's last free day (usually the weekend), the
others spread over the free days before it, never two runs on one day. It is a design
choice, not a published rule; the weekly and long-run limits it keeps come from
``data/load_thresholds.toml`` through the volume plan.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hipfirst.core.programme import PlannedRun
from hipfirst.core.programme_rules import Weekday

__all__ = ["VolumeWeek", "planned_runs"]

_WEEKDAYS = tuple(Weekday)  # Monday first, as date.weekday() counts


@dataclass(frozen=True, slots=True)
class VolumeWeek:
    """One week of the safe-volume plan: its Monday and its two limits."""

    week_start: date
    distance_km: float
    long_run_km: float


def planned_runs(
    weeks: Sequence[VolumeWeek],
    *,
    session_days: Collection[Weekday],
    runs_per_week: int,
) -> tuple[PlannedRun, ...]:
    """Dated runs for each week, within its weekly distance and long-run cap.

    Parameters
    ----------
    weeks : Sequence[VolumeWeek]
        The volume plan's weeks.
    session_days : Collection[Weekday]
        The strength-session days; runs go on the others (all days if every day has one).
    runs_per_week : int
        How many runs the runner usually does (at least 1); fewer when fewer days are free.

    Returns
    -------
    tuple[PlannedRun, ...]
        In date order. The long run is ``min(long_run_km, distance_km)``; the rest of the
        week's distance is shared equally by the other runs, none longer than the long run.
    """
    free = [day for day in _WEEKDAYS if day not in session_days] or list(_WEEKDAYS)
    count = max(1, min(runs_per_week, len(free)))
    chosen = _spread(free, count)
    runs: list[PlannedRun] = []
    for week in weeks:
        if week.distance_km <= 0:
            continue
        long_km = min(week.long_run_km, week.distance_km)
        others = count - 1
        # The week's distance is a ceiling, not a target: no run is longer than the long run.
        each_km = min(long_km, (week.distance_km - long_km) / others) if others else 0.0
        for day in chosen:
            on = week.week_start + timedelta(days=_WEEKDAYS.index(day))
            is_long = day == chosen[-1]
            runs.append(PlannedRun(on, round(long_km if is_long else each_km, 1)))
    return tuple(run for run in runs if run.distance_km)


def _spread(free: Sequence[Weekday], count: int) -> list[Weekday]:
    """``count`` of the free days, the last one always included, as evenly apart as may be."""
    if count >= len(free):
        return list(free)
    step = (len(free) - 1) / (count - 1) if count > 1 else 0
    picks = sorted({round(len(free) - 1 - i * step) for i in range(count)})
    return [free[i] for i in picks]
