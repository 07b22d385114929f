"""GPX files: every shared file, extensions, routes without times, damage, hostile XML."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers import Activity, Sport, read_gpx
from tests.data import SHARED_DATA, shared_files

GPX_FILES = shared_files("gpx/*.gpx")
NOT_ACTIVITIES = {
    "gpxpy-route.gpx": "planned route",
    "gpxpy-cerknicko-without-times.gpx": "no times",
    "gpxpy-Mojstrovka.gpx": "no times",
    "gpxpy-track-with-extremes.gpx": "no times",
    "gpxpy-track-with-small-floats.gpx": "no times",
    "gpxpy-track_with_dilution_errors.gpx": "no times",
    "gpxpy-custom_schema_locations.gpx": "no track",
    "gpxpy-default_schema_locations.gpx": "no track",
    "gpxpy-gpx1.1_with_extensions.gpx": "no track",
    "gpxpy-gpx1.1_with_extensions_without_namespaces.gpx": "no track",
    "gpxpy-gpx_with_garmin_extension.gpx": "no track",
    "gpxpy-unicode.gpx": "no track",
    "gpxpy-unicode2.gpx": "no track",
    "gpxpy-unicode_with_bom.gpx": "no track",
    "gpxpy-unicode_with_bom_noencoding.gpx": "no track",
}


def _read(name: str) -> Activity:
    path = SHARED_DATA / "gpx" / name
    (activity,) = read_gpx(path.read_bytes(), filename=path.name)
    return activity


@pytest.mark.parametrize("path", GPX_FILES, ids=lambda p: p.stem)
def test_every_gpx_file_gives_an_activity_or_a_plain_reason(path: Path) -> None:
    """Each shared GPX file imports as one activity, or is skipped with its reason."""
    if path.name in NOT_ACTIVITIES:
        with pytest.raises(UnreadableFile) as caught:
            read_gpx(path.read_bytes(), filename=path.name)

        assert NOT_ACTIVITIES[path.name] in caught.value.message
        return
    (activity,) = read_gpx(path.read_bytes(), filename=path.name)

    assert activity.elapsed_s >= 0
    assert not activity.is_partial
    assert np.all(np.diff(activity.series.elapsed_s) >= 0)


def test_a_point_without_coordinates_does_not_lose_the_file() -> None:
    """gpxpy refuses runalyze-standard.gpx for one point without lat/lon; we keep it."""
    activity = _read("runalyze-standard.gpx")

    assert len(activity.series) == 350
    assert np.isnan(activity.series.latitude_deg[0])
    assert activity.distance_m == pytest.approx(6004, rel=0.01)


def test_garmin_trackpoint_extension_gives_heart_rate_and_steps() -> None:
    """ns3:hr and ns3:cad are read; Garmin's per-leg cad is doubled to steps a minute."""
    run = _read("ggps-activity_17191864852-slow-10k.gpx")

    assert run.sport is Sport.RUNNING
    assert run.avg_hr_bpm == pytest.approx(121, abs=1)
    assert run.avg_cadence_spm == pytest.approx(169, abs=1)
    assert any("doubled" in note for note in run.notes)


def test_mixed_extensions_give_heart_rate_cadence_and_distance() -> None:
    """Movescount mixes gpxtpx:hr with gpxdata:cadence and gpxdata:distance."""
    run = _read("runalyze-Movescount-mixed-extensions.gpx")

    assert run.avg_hr_bpm == pytest.approx(155.7, abs=0.5)
    assert run.avg_cadence_spm is not None
    assert run.distance_m == pytest.approx(4514, rel=0.01)


def test_heart_rate_kept_apart_from_the_points_is_matched_by_time() -> None:
    """SpoQ lists heart rate with its own times outside the track."""
    activity = _read("runalyze-SpoQ.gpx")

    assert activity.series.heart_rate_bpm[0] == 103
    assert activity.max_hr_bpm == 132


def test_gpx_1_0_speed_is_read() -> None:
    """GPX 1.0 puts <speed> in the point itself."""
    activity = _read("gpxpy-track_with_speed.gpx")

    assert not np.isnan(activity.series.speed_mps).all()


def test_a_negative_time_step_at_the_start_is_left_out() -> None:
    """Runkeeper's second point is a second before the first; it is dropped, with a note."""
    activity = _read("runalyze-runkeeper-negative-time-step-at-start.gpx")

    assert len(activity.series) == 1625
    assert any("back in time" in note for note in activity.notes)


def test_a_break_between_segments_is_not_moving_time() -> None:
    """Three segments of one outing make one activity whose breaks are not moving."""
    activity = _read("runalyze-break-between-trkseg.gpx")

    assert activity.moving_s is not None
    assert activity.moving_s < activity.elapsed_s - 3600


def test_distance_comes_from_positions_when_the_file_has_none() -> None:
    """With no distance in the file, the haversine sum of positions is used."""
    activity = _read("ggps-dav_track_5k.gpx")

    assert activity.distance_m == pytest.approx(5235, rel=0.01)
    assert activity.series.distance_m[0] == 0


def test_a_gpx_without_a_type_has_an_unknown_sport() -> None:
    """No <type>: the sport is unknown, not running."""
    activity = _read("ggps-dav_track_5k.gpx")

    assert activity.sport is Sport.UNKNOWN
    assert not activity.is_running


def test_a_sport_given_by_an_export_wins() -> None:
    """A Strava export's "Activity Type" replaces the file's missing <type>."""
    path = SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx"
    (activity,) = read_gpx(path.read_bytes(), filename=path.name, sport=Sport.RUNNING)

    assert activity.is_running


def test_a_gpx_cut_short_keeps_the_points_before_the_cut() -> None:
    """A truncated download keeps its complete points and is marked partial."""
    data = (SHARED_DATA / "gpx" / "runalyze-strava-export.gpx").read_bytes()
    (activity,) = read_gpx(data[: len(data) // 2], filename="cut.gpx")

    assert activity.is_partial
    assert 50 < len(activity.series) < 241


def test_entity_expansion_is_refused() -> None:
    """A "billion laughs" document is refused before any entity expands."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx>&b;</gpx>'
    )

    with pytest.raises(UnreadableFile, match="entities"):
        read_gpx(bomb, filename="bomb.gpx")


def test_external_entities_are_refused() -> None:
    """An entity pointing at a local file is never read."""
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<gpx><trk><name>&x;</name></trk></gpx>"
    )

    with pytest.raises(UnreadableFile, match="entities"):
        read_gpx(hostile, filename="hostile.gpx")


@pytest.mark.parametrize("data", [b"", b"<gpx", b"<tcx></tcx>", b"\xff\xfe garbage"])
def test_broken_or_foreign_xml_raises_unreadable_file(data: bytes) -> None:
    """Nothing readable, or not GPX: a plain reason, never a crash."""
    with pytest.raises(UnreadableFile):
        read_gpx(data, filename="x.gpx")


@pytest.mark.parametrize("encoding", ["aTF-8", "euc-jp"])
def test_an_unreadable_encoding_is_skipped_with_a_reason(encoding: str) -> None:
    """A declared encoding that cannot be decoded is an UnreadableFile, not a crash."""
    data = f'<?xml version="1.0" encoding="{encoding}"?><gpx><trk/></gpx>'.encode()

    with pytest.raises(UnreadableFile):
        read_gpx(data, filename="odd.gpx")
