"""How fast the training-load core is on ten years of daily runs, against pandas.

Run: ``.venv/bin/python benchmarks/load_speed.py`` (pytest never collects it). Prints one
JSON object: the median milliseconds of

* ``core.report_ms``: :func:`hipfirst.core.load_report.training_load_report`, every metric of
  issue #6 (daily and weekly running, the three ratios, weekly change, spike, monotony,
  the risk score and an 8-week plan) from the list of runs; the target is under 10 ms;
* ``core.weekly_and_rolling_ms``: the same work pandas does below, in the core: local days,
  weekly sums and the rolling ratio on every day;
* ``pandas_same_work.from_runs_ms``: that work in pandas from the same Python list of runs,
  and ``from_frame_ms`` from a DataFrame already built (pandas' best case);

then ``pandas_ms_per_core_ms`` (above 1: the core is faster) and how far the two agree.
3,650 runs, one a day at a seeded random time of day, in Europe/Oslo, so that the
daylight-saving changes and runs near midnight are in the data.
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # no pandas-stubs: pandas is benchmark-only

from hipfirst.core.acwr import AcwrMethod, acwr_series
from hipfirst.core.load import Run, daily_running, weekly_loads
from hipfirst.core.load_report import training_load_report
from hipfirst.core.pain import PainLog

TZ_NAME = "Europe/Oslo"
TZ = ZoneInfo(TZ_NAME)
DAYS = 3650
TODAY = date(2024, 12, 31)
REPEATS = 60
TARGET_MS = 10.0


def ten_years_of_runs(seed: int = 6) -> list[Run]:
    """One run a day for ten years up to TODAY, at a random local time, 3 to 21 km."""
    rng = random.Random(seed)  # noqa: S311  # seeded test data, not secrets
    first = TODAY - timedelta(days=DAYS - 1)
    runs = []
    for day in range(DAYS):
        local = datetime.combine(first + timedelta(days=day), datetime.min.time(), tzinfo=TZ)
        start = (local + timedelta(minutes=rng.randrange(24 * 60))).astimezone(UTC)
        km = rng.uniform(3, 21)
        runs.append(Run(start, km, km * rng.uniform(300, 420), rpe_0_10=rng.randint(2, 8)))
    return runs


def median_ms(work: Callable[[], object]) -> float:
    """Median wall time of ``work`` over REPEATS runs after three warm-ups."""
    for _ in range(3):
        work()
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def core_weekly_and_rolling(runs: list[Run]) -> tuple[dict[date, float], list[float | None]]:
    """Weekly distance and the rolling ratio on every day, with the core."""
    daily = daily_running(runs, tz=TZ)
    weeks = {w.week_start: w.distance_km for w in weekly_loads(daily, today=TODAY)}
    series = acwr_series(daily.distance_km, today=TODAY, method=AcwrMethod.ROLLING)
    return weeks, list(series.ratios)


def frame_of(runs: list[Run]) -> pd.DataFrame:
    """The runs as a DataFrame of UTC start times and distances."""
    starts = pd.to_datetime([run.start for run in runs], utc=True)
    return pd.DataFrame({"start": starts, "distance_km": [run.distance_km for run in runs]})


def pandas_weekly_and_rolling(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Weekly distance and the rolling ratio on every day, with pandas."""
    local_day = frame["start"].dt.tz_convert(TZ_NAME).dt.tz_localize(None).dt.normalize()
    by_day = frame["distance_km"].groupby(local_day).sum()
    days = pd.date_range(by_day.index.min(), pd.Timestamp(TODAY), freq="D")
    daily = by_day.reindex(days, fill_value=0.0)
    weekly = daily.groupby(days - pd.to_timedelta(days.dayofweek, unit="D")).sum()
    acute = daily.rolling(7, min_periods=1).sum()
    chronic = daily.rolling(28, min_periods=1).sum() / 4
    ratio = (acute / chronic).where((np.arange(len(daily)) >= 27) & (chronic > 0))
    return weekly, ratio


def agreement(runs: list[Run]) -> dict[str, float | int]:
    """Largest differences between the core's and pandas' weekly sums and daily ratios."""
    core_weeks, core_ratios = core_weekly_and_rolling(runs)
    pandas_weeks, pandas_ratios = pandas_weekly_and_rolling(frame_of(runs))
    week_diff = max(abs(core_weeks[d.date()] - km) for d, km in pandas_weeks.items())
    pairs = [
        (c, p) for c, p in zip(core_ratios, pandas_ratios.tolist(), strict=True) if c is not None
    ]
    if len(pairs) != int(pandas_ratios.notna().sum()):
        raise AssertionError("the core and pandas show a ratio on different days")
    return {
        "weeks_compared": len(pandas_weeks),
        "weekly_km_max_abs_diff": week_diff,
        "rolling_days_compared": len(pairs),
        "rolling_acwr_max_abs_diff": max(abs(c - p) for c, p in pairs),
    }


def main() -> None:
    """Time the core and pandas on the same runs and print one JSON object."""
    runs = ten_years_of_runs()
    pain_logs = [PainLog(TODAY - timedelta(days=d), d % 4) for d in range(0, 28, 2)]
    frame = frame_of(runs)
    report_ms = median_ms(
        lambda: training_load_report(runs, today=TODAY, tz=TZ, pain_logs=pain_logs)
    )
    core_ms = median_ms(lambda: core_weekly_and_rolling(runs))
    from_runs_ms = median_ms(lambda: pandas_weekly_and_rolling(frame_of(runs)))
    from_frame_ms = median_ms(lambda: pandas_weekly_and_rolling(frame))
    print(
        json.dumps(
            {
                "activities": len(runs),
                "time_zone": TZ_NAME,
                "repeats": REPEATS,
                "statistic": "median of time.perf_counter, after 3 warm-ups",
                "python": platform.python_version(),
                "numpy": np.__version__,
                "pandas": pd.__version__,
                "core": {
                    "report_ms": round(report_ms, 3),
                    "weekly_and_rolling_ms": round(core_ms, 3),
                },
                "pandas_same_work": {
                    "from_runs_ms": round(from_runs_ms, 3),
                    "from_frame_ms": round(from_frame_ms, 3),
                },
                "pandas_ms_per_core_ms": {
                    "from_runs": round(from_runs_ms / core_ms, 2),
                    "from_frame": round(from_frame_ms / core_ms, 2),
                },
                "target_ms": TARGET_MS,
                "report_meets_target": report_ms < TARGET_MS,
                "agreement": agreement(runs),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
