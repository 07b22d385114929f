r"""Cadence (step rate) from runs: each run's, the easy-run cadence and the weekly trend.

Cadence is in steps a minute counting both feet (``_spm``); adapters double a device's
strides a minute before they build :class:`RunSamples` (../shared/science/cadence.md §5).
Thresholds live in ``data/cadence.toml`` with their sources; the design choices among
them say so there. The target over the easy-run cadence, the plan to reach it and the
evidence are in :mod:`hipfirst.core.cadence_target`.
"""

from __future__ import annotations

import math
import statistics
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from importlib import resources

import numpy as np
import numpy.typing as npt

from hipfirst.core.errors import InvalidAnswer

_DATA = tomllib.loads(
    resources.files("hipfirst.core").joinpath("data", "cadence.toml").read_text("utf-8")
)
STOPPED_BELOW_MPS = float(_DATA["samples"]["stopped_below_mps"])
WALKING_BELOW_SPM = float(_DATA["samples"]["walking_below_spm"])
MAX_SAMPLE_GAP_S = float(_DATA["samples"]["max_sample_gap_s"])
PLAUSIBLE_MIN_SPM = int(_DATA["plausible"]["min_spm"])
PLAUSIBLE_MAX_SPM = int(_DATA["plausible"]["max_spm"])
PERCENTILES = (10, 25, 50, 75, 90)  # the spread shown for a run

Floats = npt.NDArray[np.float64]


class CadenceSource(StrEnum):
    """Where a run's cadence came from."""

    DEVICE = "device"  # samples recorded by a watch or foot pod
    COUNTED = "counted"  # the runner counted steps for 30 s


@dataclass(frozen=True, slots=True)
class RunSamples:
    """One run's samples as an importer reads them; the three tuples run in step.

    ``elapsed_s`` never decreases; ``cadence_spm`` counts both feet; ``None`` is no reading.
    """

    file: str | None
    start: datetime
    elapsed_s: tuple[float, ...]
    cadence_spm: tuple[float | None, ...]
    speed_mps: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class RunCadence:
    """Cadence of one run, counting running only: stops and walking breaks are left out."""

    file: str | None
    start: datetime
    source: CadenceSource
    avg_spm: float | None  # None: no running with a cadence reading
    percentiles_spm: tuple[tuple[int, float], ...]  # (percentile, spm); empty when unknown
    speed_mps: float | None  # average while running; None without speed readings
    running_s: float | None  # None for a counted cadence
    running_share: float | None  # of the recorded time, 0 to 1; None when unknown


@dataclass(frozen=True, slots=True)
class WeeklyCadence:
    """The runs of one week (Monday to Sunday), by the local date each run started."""

    week_of: date
    run_count: int
    median_spm: float | None  # median of the runs' averages; None without one
    median_speed_mps: float | None


def counted_cadence_spm(steps_in_30_s: int) -> int:
    """Cadence from steps counted for 30 s, both feet: twice the count.

    Raises
    ------
    InvalidAnswer
        If the count gives a cadence outside ``PLAUSIBLE_MIN_SPM``–``PLAUSIBLE_MAX_SPM``
        (a design choice in ``data/cadence.toml``); counting one foot only gives about half.

    Examples
    --------
    >>> counted_cadence_spm(86)
    172
    """
    if isinstance(steps_in_30_s, bool) or not isinstance(steps_in_30_s, int):
        raise InvalidAnswer("Enter the steps you counted as a whole number.", field="steps_in_30_s")
    spm = 2 * steps_in_30_s
    if not PLAUSIBLE_MIN_SPM <= spm <= PLAUSIBLE_MAX_SPM:
        raise InvalidAnswer(
            f"{steps_in_30_s} steps in 30 seconds is {spm} a minute, outside the "
            f"{PLAUSIBLE_MIN_SPM}–{PLAUSIBLE_MAX_SPM} a runner takes. Count every time "
            "either foot lands, for 30 seconds, on an easy run.",
            field="steps_in_30_s",
        )
    return spm


def counted_run(
    start: datetime, steps_in_30_s: int, *, speed_mps: float | None = None
) -> RunCadence:
    """A run whose cadence the runner counted (steps in 30 s × 2), for runners without a watch."""
    spm = float(counted_cadence_spm(steps_in_30_s))
    return RunCadence(None, start, CadenceSource.COUNTED, spm, (), speed_mps, None, None)


def run_cadence(samples: RunSamples) -> RunCadence:
    r"""Time-weighted cadence of one run's running, leaving out stops and walking breaks.

    Raises
    ------
    InvalidAnswer
        If the tuples differ in length, time goes backwards, ``start`` has no time zone,
        or a reading is negative or not finite.

    Notes
    -----
    A sample stands for the time since the one before, capped at ``MAX_SAMPLE_GAP_S``;
    the first sample stands for no time. A sample is a stop when its cadence is 0 or
    missing or its speed is below ``STOPPED_BELOW_MPS``, and a walking break when its
    cadence is below ``WALKING_BELOW_SPM``: design choices in ``data/cadence.toml``, as
    ../shared/science/cadence.md gives neither threshold (it treats cadence 0 as no data,
    an app choice, §5). The average is :math:`\sum_i w_i c_i / \sum_i w_i` over running
    samples, and percentiles are the weighted inverted CDF.
    """
    cadence, speed, weight, running = _running(samples)
    running_s, total_s = float(weight[running].sum()), float(weight.sum())
    avg_spm = speed_mps = None
    spread: tuple[tuple[int, float], ...] = ()
    if running_s > 0:
        avg_spm = float(np.average(cadence[running], weights=weight[running]))
        spread = tuple(
            (p, _weighted_percentile(cadence[running], weight[running], p)) for p in PERCENTILES
        )
        timed = running & ~np.isnan(speed) & (weight > 0)
        if timed.any():
            speed_mps = float(np.average(speed[timed], weights=weight[timed]))
    return RunCadence(
        file=samples.file,
        start=samples.start,
        source=CadenceSource.DEVICE,
        avg_spm=avg_spm,
        percentiles_spm=spread,
        speed_mps=speed_mps,
        running_s=running_s,
        running_share=running_s / total_s if total_s > 0 else None,
    )


def easy_run_cadence_spm(runs: Sequence[RunCadence]) -> float | None:
    """The runner's typical easy-run cadence: the median over their slower half of runs.

    Notes
    -----
    The baseline is the runner's own preferred rate at their usual easy speed [1]_
    (../shared/science/cadence.md §4), and cadence rises with speed [2]_ (§3). So, by our
    design choice, a run is easy when its running speed is at or below the median of the
    runs' speeds, and the median of the easy runs' averages resists the odd race. A run
    without speed (counted, or on a treadmill) counts as easy: the counting prompt asks
    for an easy run. None (not enough data yet) without a cadence.

    References
    ----------
    .. [1] Heiderscheit BC et al. Med Sci Sports Exerc. 2011;43(2):296-302.
       doi:10.1249/MSS.0b013e3181ebedf4 (preferred rate measured at a constant speed)
    .. [2] Velocity–cadence inflection study, https://pmc.ncbi.nlm.nih.gov/articles/PMC8523042
       (authors and journal not read).
    """
    known = [(run.avg_spm, run.speed_mps) for run in runs if run.avg_spm is not None]
    median_mps = _median([mps for _, mps in known if mps is not None])
    return _median(
        [spm for spm, mps in known if mps is None or median_mps is None or mps <= median_mps]
    )


def weekly_cadence(runs: Sequence[RunCadence]) -> tuple[WeeklyCadence, ...]:
    """Cadence trend: every week from the first run's to the last's, empty weeks included."""
    mondays = [run.start.date() - timedelta(days=run.start.weekday()) for run in runs]
    week, weeks = min(mondays, default=date.max), []
    while week <= max(mondays, default=date.min):
        these = [run for run, monday in zip(runs, mondays, strict=True) if monday == week]
        spms = [run.avg_spm for run in these if run.avg_spm is not None]
        speeds = [run.speed_mps for run in these if run.speed_mps is not None]
        spm, mps = _median(spms), _median(speeds)
        weeks.append(WeeklyCadence(week, len(these), median_spm=spm, median_speed_mps=mps))
        week += timedelta(weeks=1)
    return tuple(weeks)


def _running(samples: RunSamples) -> tuple[Floats, Floats, Floats, npt.NDArray[np.bool_]]:
    """Cadence and speed (NaN: no reading), each sample's weight in seconds, and running."""
    if samples.start.tzinfo is None:
        raise InvalidAnswer("The run's start time needs a time zone.", field="start")
    size = len(samples.elapsed_s)
    for field in ("cadence_spm", "speed_mps"):
        if len(getattr(samples, field)) != size:
            raise InvalidAnswer(f"The run has {size} times but not {size} readings.", field=field)
    elapsed = _readings(samples.elapsed_s, "elapsed_s")
    gaps = np.diff(elapsed, prepend=elapsed[:1])
    if (gaps < 0).any():
        raise InvalidAnswer("The run's times go backwards.", field="elapsed_s")
    cadence = _readings(samples.cadence_spm, "cadence_spm")
    cadence[cadence > PLAUSIBLE_MAX_SPM] = np.nan  # a glitch, e.g. an invalid 0xFF doubled
    speed = _readings(samples.speed_mps, "speed_mps")
    # NaN compares False: no cadence is not running; no speed does not make a stop.
    running = (cadence >= WALKING_BELOW_SPM) & ~(speed < STOPPED_BELOW_MPS)
    return cadence, speed, np.minimum(gaps, MAX_SAMPLE_GAP_S), running


def _readings(values: Sequence[float | None], field: str) -> Floats:
    """Readings as floats with NaN for None; a negative or non-finite one is refused."""
    if any(v is not None and not (math.isfinite(v) and v >= 0) for v in values):
        raise InvalidAnswer(f"The run has a negative or unreadable {field} reading.", field=field)
    return np.array([math.nan if v is None else v for v in values], dtype=np.float64)


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _weighted_percentile(values: Floats, weights: Floats, percentile: float) -> float:
    """The smallest value whose cumulative weight reaches ``percentile`` % (inverted CDF)."""
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    index = int(np.searchsorted(cumulative, percentile / 100 * cumulative[-1], side="left"))
    return float(values[order][min(index, len(values) - 1)])
