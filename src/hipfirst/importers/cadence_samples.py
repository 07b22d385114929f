"""From an imported `Activity` to the core's `RunSamples`, the one way the core sees a file.

The importers already put cadence in steps a minute counting both feet
(``importers/cadence.py``, ../shared/science/cadence.md §5), so nothing is converted
here: NaN ("no value") becomes ``None``, and a reading the core would refuse as
unreadable becomes ``None`` too (see `run_samples`). The core never imports this
module; the layering is checked by import-linter (``pyproject.toml``).
"""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import numpy.typing as npt

from hipfirst.core.cadence import RunCadence, RunSamples, run_cadence
from hipfirst.importers.activity import Activity, Series

__all__ = ["activity_cadence", "run_samples", "series_samples"]


def run_samples(activity: Activity) -> RunSamples:
    """The activity's per-record times, cadences and speeds, as the core reads a run.

    Parameters
    ----------
    activity
        Any imported activity; whether it is a run is the caller's question
        (``activity.is_running``). A ride or swim has no step rate: its cadences are
        all ``None``.

    Returns
    -------
    RunSamples
        ``file`` is the activity's file name and ``start`` its (UTC) start; one sample
        per record, times counted from ``start``.

    Notes
    -----
    A speed the importer worked out from a device distance that stepped back is
    negative; it is no reading (``None``), not a stop, as is any value that is not a
    finite number. Cadence and time are taken as they are: the importer never leaves
    them negative or going back (``importers/track.py``).

    Examples
    --------
    >>> from tests.data import SHARED_DATA
    >>> from hipfirst.importers import read_fit
    >>> path = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-run.fit"
    >>> (run,) = read_fit(path.read_bytes(), filename=path.name)
    >>> samples = run_samples(run)
    >>> samples.file, len(samples.elapsed_s) == len(run.series), samples.cadence_spm[-1]
    ('fitdecode-garmin-fenix-5-run.fit', True, 176.0)
    """
    return series_samples(activity.series, file=activity.file_name, start=activity.start)


def series_samples(series: Series, *, file: str | None, start: datetime) -> RunSamples:
    """`run_samples` for a series stored apart from its activity (as the web app keeps it)."""
    return RunSamples(
        file=file,
        start=start,
        elapsed_s=tuple(float(s) for s in series.elapsed_s.tolist()),
        cadence_spm=_readings(series.cadence_spm),
        speed_mps=_readings(series.speed_mps),
    )


def activity_cadence(activity: Activity) -> RunCadence:
    """The cadence of the activity's running, stops and walking breaks left out.

    ``run_cadence`` (hipfirst.core.cadence) on `run_samples`; see both.
    """
    return run_cadence(run_samples(activity))


def _readings(values: npt.NDArray[np.float64]) -> tuple[float | None, ...]:
    """Each value, or None where there is none or it is negative or not finite."""
    return tuple(v if math.isfinite(v) and v >= 0 else None for v in values.tolist())
