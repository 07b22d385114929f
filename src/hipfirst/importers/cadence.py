r"""Cadence in steps per minute, whatever unit the device stored.

Step rate (cadence) counts both feet; a stride is two steps, so steps = 2 × strides
(../shared/science/cadence.md, "Terms"). Each format stores something different:

* FIT: record ``cadence`` is per-leg revolutions ("rpm", i.e. strides) plus
  ``fractional_cadence`` (raw/128); session ``avg_cadence`` has the sub-field
  ``avg_running_cadence`` in "strides/min" for running, and ``total_cycles`` the sub-field
  ``total_strides`` for running and walking [1]_. So on foot, steps = 2 × (cadence +
  fractional). For a ride it is pedal rpm and is not doubled; it is not a step rate.
* TCX ``TPX/RunCadence`` and GPX ``gpxtpx:cad``: units unverified; usually per-leg, but
  some exports (Garmin treadmill runs with a foot pod) already hold steps [2]_.
  cadence.md's app rule: for running, values below ~130 are strides and are doubled.

Notes
-----
The TCX/GPX decision is made once per file, on the 90th percentile of its non-zero values
rather than the median that cadence.md suggests: strides above 130/min would be 260
steps/min, which no runner sustains, while a run with walking breaks in steps has a
median under 130 (``runalyze-Treadmill-doubled-cadence.tcx``: median 120, 90th
percentile 176, all in steps; Runalyze's own test expects 67 strides/min there, i.e. 134
steps/min [2]_). On foot but not running (walks, hikes), strides sit near 50-65 and steps
near 95-125, so the threshold there is 85. Both thresholds are our heuristic. Zero means
"stopped or no sensor" and is left out of the decision (cadence.md, §5).

References
----------
.. [1] Garmin FIT SDK (Python), Profile 21.205: ``garmin_fit_sdk/profile.py``, record
   fields 4, 52, 53; session fields 10, 18, 92. In ../shared/science/cadence.md, §5.
.. [2] Runalyze/Runalyze, its TCX parser test ``testDoubledCadence`` (Runalyze issue
   1679) on ``tcx/Treadmill-doubled-cadence.tcx``, the file in ../shared/data/tcx
   (see ../shared/data/PROVENANCE.md); TCX and GPX rows of cadence.md, §5.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hipfirst.importers.activity import FOOT_SPORTS, Sport

__all__ = ["fit_steps_per_min", "xml_steps_per_min"]

FloatArray = npt.NDArray[np.float64]

STRIDES_BELOW_RUNNING = 130.0  # cadence.md §5 app rule, applied to the 90th percentile
STRIDES_BELOW_ON_FOOT = 85.0  # our heuristic for walks and hikes (see Notes)
DECIDING_PERCENTILE = 90.0


def is_step_sport(sport: Sport) -> bool:
    """Whether a step rate means something for `sport` (on foot, or not stated)."""
    return sport in FOOT_SPORTS or sport is Sport.UNKNOWN


def fit_steps_per_min(
    cadence_rpm: FloatArray, fractional_rpm: FloatArray, *, sport: Sport
) -> tuple[FloatArray, str | None]:
    """Steps per minute from FIT ``cadence`` and ``fractional_cadence`` (scaled values).

    Parameters
    ----------
    cadence_rpm
        Whole per-leg revolutions per minute; NaN where absent.
    fractional_rpm
        The fractional part (raw/128); NaN where absent, read as 0.
    sport
        The activity's sport.

    Returns
    -------
    tuple
        Steps per minute (all NaN where steps mean nothing) and a note, or None.

    Notes
    -----
    :math:`spm = 2 (cadence + fractional)` on foot [1]_; where the sport is not stated,
    the TCX/GPX percentile rule decides.
    """
    strides = cadence_rpm + np.nan_to_num(fractional_rpm)
    if sport in FOOT_SPORTS:
        return 2.0 * strides, None
    if sport is Sport.UNKNOWN:
        return xml_steps_per_min(strides, sport=sport)
    return np.full_like(strides, np.nan), None


def xml_steps_per_min(values: FloatArray, *, sport: Sport) -> tuple[FloatArray, str | None]:
    """Steps per minute from a TCX or GPX cadence column whose unit the file does not say.

    Parameters
    ----------
    values
        The stored cadence values; NaN where absent.
    sport
        The activity's sport; rides and swims give no step rate.

    Returns
    -------
    tuple
        Steps per minute, and a note saying which reading was chosen (None when there
        was no cadence to read).
    """
    if not is_step_sport(sport):
        return np.full_like(values, np.nan), None
    moving = values[values > 0]
    if moving.size == 0:
        return values.copy(), None
    threshold = STRIDES_BELOW_RUNNING if sport is not Sport.WALKING else STRIDES_BELOW_ON_FOOT
    if sport is Sport.HIKING:
        threshold = STRIDES_BELOW_ON_FOOT
    if float(np.percentile(moving, DECIDING_PERCENTILE)) < threshold:
        return 2.0 * values, "Cadence was stored per leg (strides a minute) and was doubled."
    return values.copy(), "Cadence was already stored in steps a minute."
