"""`hipfirst load`: the JSON shape, the weekly sums, --today, --tz and one-line errors."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from hipfirst.cli import main
from hipfirst.cli.load import runs_from_activities
from hipfirst.importers import Activity, import_paths
from tests.data import SHARED_DATA, shared_files

# Runs, rides, swims, files of no stated sport and one planned course that cannot be read.
MIXED_FILES = [
    *shared_files("gpx/ggps-*.gpx"),
    *shared_files("gpx/runalyze-*.gpx"),
    *shared_files("tcx/runalyze-*.tcx"),
    *shared_files("fit/runalyze-*.fit"),
]
AFTER_EVERY_RUN = "2025-01-01"  # the newest run in MIXED_FILES is from 2024-10-03
NON_RUNS = [
    *shared_files("fit/runalyze-swim-*.fit"),
    SHARED_DATA / "tcx" / "tcxreader-mapmyride_biking.tcx",
    SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-walk.fit",
]
# Starts 2018-01-28 01:39 UTC; the watch's clock (UTC-5) said 2018-01-27 20:39.
EVENING_RUN = SHARED_DATA / "fit" / "runalyze-FR920xt-with-runscribe-plus.fit"


@dataclass(frozen=True)
class Result:
    status: int
    stdout: str
    stderr: str


def _load(*args: str | Path) -> Result:
    """Run `hipfirst load ARGS` in this process, on one worker, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(["load", *map(str, args), "--workers", "1"])
        except SystemExit as exc:  # argparse's usage errors
            status = exc.code if isinstance(exc.code, int) else 1
    return Result(status, out.getvalue(), err.getvalue())


def _document(*args: str | Path) -> dict[str, Any]:  # Any: decoded JSON
    result = _load(*args, "--json")
    assert result.status == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)  # exactly one object, or this fails
    return document


def _one_line_error(result: Result) -> str:
    assert result.status == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("hipfirst: ")
    return lines[0]


@pytest.fixture(scope="module")
def mixed() -> dict[str, Any]:  # Any: decoded JSON
    """The report on MIXED_FILES after every run, with days in UTC."""
    return _document(*MIXED_FILES, "--today", AFTER_EVERY_RUN, "--tz", "UTC")


@pytest.fixture(scope="module")
def running() -> list[Activity]:
    """The running activities with a distance in MIXED_FILES, read by the importers alone."""
    activities = import_paths(MIXED_FILES).activities
    return [a for a in activities if a.is_running and a.distance_m is not None]


def test_json_prints_the_documented_keys(mixed: dict[str, Any]) -> None:
    """--json prints one object with the keys of issue #6 and what was left out."""
    assert list(mixed) == [
        "today",
        "weeks",
        "acwr",
        "weekly_change_pct",
        "spike",
        "monotony",
        "risk",
        "plan_step",
        "plan_advice",
        "plan",
        "skipped",
        "not_counted",
    ]
    assert {tuple(week) for week in mixed["weeks"]} == {
        ("week_start", "distance_km", "duration_s", "runs")
    }
    assert set(mixed["acwr"]) == {"rolling", "ewma", "uncoupled"}
    assert set(mixed["risk"]) == {"level", "components"}
    assert {tuple(c) for c in mixed["risk"]["components"]} == {
        ("id", "value", "zone", "advice", "source")
    }
    assert {tuple(week) for week in mixed["plan"]} == {
        ("week_start", "distance_km", "long_run_km", "walk_run")
    }


def test_json_values_have_the_documented_types(mixed: dict[str, Any]) -> None:
    """Ratios are numbers or null, the level is a zone, the plan has the weeks asked for."""
    ratios = [*mixed["acwr"].values(), mixed["weekly_change_pct"]]
    spike = mixed["spike"]

    assert all(r is None or isinstance(r, float) for r in ratios)
    assert spike is None or set(spike) == {
        "date",
        "distance_km",
        "longest_prior_30d_km",
        "increase_pct",
    }
    assert mixed["risk"]["level"] in {"low", "moderate", "high"}
    assert {c["zone"] for c in mixed["risk"]["components"]} <= {"low", "moderate", "high", None}
    assert len(mixed["plan"]) == 8


def test_week_sums_equal_the_running_distances(
    mixed: dict[str, Any], running: list[Activity]
) -> None:
    """All weeks together hold the distance of every run the files hold, and no more."""
    weeks_km = sum(week["distance_km"] for week in mixed["weeks"])
    runs_km = sum(a.distance_m or 0.0 for a in running) / 1000

    assert weeks_km == pytest.approx(runs_km, abs=1e-3 * len(running))
    assert sum(week["runs"] for week in mixed["weeks"]) == len(running)


def test_a_week_counts_moving_time(mixed: dict[str, Any], running: list[Activity]) -> None:
    """A week's duration is its runs' moving time, not the time the watch was running."""
    weeks_s = sum(week["duration_s"] for week in mixed["weeks"])

    assert weeks_s == pytest.approx(
        sum(a.elapsed_s if a.moving_s is None else a.moving_s for a in running), abs=1
    )
    assert weeks_s < sum(a.elapsed_s for a in running)


def test_weeks_run_from_the_first_run_to_today(mixed: dict[str, Any]) -> None:
    """Weeks start on Mondays, follow each other, and the last is the week of --today."""
    starts = [date.fromisoformat(week["week_start"]) for week in mixed["weeks"]]

    assert {day.weekday() for day in starts} == {0}
    assert all(later - earlier == timedelta(weeks=1) for earlier, later in pairwise(starts))
    assert starts[-1] == date(2024, 12, 30)  # the Monday of 2025-01-01


def test_today_leaves_out_later_runs(running: list[Activity]) -> None:
    """An earlier --today reports only the runs up to it, and ends on its week."""
    document = _document(*MIXED_FILES, "--today", "2016-01-01", "--tz", "UTC")
    earlier = [a for a in running if a.start.date() <= date(2016, 1, 1)]

    assert document["today"] == "2016-01-01"
    assert document["weeks"][-1]["week_start"] == "2015-12-28"
    assert sum(week["runs"] for week in document["weeks"]) == len(earlier)
    assert 0 < len(earlier) < len(running)


def test_unreadable_files_are_listed_as_skipped(mixed: dict[str, Any]) -> None:
    """A planned course cannot be read; the report names it and carries on."""
    assert [Path(s["file"]).name for s in mixed["skipped"]] == ["runalyze-Route-only.tcx"]
    assert all(set(s) == {"file", "reason"} and s["reason"] for s in mixed["skipped"])


def test_activities_that_are_not_runs_are_listed_as_not_counted(mixed: dict[str, Any]) -> None:
    """Rides, swims and files that name no sport are listed, each with a reason."""
    reasons = {n["reason"] for n in mixed["not_counted"]}

    assert {"It is a ride, not a run.", "The file does not say it was a run."} <= reasons
    assert all(set(n) == {"file", "reason"} for n in mixed["not_counted"])


def test_a_run_without_distance_is_not_counted() -> None:
    """A run whose file holds no distance is left out rather than counted as 0 km."""
    document = _document(
        SHARED_DATA / "fit" / "fitdecode-antfs-dump.63.fit",
        SHARED_DATA / "fit" / "fitdecode-compressed-speed-distance.fit",
        "--today",
        "2012-03-01",
    )

    assert sum(week["runs"] for week in document["weeks"]) == 1
    assert [n["reason"] for n in document["not_counted"]] == [
        "It has no distance; load is counted in km."
    ]


def test_a_run_without_moving_time_counts_its_elapsed_time() -> None:
    """Without a moving time, the run's duration is its elapsed time."""
    (activity,) = import_paths([EVENING_RUN]).activities

    (run,), _ = runs_from_activities([replace(activity, moving_s=None)], zone=UTC)

    assert run.duration_s == activity.elapsed_s


def test_without_tz_a_run_counts_on_its_own_clock_s_day() -> None:
    """A run at 20:39 on the watch's clock counts that day, though UTC was past midnight."""
    document = _document(EVENING_RUN, "--today", "2018-01-27")

    assert sum(week["runs"] for week in document["weeks"]) == 1


def test_tz_counts_a_run_on_its_date_in_that_zone() -> None:
    """With --tz UTC the same run falls on the next day, after --today."""
    error = _one_line_error(_load(EVENING_RUN, "--today", "2018-01-27", "--tz", "UTC"))

    assert error == "hipfirst: No runs on or before 2018-01-27 in these files."


def test_without_today_the_report_is_on_today_s_date() -> None:
    """--today defaults to the date on this computer's clock."""
    before = datetime.now(UTC).astimezone().date()
    document = _document(EVENING_RUN)
    after = datetime.now(UTC).astimezone().date()

    assert date.fromisoformat(document["today"]) in {before, after}


def test_weeks_sets_the_plan_length() -> None:
    """--weeks 4 plans 4 weeks, starting on the Monday after --today."""
    document = _document(EVENING_RUN, "--today", "2018-02-01", "--weeks", "4")

    assert [week["week_start"] for week in document["plan"]] == [
        "2018-02-05",
        "2018-02-12",
        "2018-02-19",
        "2018-02-26",
    ]


def test_under_four_weeks_of_runs_gives_no_risk_level_yet() -> None:
    """With one run 5 days ago the level is null and each component says so, never a guess."""
    document = _document(EVENING_RUN, "--today", "2018-02-01")

    assert document["risk"]["level"] is None
    assert all(
        c["zone"] is None and c["advice"].startswith("Not enough data yet")
        for c in document["risk"]["components"]
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--today", "2026-13-01"], "argument --today: '2026-13-01' is not a date"),
        (["--today", "2026-02-30"], "argument --today: '2026-02-30' is not a date"),
        (["--today", "yesterday"], "argument --today: 'yesterday' is not a date"),
        (["--tz", "Mars/Olympus"], "argument --tz: 'Mars/Olympus' is not a time zone"),
        (["--tz", "../etc"], "argument --tz: '../etc' is not a time zone"),
        (["--weeks", "13"], "argument --weeks: a plan covers 4 to 12 weeks"),
    ],
)
def test_a_bad_argument_exits_2_with_one_line(args: list[str], words: str) -> None:
    """A bad --today, --tz or --weeks is one plain line naming the argument."""
    assert words in _one_line_error(_load(EVENING_RUN, *args))


def test_a_folder_of_only_non_runs_exits_2(tmp_path: Path) -> None:
    """Swims, rides and walks are read, but there is no run to report on."""
    for file in NON_RUNS:
        (tmp_path / file.name).symlink_to(file)  # the real files, by path

    error = _one_line_error(_load(tmp_path))

    assert error == "hipfirst: No runs found in these files."


def test_nothing_readable_exits_2_with_the_reason() -> None:
    """Files that are not training files exit 2, naming the first and why."""
    csv = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-run-records.csv"

    error = _one_line_error(_load(csv, SHARED_DATA / "fit" / "fitdecode-Settings.fit"))

    assert error.startswith(f"hipfirst: Nothing could be read. {csv}: This is not a FIT")
    assert error.endswith("(and 1 more)")


def test_plain_text_shows_weeks_risk_advice_and_plan() -> None:
    """Without --json the report reads as words: weeks, each component's advice, the plan."""
    result = _load(*MIXED_FILES[:3], "--today", AFTER_EVERY_RUN)

    assert result.status == 0
    assert "Week of      Distance  Runs" in result.stdout
    assert "Load risk: " in result.stdout
    assert "Not enough data yet" in result.stdout or "associated with" in result.stdout
    assert "Plan: " in result.stdout
    assert "Distances are ceilings, not targets." in result.stdout
    assert "predicts" not in result.stdout
