r"""FIT files (Garmin, Wahoo, Suunto, Coros, Zwift ...) to activities, one per session.

Decoding has two paths that give the same tables of values:

* fast: our vectorised reader (``_fit_stream``): the whole import path runs at 29-38 MB/s
  here, over 50x bare fitdecode (``benchmarks/import_speed.py``); it never refuses a file
  for its checksum and keeps everything before a damaged or missing end;
* fallback: fitdecode 0.11 with CRC checks off, used if the fast path fails unexpectedly,
  also keeping the messages read before an error.

``tests/importers/test_fit.py`` runs both paths on every FIT file in ../shared/data and
checks they give the same activities.

Notes
-----
Field numbers, scales and offsets are those of the FIT profile as fitdecode 0.11 ships it
(``fitdecode.profile``; record 20, session 18, lap 19, activity 34, file_id 0, sport 12).
Timestamps count seconds from 1989-12-31T00:00:00Z; values below 0x10000000 are seconds
since the device powered on, not dates [1]_.

References
----------
.. [1] Garmin FIT SDK, Profile 21.205, type ``date_time``: values below 0x10000000 are
   system time (seconds from device power-on), not dates; fitdecode 0.11 implements the
   same rule as ``fitdecode.processors.FIT_DATETIME_MIN``.
"""

from __future__ import annotations

import hashlib

import numpy as np
import numpy.typing as npt
from fitdecode.profile import FIELD_TYPES

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers._fit_stream import NotFitError
from hipfirst.importers._fit_tables import Tables, tables_fast, tables_from_fitdecode
from hipfirst.importers.activity import Activity, Sport
from hipfirst.importers.cadence import fit_steps_per_min
from hipfirst.importers.track import Source, Summary, Track, build_activity

__all__ = ["read_fit"]

FloatArray = npt.NDArray[np.float64]

FIT_EPOCH_UNIX_S = 631_065_600  # 1989-12-31T00:00:00Z
FIT_SYSTEM_TIME_MAX = 0x10000000  # below: seconds since power-on, not a date [1]_
SEMICIRCLE_DEG = 180.0 / 2**31
ACTIVITY_FILE = 4  # file_id.type "activity"

_SPORTS = {
    "running": Sport.RUNNING,
    "walking": Sport.WALKING,
    "hiking": Sport.HIKING,
    "cycling": Sport.CYCLING,
    "e_biking": Sport.CYCLING,
    "swimming": Sport.SWIMMING,
    "generic": Sport.UNKNOWN,
}
_SPORT_NAMES: dict[int, str] = FIELD_TYPES["sport"].enum
_SUB_SPORT_NAMES: dict[int, str] = FIELD_TYPES["sub_sport"].enum
_FILE_NAMES: dict[int, str] = FIELD_TYPES["file"].enum


def read_fit(data: bytes, *, filename: str, sport: Sport | None = None) -> tuple[Activity, ...]:
    """Read a FIT file: one activity per session, in time order.

    Parameters
    ----------
    data
        The file's bytes (not compressed).
    filename
        Its name, for the activity and for messages.
    sport
        The sport to use instead of the file's when it holds one session (a Strava
        export's "Activity Type").

    Returns
    -------
    tuple of Activity
        One per session (a triathlon gives swim, transitions, ride and run).

    Raises
    ------
    UnreadableFile
        If it is not a FIT file, holds no activity (settings, workouts, monitoring ...),
        or has no record with a time.

    Examples
    --------
    >>> from tests.data import SHARED_DATA
    >>> path = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-run.fit"
    >>> (run,) = read_fit(path.read_bytes(), filename=path.name)
    >>> run.sport, round(run.distance_m), round(run.avg_cadence_spm)
    (<Sport.RUNNING: 'running'>, 158, 167)
    """
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        tables, problem = tables_fast(data)
    except NotFitError as exc:
        raise UnreadableFile(
            "This is not a FIT file, or its first bytes are damaged.", field=filename
        ) from exc
    except (ValueError, IndexError, KeyError, OverflowError):
        tables, problem = tables_from_fitdecode(data, filename=filename)
    return activities_from_tables(tables, Source(filename, sha256, problem), sport=sport)


def activities_from_tables(
    tables: Tables, source: Source, *, sport: Sport | None = None
) -> tuple[Activity, ...]:
    """Activities from decoded FIT tables, one per session; `sport` overrides a lone one.

    Raises
    ------
    UnreadableFile
        If the file is not an activity file or nothing in it has a time.
    """
    file_types = tables["file_id"]["type"]
    if file_types.size and not np.isnan(file_types[0]) and int(file_types[0]) != ACTIVITY_FILE:
        kind = _FILE_NAMES.get(int(file_types[0]), "other").removesuffix("_b")
        raise UnreadableFile(
            f"This FIT file holds {kind} data, not a recorded activity.", field=source.file_name
        )
    record = tables["record"]
    if record["timestamp"].size == 0 and tables["session"]["start_time"].size == 0:
        raise UnreadableFile(
            "This FIT file has no records or sessions: nothing to import.", field=source.file_name
        )
    times, notes = _unix_times(tables)
    sessions = _sessions(tables, times, sport)
    activities = []
    for index, session in enumerate(sessions):
        low = -np.inf if index == 0 else session.start_s or -np.inf
        high = sessions[index + 1].start_s if index + 1 < len(sessions) else None
        keep = (times >= low) & (times < (high if high is not None else np.inf))
        keep |= np.isnan(times) & (len(sessions) == 1)
        track, cadence_note = _track(record, times, keep, session.sport)
        session_notes = notes + ([cadence_note] if cadence_note else [])
        activities.append(build_activity(track, session, source=source, notes=session_notes))
    return tuple(activities)


def _unix_times(tables: Tables) -> tuple[FloatArray, list[str]]:
    """Record times in Unix seconds; device-relative clocks anchored on local time."""
    raw = tables["record"]["timestamp"]
    if np.isnan(raw).all() or np.nanmax(raw) >= FIT_SYSTEM_TIME_MAX:
        return raw + FIT_EPOCH_UNIX_S, []
    activity = tables["activity"]
    if activity["timestamp"].size and activity["local_timestamp"][0] >= FIT_SYSTEM_TIME_MAX:
        shift = activity["local_timestamp"][0] - activity["timestamp"][0]
        note = "The device clock gave only local time; the start may be off by the time zone."
        return raw + shift + FIT_EPOCH_UNIX_S, [note]
    return raw + FIT_EPOCH_UNIX_S, []


def _sessions(tables: Tables, times: FloatArray, given: Sport | None) -> list[Summary]:
    """One summary per session, in time order; from sport and laps if there is none."""
    session = tables["session"]
    if given is not None and len(np.unique(session["start_time"])) > 1:
        given = None  # a multisport file: each session keeps its own sport
    shift = _clock_shift(tables, times)
    offset = _utc_offset_s(tables)
    summaries: dict[float, Summary] = {}
    for i in range(len(session["start_time"])):
        start = session["start_time"][i]
        key = float(start) if not np.isnan(start) else float(i)
        if key in summaries:
            continue  # a file chained to a copy of itself
        sport = given or _sport(session["sport"][i])
        strides = session["avg_cadence"][i] + np.nan_to_num(session["avg_fractional_cadence"][i])
        steps, _ = fit_steps_per_min(np.array([strides]), np.array([np.nan]), sport=sport)
        summaries[key] = Summary(
            sport=sport,
            sub_sport=_sub_sport(session["sub_sport"][i], session["sport"][i]),
            start_s=_maybe(start + shift),
            utc_offset_s=offset,
            elapsed_s=_maybe(session["total_elapsed_time"][i]),
            timer_s=_maybe(session["total_timer_time"][i]),
            distance_m=_maybe(session["total_distance"][i]),
            elevation_gain_m=_maybe(session["total_ascent"][i]),
            avg_hr_bpm=_maybe(session["avg_heart_rate"][i]),
            max_hr_bpm=_maybe(session["max_heart_rate"][i]),
            avg_cadence_spm=_maybe(steps[0]) if sport is not Sport.UNKNOWN else None,
        )
    if summaries:
        return sorted(summaries.values(), key=lambda s: s.start_s or 0.0)
    sport_codes = np.concatenate((tables["sport"]["sport"], tables["lap"]["sport"]))
    sub_codes = np.concatenate((tables["sport"]["sub_sport"], tables["lap"]["sub_sport"]))
    known = ~np.isnan(sport_codes)
    code = float(sport_codes[known][0]) if known.any() else float("nan")
    sub = float(sub_codes[known][0]) if known.any() else float("nan")
    return [
        Summary(sport=given or _sport(code), sub_sport=_sub_sport(sub, code), utc_offset_s=offset)
    ]


def _clock_shift(tables: Tables, times: FloatArray) -> float:
    """Seconds to add to a raw session time to put it on the records' Unix clock."""
    raw = tables["record"]["timestamp"]
    if raw.size and not np.isnan(raw).all():
        return float(np.nanmax(times - raw))
    return float(FIT_EPOCH_UNIX_S)


def _utc_offset_s(tables: Tables) -> int | None:
    """Local offset from the activity message (local time minus UTC), to 15 minutes."""
    activity = tables["activity"]
    if not activity["timestamp"].size:
        return None
    utc, local = activity["timestamp"][0], activity["local_timestamp"][0]
    if np.isnan(utc) or np.isnan(local) or min(utc, local) < FIT_SYSTEM_TIME_MAX:
        return None
    offset = round((local - utc) / 900) * 900
    return int(offset) if abs(offset) <= 14 * 3600 else None


def _track(
    record: dict[str, FloatArray], times: FloatArray, keep: npt.NDArray[np.bool_], sport: Sport
) -> tuple[Track, str | None]:
    def column(name: str, better: str | None = None) -> FloatArray:
        values = record[name][keep]
        if better is not None:
            values = np.where(np.isnan(record[better][keep]), values, record[better][keep])
        return values

    cadence, note = fit_steps_per_min(column("cadence"), column("fractional_cadence"), sport=sport)
    track = Track(
        time_s=times[keep],
        distance_m=column("distance"),
        speed_mps=column("speed", "enhanced_speed"),
        heart_rate_bpm=column("heart_rate"),
        cadence_spm=cadence,
        latitude_deg=column("position_lat") * SEMICIRCLE_DEG,
        longitude_deg=column("position_long") * SEMICIRCLE_DEG,
        altitude_m=column("altitude", "enhanced_altitude"),
    )
    return track, note


def _sport(code: float) -> Sport:
    if np.isnan(code):
        return Sport.UNKNOWN
    return _SPORTS.get(_SPORT_NAMES.get(int(code), ""), Sport.OTHER)


def _sub_sport(code: float, sport_code: float) -> str | None:
    """The FIT sub-sport name; for an unlisted sport, the sport's own name."""
    sub = None if np.isnan(code) else _SUB_SPORT_NAMES.get(int(code))
    if sub not in (None, "generic"):
        return sub
    name = None if np.isnan(sport_code) else _SPORT_NAMES.get(int(sport_code))
    return name if name and _sport(sport_code) is Sport.OTHER else None


def _maybe(value: float) -> float | None:
    return None if np.isnan(value) else float(value)
