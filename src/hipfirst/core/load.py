r"""Training load from runs: daily and weekly distance, ACWR, weekly change, spikes, monotony.

Time is counted in the runner's local days. A run counts on the calendar day its start falls
on in the runner's time zone; weeks start on Monday in that zone; "the last 7 days" are 7
calendar days, so a 23- or 25-hour day at a daylight-saving change is still one day. Only
runs count (:attr:`Run.is_running`); two runs on one day add up. A runner's history starts
on the earliest day in the data, and ratios read ``None`` ("not enough data yet") until
there is a full window of history, never 0.

Abbreviations: ACWR, acute:chronic workload ratio; EWMA, exponentially weighted moving
average; RPE, rating of perceived exertion (CR-10 scale); AU, arbitrary units. Evidence and
full citations: ``../shared/science/training_load.md``. The whole report, with the risk
score and the plan, is :func:`hipfirst.core.volume.training_load_report`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from itertools import accumulate
from types import MappingProxyType

from hipfirst.core.errors import InvalidAnswer

ACUTE_DAYS, CHRONIC_DAYS = 7, 28  # Hulin et al. 2016: 1-week acute, 4-week chronic load
ACUTE_LAMBDA, CHRONIC_LAMBDA = 2 / (7 + 1), 2 / (28 + 1)  # Williams et al. 2017, see ewma_acwr
SPIKE_PRIOR_DAYS = 30  # Frandsen et al. 2025: the longest run "in the previous 30 days"
MONOTONY_DAYS = 7  # Foster 1998: a week of daily loads


class AcwrMethod(StrEnum):
    """How the acute and chronic loads are averaged."""

    ROLLING = "rolling"  # coupled: the acute week is one of the four chronic weeks
    UNCOUPLED = "uncoupled"  # the acute week against the three weeks before it
    EWMA = "ewma"  # exponentially weighted, 7- and 28-day decay


class EwmaSeed(StrEnum):
    """Where both EWMAs start; Williams et al. 2017 leave it open, so each is our choice."""

    FIRST_28_DAYS_MEAN = "first_28_days_mean"  # the mean daily load of the first 28 days
    FIRST_DAY = "first_day"  # the first day's load
    ZERO = "zero"


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
class Acwr:
    """Acute:chronic workload ratio on one day, from running distance."""

    on: date
    method: AcwrMethod
    acute_km_per_week: float
    chronic_km_per_week: float
    ratio: float | None  # None until 28 days of history and a chronic load to compare with


@dataclass(frozen=True, slots=True)
class AcwrSeries:
    """One ratio a day from ``first_day`` to the day asked for, for charts."""

    method: AcwrMethod
    first_day: date
    ratios: tuple[float | None, ...]


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


def _ewma_start(km: list[float], seed: EwmaSeed) -> float:
    """The daily load both EWMAs start from, before the first day of ``km``."""
    if seed is EwmaSeed.ZERO or not km:
        return 0.0
    if seed is EwmaSeed.FIRST_DAY:
        return km[0]
    first_month = km[:CHRONIC_DAYS]
    return sum(first_month) / len(first_month)


def _loads_per_week(
    km: list[float], method: AcwrMethod, seed: EwmaSeed, *, every_day: bool = True
) -> tuple[list[float], list[float]]:
    """Acute and chronic load in km per week, on every day of ``km`` or (EWMA) only the last."""
    if method is AcwrMethod.EWMA:
        acute = chronic = _ewma_start(km, seed)
        acutes, chronics = [], []
        for load in km:
            acute += ACUTE_LAMBDA * (load - acute)
            chronic += CHRONIC_LAMBDA * (load - chronic)
            if every_day:
                acutes.append(7 * acute)
                chronics.append(7 * chronic)
        return (acutes, chronics) if every_day else ([7 * acute], [7 * chronic])
    # Prefix sums, not a running total, so a window of rest days sums to exactly 0. The
    # zeros in front are the days before the history: total[CHRONIC_DAYS + i] = sum(km[:i]).
    total = [0.0] * CHRONIC_DAYS + list(accumulate(km, initial=0.0))
    # For each day: the total up to it, up to a week before it and up to 4 weeks before it.
    rows = list(
        zip(
            total[CHRONIC_DAYS + 1 :],
            total[CHRONIC_DAYS + 1 - ACUTE_DAYS :],
            total[1:],
            strict=False,
        )
    )
    acutes = [now - week_ago for now, week_ago, _ in rows]
    if method is AcwrMethod.ROLLING:
        return acutes, [(now - month_ago) / 4 for now, _, month_ago in rows]
    return acutes, [(week_ago - month_ago) / 3 for _, week_ago, month_ago in rows]


def acwr_series(
    daily_km: Mapping[date, float],
    *,
    today: date,
    method: AcwrMethod = AcwrMethod.ROLLING,
    seed: EwmaSeed = EwmaSeed.FIRST_28_DAYS_MEAN,
) -> AcwrSeries:
    """The ratio on every day from the first day of ``daily_km`` to ``today``.

    Each ratio is :func:`rolling_acwr`, :func:`uncoupled_acwr` or :func:`ewma_acwr` on that
    day, with the same warm-up: ``None`` for the first 27 days and when the chronic load is 0.
    """
    first = min(daily_km, default=today)
    acutes, chronics = _loads_per_week(_dense_km(daily_km, first, today), method, seed)
    warm = CHRONIC_DAYS - 1
    ratios = [None] * min(warm, len(acutes)) + [
        acute / chronic if chronic > 0 else None
        for acute, chronic in zip(acutes[warm:], chronics[warm:], strict=True)
    ]
    return AcwrSeries(method, first, tuple(ratios))


def _acwr_on(
    daily_km: Mapping[date, float], today: date, method: AcwrMethod, seed: EwmaSeed
) -> Acwr:
    first = min(daily_km, default=today)
    window = max(first, today - timedelta(days=CHRONIC_DAYS - 1))
    km = _dense_km(daily_km, first if method is AcwrMethod.EWMA else window, today)
    acutes, chronics = _loads_per_week(km, method, seed, every_day=False) if km else ([0.0], [0.0])
    acute, chronic = acutes[-1], chronics[-1]
    is_warm = (today - first).days >= CHRONIC_DAYS - 1
    return Acwr(today, method, acute, chronic, acute / chronic if is_warm and chronic > 0 else None)


def rolling_acwr(daily_km: Mapping[date, float], *, today: date) -> Acwr:
    r"""Rolling-average ("coupled") acute:chronic workload ratio on ``today``.

    Notes
    -----
    Acute load :math:`A_t = \sum_{d=t-6}^{t} L_d`; chronic load
    :math:`C_t = \frac{1}{4}\sum_{d=t-27}^{t} L_d`, the mean of the four weeks ending
    :math:`t` [1]_; ratio :math:`A_t / C_t`. The acute week is part of the chronic load,
    which couples the two [2]_. ``None`` until 28 days of history. The ratio is associated
    with injury in team sports; its use is disputed [3]_.

    References
    ----------
    .. [1] Hulin BT et al. Br J Sports Med. 2016;50(4):231-236. doi:10.1136/bjsports-2015-094817
    .. [2] Lolli L et al. Br J Sports Med. 2019;53(15):921.
    .. [3] Impellizzeri FM et al. Sports Med. 2021. doi:10.1007/s40279-020-01378-6
    """
    return _acwr_on(daily_km, today, AcwrMethod.ROLLING, EwmaSeed.ZERO)


def uncoupled_acwr(daily_km: Mapping[date, float], *, today: date) -> Acwr:
    r"""Uncoupled acute:chronic workload ratio on ``today``: a week against the 3 before it.

    Notes
    -----
    :math:`A_t = \sum_{d=t-6}^{t} L_d` and :math:`C_t = \frac{1}{3}\sum_{d=t-27}^{t-7} L_d`,
    so the acute week is not part of the chronic load [1]_; the 1:3 form is the one used in
    runners [2]_. ``None`` until 28 days of history.

    References
    ----------
    .. [1] Windt J, Gabbett TJ. Br J Sports Med. 2019;53(16):988.
    .. [2] Frandsen JSB et al. Br J Sports Med. 2025;59(17):1203-1210.
    """
    return _acwr_on(daily_km, today, AcwrMethod.UNCOUPLED, EwmaSeed.ZERO)


def ewma_acwr(
    daily_km: Mapping[date, float],
    *,
    today: date,
    seed: EwmaSeed = EwmaSeed.FIRST_28_DAYS_MEAN,
) -> Acwr:
    r"""Exponentially weighted acute:chronic workload ratio up to and including ``today``.

    Notes
    -----
    For a window of :math:`N` days, :math:`EWMA_t = \lambda L_t + (1-\lambda) EWMA_{t-1}`
    with :math:`\lambda = 2/(N+1)`; N is 7 (acute) and 28 (chronic) [1]_. Loads are shown
    as 7 × the daily EWMA, in km per week. Seeding is our choice, as [1] does not give one:
    by default both EWMAs start at the mean daily load of the first 28 days, so a steady
    load reads 1 (to rounding); seeded at 0 the ratio starts high and approaches 1 (about 1.16 on
    day 28, 1.02 on day 56). Either way no ratio shows before 28 days of history. The ratio
    is associated with injury, no more [2]_.

    References
    ----------
    .. [1] Williams S, West S, Cross MJ, Stokes KA. Br J Sports Med. 2017;51(3):209-210.
       doi:10.1136/bjsports-2016-096589
    .. [2] Impellizzeri FM et al. Sports Med. 2021. doi:10.1007/s40279-020-01378-6
    """
    return _acwr_on(daily_km, today, AcwrMethod.EWMA, seed)


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
