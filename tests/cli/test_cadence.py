"""`hipfirst cadence`: the JSON shape from real files, a counted cadence, words, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data import SHARED_DATA

FENIX_2 = SHARED_DATA / "fit" / "runalyze-Fenix-2.fit"  # the device says 180 a minute
SLOW_10K_TCX = SHARED_DATA / "tcx" / "ggps-activity_17191864852-slow-10k.tcx"  # 167.7
SLOW_10K_GPX = SHARED_DATA / "gpx" / "ggps-activity_17191864852-slow-10k.gpx"  # the same run
WALK = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-walk.fit"
RIDE = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-bike.fit"
SETTINGS = SHARED_DATA / "fit" / "fitdecode-Settings.fit"  # no activity in it
NO_CADENCE = SHARED_DATA / "fit" / "runalyze-Standard.fit"  # a run recorded without cadence


def _cadence(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hipfirst.cli", "cadence", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_real_files_give_exactly_the_documented_json() -> None:
    """One object, keys in order; a run exported twice counts once; the walk is left out."""
    result = _cadence(FENIX_2, SLOW_10K_TCX, SLOW_10K_GPX, WALK, "--json")
    document = json.loads(result.stdout)

    assert result.returncode == 0
    assert list(document) == ["runs", "easy_run_spm", "target_spm", "plan", "sources"]
    assert [list(run) for run in document["runs"]] == [
        ["file", "start", "avg_spm", "speed_mps"]
    ] * 2
    assert [Path(run["file"]).name for run in document["runs"]] == [FENIX_2.name, SLOW_10K_TCX.name]
    assert [run["avg_spm"] for run in document["runs"]] == pytest.approx([180, 167.7], abs=3)
    assert document["easy_run_spm"] == document["runs"][1]["avg_spm"]  # the slower run
    assert document["target_spm"] == document["plan"][0]["target_spm"]
    assert [step["week"] for step in document["plan"]] == [1, 3, 5]
    assert all(isinstance(source, str) and source for source in document["sources"])


def test_a_counted_cadence_needs_no_files() -> None:
    """84 steps in 30 s is 168 a minute on --today, and a target of +5% then up to +10%."""
    result = _cadence("--steps-in-30s", "84", "--today", "2025-03-03", "--json")
    document = json.loads(result.stdout)

    assert result.returncode == 0
    assert document["runs"] == [
        {"file": None, "start": "2025-03-03T00:00:00+00:00", "avg_spm": 168.0, "speed_mps": None}
    ]
    assert (document["easy_run_spm"], document["target_spm"]) == (168.0, 177)
    assert document["plan"] == [
        {"week": 1, "target_spm": 177},
        {"week": 3, "target_spm": 181},
        {"week": 5, "target_spm": 184},
    ]


def test_a_counted_cadence_joins_the_runs_from_files() -> None:
    """A count given with files is one more run beside the files' runs."""
    result = _cadence(FENIX_2, "--steps-in-30s", "80", "--today", "2025-03-03", "--json")
    document = json.loads(result.stdout)

    assert [run["file"] is None for run in document["runs"]] == [False, True]


def test_the_words_give_the_cadence_target_reason_plan_and_knee_load() -> None:
    """The text names the easy-run cadence, target, why, plan and cadence.md's knee wording."""
    result = _cadence("--steps-in-30s", "80")

    assert result.returncode == 0
    assert "Your easy-run cadence: 160 steps a minute" in result.stdout
    assert "Target: 168 steps a minute (+5%), then step by step up to 176 (+10%)" in result.stdout
    assert "Why: " in result.stdout
    assert "From week 5: 176 steps a minute" in result.stdout
    assert "cut peak kneecap-joint force by about 14% in a lab study" in result.stdout.replace(
        "\n", " "
    )
    assert "up to 20%" not in result.stdout


def test_runs_without_cadence_have_no_target_yet() -> None:
    """A run recorded without cadence gives nulls and an empty plan, never 0, and exit 0."""
    result = _cadence(NO_CADENCE, "--json")
    document = json.loads(result.stdout)

    assert result.returncode == 0
    assert document["runs"][0]["avg_spm"] is None
    assert (document["easy_run_spm"], document["target_spm"], document["plan"]) == (None, None, [])


def test_a_file_that_cannot_be_read_is_named_and_the_rest_is_used() -> None:
    """The skipped file goes to stderr with its reason; stdout stays one JSON object."""
    result = _cadence(FENIX_2, SETTINGS, "--json")

    assert result.returncode == 0
    assert len(json.loads(result.stdout)["runs"]) == 1
    assert f"skipped {SETTINGS}: This FIT file holds settings data" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "Give training files"),
        ((SETTINGS,), "Nothing could be read from"),
        ((SHARED_DATA / "no-such-file.fit",), "It does not exist"),
        ((WALK, RIDE), "None of the 2 activities read is a run"),
        (("--steps-in-30s", "40"), "either foot"),
        (("--steps-in-30s", "84", "--today", "2025-13-01"), "write YYYY-MM-DD"),
    ],
    ids=["nothing", "unreadable", "missing", "no-run", "one-foot", "bad-date"],
)
def test_bad_input_exits_2_with_one_plain_line(args: tuple[str | Path, ...], says: str) -> None:
    """No files, nothing readable, no run, a one-foot count or a bad date: one line, exit 2."""
    result = _cadence(*args)

    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("hipfirst: ")
    assert says in result.stderr
