"""Per-kilometre splits of a run: the table beside a run's charts.

Pure arithmetic on the run's series (elapsed time and distance, with heart rate and
cadence when recorded); no clinical figure is involved.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Split", "kilometre_splits", "pace_min_per_km"]


@dataclass(frozen=True, slots=True)
class Split:
    """One kilometre (or the last, shorter part) of a run."""

    km: int  # 1 for the first kilometre
    distance_m: float  # 1000 except for the last split
    elapsed_s: float
    pace_min_per_km: float
    avg_hr_bpm: float | None
    avg_cadence_spm: float | None


def pace_min_per_km(speed_mps: float | None) -> float | None:
    """Minutes per kilometre at ``speed_mps``; ``None`` when standing still or unknown."""
    if speed_mps is None or not speed_mps > 0:
        return None
    return 1000 / speed_mps / 60


def _mean(values: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float | None:
    finite = values[np.isfinite(values) & (values > 0)]
    return float(finite.mean()) if finite.size else None


def kilometre_splits(
    elapsed_s: npt.ArrayLike,
    distance_m: npt.ArrayLike,
    heart_rate_bpm: npt.ArrayLike | None = None,
    cadence_spm: npt.ArrayLike | None = None,
) -> tuple[Split, ...]:
    """Split a run at every whole kilometre by linear interpolation of the distance.

    A last part shorter than 100 m is dropped: its pace says little. Samples without a
    distance (NaN) are ignored.
    """
    time = np.asarray(elapsed_s, dtype=np.float64)
    dist = np.asarray(distance_m, dtype=np.float64)
    usable = np.isfinite(time) & np.isfinite(dist)
    time, dist = time[usable], np.maximum.accumulate(dist[usable]) if usable.any() else dist[usable]
    if time.size < 2 or dist[-1] - dist[0] < 100:
        return ()
    hr = (
        np.asarray(heart_rate_bpm, dtype=np.float64)[usable] if heart_rate_bpm is not None else None
    )
    spm = np.asarray(cadence_spm, dtype=np.float64)[usable] if cadence_spm is not None else None
    marks = np.arange(dist[0], dist[-1], 1000.0)
    ends = np.append(marks[1:], dist[-1])
    splits: list[Split] = []
    for number, (begin_m, end_m) in enumerate(zip(marks, ends, strict=True), 1):
        if end_m - begin_m < 100:
            break
        begin_s, end_s = np.interp([begin_m, end_m], dist, time)
        inside = (dist >= begin_m) & (dist <= end_m)
        seconds = float(end_s - begin_s)
        splits.append(
            Split(
                km=number,
                distance_m=float(end_m - begin_m),
                elapsed_s=seconds,
                pace_min_per_km=seconds / 60 / ((end_m - begin_m) / 1000),
                avg_hr_bpm=_mean(hr[inside]) if hr is not None else None,
                avg_cadence_spm=_mean(spm[inside]) if spm is not None else None,
            )
        )
    return tuple(splits)
