r"""Training load from runs: daily and weekly distance, weekly change, spikes, monotony.

Time is counted in the runner's local days. A run counts on the calendar day its start falls
on in the runner's time zone; weeks start on Monday in that zone; "the last 7 days" are 7
calendar days, so a 23- or 25-hour day at a daylight-saving change is still one day. Only
runs count (:attr:`Run.is_running`); two runs on one day add up. A runner's history starts
on the earliest day in the data, and ratios read ``None`` ("not enough data yet") until
there is a full window of history, never 0.

Abbreviations: RPE, rating of perceived exertion (CR-10 scale); AU, arbitrary units. The
acute:chronic workload ratio is in :mod:`hipfirst.core.acwr`. Evidence and full citations:
``../shared/science/training_load.md``. The whole report, with the risk score and the plan,
is :func:`hipfirst.core.load_report.training_load_report`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from types import MappingProxyType

from hipfirst.core.errors import InvalidAnswer

ACUTE_DAYS, CHRONIC_DAYS = 7, 28  # Hulin et al. 2016: 1-week acute, 4-week chronic load
SPIKE_PRIOR_DAYS = 30  # Frandsen et al. 2025: the longest run "in the previous 30 days"
MONOTONY_DAYS = 7  # Foster 1998: a week of daily loads


@dataclass(frozen=True, slots=True)
class Run:
    """One activity as the load core sees it: an aware start time and what was covered."""

    start: datetime  # must carry a time zone; its local date is taken in the runner's zone
    distance_km: float
    duration_s: float
    is_running: bool = True  # rides, walks and swims are passed through but never counted
    rpe_0_10: int | None = None  # session effort on the CR-10 scale; None when not logged

    def __post_init__(self) -> None:
        if self.start.utcoffset() is None:
            raise InvalidAnswer("The run's start time has no time zone.", field="start")
        for field, value in (("distance_km", self.distance_km), ("duration_s", self.duration_s)):
            if not (math.isfinite(value) and value >= 0):
                raise InvalidAnswer("A run's distance and time must be 0 or more.", field=field)
        if self.rpe_0_10 is not None and not 0 <= self.rpe_0_10 <= 10:
            raise InvalidAnswer("Session effort (RPE) goes from 0 to 10.", field="rpe_0_10")


@dataclass(frozen=True, slots=True)
class DailyRunning:
    """Running per local day; every mapping has the same keys, the days with a run."""

    distance_km: Mapping[date, float]
    duration_s: Mapping[date, float]
    runs: Mapping[date, int]
    longest_run_km: Mapping[date, float]
    srpe_au: Mapping[date, float | None]  # RPE × minutes; None if a run that day has no RPE


@dataclass(frozen=True, slots=True)
class WeeklyLoad:
    """Running in one week, Monday to Sunday in the runner's time zone."""

    week_start: date
    distance_km: float
    duration_s: float
    runs: int


@dataclass(frozen=True, slots=True)
class Spike:
    """The longest run of a day against the longest run of the 30 days before it."""

    on: date
    distance_km: float
    longest_prior_30d_km: float
    increase_pct: float  # negative when the run was shorter


@dataclass(frozen=True, slots=True)
class Monotony:
    """Foster's monotony and strain over the 7 days ending ``week_end``."""

    week_end: date
    weekly_load_au: float
    monotony: float | None  # None when every day carried the same load (SD 0)
    strain_au: float | None


def daily_running(runs: Iterable[Run], *, tz: tzinfo) -> DailyRunning:
    r"""Add up the runs of each local day in the runner's time zone ``tz``.

    Parameters
    ----------
    runs : Iterable[Run]
        Activities in any order; those that are not runs are left out.
    tz : tzinfo
        The runner's time zone, e.g. ``ZoneInfo("Europe/Oslo")``.

    Notes
    -----
    A run's session load is :math:`RPE \times t_{min}` AU [1]_.

    References
    ----------
    .. [1] Foster C et al. J Strength Cond Res. 2001;15(1):109-115 (formula SECONDARY).
    """
    km: dict[date, float] = {}
    seconds: dict[date, float] = {}
    count: dict[date, int] = {}
    longest: dict[date, float] = {}
    srpe: dict[date, float | None] = {}
    for run in runs:
        if not run.is_running:
            continue
        day = run.start.astimezone(tz).date()
        distance_km, duration_s, rpe = run.distance_km, run.duration_s, run.rpe_0_10
        load = None if rpe is None else rpe * duration_s / 60
        if day not in km:
            km[day], seconds[day], count[day] = distance_km, duration_s, 1
            longest[day], srpe[day] = distance_km, load
            continue
        km[day] += distance_km
        seconds[day] += duration_s
        count[day] += 1
        longest[day] = distance_km if distance_km > longest[day] else longest[day]
        before = srpe[day]
        srpe[day] = None if load is None or before is None else before + load
    proxy = MappingProxyType
    return DailyRunning(proxy(km), proxy(seconds), proxy(count), proxy(longest), proxy(srpe))


def monday_of(day: date) -> date:
    """The Monday that starts the week of ``day``."""
    return day - timedelta(days=day.weekday())


def weekly_loads(daily: DailyRunning, *, today: date) -> tuple[WeeklyLoad, ...]:
    """Every week from the first run's to ``today``'s; weeks without a run hold 0 km."""
    if not daily.distance_km:
        return ()
    first = monday_of(min(daily.distance_km))
    origin, last = first.toordinal(), today.toordinal()
    weeks = max((monday_of(today) - first).days // 7 + 1, 0)
    km, seconds, runs = [0.0] * weeks, [0.0] * weeks, [0] * weeks
    day_seconds, day_runs = daily.duration_s, daily.runs
    for day, distance_km in daily.distance_km.items():
        if (ordinal := day.toordinal()) <= last:
            week = (ordinal - origin) // 7
            km[week] += distance_km
            seconds[week] += day_seconds[day]
            runs[week] += day_runs[day]
    mondays = (date.fromordinal(origin + 7 * week) for week in range(weeks))
    return tuple(map(WeeklyLoad, mondays, km, seconds, runs))


def _dense_km(daily_km: Mapping[date, float], first: date, last: date) -> list[float]:
    """Distance on each day from ``first`` to ``last``, 0 on days without a run."""
    days = max((last - first).days + 1, 0)
    if 2 * days < len(daily_km):  # a short window: looking its days up is quicker
        return [daily_km.get(first + timedelta(days=i), 0.0) for i in range(days)]
    origin = first.toordinal()
    km = [0.0] * days
    for day, distance_km in daily_km.items():
        if 0 <= (index := day.toordinal() - origin) < len(km):
            km[index] += distance_km
    return km


def weekly_change_pct(daily_km: Mapping[date, float], *, today: date) -> float | None:
    r"""Change in distance of the last 7 days against the 7 days before, in per cent.

    Notes
    -----
    :math:`100\,(W_t - W_{t-7}) / W_{t-7}` over 7-day windows ending ``today``, not
    calendar weeks, so a half-finished week does not read as a drop. Progression was
    grouped as below 10%, 10-30% and above 30% [1]_. ``None`` before 14 days of history or
    when the earlier week has no running.

    References
    ----------
    .. [1] Nielsen RØ et al. J Orthop Sports Phys Ther. 2014 (volume and pages UNVERIFIED).
    """
    if (today - min(daily_km, default=today)).days < 2 * ACUTE_DAYS - 1:
        return None
    km = _dense_km(daily_km, today - timedelta(days=2 * ACUTE_DAYS - 1), today)
    before, after = sum(km[:ACUTE_DAYS]), sum(km[ACUTE_DAYS:])
    return round(100 * (after - before) / before, 9) if before > 0 else None


def single_run_spike(longest_run_km: Mapping[date, float], *, on: date) -> Spike | None:
    r"""The longest run on ``on`` against the longest run of the 30 days before it.

    Notes
    -----
    Increase :math:`100\,(d - d^{max}_{30}) / d^{max}_{30}`, where :math:`d^{max}_{30}` is
    the longest run on the 30 days before ``on`` (the day itself excluded, so two runs on
    one day are each set against the days before) [1]_. ``None`` without a run on ``on``,
    before 30 days of history, or when no run in those 30 days covered any distance.

    References
    ----------
    .. [1] Frandsen JSB et al. Br J Sports Med. 2025;59(17):1203-1210.
    """
    return _spike_on(longest_run_km, on, min(longest_run_km, default=on))


def _spike_on(longest_run_km: Mapping[date, float], on: date, first: date) -> Spike | None:
    if on not in longest_run_km or (on - first).days < SPIKE_PRIOR_DAYS:
        return None
    prior_km = max(_dense_km(longest_run_km, on - timedelta(days=SPIKE_PRIOR_DAYS), on)[:-1])
    if prior_km <= 0:
        return None
    distance_km = longest_run_km[on]
    increase_pct = round(100 * (distance_km - prior_km) / prior_km, 9)
    return Spike(on, distance_km, prior_km, increase_pct)


def biggest_spike(longest_run_km: Mapping[date, float], *, today: date, days: int) -> Spike | None:
    """The :func:`single_run_spike` with the largest increase among the last ``days`` days."""
    first = min(longest_run_km, default=today)
    spikes = (_spike_on(longest_run_km, today - timedelta(days=d), first) for d in range(days))
    return max((s for s in spikes if s is not None), key=lambda s: s.increase_pct, default=None)


def monotony_and_strain(
    daily_srpe_au: Mapping[date, float | None], *, today: date
) -> Monotony | None:
    r"""Foster's training monotony and strain over the 7 days ending ``today``.

    Notes
    -----
    With daily session loads :math:`L_d` (days without a run count as 0),
    monotony :math:`= \bar{L} / \sigma_L` and strain :math:`= \sum L_d \times` monotony [1]_.
    We use the population standard deviation; that, the 7-day sum and rest days as 0 are
    conventional usage, UNVERIFIED. ``None`` before 7 days of history, when a run in the
    week has no RPE, or when the week has no load; monotony is ``None`` when SD is 0.

    References
    ----------
    .. [1] Foster C. Med Sci Sports Exerc. 1998;30(7):1164-1168.
    """
    if (today - min(daily_srpe_au, default=today)).days < MONOTONY_DAYS - 1:
        return None
    loads = [daily_srpe_au.get(today - timedelta(days=d), 0.0) for d in range(MONOTONY_DAYS)]
    known = [load for load in loads if load is not None]
    if len(known) < MONOTONY_DAYS or (weekly_au := sum(known)) <= 0:
        return None
    mean_au = weekly_au / MONOTONY_DAYS
    sd = math.sqrt(sum((load - mean_au) ** 2 for load in known) / MONOTONY_DAYS)  # population
    monotony = mean_au / sd if sd > 1e-9 * mean_au else None  # below that, SD is float noise
    return Monotony(today, weekly_au, monotony, None if monotony is None else weekly_au * monotony)
