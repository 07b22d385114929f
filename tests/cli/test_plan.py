"""`hipfirst plan`: the JSON shape, the red-flag refusal, and the calendar file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from hipfirst.cli import main
from tests.data import REPO_ROOT

CLEAN = REPO_ROOT / "examples" / "answers-clean.json"
RED_FLAG = REPO_ROOT / "examples" / "answers-red-flag.json"
START = "2025-03-03"  # a Monday


def _plan(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main(["plan", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_has_12_weeks_of_dated_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints weeks 1-12, phases 1 then 2, three sessions a week by default."""
    status, out, _ = _plan(capsys, CLEAN, "--start", START, "--json")
    weeks = json.loads(out)["weeks"]

    assert status == 0
    assert [w["week"] for w in weeks] == list(range(1, 13))
    assert [w["phase"] for w in weeks] == [1] * 4 + [2] * 8
    assert all(len(w["sessions"]) == 3 for w in weeks)
    assert weeks[0]["sessions"][0]["date"] == START


def test_each_exercise_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """Every exercise carries id, name, sets, reps, GTA index and its source (or nulls)."""
    _, out, _ = _plan(capsys, CLEAN, "--start", START, "--json", "--equipment", "band,step")
    exercises = [e for w in json.loads(out)["weeks"] for s in w["sessions"] for e in s["exercises"]]

    assert exercises
    assert all({"id", "name", "sets", "reps", "gta_index", "source"} <= set(e) for e in exercises)
    assert all((e["gta_index"] is None) == (e["source"] is None) for e in exercises)
    assert any(e["gta_index"] is not None for e in exercises)


def test_days_choose_the_session_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """--days tue,thu puts week 1's sessions on the Tuesday and Thursday."""
    _, out, _ = _plan(capsys, CLEAN, "--start", START, "--json", "--days", "tue,thu")
    week_1 = json.loads(out)["weeks"][0]["sessions"]

    assert [s["date"] for s in week_1] == ["2025-03-04", "2025-03-06"]


def test_a_red_flag_exits_2_with_the_referral_on_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An open red flag prints whom to see on one stderr line and nothing on stdout."""
    status, out, err = _plan(capsys, RED_FLAG, "--start", START, "--json")

    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("hipfirst: ")
    assert "Please see: a clinician within the next few days" in err


def test_an_unknown_day_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A day that is not one exits 2 naming the days it knows."""
    status, _, err = _plan(capsys, CLEAN, "--start", START, "--days", "mon,funday")

    assert status == 2
    assert "'funday' is not a day" in err


def test_a_bad_start_date_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A start that is not YYYY-MM-DD is a usage error with exit status 2."""
    with pytest.raises(SystemExit) as exited:
        main(["plan", str(CLEAN), "--start", "3/3/2025"])

    assert exited.value.code == 2
    assert "'3/3/2025' is not a date; write YYYY-MM-DD" in capsys.readouterr().err


def test_the_readable_plan_lists_weeks_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json the plan reads week by week, with the GTA sources numbered."""
    _, out, _ = _plan(capsys, CLEAN, "--start", START)

    assert "Week 1 · phase 1: Neural reset" in out
    assert "Week 12 · phase 2: Functional integration" in out
    assert "Clam: 2 × 8 each side (GTA index 115 [1])" in out
    assert "  [1] Selkowitz DM" in out


def test_the_ics_file_parses_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--ics writes a calendar icalendar reads: 36 all-day sessions from the start."""
    ics = tmp_path / "plan.ics"

    status, out, _ = _plan(capsys, CLEAN, "--start", START, "--ics", ics)
    events = Calendar.from_ical(ics.read_bytes()).events

    assert status == 0
    assert "36 calendar events" in out
    assert len(events) == 36
    assert str(events[0].start) == START
    assert len({str(e.uid) for e in events}) == 36


def test_a_second_export_keeps_the_uids(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Exporting the same answers twice gives the same event ids, in the same order."""
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"

    _plan(capsys, CLEAN, "--start", START, "--ics", first, "--calendar-key", "runner-7")
    _plan(capsys, CLEAN, "--start", START, "--ics", second, "--calendar-key", "runner-7")

    def uids(path: Path) -> list[str]:
        return [str(e.uid) for e in Calendar.from_ical(path.read_bytes()).events]

    assert uids(first) == uids(second)


def test_json_and_ics_cannot_be_asked_together(capsys: pytest.CaptureFixture[str]) -> None:
    """--json and --ics are either-or."""
    with pytest.raises(SystemExit) as exited:
        main(["plan", str(CLEAN), "--start", START, "--json", "--ics", "x.ics"])

    assert exited.value.code == 2
