"""`hipfirst primer`: the routine as one JSON object, or as readable steps."""

from __future__ import annotations

import json

import pytest

from hipfirst.cli import main
from hipfirst.core.primer import PRIMER


def test_json_lists_every_timed_step(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the total, every step with its timing and cues, and the source."""
    status = main(["primer", "--json"])
    document = json.loads(capsys.readouterr().out)

    assert status == 0
    assert list(document) == ["total_s", "steps", "closing_cue", "source"]
    assert document["total_s"] == PRIMER.total_s
    assert len(document["steps"]) == len(PRIMER.steps)
    assert all(
        {"number", "kind", "title", "start_s", "duration_s", "spoken_cue"} <= set(step)
        for step in document["steps"]
    )


def test_steps_follow_each_other_without_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    """Each step starts when the one before ends, and the last ends at the total."""
    main(["primer", "--json"])
    steps = json.loads(capsys.readouterr().out)["steps"]

    ends = [s["start_s"] + s["duration_s"] for s in steps]
    assert [s["start_s"] for s in steps[1:]] == ends[:-1]
    assert ends[-1] == PRIMER.total_s


def test_the_readable_routine_shows_clock_times(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json each step reads with its clock time, ending at 5:00."""
    main(["primer"])
    out = capsys.readouterr().out

    assert out.startswith("The pre-run primer: 5:00 minutes")
    assert "0:00  Clamshells, left side: get set (12 s)" in out
    assert "5:00  Done. Enjoy your run." in out
    assert "(none)" not in out
