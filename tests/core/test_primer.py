"""The 5-minute pre-run primer: the seed's counts, timed steps and a clock-free timer."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given

from hipfirst.core.conditions import Side
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.exercises import EXERCISES
from hipfirst.core.primer import PRIMER, PrimerStepKind, primer_as_json, primer_step_at
from tests.strategies import primer_elapsed_s

# The seed's routine (issue 8): (exercise, reps, sides).
SEED_ROUTINE = [("clam", 20, 2), ("glute_bridge", 20, 1), ("single_leg_rdl", 10, 2)]
FIVE_MINUTES_S = 5 * 60
ABOUT_S = 30  # "about 5 minutes": within half a minute either way


def reps_steps() -> list[tuple[str, int, Side | None]]:
    """(exercise, reps, side) of every reps step, in order."""
    return [
        (step.exercise_id, step.reps or 0, step.side)
        for step in PRIMER.steps
        if step.kind is PrimerStepKind.REPS
    ]


def test_the_primer_has_the_seeds_counts() -> None:
    """20 clamshells a side, 20 glute bridges, 10 single-leg RDLs a side, in that order."""
    expected = [
        (exercise, reps, side)
        for exercise, reps, sides in SEED_ROUTINE
        for side in ((Side.LEFT, Side.RIGHT) if sides == 2 else (None,))
    ]

    assert reps_steps() == expected


def test_the_primer_lasts_about_five_minutes() -> None:
    """The steps add up to about 300 s."""
    assert abs(PRIMER.total_s - FIVE_MINUTES_S) <= ABOUT_S
    assert sum(step.duration_s for step in PRIMER.steps) == PRIMER.total_s


def test_the_steps_follow_each_other_without_gaps() -> None:
    """Each step starts when the one before ends, numbered from 1."""
    starts = [step.start_s for step in PRIMER.steps]
    ends = [step.end_s for step in PRIMER.steps]

    assert starts == [0, *ends[:-1]]
    assert [step.number for step in PRIMER.steps] == list(range(1, len(PRIMER.steps) + 1))


def test_a_reps_step_lasts_its_reps_times_the_seconds_per_rep() -> None:
    """Duration is reps × seconds per rep, and every set-up comes before its reps."""
    for before, step in zip(PRIMER.steps, PRIMER.steps[1:], strict=False):
        if step.kind is PrimerStepKind.REPS:
            assert step.duration_s == (step.reps or 0) * (step.rep_s or 0)
            assert before.kind is PrimerStepKind.SET_UP
            assert before.title == step.title


def test_every_step_has_words_to_speak_and_the_librarys_instructions() -> None:
    """Spoken cue on every step, a rep cue on reps steps, instructions from the library."""
    for step in PRIMER.steps:
        assert step.spoken_cue
        assert step.check
        assert step.instructions == EXERCISES[step.exercise_id].steps
        assert (step.rep_cue is not None) == (step.kind is PrimerStepKind.REPS)


def test_the_second_side_is_announced_as_a_switch() -> None:
    """The right side's set-up starts with "Switch sides"."""
    right = [s for s in PRIMER.steps if s.side is Side.RIGHT and s.kind is PrimerStepKind.SET_UP]

    assert right
    assert all(step.spoken_cue.startswith("Switch sides.") for step in right)
    assert "right side" in right[0].spoken_cue


def test_the_counts_are_sourced_to_the_seed() -> None:
    """The primer names where its counts come from."""
    assert "seed" in PRIMER.source


@pytest.mark.parametrize(
    ("elapsed_s", "number", "rep", "remaining_s"),
    [
        (0, 1, None, 12),
        (11.9, 1, None, 0.1),
        (12, 2, 1, 40),
        (15, 2, 2, 37),
        (51.9, 2, 20, 0.1),
        (52, 3, None, 12),
    ],
)
def test_the_step_and_rep_at_a_moment(
    elapsed_s: float, number: int, rep: int | None, remaining_s: float
) -> None:
    """12 s to get ready, then a clamshell every 2 s: the timer reads step, rep and time left."""
    position = primer_step_at(elapsed_s)

    assert position.step is not None
    assert (position.step.number, position.rep) == (number, rep)
    assert position.remaining_s == pytest.approx(remaining_s)
    assert position.total_remaining_s == pytest.approx(PRIMER.total_s - elapsed_s)


@pytest.mark.parametrize("elapsed_s", [PRIMER.total_s, PRIMER.total_s + 60])
def test_the_primer_is_over_at_its_total(elapsed_s: float) -> None:
    """From the total on: no step, nothing left."""
    position = primer_step_at(elapsed_s)

    assert position.is_finished
    assert (position.rep, position.remaining_s, position.total_remaining_s) == (None, 0, 0)


@pytest.mark.parametrize("elapsed_s", [-0.1, math.nan, math.inf])
def test_a_time_that_is_negative_or_not_a_number_is_refused(elapsed_s: float) -> None:
    """The timer's input is checked and the field named."""
    with pytest.raises(InvalidAnswer) as error:
        primer_step_at(elapsed_s)

    assert error.value.field == "elapsed_s"


@given(elapsed_s=primer_elapsed_s)
def test_any_moment_falls_in_one_step_with_a_rep_in_range(elapsed_s: float) -> None:
    """Before the end there is always a step containing the moment, and a valid rep."""
    position = primer_step_at(elapsed_s)
    step = position.step

    assert step is not None
    assert step.start_s <= elapsed_s < step.end_s
    assert 0 < position.remaining_s <= step.duration_s
    if step.kind is PrimerStepKind.REPS:
        assert position.rep is not None
        assert 1 <= position.rep <= (step.reps or 0)
    else:
        assert position.rep is None


def test_primer_as_json_is_plain_data_for_the_page() -> None:
    """Steps with seconds, reps and cues; it survives a JSON round trip."""
    document = primer_as_json()

    assert document["total_s"] == PRIMER.total_s
    assert document["steps"][1]["reps"] == 20
    assert document["steps"][1]["side"] == "left"
    assert {"spoken_cue", "rep_cue", "duration_s", "start_s"} <= set(document["steps"][0])
    assert json.loads(json.dumps(document)) == document
