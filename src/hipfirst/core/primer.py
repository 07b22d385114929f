"""The 5-minute pre-run primer: a fixed routine described as timed steps with spoken cues.

The seed's routine is 20 clamshells a side, 20 glute bridges and 10 single-leg Romanian
deadlifts a side. ``data/programme.toml`` (``[primer]``) holds the counts, the seconds per
rep and per set-up, and the words; ``exercises.toml`` the instructions. The page and the CLI
drive a timer with ``primer_step_at(elapsed_s)``, which reads no clock.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from hipfirst.core.conditions import Side
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.exercises import EXERCISES
from hipfirst.core.programme_rules import PROGRAMME_DATA, PROGRAMME_SOURCES

__all__ = [
    "PRIMER",
    "Primer",
    "PrimerPosition",
    "PrimerStep",
    "PrimerStepKind",
    "primer_as_json",
    "primer_step_at",
]


class PrimerStepKind(StrEnum):
    """A step to get into position, or a step of reps."""

    SET_UP = "set_up"
    REPS = "reps"


@dataclass(frozen=True, slots=True)
class PrimerStep:
    """One timed step of the primer."""

    number: int  # 1 is the first step
    kind: PrimerStepKind
    exercise_id: str
    title: str  # e.g. "Clamshells, left side"
    side: Side | None  # None for a two-sided exercise
    reps: int | None  # None for a set-up step
    rep_s: int | None  # seconds per rep; None for a set-up step
    start_s: int  # from the start of the primer
    duration_s: int
    instructions: tuple[str, ...]  # the library's steps for the exercise
    spoken_cue: str  # said when the step starts
    rep_cue: str | None  # said or shown on each rep; None for a set-up step
    check: str  # the form check to keep in mind

    @property
    def end_s(self) -> int:
        """When the step ends, from the start of the primer."""
        return self.start_s + self.duration_s


@dataclass(frozen=True, slots=True)
class Primer:
    """The whole routine, its length and where its counts come from."""

    steps: tuple[PrimerStep, ...]
    total_s: int
    closing_cue: str  # said when the primer ends
    source: str  # full citation of the counts


@dataclass(frozen=True, slots=True)
class PrimerPosition:
    """Where a timer ``elapsed_s`` into the primer is."""

    step: PrimerStep | None  # None once the primer is over
    rep: int | None  # 1-based rep under way; None in a set-up step or when over
    remaining_s: float  # left in this step; 0 when over
    total_remaining_s: float

    @property
    def is_finished(self) -> bool:
        """The primer is over."""
        return self.step is None


def _steps_of(move: Mapping[str, Any], start_s: int, set_up_s: int) -> list[PrimerStep]:
    """Set-up and reps steps of one move, on each side in turn: left, then right."""
    sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if move["is_per_side"] else (None,)
    steps: list[PrimerStep] = []
    for side in sides:
        steps += _side_steps(move, side, steps[-1].end_s if steps else start_s, set_up_s)
    return steps


def _side_steps(
    move: Mapping[str, Any], side: Side | None, start_s: int, set_up_s: int
) -> tuple[PrimerStep, PrimerStep]:
    """Getting into position, then the reps, for one side of one move."""
    exercise = EXERCISES[move["exercise"]]
    title, check = str(move["title"]), str(move["check"])
    reps, rep_s = int(move["reps"]), int(move["rep_s"])
    where = f", {side.value} side" if side is not None else ""
    set_up = str(move["set_up"]).format(side=side.value if side is not None else "")
    switch = "Switch sides. " if side is Side.RIGHT else ""
    set_up_step = PrimerStep(
        number=0,  # numbered once the whole routine is laid out
        kind=PrimerStepKind.SET_UP,
        exercise_id=exercise.id,
        title=f"{title}{where}",
        side=side,
        reps=None,
        rep_s=None,
        start_s=start_s,
        duration_s=set_up_s,
        instructions=exercise.steps,
        spoken_cue=f"{switch}{title}{where}. {set_up}",
        rep_cue=None,
        check=check,
    )
    reps_step = replace(
        set_up_step,
        kind=PrimerStepKind.REPS,
        reps=reps,
        rep_s=rep_s,
        start_s=set_up_step.end_s,
        duration_s=reps * rep_s,
        spoken_cue=f"Go: {reps} reps. {check}",
        rep_cue=str(move["rep_cue"]),
    )
    return set_up_step, reps_step


def _primer(table: Mapping[str, Any]) -> Primer:  # Any: parsed TOML
    steps: list[PrimerStep] = []
    for move in table["moves"]:
        steps += _steps_of(move, steps[-1].end_s if steps else 0, int(table["set_up_s"]))
    numbered = tuple(replace(step, number=n) for n, step in enumerate(steps, start=1))
    return Primer(
        steps=numbered,
        total_s=numbered[-1].end_s,
        closing_cue="Done. Enjoy your run.",
        source=PROGRAMME_SOURCES[table["source"]],
    )


#: The seed's pre-run routine, about 5 minutes.
PRIMER: Primer = _primer(PROGRAMME_DATA["primer"])


def primer_step_at(elapsed_s: float, *, primer: Primer = PRIMER) -> PrimerPosition:
    """The step, rep and time left ``elapsed_s`` seconds into the primer.

    Parameters
    ----------
    elapsed_s : float
        Seconds since the primer started, as the caller's timer measures them.
    primer : Primer, optional
        The routine; ``PRIMER`` by default.

    Returns
    -------
    PrimerPosition
        The step under way (a step runs from ``start_s`` up to, not including,
        ``end_s``), the rep under way in a reps step, the seconds left in the step and in
        the primer; past the end, no step and nothing left.

    Raises
    ------
    InvalidAnswer
        If ``elapsed_s`` is negative or not a finite number (``field="elapsed_s"``).

    Examples
    --------
    >>> position = primer_step_at(15)
    >>> position.step.title, position.rep, position.remaining_s
    ('Clamshells, left side', 2, 37)
    """
    if not math.isfinite(elapsed_s) or elapsed_s < 0:
        raise InvalidAnswer("The time into the primer can't be negative.", field="elapsed_s")
    step = next((s for s in primer.steps if s.start_s <= elapsed_s < s.end_s), None)
    if step is None:
        return PrimerPosition(None, None, 0, 0)
    rep = None
    if step.rep_s is not None and step.reps is not None:
        rep = min(step.reps, int((elapsed_s - step.start_s) // step.rep_s) + 1)
    return PrimerPosition(step, rep, step.end_s - elapsed_s, primer.total_s - elapsed_s)


def primer_as_json(primer: Primer = PRIMER) -> dict[str, Any]:  # Any: JSON values
    """The primer as the JSON object ``hipfirst primer --json`` prints (and the page reads)."""
    return {
        "total_s": primer.total_s,
        "steps": [
            {
                "number": step.number,
                "kind": step.kind.value,
                "exercise_id": step.exercise_id,
                "title": step.title,
                "side": None if step.side is None else step.side.value,
                "reps": step.reps,
                "rep_s": step.rep_s,
                "start_s": step.start_s,
                "duration_s": step.duration_s,
                "instructions": list(step.instructions),
                "spoken_cue": step.spoken_cue,
                "rep_cue": step.rep_cue,
                "check": step.check,
            }
            for step in primer.steps
        ],
        "closing_cue": primer.closing_cue,
        "source": primer.source,
    }
