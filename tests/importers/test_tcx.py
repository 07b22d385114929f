"""TCX files: every shared file, and the figures Runalyze's own tests expect of them.

Expected values marked "Runalyze" come from Runalyze/Runalyze's TCX parser tests
(``TcxTest``) on the same files, with their tolerances.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers import Activity, Sport, read_tcx
from tests.data import SHARED_DATA, shared_files

TCX_FILES = shared_files("tcx/*.tcx")


def _read(name: str) -> tuple[Activity, ...]:
    path = SHARED_DATA / "tcx" / name
    return read_tcx(path.read_bytes(), filename=path.name)


@pytest.mark.parametrize("path", TCX_FILES, ids=lambda p: p.stem)
def test_every_tcx_file_gives_activities_or_a_plain_reason(path: Path) -> None:
    """Each shared TCX file imports; the course (a planned route) is skipped."""
    if path.name == "runalyze-Route-only.tcx":
        with pytest.raises(UnreadableFile, match="planned course"):
            read_tcx(path.read_bytes(), filename=path.name)
        return
    activities = read_tcx(path.read_bytes(), filename=path.name)

    assert activities
    for activity in activities:
        assert len(activity.series) > 0
        assert np.all(np.diff(activity.series.elapsed_s) >= 0)


def test_standard_file_matches_runalyze() -> None:
    """Runalyze: distance 22.224 km, elapsed 6699 s, moving 6523 s, heart rate 145/172."""
    (run,) = _read("runalyze-Standard.tcx")

    assert run.sport is Sport.RUNNING
    assert run.distance_m == pytest.approx(22224, abs=100)
    assert run.elapsed_s == pytest.approx(7200 - 8 * 60 - 21, abs=5)
    assert run.moving_s == pytest.approx(6523, abs=30)
    assert run.avg_hr_bpm == pytest.approx(145, abs=2)
    assert run.max_hr_bpm == pytest.approx(172, abs=2)


def test_a_multisport_file_splits_into_its_activities() -> None:
    """Runalyze: three activities, 494 s / 2.355 km, 11.46 km, 420 s / 2.355 km."""
    ride, run, ride_home = _read("runalyze-Multisport.tcx")

    assert (ride.sport, run.sport, ride_home.sport) == (Sport.CYCLING, Sport.RUNNING, Sport.CYCLING)
    assert ride.elapsed_s == pytest.approx(494, abs=20)
    assert ride.distance_m == pytest.approx(2355, abs=100)
    assert run.distance_m == pytest.approx(11460, abs=100)
    assert ride_home.elapsed_s == pytest.approx(420, abs=10)


def test_several_activities_in_one_file_are_each_kept() -> None:
    """Three runs exported together give three activities."""
    runs = _read("runalyze-Multiple-Trainings.tcx")

    assert len(runs) == 3
    assert len({run.start for run in runs}) == 3


def test_trackpoints_win_over_lap_totals() -> None:
    """Runalyze: First-point-empty lasts 142 s over 0.601 km, whatever its lap claims."""
    (ride,) = _read("runalyze-First-point-empty.tcx")

    assert ride.elapsed_s == 142
    assert ride.distance_m == pytest.approx(601, abs=1)


def test_runtastic_matches_runalyze() -> None:
    """Runalyze: 61 s and 0.113 km."""
    (run,) = _read("runalyze-Runtastic.tcx")

    assert run.elapsed_s == pytest.approx(61, abs=5)
    assert run.distance_m == pytest.approx(113, abs=10)


def test_an_indoor_ride_without_distance_keeps_time_and_heart_rate() -> None:
    """Runalyze: 7204 s, heart rate 122/149, and no distance at all (None, not 0)."""
    (ride,) = _read("runalyze-Indoor-Training.tcx")

    assert ride.elapsed_s == pytest.approx(7204, abs=1)
    assert ride.avg_hr_bpm == pytest.approx(122, abs=2)
    assert ride.max_hr_bpm == pytest.approx(149, abs=2)
    assert ride.distance_m is None


def test_a_swim_without_trackpoint_data_keeps_its_time() -> None:
    """Runalyze: 2100 s for the swim recorded as Sport="Other"."""
    (swim,) = _read("runalyze-Swim-without-time_by-Timekiller.tcx")

    assert swim.elapsed_s == pytest.approx(2100, abs=30)
    assert swim.sport is Sport.OTHER
    assert not swim.is_running


def test_the_local_offset_comes_from_the_times() -> None:
    """Polar writes +01:00 on every time; Runalyze reads distance 3.64 km."""
    (run,) = _read("runalyze-Wrong-time-zone-by-polar.tcx")

    assert run.utc_offset_s == 3600
    assert run.start.hour == 17  # 18:40:58+01:00 is 17:40:58 UTC
    assert run.distance_m == pytest.approx(3640, abs=10)


def test_treadmill_cadence_already_in_steps_is_not_doubled() -> None:
    """Runalyze expects 67 strides/min on average, so 134 steps a minute."""
    (run,) = _read("runalyze-Treadmill-doubled-cadence.tcx")

    assert run.avg_cadence_spm == pytest.approx(2 * 67, abs=1)
    assert any("already" in note for note in run.notes)


def test_garmin_run_cadence_per_leg_is_doubled() -> None:
    """Garmin Connect's RunCadence counts one leg: about 84 becomes about 169."""
    (run,) = _read("ggps-activity_17191864852-slow-10k.tcx")

    assert run.avg_cadence_spm == pytest.approx(169, abs=1)


def test_missing_distances_never_make_distance_fall() -> None:
    """Runalyze: the distance series never decreases where points lack a distance."""
    (run,) = _read("runalyze-missing-distances.tcx")
    distance = run.series.distance_m[~np.isnan(run.series.distance_m)]

    assert np.all(np.diff(distance) >= 0)


def test_a_negative_pause_leaves_time_in_order() -> None:
    """Sigma's points that go back in time are left out; time only moves forward."""
    (ride,) = _read("runalyze-negative-pause.tcx")

    assert np.all(np.diff(ride.series.elapsed_s) >= 0)
    assert any("back in time" in note for note in ride.notes)


def test_cross_country_skiing_and_paddling_are_other_sports() -> None:
    """Neither counts as running."""
    (ski,) = _read("tcxreader-cross-country-skiing_activity_1.tcx")
    (sup,) = _read("tcxreader-sup_activity_1.tcx")

    assert ski.sport is Sport.OTHER
    assert sup.sport is Sport.OTHER


def test_a_tcx_cut_short_keeps_the_trackpoints_before_the_cut() -> None:
    """A truncated TCX keeps what came before the cut and is marked partial."""
    data = (SHARED_DATA / "tcx" / "runalyze-Standard.tcx").read_bytes()
    (run,) = read_tcx(data[: len(data) // 3], filename="cut.tcx")

    assert run.is_partial
    assert 100 < len(run.series) < 1528
