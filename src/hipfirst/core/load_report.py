"""The training-load report of issue #6: every load metric, the risk score and the plan.

:func:`training_load_report` gathers, for one runner on ``today``, the weekly loads and
ratios of :mod:`hipfirst.core.load` and :mod:`hipfirst.core.acwr`, the risk score of
:mod:`hipfirst.core.risk` and the plan of :mod:`hipfirst.core.volume`;
:func:`load_report_as_json` is the one JSON object ``hipfirst load --json`` prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, tzinfo

from hipfirst.core.acwr import Acwr, ewma_acwr, rolling_acwr, uncoupled_acwr
from hipfirst.core.load import (
    Monotony,
    Run,
    Spike,
    WeeklyLoad,
    biggest_spike,
    daily_running,
    monotony_and_strain,
    weekly_change_pct,
    weekly_loads,
)
from hipfirst.core.load_thresholds import read_load_thresholds
from hipfirst.core.pain import PainLog
from hipfirst.core.risk import LoadRisk, score_load_risk
from hipfirst.core.volume import VolumePlan, running_volume_plan

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


@dataclass(frozen=True, slots=True)
class LoadReport:
    """Everything issue #6 reports about a runner's training load on ``today``."""

    today: date
    weeks: tuple[WeeklyLoad, ...]
    rolling: Acwr
    ewma: Acwr
    uncoupled: Acwr
    weekly_change_pct: float | None
    spike: Spike | None  # only when above the published threshold
    monotony: Monotony | None
    risk: LoadRisk
    plan: VolumePlan


def training_load_report(
    runs: Iterable[Run],
    *,
    today: date,
    tz: tzinfo,
    pain_logs: Sequence[PainLog] = (),
    plan_weeks: int = 8,
) -> LoadReport:
    """Every load metric, the risk score and the plan for one runner on ``today``.

    Parameters
    ----------
    runs : Iterable[Run]
        Activities with aware start times; only runs count.
    today : date
        The runner's local date; runs and logs after it are left out.
    tz : tzinfo
        The runner's time zone: it decides each run's day and where weeks start.
    pain_logs : Sequence[PainLog]
        Pain scores on the runner's local dates.
    plan_weeks : int
        Length of the plan, 4 to 12 weeks.

    Raises
    ------
    InvalidAnswer
        When a run or a pain score is out of range, or ``plan_weeks`` is outside 4 to 12.
    """
    t = read_load_thresholds()
    daily = daily_running(runs, tz=tz)
    km = daily.distance_km
    spike = biggest_spike(daily.longest_run_km, today=today, days=t.spike_lookback_days)
    return LoadReport(
        today,
        weekly_loads(daily, today=today),
        rolling_acwr(km, today=today),
        ewma_acwr(km, today=today),
        uncoupled_acwr(km, today=today),
        weekly_change_pct(km, today=today),
        spike if spike is not None and spike.increase_pct > t.spike_moderate_above_pct else None,
        monotony_and_strain(daily.srpe_au, today=today),
        score_load_risk(daily, pain_logs, today=today, thresholds=t),
        running_volume_plan(daily, pain_logs, today=today, weeks=plan_weeks, thresholds=t),
    )


def _plain(value: object) -> JsonValue:
    """Dates as ISO text, floats to 3 decimals, dataclasses as objects, tuples as lists."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return str(value)  # a StrEnum's value
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def load_report_as_json(report: LoadReport) -> dict[str, JsonValue]:
    """The report as the one JSON object ``hipfirst load --json`` prints.

    Numbers are rounded to 3 decimals; ``null`` reads "not enough data yet". The keys of
    issue #6 are all there; ``duration_s``, ``uncoupled``, ``monotony``, ``plan_step``,
    ``plan_advice`` and ``walk_run`` add to them.
    """
    spike, acwrs = report.spike, (report.rolling, report.ewma, report.uncoupled)
    return {
        "today": _plain(report.today),
        "weeks": _plain(report.weeks),
        "acwr": {acwr.method.value: _plain(acwr.ratio) for acwr in acwrs},
        "weekly_change_pct": _plain(report.weekly_change_pct),
        "spike": None
        if spike is None
        else {
            "date": _plain(spike.on),
            "distance_km": _plain(spike.distance_km),
            "longest_prior_30d_km": _plain(spike.longest_prior_30d_km),
            "increase_pct": _plain(spike.increase_pct),
        },
        "monotony": _plain(report.monotony),
        "risk": _plain(report.risk),
        "plan_step": _plain(report.plan.step),
        "plan_advice": report.plan.advice,
        "plan": _plain(report.plan.weeks),
    }
