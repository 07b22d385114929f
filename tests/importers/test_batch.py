"""Batches: every shared file accounted for, duplicates once, the same answer on 2 cores."""

from __future__ import annotations

import gzip

from hipfirst.importers import Sport, import_blobs, import_many, import_paths
from tests.data import SHARED_DATA, shared_files

FOLDERS = [SHARED_DATA / "fit", SHARED_DATA / "gpx", SHARED_DATA / "tcx"]


def test_every_shared_file_is_imported_skipped_or_a_duplicate() -> None:
    """Nothing is lost: each file gives activities, a duplicate, or a skip with a reason."""
    report = import_paths(FOLDERS)
    given = {str(p) for folder in FOLDERS for p in folder.iterdir()}
    accounted = (
        {a.file_name for a in report.activities}
        | {d.file for d in report.duplicates}
        | {s.file for s in report.skipped}
    )

    assert accounted == given
    assert all(s.reason for s in report.skipped)
    assert report.has_read_anything


def test_runs_rides_and_swims_keep_their_sports() -> None:
    """Only runs count as running; the batch keeps rides, walks and swims as they are."""
    report = import_paths(FOLDERS)
    sports = {a.sport for a in report.activities}

    assert {Sport.RUNNING, Sport.CYCLING, Sport.WALKING, Sport.SWIMMING} <= sports
    assert all(a.is_running == (a.sport is Sport.RUNNING) for a in report.activities)


def test_the_same_file_twice_is_stored_once() -> None:
    """Uploading a run again (here also gzipped) lists the copy as a duplicate."""
    data = (SHARED_DATA / "fit" / "runalyze-Standard.fit").read_bytes()

    report = import_blobs([("a.fit", data), ("b.fit.gz", gzip.compress(data))])

    assert [a.file_name for a in report.activities] == ["a.fit"]
    assert [(d.file, d.same_as) for d in report.duplicates] == [("b.fit", "a.fit")]


def test_two_processes_give_the_same_report_as_one() -> None:
    """Decoding on 2 cores changes nothing but the time taken."""
    paths = [*shared_files("gpx/runalyze-*.gpx"), *shared_files("fit/runalyze-Fenix-*.fit")]

    alone = import_paths(paths)
    together = import_many(paths, workers=2)

    assert together == alone


def test_progress_is_reported_up_to_the_last_file() -> None:
    """The progress callback ends at (files, files)."""
    seen: list[tuple[int, int]] = []
    paths = shared_files("tcx/ggps-*.tcx")

    import_paths(paths, progress=lambda done, total: seen.append((done, total)))

    assert seen[-1] == (len(paths), len(paths))


def test_a_missing_path_is_skipped_and_the_rest_imported(tmp_path) -> None:
    """A path that does not exist is reported; the other files still import."""
    run = SHARED_DATA / "fit" / "runalyze-Standard.fit"

    report = import_paths([tmp_path / "nope.fit", run])

    assert [s.reason for s in report.skipped] == ["It does not exist."]
    assert len(report.activities) == 1


def test_nothing_readable_reads_nothing() -> None:
    """A batch of only unreadable files has read nothing."""
    report = import_blobs([("a.fit", b"junk"), ("b.gpx", b"")])

    assert not report.has_read_anything
    assert len(report.skipped) == 2
