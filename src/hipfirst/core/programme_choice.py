"""What goes into the plan and why: exercises chosen by GTA index, phase and equipment.

Each slot of a phase (``data/programme.toml``) takes the exercise of its movements with the
highest verified GTA index (gluteal-to-TFL activation index, Selkowitz 2013), then the best
Selkowitz rank, then library order, among those the runner's equipment allows; every choice
and every plan-wide note is a sentence the runner can read.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from hipfirst.core.assessment import AssessmentResult
from hipfirst.core.exercises import (
    EXERCISES,
    Equipment,
    Exercise,
    Phase,
    Version,
    exercise_version,
    gta_order,
)
from hipfirst.core.kujala import AKPS_MCID_POINTS
from hipfirst.core.programme_rules import RULES, Slot, Weekday

__all__ = ["SlotChoice", "choose_exercises", "plan_notes", "starts_easier"]


@dataclass(frozen=True, slots=True)
class SlotChoice:
    """The exercise chosen for one slot, or None when the equipment allows none, and why."""

    slot: Slot
    exercise: Exercise | None
    version: Version
    why: str


def starts_easier(assessment: AssessmentResult) -> bool:
    """Whether the runner's usual pain is above the acceptable ceiling of the pain model."""
    return assessment.pain.usual_0_10 > RULES.pain_acceptable_max_0_10


def choose_exercises(
    phase: Phase, equipment: Collection[Equipment], *, is_easier: bool
) -> tuple[SlotChoice, ...]:
    """Fill each slot of ``phase`` with the best exercise the runner's equipment allows.

    Parameters
    ----------
    phase : Phase
        The phase whose slots to fill.
    equipment : Collection[Equipment]
        What the runner has; an exercise needing anything else is passed over.
    is_easier : bool
        Start on the easier versions, where their equipment allows.

    Returns
    -------
    tuple[SlotChoice, ...]
        One choice per slot, in slot order, each with its reason. An exercise fills one
        slot at most; a slot nothing fits has ``exercise`` None.

    Notes
    -----
    Candidates are ordered by ``gta_order``: the verified GTA index [1]_, then Selkowitz's
    rank where only a secondary source gives it, then library order. An exercise without
    a dose (the couch stretch) is never scheduled.

    References
    ----------
    .. [1] Selkowitz DM, Beneck GJ, Powers CM. J Orthop Sports Phys Ther. 2013;43(2):54-64.
       doi:10.2519/jospt.2013.4116. In ../shared/science/gluteal_emg.md, section 1.
    """
    kit, taken, choices = frozenset(equipment), set[str](), []
    for slot in (s for s in RULES.slots if s.phase is phase):
        candidates = sorted(
            (
                e
                for e in EXERCISES.values()
                if e.phase is phase and e.movement in slot.movements and e.dose is not None
            ),
            key=gta_order,
        )
        free = [e for e in candidates if e.id not in taken]
        best = next((e for e in free if e.equipment <= kit), None)
        if best is None:
            choices.append(SlotChoice(slot, None, Version.STANDARD, _why_none(slot, free, kit)))
            continue
        taken.add(best.id)
        version = _version(best, kit, is_easier=is_easier)
        why = _why(best, slot, free[: free.index(best)], kit)
        why += _why_version(best, version, kit, is_easier=is_easier)
        choices.append(SlotChoice(slot, best, version, why))
    return tuple(choices)


def _version(exercise: Exercise, kit: frozenset[Equipment], *, is_easier: bool) -> Version:
    if is_easier and exercise_version(exercise.id, Version.EASIER).equipment <= kit:
        return Version.EASIER
    return Version.STANDARD


def _missing(exercise: Exercise, kit: frozenset[Equipment]) -> str:
    return _listed(f"a {item}" for item in sorted(exercise.equipment - kit))


def _why(
    exercise: Exercise, slot: Slot, passed_over: list[Exercise], kit: frozenset[Equipment]
) -> str:
    gta = exercise.gta
    if gta.index is not None:
        why = (
            f"{exercise.name}, for {slot.title}: its GTA index of {gta.index} ({gta.rank} of "
            f"{gta.rank_of} in Selkowitz 2013) is the highest you can do: it works the buttock "
            "muscles with relatively little from the muscle at the front of the hip (the TFL)."
        )
        if exercise.measured_as is not None:
            tested = str(gta.measured_as).lower()
            why += f" Selkowitz measured the {tested}. {exercise.measured_as_note}"
    elif gta.rank is not None:
        why = (
            f"{exercise.name}, for {slot.title}: nothing you can do for this has a measured GTA "
            f"index; a secondary source ranks this one {gta.rank} of {gta.rank_of} "
            "(Selkowitz 2013)."
        )
    else:
        why = (
            f"{exercise.name}, for {slot.title}: nothing you can do for this has a measured GTA "
            f"index or rank. {gta.note}"
        )
    if passed_over:
        top = passed_over[0]
        why += f" {top.name} ranks higher but needs {_missing(top, kit)}, which you don't have."
    return why


def _why_version(
    exercise: Exercise, version: Version, kit: frozenset[Equipment], *, is_easier: bool
) -> str:
    if not is_easier:
        return ""
    pain = (
        f"your usual pain is above {RULES.pain_acceptable_max_0_10}/10, the most the "
        "pain-monitoring model accepts during exercise"
    )
    if version is Version.EASIER:
        return f" You start on the easier version ({exercise.easier.name}) because {pain}."
    missing = exercise_version(exercise.id, Version.EASIER).equipment - kit
    return (
        f" Although {pain}, you start on the standard version: the easier one "
        f"({exercise.easier.name}) needs {_listed(f'a {item}' for item in sorted(missing))}, "
        "which you don't have. Stop if it hurts more than that."
    )


def _why_none(slot: Slot, candidates: list[Exercise], kit: frozenset[Equipment]) -> str:
    if not candidates:
        return f"No exercise for {slot.title} is left to choose, so this phase skips it."
    return (
        f"No exercise for {slot.title} fits your equipment: {candidates[0].name} needs "
        f"{_missing(candidates[0], kit)}. Add it to your equipment to include one."
    )


def plan_notes(
    assessment: AssessmentResult,
    days: frozenset[Weekday],
    *,
    has_runs: bool,
    choices: Iterable[SlotChoice],
) -> tuple[str, ...]:
    """The plan-wide notes: phases, likely condition, knee score, days, running, gaps."""
    notes = [f"Weeks {p.first_week}–{p.last_week}: {p.title}. {p.what}" for p in RULES.phases]
    notes += [
        RULES.condition_notes[condition.id]
        for condition in assessment.likely_conditions
        if condition.id in RULES.condition_notes
    ]
    notes.append(
        f"Your knee score (Kujala) is {assessment.kujala.total} out of 100 today. It does not "
        "change the exercises, as no published cut-off exists; take the questionnaire again "
        f"at the end of each phase: a change of {AKPS_MCID_POINTS} points or more is one "
        "people with kneecap pain notice."
    )
    notes.append(
        "Each exercise starts at the low end of its dose. It moves up after "
        f"{RULES.progress_after_sessions} logged sessions in a row done in full, with pain "
        f"at {RULES.pain_safe_max_0_10}/10 or less, good form and no more pain the next "
        f"morning; it moves down when pain goes above {RULES.pain_acceptable_max_0_10}/10 "
        "during or after a session, when the next morning is worse than before, or when "
        f"your highest pain in a week is above {RULES.pain_safe_max_0_10}/10 and higher than "
        "in the week before."
    )
    if _has_back_to_back(days) or len(days) != len(RULES.default_days):
        notes.append(
            "The trials hipfirst follows trained three days a week with a rest day between "
            "sessions; your chosen days differ, which is fine if your body recovers."
        )
    notes.append(
        "Running days come from your safe-volume running plan."
        if has_runs
        else "No running plan was given: plan your runs on days without exercises if you can."
    )
    notes += [choice.why for choice in choices if choice.exercise is None]
    return tuple(notes)


def _has_back_to_back(days: frozenset[Weekday]) -> bool:
    indexes = {day.weekday for day in days}
    return any((i + 1) % 7 in indexes for i in indexes)


def _listed(phrases: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(phrases)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
