"""TCX (Garmin Training Center) activities, with Garmin's ActivityExtension v2.

Parsed with the standard library's expat through defusedxml rather than tcxreader:
tcxreader reads only from a path, does not parse defensively, and by default silently
returns no points for 8 of the 24 TCX files in ../shared/data (6 of them need
``only_gps=False``). Reading the elements we need straight from the tree is also faster
(see the benchmark).

Each ``<Activity>`` is one activity (a multisport file gives several). Per trackpoint:
``Time``, ``Position``, ``AltitudeMeters``, ``DistanceMeters``, ``HeartRateBpm``, core
``Cadence`` and the extension's ``TPX/Speed`` and ``TPX/RunCadence``
(../shared/science/cadence.md, §5 TCX). Laps give the timer time, distance and heart
rate the device worked out.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from xml.etree.ElementTree import Element

import numpy as np
import numpy.typing as npt

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers._xml import iso_times, local_name, namespace, number, numbers, parse_xml
from hipfirst.importers.activity import Activity, Sport
from hipfirst.importers.cadence import xml_steps_per_min
from hipfirst.importers.track import Source, Summary, Track, build_activity

__all__ = ["read_tcx"]

FloatArray = npt.NDArray[np.float64]

_DIRECT = {
    "AltitudeMeters": "altitude_m",
    "DistanceMeters": "distance_m",
    "Cadence": "cadence",
}
_EXTENSION = {"Speed": "speed_mps", "RunCadence": "run_cadence"}
_COLUMNS: tuple[str, ...] = (
    "latitude_deg",
    "longitude_deg",
    "altitude_m",
    "distance_m",
    "heart_rate_bpm",
)
_COLUMNS += ("cadence", "speed_mps", "run_cadence")


def read_tcx(data: bytes, *, filename: str, sport: Sport | None = None) -> tuple[Activity, ...]:
    """Read a TCX file: one activity per ``<Activity>``.

    Parameters
    ----------
    data
        The file's bytes (not compressed).
    filename
        Its name, for the activities and for messages.
    sport
        The sport to use instead of the file's when it holds one activity (a Strava
        export's "Activity Type").

    Returns
    -------
    tuple of Activity
        In file order.

    Raises
    ------
    UnreadableFile
        If it is not TCX, holds only courses (planned routes), or nothing has a time.
    """
    root, problem = parse_xml(data, filename=filename)
    if local_name(root.tag) != "TrainingCenterDatabase":
        raise UnreadableFile("This is not a TCX file.", field=filename)
    ns = namespace(root.tag)
    activities = list(root.iter(f"{ns}Activity"))
    if not activities:
        has_course = next(root.iter(f"{ns}Course"), None) is not None
        what = "a planned course" if has_course else "no activity"
        raise UnreadableFile(
            f"It holds {what}, not a recorded activity: there is nothing to import.",
            field=filename,
        )
    source = Source(filename, hashlib.sha256(data).hexdigest(), problem)
    given = sport if len(activities) == 1 else None
    return tuple(_activity(element, source, given) for element in activities)


def _activity(element: Element, source: Source, given: Sport | None) -> Activity:
    sport = given or Sport.from_text(element.get("Sport"))
    ns = namespace(element.tag)
    laps = element.findall(f"{ns}Lap")
    points = [point for lap in laps for point in lap.iter(f"{ns}Trackpoint")]
    columns, times = _point_columns(points, ns)
    time_s, utc_offset_s = iso_times(times)
    run_cadence = columns.pop("run_cadence")
    core_cadence = columns.pop("cadence")
    stored = run_cadence if not np.isnan(run_cadence).all() else core_cadence
    cadence, cadence_note = xml_steps_per_min(stored, sport=sport)
    track = Track(time_s=time_s, cadence_spm=cadence, **columns)
    summary = _summary(element, laps, sport, utc_offset_s)
    if not (np.isnan(track.distance_m).all() and np.isnan(track.latitude_deg).all()):
        # Trackpoints win over lap totals, as in Runalyze (its First-point-empty.tcx test)
        summary = replace(summary, distance_m=None)
    notes = [cadence_note] if cadence_note else []
    return build_activity(track, summary, source=source, notes=notes)


def _point_columns(
    points: list[Element], ns: str
) -> tuple[dict[str, FloatArray], list[str | None]]:
    """Each trackpoint's values, found by full tag in the TCX namespace `ns`."""
    texts: dict[str, list[str | None]] = {name: [None] * len(points) for name in _COLUMNS}
    direct = {f"{ns}{tag}": column for tag, column in _DIRECT.items()}
    time_tag, position_tag, heart_tag = f"{ns}Time", f"{ns}Position", f"{ns}HeartRateBpm"
    latitude_tag, longitude_tag = f"{ns}LatitudeDegrees", f"{ns}LongitudeDegrees"
    value_tag, extensions_tag = f"{ns}Value", f"{ns}Extensions"
    times: list[str | None] = [None] * len(points)
    for i, point in enumerate(points):
        for child in point:
            tag = child.tag
            if tag == time_tag:
                times[i] = child.text
            elif tag == position_tag:
                texts["latitude_deg"][i] = child.findtext(latitude_tag)
                texts["longitude_deg"][i] = child.findtext(longitude_tag)
            elif tag == heart_tag:
                texts["heart_rate_bpm"][i] = child.findtext(value_tag)
            elif (column := direct.get(tag)) is not None:
                texts[column][i] = child.text
            elif tag == extensions_tag:  # any namespace, or none, inside
                for part in child.iter():
                    if (column := _EXTENSION.get(local_name(part.tag))) is not None:
                        texts[column][i] = part.text
    return {name: numbers(column) for name, column in texts.items()}, times


def _summary(
    element: Element, laps: list[Element], sport: Sport, utc_offset_s: int | None
) -> Summary:
    """Totals from the laps: timer time, distance and time-weighted heart rate."""
    starts, _ = iso_times([lap.get("StartTime") for lap in laps])
    identifier, _ = iso_times([_child_text(element, "Id")])
    lap_s = np.array([number(_child_text(lap, "TotalTimeSeconds")) for lap in laps])
    lap_m = np.array([number(_child_text(lap, "DistanceMeters")) for lap in laps])
    avg_hr = np.array([number(_value_text(_child(lap, "AverageHeartRateBpm"))) for lap in laps])
    max_hr = np.array([number(_value_text(_child(lap, "MaximumHeartRateBpm"))) for lap in laps])
    known_starts = np.concatenate((identifier, starts))
    known_starts = known_starts[~np.isnan(known_starts)]
    weighted = ~np.isnan(avg_hr) & ~np.isnan(lap_s) & (avg_hr > 0)
    return Summary(
        sport=sport,
        start_s=float(known_starts.min()) if known_starts.size else None,
        utc_offset_s=utc_offset_s,
        elapsed_s=None,
        timer_s=float(np.nansum(lap_s)) if not np.isnan(lap_s).all() else None,
        distance_m=float(np.nansum(lap_m)) if not np.isnan(lap_m).all() else None,
        avg_hr_bpm=(
            float(np.average(avg_hr[weighted], weights=lap_s[weighted] + 1e-9))
            if weighted.any()
            else None
        ),
        max_hr_bpm=float(np.nanmax(max_hr)) if not np.isnan(max_hr).all() else None,
        name=_child_text(element, "Notes"),
    )


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((child for child in element if local_name(child.tag) == name), None)


def _child_text(element: Element, name: str) -> str | None:
    child = _child(element, name)
    return child.text if child is not None else None


def _value_text(element: Element | None) -> str | None:
    """Text of the ``<Value>`` inside a heart-rate element."""
    return _child_text(element, "Value") if element is not None else None
