r"""From the records a file holds to an `Activity`: cleaning and the whole-activity figures.

Every format reader fills a `Track` (columns as the file has them) and a `Summary` (what
the file states about the whole activity), then calls `build_activity`. One place decides
how times are repaired and how distance, moving time, climb, heart rate and cadence are
worked out, so a run exported as GPX and as TCX gives the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers.activity import Activity, Series, Sport

__all__ = ["Source", "Summary", "Track", "build_activity"]

FloatArray = npt.NDArray[np.float64]

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean Earth radius, for haversine distances
TIME_JUMP_S = 3 * 3600.0  # a forward step longer than this is the clock jumping, not a pause
MOVING_SPEED_MPS = 0.5  # below this, a step counts as standing still (our choice)
MOVING_WINDOW_S = 10.0  # speed for that test is taken over this long (our choice)
MIN_TIMED_SHARE = 0.5  # a track with fewer timed points is a route with stray times
GAP_WITHOUT_DISTANCE_S = 30.0  # with no distance, a longer gap between records is a pause
CLIMB_HYSTERESIS_M = 3.0  # altitude noise smaller than this is not climbing (our choice)
MIN_UNIX_S = 946_684_800.0  # 2000-01-01: earlier "dates" are device clocks never set


@dataclass(frozen=True, slots=True, eq=False)
class Track:
    """One activity's records as the file holds them; NaN is "no value".

    ``time_s`` is Unix seconds (UTC); ``cadence_spm`` is already steps per minute.
    """

    time_s: FloatArray
    distance_m: FloatArray
    speed_mps: FloatArray
    heart_rate_bpm: FloatArray
    cadence_spm: FloatArray
    latitude_deg: FloatArray
    longitude_deg: FloatArray
    altitude_m: FloatArray

    @classmethod
    def from_columns(cls, count: int, **columns: FloatArray) -> Track:
        """A track of `count` records; columns not given are all NaN."""
        filled = {name: columns.get(name, np.full(count, np.nan)) for name in _TRACK_COLUMNS}
        return cls(**filled)

    def select(self, keep: npt.NDArray[np.bool_] | npt.NDArray[np.intp]) -> Track:
        """The records picked by a mask or by indices, in that order."""
        return Track(**{name: getattr(self, name)[keep] for name in _TRACK_COLUMNS})

    def __len__(self) -> int:
        return len(self.time_s)


_TRACK_COLUMNS = tuple(f.name for f in fields(Track))


@dataclass(frozen=True, slots=True)
class Summary:
    """What the file states about the whole activity; None where it says nothing."""

    sport: Sport
    sub_sport: str | None = None
    start_s: float | None = None  # Unix seconds, UTC
    utc_offset_s: int | None = None
    elapsed_s: float | None = None
    timer_s: float | None = None
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    avg_cadence_spm: float | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where the bytes came from, and what went wrong while reading them."""

    file_name: str
    sha256: str
    problem: str | None = None  # set when only part of the file could be read


def build_activity(
    track: Track, summary: Summary, *, source: Source, notes: Sequence[str] = ()
) -> Activity:
    """Clean a track's times and work out the activity's figures.

    Parameters
    ----------
    track
        The records, in file order.
    summary
        Totals the file states; they win over figures worked out from the records.
    source
        The file's name, hash and any reading problem (which marks the result partial).
    notes
        Plain-word notes the reader already has (for example about cadence units).

    Returns
    -------
    Activity
        With series times counted from the start.

    Raises
    ------
    UnreadableFile
        If neither the records nor the summary give a time: a route or plan, not an
        activity.

    Notes
    -----
    A track with times on fewer than half its records is a route with stray times.
    Records going back in time are left out; a forward step over ``TIME_JUMP_S`` (3 h) is
    the device clock jumping and later times are moved back. Distance is the file's total,
    else its distance column, else the haversine sum of positions. A step counts as moving
    when its speed is at least ``MOVING_SPEED_MPS``. Climb sums rises of more than
    ``CLIMB_HYSTERESIS_M``. Heart rate and cadence of 0 mean "no reading".
    """
    notes = list(notes)
    track = _clean_times(track, notes)
    if len(track) == 0:
        elapsed_s = summary.elapsed_s or summary.timer_s
        if summary.start_s is None or elapsed_s is None:
            raise UnreadableFile(
                "It has no times, so it is a route or a plan rather than a recorded activity.",
                field=source.file_name,
            )
        start_s = summary.start_s
    else:
        start_s = min(summary.start_s or track.time_s[0], track.time_s[0])
        elapsed_s = summary.elapsed_s or float(track.time_s[-1] - start_s)
    distance = _distance_column(track)
    speed = np.where(
        np.isnan(track.speed_mps), _step_speed(track.time_s, distance), track.speed_mps
    )
    series = Series(
        elapsed_s=track.time_s - start_s,
        distance_m=distance,
        speed_mps=speed,
        heart_rate_bpm=track.heart_rate_bpm,
        cadence_spm=track.cadence_spm,
        latitude_deg=track.latitude_deg,
        longitude_deg=track.longitude_deg,
        altitude_m=track.altitude_m,
    )
    if source.problem:
        notes.append(f"{source.problem} Only the part before it was read.")
    return Activity(
        file_name=source.file_name,
        file_sha256=source.sha256,
        sport=summary.sport,
        sub_sport=summary.sub_sport,
        start=datetime.fromtimestamp(round(start_s, 3), tz=UTC),
        utc_offset_s=summary.utc_offset_s,
        elapsed_s=float(elapsed_s),
        moving_s=_moving_s(track, distance, summary, elapsed_s),
        distance_m=_positive(summary.distance_m) or _positive(_last(distance)),
        elevation_gain_m=(
            summary.elevation_gain_m
            if summary.elevation_gain_m is not None
            else _climb_m(track.altitude_m)
        ),
        avg_hr_bpm=_positive(summary.avg_hr_bpm) or _mean_positive(track.heart_rate_bpm),
        max_hr_bpm=_positive(summary.max_hr_bpm) or _max_positive(track.heart_rate_bpm),
        avg_cadence_spm=_positive(summary.avg_cadence_spm) or _mean_positive(track.cadence_spm),
        series=series,
        name=summary.name,
        is_partial=source.problem is not None,
        notes=tuple(notes),
    )


def _clean_times(track: Track, notes: list[str]) -> Track:
    """Drop untimed and backward records; undo forward clock jumps."""
    timed = ~np.isnan(track.time_s) & (track.time_s >= MIN_UNIX_S)
    if timed.sum() < MIN_TIMED_SHARE * len(timed):
        return track.select(np.zeros(len(timed), dtype=bool))
    if not timed.all():
        notes.append(f"{int((~timed).sum())} records without a time were left out.")
        track = track.select(timed)
    times = track.time_s
    forward = times >= np.maximum.accumulate(times)
    if forward.sum() < 0.5 * len(times):  # mostly out of order: sort rather than drop
        track = track.select(np.argsort(times, kind="stable"))
        notes.append("Records were out of time order and were put in order.")
    elif not forward.all():
        track = track.select(forward)
        notes.append(f"{int((~forward).sum())} records went back in time and were left out.")
    steps = np.diff(track.time_s)
    jumps = np.flatnonzero(steps > TIME_JUMP_S)
    if jumps.size:
        typical = float(np.median(steps[steps > 0])) if (steps > 0).any() else 1.0
        shift = np.zeros(len(track.time_s))
        for at in jumps:
            shift[at + 1 :] += steps[at] - typical
        track = Track(**{**_columns(track), "time_s": track.time_s - shift})
        notes.append("The device clock jumped forward part-way; later times were moved back.")
    return track


def _columns(track: Track) -> dict[str, FloatArray]:
    return {name: getattr(track, name) for name in _TRACK_COLUMNS}


def _distance_column(track: Track) -> FloatArray:
    """Distance so far at each record: the device's, carried over gaps, else from positions."""
    known = ~np.isnan(track.distance_m)
    if known.any():
        index = np.where(known, np.arange(len(known)), 0)
        np.maximum.accumulate(index, out=index)
        filled: FloatArray = track.distance_m[index]
        filled[: int(np.argmax(known))] = np.nan
        return filled
    return _path_m(track.latitude_deg, track.longitude_deg)


def _path_m(latitude_deg: FloatArray, longitude_deg: FloatArray) -> FloatArray:
    r"""Cumulative haversine distance along the positions; NaN before the first position.

    Notes
    -----
    :math:`d = 2R \arcsin\sqrt{\sin^2(\Delta\phi/2) + \cos\phi_1\cos\phi_2\sin^2(\Delta\lambda/2)}`
    with the IUGG mean radius R; a spherical Earth is within 0.5 % of the ellipsoid.
    """
    has = ~np.isnan(latitude_deg) & ~np.isnan(longitude_deg)
    out = np.full(len(latitude_deg), np.nan)
    if has.sum() < 1:
        return out
    where = np.flatnonzero(has)
    phi, lam = np.radians(latitude_deg[where]), np.radians(longitude_deg[where])
    a = (
        np.sin(np.diff(phi) / 2) ** 2
        + np.cos(phi[:-1]) * np.cos(phi[1:]) * np.sin(np.diff(lam) / 2) ** 2
    )
    steps = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    out[where] = np.concatenate(([0.0], np.cumsum(steps)))
    index = np.where(has, np.arange(len(out)), 0)
    np.maximum.accumulate(index, out=index)
    filled: FloatArray = out[index]
    filled[: where[0]] = np.nan
    return filled


def _step_speed(times: FloatArray, distance: FloatArray) -> FloatArray:
    """Speed over the step ending at each record; NaN for the first and for 0 s steps."""
    speed = np.full(len(times), np.nan)
    if len(times) > 1:
        dt = np.diff(times)
        with np.errstate(divide="ignore", invalid="ignore"):
            speed[1:] = np.where(dt > 0, np.diff(distance) / dt, np.nan)
    return speed


def _moving_s(
    track: Track, distance: FloatArray, summary: Summary, elapsed_s: float
) -> float | None:
    """Time spent moving: steps at walking pace or faster, or short gaps without distance.

    Swims use the device's timer: pool lengths step the distance once a length, so
    speeds between records say nothing about moving.
    """
    times = track.time_s
    if summary.sport is Sport.SWIMMING or len(times) < 2:
        return summary.timer_s
    known = ~np.isnan(track.distance_m)  # device distance; else where positions are
    if not known.any():
        known = ~np.isnan(track.latitude_deg) & ~np.isnan(track.longitude_deg)
    if known.sum() >= 2 and np.nanmax(distance) > 0:
        t, d = times[known], distance[known]
        # Speed over the last MOVING_WINDOW_S at each record, so a distance that the
        # device updates only every few seconds does not read as standing still.
        start = np.searchsorted(t, t - MOVING_WINDOW_S, side="left")
        start = np.minimum(start, np.arange(len(t)) - 1).clip(0)
        with np.errstate(divide="ignore", invalid="ignore"):
            speed = (d - d[start]) / (t - t[start])
        dt = np.diff(t)
        moving = (dt > 0) & (speed[1:] >= MOVING_SPEED_MPS)
        return min(float(np.sum(dt[moving])), elapsed_s)
    if summary.timer_s is not None:
        return min(summary.timer_s, elapsed_s)
    dt = np.diff(times)
    return float(np.sum(dt[(dt > 0) & (dt <= GAP_WITHOUT_DISTANCE_S)]))


def _climb_m(altitude_m: FloatArray) -> float | None:
    """Total ascent, counting a rise only once it passes the hysteresis band."""
    values = altitude_m[~np.isnan(altitude_m)]
    if values.size < 2:
        return None
    climb, reference = 0.0, float(values[0])
    for value in values[1:].tolist():
        if value - reference >= CLIMB_HYSTERESIS_M:
            climb += value - reference
            reference = value
        elif reference - value >= CLIMB_HYSTERESIS_M:
            reference = value
    return climb


def _last(values: FloatArray) -> float | None:
    known = values[~np.isnan(values)]
    return float(known[-1]) if known.size else None


def _positive(value: float | None) -> float | None:
    return value if value is not None and value > 0 and np.isfinite(value) else None


def _mean_positive(values: FloatArray) -> float | None:
    valid = values[values > 0]
    return float(valid.mean()) if valid.size else None


def _max_positive(values: FloatArray) -> float | None:
    valid = values[values > 0]
    return float(valid.max()) if valid.size else None
