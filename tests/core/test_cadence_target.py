"""The cadence target and plan over the easy-run cadence, its reason and evidence, the JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given

from hipfirst.core.cadence import CadenceSource, RunCadence
from hipfirst.core.cadence_target import (
    EVIDENCE,
    KNEE_LOAD,
    SOURCES,
    TARGET_REASON,
    cadence_report_as_json,
    cadence_target,
)
from hipfirst.core.errors import InvalidAnswer
from tests.strategies import plausible_cadences_spm

START = datetime(2025, 3, 3, 7, 30, tzinfo=UTC)  # a Monday


def a_run(start: datetime, avg_spm: float | None, speed_mps: float | None) -> RunCadence:
    """A run's cadence as run_cadence would give it."""
    return RunCadence("run.fit", start, CadenceSource.DEVICE, avg_spm, (), speed_mps, 600.0, 1.0)


@given(easy_spm=plausible_cadences_spm)
def test_every_target_lies_within_5_and_10_percent_of_the_easy_cadence(easy_spm: float) -> None:
    """After rounding to whole steps, the first target and every step stay within +5..+10%."""
    target = cadence_target(easy_spm)

    steps = [step.target_spm for step in target.plan]
    assert steps[0] == target.target_spm
    assert steps[-1] == target.goal_spm
    assert all(easy_spm * 1.05 - 1e-6 <= spm <= easy_spm * 1.10 + 1e-6 for spm in steps)
    assert steps == sorted(set(steps))
    assert [step.week for step in target.plan] == sorted({step.week for step in target.plan})
    assert target.plan[0].week == 1


def test_a_160_spm_runner_goes_168_then_172_then_176() -> None:
    """+5%, +7.5% and +10% of 160, two weeks each; 168.00000000000003 is still 168."""
    target = cadence_target(160.0)

    assert [(step.week, step.target_spm) for step in target.plan] == [(1, 168), (3, 172), (5, 176)]


@pytest.mark.parametrize("easy_spm", [80.0, 260.0])
def test_an_implausible_easy_cadence_gets_no_target(easy_spm: float) -> None:
    """An easy-run cadence outside the plausible range is refused on easy_run_spm."""
    with pytest.raises(InvalidAnswer) as error:
        cadence_target(easy_spm)

    assert error.value.field == "easy_run_spm"


def test_the_target_gives_its_reason_and_evidence_with_sources() -> None:
    """The reason, knee-load sentence and evidence are there, each citing a listed source."""
    target = cadence_target(170.0)

    assert target.reason == TARGET_REASON
    assert "Heiderscheit 2011" in target.reason
    assert "14%" in target.knee_load
    assert "Lenhart 2014" in target.knee_load
    assert target.evidence == EVIDENCE
    assert all(source in SOURCES for item in EVIDENCE for source in item.sources)
    assert len(target.advice) >= 3


def test_no_text_repeats_the_unsupported_20_percent_claim() -> None:
    """The seed's "up to 20%" on kneecap load is not said: no source supports it as such."""
    texts = [TARGET_REASON, KNEE_LOAD, *(item.says for item in EVIDENCE)]

    assert not any("up to 20%" in text or "20% at" in text for text in texts)


def test_the_json_report_has_the_cli_shape() -> None:
    """Keys as the CLI prints them; runs oldest first; serialisable as one JSON object."""
    later = a_run(START + timedelta(days=7), 171.04, 3.456)
    report = cadence_report_as_json([later, a_run(START, 160, 2.5)])

    assert list(report) == ["runs", "easy_run_spm", "target_spm", "plan", "sources"]
    assert report["runs"] == [
        {"file": "run.fit", "start": "2025-03-03T07:30:00+00:00", "avg_spm": 160, "speed_mps": 2.5},
        {
            "file": "run.fit",
            "start": "2025-03-10T07:30:00+00:00",
            "avg_spm": 171.0,
            "speed_mps": 3.46,
        },
    ]
    assert report["easy_run_spm"] == 160.0
    assert report["target_spm"] == 168
    assert report["plan"] == [
        {"week": 1, "target_spm": 168},
        {"week": 3, "target_spm": 172},
        {"week": 5, "target_spm": 176},
    ]
    assert report["sources"] == list(SOURCES.values())
    assert json.loads(json.dumps(report)) == report


def test_without_a_cadence_the_json_report_says_null() -> None:
    """No cadence yet: null easy cadence and target, an empty plan, never 0."""
    report = cadence_report_as_json([a_run(START, None, None)])

    assert report["runs"] == [
        {
            "file": "run.fit",
            "start": "2025-03-03T07:30:00+00:00",
            "avg_spm": None,
            "speed_mps": None,
        }
    ]
    assert (report["easy_run_spm"], report["target_spm"], report["plan"]) == (None, None, [])
