r"""The acute:chronic workload ratio (ACWR) from daily running distance: rolling, uncoupled, EWMA.

The acute load is the last 7 days, the chronic load the 4 weeks ending today (rolling, or
"coupled"), the 3 weeks before the acute week (uncoupled), or an exponentially weighted
moving average (EWMA) with 7- and 28-day decay. Days are the runner's local days, from
:func:`hipfirst.core.load.daily_running`. Ratios read ``None`` ("not enough data yet")
until there are 28 days of history and a chronic load to compare with, never 0. The ratio
is associated with injury in team sports and disputed for runners (Impellizzeri et al.
2021). Evidence and full citations: ``../shared/science/training_load.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import accumulate

from hipfirst.core.load import ACUTE_DAYS, CHRONIC_DAYS, _dense_km

ACUTE_LAMBDA, CHRONIC_LAMBDA = 2 / (7 + 1), 2 / (28 + 1)  # Williams et al. 2017, see ewma_acwr


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
