"""GPX 1.0 and 1.1 tracks to an activity, with Garmin's and other extensions.

Parsed with the standard library's expat through defusedxml rather than gpxpy: gpxpy
refuses a whole file for one point without ``lat`` (``runalyze-standard.gpx``), does not
parse defensively, and leaves extensions as raw elements for us to walk anyway. Reading
the few elements we need straight from the tree is also faster (see the benchmark).

What is read from each ``<trkpt>``: ``lat``/``lon``, ``<ele>``, ``<time>``, GPX 1.0
``<speed>``, and any extension element named ``hr``/``heartrate`` (Garmin
TrackPointExtension v1/v2, Cluetrust gpxdata), ``cad``/``cadence``, ``distance`` and
``speed``. Heart rate kept outside the points (SpoQ's ``<st:heartRate time bpm>``) is
matched to points by time. All tracks and segments of one file make one activity.
"""

from __future__ import annotations

import hashlib
from xml.etree.ElementTree import Element

import numpy as np
import numpy.typing as npt

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers._xml import iso_times, local_name, namespace, number, numbers, parse_xml
from hipfirst.importers.activity import Activity, Sport
from hipfirst.importers.cadence import xml_steps_per_min
from hipfirst.importers.track import Source, Summary, Track, build_activity

__all__ = ["read_gpx"]

FloatArray = npt.NDArray[np.float64]

_POINT_FIELDS = {
    "ele": "altitude_m",
    "speed": "speed_mps",
    "hr": "heart_rate_bpm",
    "heartrate": "heart_rate_bpm",
    "cad": "cadence",
    "cadence": "cadence",
    "distance": "distance_m",
}
_COLUMNS: tuple[str, ...] = (
    "latitude_deg",
    "longitude_deg",
    "altitude_m",
    "speed_mps",
    "heart_rate_bpm",
)
_COLUMNS += ("cadence", "distance_m")


def read_gpx(data: bytes, *, filename: str, sport: Sport | None = None) -> tuple[Activity, ...]:
    """Read a GPX file's tracks as one activity.

    Parameters
    ----------
    data
        The file's bytes (not compressed).
    filename
        Its name, for the activity and for messages.
    sport
        The sport to use instead of the file's (a Strava export's "Activity Type").

    Returns
    -------
    tuple of Activity
        One activity (a tuple, like the other readers).

    Raises
    ------
    UnreadableFile
        If it is not GPX, holds only a route or waypoints, or its points have no times.
    """
    root, problem = parse_xml(data, filename=filename)
    if local_name(root.tag) != "gpx":
        raise UnreadableFile("This is not a GPX file.", field=filename)
    ns = namespace(root.tag)
    points = list(root.iter(f"{ns}trkpt"))
    if not points:
        kinds = {local_name(el.tag) for el in root.iter()}
        what = "a planned route" if "rtept" in kinds else "no track"
        raise UnreadableFile(
            f"It holds {what}, not a recorded activity: there is nothing to import.",
            field=filename,
        )
    columns, times = _point_columns(points)
    time_s, utc_offset_s = iso_times(times)
    hr_track = _separate_heart_rate(root)
    if hr_track is not None and np.isnan(columns["heart_rate_bpm"]).all():
        columns["heart_rate_bpm"] = _at_times(hr_track, time_s)
    sport = sport or Sport.from_text(_track_text(root, "type"))
    cadence, cadence_note = xml_steps_per_min(columns.pop("cadence"), sport=sport)
    track = Track(time_s=time_s, cadence_spm=cadence, **columns)
    summary = Summary(sport=sport, utc_offset_s=utc_offset_s, name=_track_text(root, "name"))
    source = Source(filename, hashlib.sha256(data).hexdigest(), problem)
    notes = [cadence_note] if cadence_note else []
    return (build_activity(track, summary, source=source, notes=notes),)


def _point_columns(points: list[Element]) -> tuple[dict[str, FloatArray], list[str | None]]:
    """Each point's values; extension elements are matched by local name, any namespace."""
    texts: dict[str, list[str | None]] = {name: [None] * len(points) for name in _COLUMNS}
    latitude, longitude = texts["latitude_deg"], texts["longitude_deg"]
    times: list[str | None] = [None] * len(points)
    for i, point in enumerate(points):
        latitude[i] = point.get("lat")
        longitude[i] = point.get("lon")
        for child in point.iter():
            name = local_name(child.tag).lower()
            if name == "time":
                times[i] = child.text
            elif (column := _POINT_FIELDS.get(name)) is not None and texts[column][i] is None:
                texts[column][i] = child.text
    return {name: numbers(column) for name, column in texts.items()}, times


def _track_text(root: Element, name: str) -> str | None:
    """Text of the first ``<trk>``'s child `name` (``type``, ``name``)."""
    for track in root:
        if local_name(track.tag) == "trk":
            for child in track:
                if local_name(child.tag).lower() == name and child.text:
                    return child.text.strip()
            return None
    return None


def _separate_heart_rate(root: Element) -> tuple[FloatArray, FloatArray] | None:
    """Heart rate stored apart from the points, as ``<heartRate time=... bpm=...>``."""
    pairs = [
        (el.get("time"), number(el.get("bpm")))
        for el in root.iter()
        if local_name(el.tag) == "heartRate" and el.get("time") and el.get("bpm")
    ]
    if not pairs:
        return None
    times, _ = iso_times([time for time, _ in pairs])
    order = np.argsort(times)
    return times[order], np.array([bpm for _, bpm in pairs])[order]


def _at_times(samples: tuple[FloatArray, FloatArray], times: FloatArray) -> FloatArray:
    """The latest sample at or before each time; NaN before the first."""
    sample_times, values = samples
    index = np.searchsorted(sample_times, times, side="right") - 1
    out = np.where(index >= 0, values[np.clip(index, 0, None)], np.nan)
    out[np.isnan(times)] = np.nan
    return out
