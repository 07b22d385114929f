"""`hipfirst import`: the JSON shape, exit codes, folders and archives."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hipfirst.cli import main
from tests.data import SHARED_DATA

ACTIVITY_KEYS = {
    "file",
    "sport",
    "start",
    "elapsed_s",
    "moving_s",
    "distance_m",
    "avg_cadence_spm",
    "avg_hr_bpm",
}


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    status = main(["import", *args, "--json", "--workers", "1"])
    return status, json.loads(capsys.readouterr().out)


def test_json_lists_activities_skipped_and_duplicates(capsys) -> None:
    """--json prints one object with the three documented lists and keys."""
    gpx = SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx"
    tcx = SHARED_DATA / "tcx" / "ggps-dav_track_5k.tcx"
    route = SHARED_DATA / "gpx" / "gpxpy-route.gpx"

    status, document = _json(capsys, str(gpx), str(tcx), str(route))

    assert status == 0
    assert set(document) == {"activities", "skipped", "duplicates"}
    (activity,) = document["activities"]
    assert set(activity) == ACTIVITY_KEYS
    assert activity["sport"] == "running"
    assert activity["start"] == "2015-10-01T11:31:59Z"
    assert document["duplicates"] == [{"file": str(gpx), "same_as": str(tcx)}]
    assert document["skipped"][0]["file"] == str(route)
    assert "planned route" in document["skipped"][0]["reason"]


def test_a_folder_and_an_archive_are_read(capsys, tmp_path: Path) -> None:
    """Folders are searched; zips and gzips are opened."""
    run = SHARED_DATA / "fit" / "runalyze-Fenix-2.fit"
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("activities/run.fit.gz", gzip.compress(run.read_bytes()))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "ride.fit").write_bytes(
        (SHARED_DATA / "fit" / "runalyze-with-power.fit").read_bytes()
    )

    status, document = _json(capsys, str(archive), str(folder))

    assert status == 0
    assert [a["sport"] for a in document["activities"]] == ["running", "cycling"]


def test_nothing_readable_exits_2_with_one_plain_line(capsys, tmp_path: Path) -> None:
    """Only unreadable input: exit status 2 and a one-line reason on stderr."""
    empty = tmp_path / "empty.fit"
    empty.write_bytes(b"")

    status = main(["import", str(empty)])
    captured = capsys.readouterr()

    assert status == 2
    assert "empty" in captured.out
    assert captured.err.strip().splitlines() == [
        "hipfirst: nothing could be read from the paths given"
    ]


def test_the_command_runs_on_every_core_in_its_own_process(tmp_path: Path) -> None:
    """`hipfirst import` works end to end and prints only JSON (no bar off a terminal)."""
    result = subprocess.run(
        [sys.executable, "-m", "hipfirst.cli", "import", str(SHARED_DATA / "tcx"), "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=tmp_path,
    )

    assert result.returncode == 0
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert len(document["activities"]) > 20
