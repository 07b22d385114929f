"""The 12-week glute programme: from the assessment, equipment and days to a dated plan.

``build_plan`` refuses to start while a red flag is open, then fills each session of the
two phases (weeks 1–4 "neural reset", 5–12 "functional integration") with exercises chosen
by GTA index and equipment (``programme_choice``), dosed from the library
(``exercises``), around the running days of the safe-volume plan when one is given.
``plan_as_json`` is what the CLI prints. Adapting the plan to session logs is
``programme_adapt``; calendar events are ``programme_calendar``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hipfirst.core.assessment import AssessmentResult
from hipfirst.core.errors import InvalidAnswer, ProgrammeBlocked
from hipfirst.core.exercises import (
    EXERCISE_SOURCES,
    Dose,
    Equipment,
    Phase,
    Version,
    exercise_version,
)
from hipfirst.core.programme_choice import (
    SlotChoice,
    choose_exercises,
    plan_notes,
    starts_easier,
)
from hipfirst.core.programme_rules import RULES, Weekday

__all__ = [
    "Plan",
    "PlannedRun",
    "Prescription",
    "ProgrammeWeek",
    "Session",
    "Weekday",
    "build_plan",
    "plan_as_json",
    "prescribe",
]


@dataclass(frozen=True, slots=True)
class PlannedRun:
    """A run of the runner's safe-volume plan, as plain data (``core.volume`` is not imported)."""

    on: date
    distance_km: float | None  # None when the running plan gives no distance


@dataclass(frozen=True, slots=True)
class Prescription:
    """One exercise of a session: which version, at which dose, and why."""

    slot: str  # the slot id of data/programme.toml
    exercise_id: str  # the exercise chosen for the slot; logs refer to it
    version: Version
    dose_step: int  # 0 is the first (lowest) dose of the exercise's ladder
    shown_id: str  # the library entry to show; differs when the version is another exercise
    name: str
    change: str | None  # how an unlinked easier or harder version differs
    dose: Dose | None
    gta_index: int | None  # None when not measured for this version
    gta_source: str | None  # the full citation of the GTA index
    why: str  # plain words: why this exercise, at this version and dose


@dataclass(frozen=True, slots=True)
class Session:
    """The exercises of one training day."""

    on: date
    week: int
    phase: Phase
    prescriptions: tuple[Prescription, ...]


@dataclass(frozen=True, slots=True)
class ProgrammeWeek:
    """Seven days of the plan from ``first_day``: sessions, runs and rest days."""

    week: int  # 1 to 12
    phase: Phase
    first_day: date
    sessions: tuple[Session, ...]
    runs: tuple[PlannedRun, ...]
    rest_days: tuple[date, ...]  # days with neither a session nor a run

    @property
    def planned_km(self) -> float | None:
        """The week's running distance; None when no run of the week gives one."""
        known = [run.distance_km for run in self.runs if run.distance_km is not None]
        return sum(known) if known else None


@dataclass(frozen=True, slots=True)
class Plan:
    """A runner's 12-week programme."""

    start: date
    weeks: tuple[ProgrammeWeek, ...]
    days: frozenset[Weekday]
    equipment: frozenset[Equipment]
    baseline_pain_0_10: int  # usual pain at the assessment: "before" when a log gives none
    notes: tuple[str, ...]  # plan-wide reasons and caveats, in plain words

    @property
    def sessions(self) -> tuple[Session, ...]:
        """Every session, in date order."""
        return tuple(session for week in self.weeks for session in week.sessions)

    def session_on(self, day: date) -> Session | None:
        """The session planned on ``day``, if any."""
        return next((s for s in self.sessions if s.on == day), None)


def prescribe(
    slot: str, exercise_id: str, version: Version, dose_step: int, *, why: str
) -> Prescription:
    """A prescription for one version of an exercise at one step of its dose ladder.

    Raises
    ------
    InvalidAnswer
        If the exercise is not in the library or the step is not on its ladder.
    """
    shown = exercise_version(exercise_id, version)
    steps = shown.dose.steps if shown.dose is not None else ()
    if steps and not 0 <= dose_step < len(steps):
        raise InvalidAnswer(f"{shown.name} has no dose step {dose_step}.", field="dose_step")
    return Prescription(
        slot=slot,
        exercise_id=exercise_id,
        version=version,
        dose_step=dose_step,
        shown_id=shown.shown_id,
        name=shown.name,
        change=shown.change,
        dose=steps[dose_step] if steps else None,
        gta_index=shown.gta_index,
        gta_source=None if shown.gta_source is None else EXERCISE_SOURCES[shown.gta_source],
        why=why,
    )


def build_plan(
    assessment: AssessmentResult,
    *,
    start: date,
    equipment: Collection[Equipment] = frozenset(),
    days: Collection[Weekday] | None = None,
    runs: Sequence[PlannedRun] = (),
) -> Plan:
    """Build the 12-week plan: two phases, chosen by GTA index, around the running days.

    Parameters
    ----------
    assessment : AssessmentResult
        The runner's assessment: red flags, likely conditions, Kujala score, pain.
    start : date
        The first day of week 1; each week is the seven days from its first day.
    equipment : Collection[Equipment], optional
        What the runner has; exercises needing anything else are replaced by the best
        alternative the equipment allows. Nothing by default.
    days : Collection[Weekday], optional
        The exercise days; Monday, Wednesday and Friday by default.
    runs : Sequence[PlannedRun], optional
        The safe-volume running plan, if there is one; runs outside the 12 weeks are left out.

    Returns
    -------
    Plan
        Weeks with dated sessions, runs and rest days, and the plan-wide notes.

    Raises
    ------
    ProgrammeBlocked
        While a red flag is open (answered yes and not cleared by a clinician); the message
        says whom to see.
    InvalidAnswer
        If ``days`` is empty (``field="days"``).

    Notes
    -----
    Three non-consecutive days a week are the default of EMPoweR [1]_. The weeks and phases
    are the product seed's design; doses and progression are in ``data/exercises.toml`` and
    ``data/programme.toml`` with their sources (../shared/science/programme.md).

    References
    ----------
    .. [1] EMPoweR study protocol. BMC Musculoskelet Disord. 2021;22:11.
       doi:10.1186/s12891-020-03866-2, Table 2. In ../shared/science/programme.md [P13].
    """
    _check_allowed(assessment)
    chosen_days = RULES.default_days if days is None else frozenset(days)
    if not chosen_days:
        raise InvalidAnswer("Choose at least one day a week for the exercises.", field="days")
    kit, is_easier = frozenset(equipment), starts_easier(assessment)
    choices = {phase: choose_exercises(phase, kit, is_easier=is_easier) for phase in Phase}
    weeks = tuple(
        _week(number, start, chosen_days, choices, runs) for number in range(1, RULES.weeks + 1)
    )
    return Plan(
        start=start,
        weeks=weeks,
        days=chosen_days,
        equipment=kit,
        baseline_pain_0_10=assessment.pain.usual_0_10,
        notes=plan_notes(
            assessment,
            chosen_days,
            has_runs=any(week.runs for week in weeks),
            choices=[choice for phase in Phase for choice in choices[phase]],
        ),
    )


def _check_allowed(assessment: AssessmentResult) -> None:
    if assessment.allows_programme:
        return
    referral = assessment.red_flags.referral
    who = referral.who if referral is not None else "a clinician"
    raise ProgrammeBlocked(
        "Your answers include a warning sign, so the exercise programme waits until a "
        f"clinician has checked your knee. Please see: {who}.",
        field="red_flags",
    )


def _week(
    number: int,
    start: date,
    days: frozenset[Weekday],
    choices: dict[Phase, tuple[SlotChoice, ...]],
    runs: Sequence[PlannedRun],
) -> ProgrammeWeek:
    phase = RULES.phase_of(number).phase
    first = start + timedelta(weeks=number - 1)
    dates = [first + timedelta(days=offset) for offset in range(7)]
    exercises = tuple(
        prescribe(c.slot.id, c.exercise.id, c.version, 0, why=c.why)
        for c in choices[phase]
        if c.exercise is not None
    )
    sessions = tuple(
        Session(day, number, phase, exercises) for day in dates if Weekday.of(day) in days
    )
    week_runs = tuple(sorted((r for r in runs if first <= r.on <= dates[-1]), key=lambda r: r.on))
    busy = {s.on for s in sessions} | {r.on for r in week_runs}
    rest = tuple(day for day in dates if day not in busy)
    return ProgrammeWeek(number, phase, first, sessions, week_runs, rest)


def plan_as_json(plan: Plan) -> dict[str, Any]:  # Any: JSON values
    """The plan as the JSON object ``hipfirst plan --json`` prints.

    Returns
    -------
    dict[str, Any]
        ``{"start", "weeks": [{"week", "phase", "sessions": [{"date", "exercises": [{"id",
        "exercise_id", "name", "version", "sets", "reps", "hold_s", "per_side",
        "gta_index", "source", "why"}]}], "runs", "rest_days", "planned_km"}], "notes"}``.
        ``phase`` is 1 or 2; ``id`` is the library entry to show and ``exercise_id`` the
        one logs refer to (they differ when the version is another exercise);
        ``gta_index`` and ``source`` are null when the index was not measured; ``reps``
        is null for a hold and ``hold_s`` for reps.
    """
    return {
        "start": plan.start.isoformat(),
        "weeks": [
            {
                "week": week.week,
                "phase": week.phase.number,
                "sessions": [
                    {
                        "date": session.on.isoformat(),
                        "exercises": [_prescription_json(p) for p in session.prescriptions],
                    }
                    for session in week.sessions
                ],
                "runs": [
                    {"date": run.on.isoformat(), "distance_km": run.distance_km}
                    for run in week.runs
                ],
                "rest_days": [day.isoformat() for day in week.rest_days],
                "planned_km": week.planned_km,
            }
            for week in plan.weeks
        ],
        "notes": list(plan.notes),
    }


def _prescription_json(p: Prescription) -> dict[str, Any]:  # Any: JSON values
    return {
        "id": p.shown_id,
        "exercise_id": p.exercise_id,
        "name": p.name,
        "version": p.version.value,
        "sets": None if p.dose is None else p.dose.sets,
        "reps": None if p.dose is None else p.dose.reps,
        "hold_s": None if p.dose is None else p.dose.hold_s,
        "per_side": None if p.dose is None else p.dose.is_per_side,
        "gta_index": p.gta_index,
        "source": p.gta_source,
        "why": p.why,
    }
