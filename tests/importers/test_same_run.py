"""One run exported twice (ggps-* GPX and TCX from Garmin Connect) reads the same both ways.

Tolerances: distance within 2 % (the GPX has only positions, the TCX the watch's own
distance), elapsed time within 5 s, moving time within 2 %, average heart rate within
2 bpm (the TCX averages its laps, the GPX its points), cadence within 1 step a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hipfirst.importers import deduplicate, read_gpx, read_tcx
from tests.data import SHARED_DATA, shared_files

SAME_RUN_DISTANCE_SHARE = 0.02
SAME_RUN_ELAPSED_S = 5.0
SAME_RUN_MOVING_SHARE = 0.02
SAME_RUN_HR_BPM = 2.0
SAME_RUN_CADENCE_SPM = 1.0

PAIRS = shared_files("gpx/ggps-*.gpx")


def _both(gpx: Path):
    tcx = SHARED_DATA / "tcx" / f"{gpx.stem}.tcx"
    (from_gpx,) = read_gpx(gpx.read_bytes(), filename=gpx.name)
    (from_tcx,) = read_tcx(tcx.read_bytes(), filename=tcx.name)
    return from_gpx, from_tcx


@pytest.mark.parametrize("gpx", PAIRS, ids=lambda p: p.stem)
def test_gpx_and_tcx_of_one_run_agree(gpx: Path) -> None:
    """Distance, durations, heart rate and cadence agree within the stated tolerances."""
    from_gpx, from_tcx = _both(gpx)

    assert from_gpx.start == from_tcx.start
    assert from_gpx.distance_m == pytest.approx(from_tcx.distance_m, rel=SAME_RUN_DISTANCE_SHARE)
    assert from_gpx.elapsed_s == pytest.approx(from_tcx.elapsed_s, abs=SAME_RUN_ELAPSED_S)
    assert from_gpx.moving_s == pytest.approx(from_tcx.moving_s, rel=SAME_RUN_MOVING_SHARE)
    if from_gpx.avg_hr_bpm is not None:
        assert from_gpx.avg_hr_bpm == pytest.approx(from_tcx.avg_hr_bpm, abs=SAME_RUN_HR_BPM)
    if from_gpx.avg_cadence_spm is not None:
        assert from_gpx.avg_cadence_spm == pytest.approx(
            from_tcx.avg_cadence_spm, abs=SAME_RUN_CADENCE_SPM
        )


@pytest.mark.parametrize("gpx", PAIRS, ids=lambda p: p.stem)
def test_one_run_exported_twice_is_stored_once(gpx: Path) -> None:
    """The two exports share a dedupe key; the batch keeps the richer TCX only."""
    from_gpx, from_tcx = _both(gpx)

    kept, duplicates = deduplicate([from_gpx, from_tcx])

    assert from_gpx.dedupe_key.matches(from_tcx.dedupe_key)
    assert [a.file_name for a in kept] == [from_tcx.file_name]
    assert [(d.file, d.same_as) for d in duplicates] == [(from_gpx.file_name, from_tcx.file_name)]
