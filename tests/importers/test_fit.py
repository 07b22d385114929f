"""FIT files: every shared file, fitdecode's own expected records, sports, sessions, damage."""

from __future__ import annotations

import csv
import hashlib
import itertools
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers import Activity, Sport, read_fit
from hipfirst.importers._fit_tables import tables_from_fitdecode
from hipfirst.importers.fit import activities_from_tables
from hipfirst.importers.track import Source
from tests.data import SHARED_DATA, shared_files

FIT_FILES = shared_files("fit/*.fit")
NOT_ACTIVITIES = {
    "fitdecode-MonitoringFile.fit": "monitoring",
    "fitdecode-Settings.fit": "settings",
    "fitdecode-Settings2.fit": "settings",
    "fitdecode-WeightScaleMultiUser.fit": "weight",
    "fitdecode-WeightScaleSingleUser.fit": "weight",
    "fitdecode-WorkoutCustomTargetValues.fit": "workout",
    "fitdecode-WorkoutIndividualSteps.fit": "workout",
    "fitdecode-WorkoutRepeatGreaterThanStep.fit": "workout",
    "fitdecode-WorkoutRepeatSteps.fit": "workout",
    "fitdecode-DeveloperData.fit": "no times",  # developer-data sample without timestamps
}
PARTIAL = {
    "fitdecode-invalid-activity-settings-corruptheader.fit",
    "fitdecode-invalid-activity-settings-nodata.fit",
    "fitdecode-invalid-activity-unexpected-eof.fit",
}


def _read(name: str) -> tuple[Activity, ...]:
    path = SHARED_DATA / "fit" / name
    return read_fit(path.read_bytes(), filename=path.name)


@pytest.mark.parametrize("path", FIT_FILES, ids=lambda p: p.stem)
def test_every_fit_file_gives_activities_or_a_plain_reason(path: Path) -> None:
    """Each shared FIT file imports, or is skipped with the reason its kind calls for."""
    if path.name in NOT_ACTIVITIES:
        with pytest.raises(UnreadableFile) as caught:
            read_fit(path.read_bytes(), filename=path.name)

        assert NOT_ACTIVITIES[path.name] in caught.value.message
        assert caught.value.field == path.name
        return
    activities = read_fit(path.read_bytes(), filename=path.name)

    assert activities
    for activity in activities:
        assert activity.start.tzinfo is not None
        assert activity.elapsed_s >= 0
        assert activity.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert activity.is_partial == (path.name in PARTIAL)
        assert np.all(np.diff(activity.series.elapsed_s) >= 0)


@pytest.mark.parametrize(
    "path", [p for p in FIT_FILES if p.name not in NOT_ACTIVITIES], ids=lambda p: p.stem
)
def test_the_fitdecode_fallback_gives_the_same_activities(path: Path) -> None:
    """The kept fallback (fitdecode, CRC off) and the fast path agree on every file."""
    data = path.read_bytes()
    fast = read_fit(data, filename=path.name)
    tables, problem = tables_from_fitdecode(data, filename=path.name)
    slow = activities_from_tables(tables, Source(path.name, "", problem))

    assert len(slow) == len(fast)
    for ours, theirs in zip(fast, slow, strict=True):
        assert ours.sport == theirs.sport
        assert ours.start == theirs.start
        assert ours.elapsed_s == pytest.approx(theirs.elapsed_s)
        assert ours.distance_m == pytest.approx(theirs.distance_m)
        assert ours.avg_hr_bpm == pytest.approx(theirs.avg_hr_bpm)
        assert ours.avg_cadence_spm == pytest.approx(theirs.avg_cadence_spm)
        assert len(ours.series) == len(theirs.series)
        assert np.allclose(ours.series.distance_m, theirs.series.distance_m, equal_nan=True)


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (SHARED_DATA / "fit" / name).open(newline="") as handle:
        return list(csv.DictReader(handle, skipinitialspace=True))


@pytest.mark.parametrize(
    "stem",
    [
        "garmin-edge-500-activity",
        "garmin-edge-820-bike",
        "garmin-fenix-5-bike",
        "garmin-fenix-5-run",
        "garmin-fenix-5-walk",
    ],
)
def test_records_match_fitdecodes_expected_dump(stem: str) -> None:
    """Heart rate, distance and speed per record equal fitdecode's own *-records.csv."""
    (activity,) = _read(f"fitdecode-{stem}.fit")
    rows = _csv_rows(f"fitdecode-{stem}-records.csv")

    def column(key: str) -> npt.NDArray[np.float64]:
        return np.array([float(row[key]) if row[key] else np.nan for row in rows])

    assert len(activity.series) == len(rows)
    assert np.allclose(activity.series.heart_rate_bpm, column("heart_rate"), equal_nan=True)
    assert np.allclose(activity.series.distance_m, column("distance"), equal_nan=True)
    assert np.allclose(activity.series.speed_mps, column("speed"), equal_nan=True)


def test_compressed_speed_and_distance_match_fitdecodes_expected_dump() -> None:
    """Records packing speed and distance in 3 bytes expand as fitdecode expands them."""
    (activity,) = _read("fitdecode-compressed-speed-distance.fit")
    rows = _csv_rows("fitdecode-compressed-speed-distance-records.csv")
    expected_m = np.array([float(row["Distance [m]"]) for row in rows])
    expected_mps = np.array([float(row["Speed [m/s]"]) for row in rows])

    series = activity.series  # its first record holds only a time; the dump leaves it out

    assert len(series) == len(rows) + 1
    assert np.isnan(series.speed_mps[0])
    assert np.allclose(series.distance_m[1:], expected_m)
    assert np.allclose(series.speed_mps[1:], expected_mps)


def test_running_cadence_is_doubled_from_strides_to_steps() -> None:
    """The Fenix 5 stores one leg's cadence (median 89); steps a minute are twice that."""
    (run,) = _read("fitdecode-garmin-fenix-5-run.fit")
    raw = np.array(
        [float(row["cadence"]) for row in _csv_rows("fitdecode-garmin-fenix-5-run-records.csv")]
    )

    assert np.all(run.series.cadence_spm >= 2 * raw)
    assert np.all(run.series.cadence_spm < 2 * raw + 2)  # plus 2 x the fraction, under 1
    assert 170 < np.median(run.series.cadence_spm[run.series.cadence_spm > 0]) < 185


def test_fractional_cadence_adds_to_the_whole_strides() -> None:
    """Where a device stores fractional cadence, steps are 2 x (cadence + fraction)."""
    (run,) = _read("runalyze-FR920xt-with-Stryd.fit")
    cadence = run.series.cadence_spm[run.series.cadence_spm > 0]

    assert not np.allclose(cadence, np.round(cadence / 2) * 2)


def test_a_ride_keeps_its_sport_and_has_no_step_rate() -> None:
    """Pedal rpm is not a step rate: a ride carries no cadence in steps a minute."""
    (ride,) = _read("fitdecode-garmin-fenix-5-bike.fit")

    assert ride.sport is Sport.CYCLING
    assert not ride.is_running
    assert ride.avg_cadence_spm is None
    assert np.isnan(ride.series.cadence_spm).all()


def test_a_walk_is_kept_as_a_walk_with_steps() -> None:
    """A walk keeps its sport, is not running, and its per-leg cadence is doubled."""
    (walk,) = _read("fitdecode-garmin-fenix-5-walk.fit")

    assert walk.sport is Sport.WALKING
    assert not walk.is_running
    assert walk.avg_cadence_spm is not None
    assert 90 < walk.avg_cadence_spm < 140  # walking steps; per leg it would read 45-70


@pytest.mark.parametrize(
    "name",
    [
        "runalyze-swim-25m-lane.fit",
        "runalyze-swim-fenix-50m.fit",
        "runalyze-swim-outdoor.fit",
        "tormoder-activity_poolswim_with_hr.fit",
    ],
)
def test_swims_keep_their_sport_and_do_not_count_as_running(name: str) -> None:
    """Pool and open-water swims are swims, with no step rate."""
    (swim,) = _read(name)

    assert swim.sport is Sport.SWIMMING
    assert not swim.is_running
    assert swim.avg_cadence_spm is None


def test_a_triathlon_splits_into_one_activity_per_session() -> None:
    """Swim, transition, ride, transition, run: five activities, in time order."""
    parts = _read("runalyze-multisport-triathlon-fenix3.fit")

    assert [p.sport for p in parts] == [
        Sport.SWIMMING,
        Sport.OTHER,
        Sport.CYCLING,
        Sport.OTHER,
        Sport.RUNNING,
    ]
    assert parts[1].sub_sport == "transition"
    assert all(a.start < b.start for a, b in itertools.pairwise(parts))
    assert sum(len(p.series) for p in parts) > 0


def test_two_sessions_in_one_file_become_two_runs() -> None:
    """A multisession file gives each session its own activity and records."""
    first, second = _read("runalyze-Multisession.fit")

    assert first.is_running
    assert second.is_running
    assert first.start < second.start
    assert first.series.elapsed_s.max() <= first.elapsed_s + 1


def test_a_file_cut_short_keeps_the_records_before_the_cut() -> None:
    """An unexpected end of file keeps the readable records and says the run is partial."""
    (activity,) = _read("fitdecode-invalid-activity-unexpected-eof.fit")

    assert activity.is_partial
    assert len(activity.series) == 14
    assert any("part-way" in note for note in activity.notes)


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9])
def test_any_cut_of_a_real_run_keeps_a_partial_run(share: float) -> None:
    """Cutting a real run anywhere still yields the run, marked partial, with fewer records."""
    data = (SHARED_DATA / "fit" / "runalyze-Fenix-2-pauses.fit").read_bytes()
    (whole,) = read_fit(data, filename="whole.fit")
    (cut,) = read_fit(data[: int(len(data) * share)], filename="cut.fit")

    assert cut.is_partial
    assert 0 < len(cut.series) < len(whole.series)


def test_pauses_leave_moving_time_below_elapsed_time() -> None:
    """Stopping the timer (Fenix 2 pauses) counts in elapsed time, not in moving time."""
    (run,) = _read("runalyze-Fenix-2-pauses.fit")

    assert run.moving_s is not None
    assert run.moving_s < run.elapsed_s - 120


def test_a_forward_clock_jump_is_undone() -> None:
    """A 20-day jump of the device clock mid-run does not make a 20-day run."""
    (run,) = _read("runalyze-time-jump.fit")

    assert run.elapsed_s == pytest.approx(3389, abs=2)
    assert run.series.elapsed_s.max() < run.elapsed_s + 60
    assert any("clock jumped" in note for note in run.notes)


def test_records_going_back_in_time_are_left_out() -> None:
    """A one-second jump into the past leaves the series in time order, with a note."""
    (ride,) = _read("runalyze-One-second-jump-to-past.fit")

    assert np.all(np.diff(ride.series.elapsed_s) >= 0)
    assert any("back in time" in note for note in ride.notes)


def test_the_local_offset_comes_from_the_activity_message() -> None:
    """The Fenix 5 run was recorded in California in June: UTC-7."""
    (run,) = _read("fitdecode-garmin-fenix-5-run.fit")

    assert run.utc_offset_s == -7 * 3600


def test_a_device_clock_that_was_never_set_is_anchored_on_local_time() -> None:
    """Times counted from power-on are placed by the local timestamp, with a note."""
    (run,) = _read("fitdecode-compressed-speed-distance.fit")

    assert run.start.year == 2012
    assert any("local time" in note for note in run.notes)


def test_a_zero_heart_rate_is_no_heart_rate() -> None:
    """A strap sending only zeros gives no average, not an average of 0."""
    (ride,) = _read("runalyze-hr-only-zeros.fit")

    assert ride.avg_hr_bpm is None
    assert ride.max_hr_bpm is None


@pytest.mark.parametrize("data", [b"", b"not a fit file at all", b"\x0e\x10" + b"\0" * 20])
def test_bytes_that_are_not_fit_raise_unreadable_file(data: bytes) -> None:
    """Empty or foreign bytes are refused with a plain reason, never a crash."""
    with pytest.raises(UnreadableFile, match="not a FIT file"):
        read_fit(data, filename="x.fit")
