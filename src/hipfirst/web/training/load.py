"""The runner's training load, read from their stored runs through the core.

Reads only; nothing here writes. The runner's time zone is the one their latest run
recorded (weeks start on Monday there); without one, UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from hipfirst.core.acwr import acwr_series
from hipfirst.core.load import Run, daily_running
from hipfirst.core.load_report import LoadReport, training_load_report
from hipfirst.core.load_thresholds import LoadThresholds, read_load_thresholds
from hipfirst.core.pain import PainLog, PainTiming
from hipfirst.web.accounts.models import User
from hipfirst.web.training.models import Activity, RunPain

CHART_WEEKS = 16  # weeks of history the chart shows


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One week of the chart and of its table."""

    week_start: date
    distance_km: float
    runs: int
    ratio: float | None  # the rolling ratio on the week's last day


@dataclass(frozen=True, slots=True)
class RunnerLoad:
    """Everything the load page shows."""

    report: LoadReport
    recent_weeks: tuple[WeekRow, ...]
    thresholds: LoadThresholds
    time_zone_name: str
    run_count: int


def runner_time_zone(runner: User) -> tzinfo:
    """The UTC offset of the runner's latest run that recorded one, else UTC."""
    offset = (
        Activity.objects.filter(runner=runner, is_running=True, utc_offset_s__isnull=False)
        .values_list("utc_offset_s", flat=True)
        .first()
    )
    return UTC if offset is None else timezone(timedelta(seconds=offset))


def runner_load(runner: User, *, now: datetime) -> RunnerLoad | None:
    """The load report for the runner on their local date; ``None`` without runs."""
    rows = Activity.objects.filter(runner=runner, is_running=True, distance_m__isnull=False)
    runs = [
        Run(start, distance_m / 1000, moving_s or elapsed_s)
        for start, distance_m, moving_s, elapsed_s in rows.values_list(
            "start", "distance_m", "moving_s", "elapsed_s"
        )
        if distance_m is not None  # filtered above; this tells the type checker
    ]
    if not runs:
        return None
    tz = runner_time_zone(runner)
    today = now.astimezone(tz).date()
    report = training_load_report(runs, today=today, tz=tz, pain_logs=pain_logs(runner, tz=tz))
    return RunnerLoad(
        report=report,
        recent_weeks=_recent_weeks(report, runs, tz),
        thresholds=read_load_thresholds(),
        time_zone_name=tz.tzname(None) or "UTC",
        run_count=len(runs),
    )


def pain_logs(runner: User, *, tz: tzinfo) -> list[PainLog]:
    """Each logged pain score on the runner's local date (next morning: the day after)."""
    logs: list[PainLog] = []
    for pain in RunPain.objects.filter(activity__runner=runner).select_related("activity"):
        on = pain.activity.start.astimezone(tz).date()
        logs.append(PainLog(on, pain.during_0_10, PainTiming.DURING))
        if pain.after_0_10 is not None:
            logs.append(PainLog(on, pain.after_0_10, PainTiming.AFTER))
        if pain.next_morning_0_10 is not None:
            logs.append(
                PainLog(on + timedelta(days=1), pain.next_morning_0_10, PainTiming.NEXT_MORNING)
            )
    return logs


def _recent_weeks(report: LoadReport, runs: list[Run], tz: tzinfo) -> tuple[WeekRow, ...]:
    daily = daily_running(runs, tz=tz)
    series = acwr_series(daily.distance_km, today=report.today)
    rows = []
    for week in report.weeks[-CHART_WEEKS:]:
        last_day = min(week.week_start + timedelta(days=6), report.today)
        index = (last_day - series.first_day).days
        ratio = series.ratios[index] if 0 <= index < len(series.ratios) else None
        rows.append(WeekRow(week.week_start, week.distance_km, week.runs, ratio))
    return tuple(rows)
