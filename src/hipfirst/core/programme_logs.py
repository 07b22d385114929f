"""Session logs of the programme, and weekly adherence.

A runner logs each session: the sets and reps (or seconds held) of each exercise, pain
before, during, after and the next morning (0–10), and effort (RPE, the rating of
perceived exertion, 0–10). ``programme_adapt`` turns logs into decisions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.programme import Plan

__all__ = ["ExerciseLog", "SessionLog", "WeeklyAdherence", "weekly_adherence"]


def _check_0_10(value: int | None, field: str) -> None:
    if value is not None and (isinstance(value, bool) or not 0 <= value <= 10):
        raise InvalidAnswer("Scores go from 0 (none) to 10 (worst).", field=field)


@dataclass(frozen=True, slots=True)
class ExerciseLog:
    """What the runner did of one exercise: one number per set done."""

    exercise_id: str  # Prescription.exercise_id
    reps_done: tuple[int, ...] = ()  # reps of each set done
    held_s: tuple[int, ...] = ()  # seconds of each hold done, for a hold
    has_good_form: bool | None = None  # None: not reported
    pain_during_0_10: int | None = None  # this exercise's own, when the runner noted it

    def __post_init__(self) -> None:
        if any(n < 0 for n in (*self.reps_done, *self.held_s)):
            raise InvalidAnswer("Reps and seconds can't be negative.", field=self.exercise_id)
        _check_0_10(self.pain_during_0_10, f"{self.exercise_id}.pain_during")

    @property
    def sets_done(self) -> int:
        """How many sets were done, of reps or of holds."""
        return max(len(self.reps_done), len(self.held_s))


@dataclass(frozen=True, slots=True)
class SessionLog:
    """One session as the runner logged it; None is "not logged (yet)", never 0."""

    on: date  # the date of the planned session
    exercises: tuple[ExerciseLog, ...]
    pain_during_0_10: int | None = None
    pain_after_0_10: int | None = None
    pain_next_morning_0_10: int | None = None  # logged the morning after
    pain_before_0_10: int | None = None  # else the plan's baseline counts as "before"
    effort_rpe_0_10: int | None = None

    def __post_init__(self) -> None:
        for name in ("during", "after", "next_morning", "before"):
            _check_0_10(getattr(self, f"pain_{name}_0_10"), f"pain_{name}")
        _check_0_10(self.effort_rpe_0_10, "effort")

    @property
    def is_done(self) -> bool:
        """At least one set of any exercise was done."""
        return any(entry.sets_done for entry in self.exercises)

    def entry_for(self, exercise_id: str) -> ExerciseLog | None:
        """The log of one exercise; None when the runner did not log it."""
        return next((e for e in self.exercises if e.exercise_id == exercise_id), None)


@dataclass(frozen=True, slots=True)
class WeeklyAdherence:
    """Sessions done of the sessions due in one week of the plan."""

    week: int
    planned_sessions: int  # sessions of the week due on or before today
    sessions_done: int
    adherence_pct: float | None  # None: no session of the week is due yet


def weekly_adherence(
    plan: Plan, logs: Iterable[SessionLog], *, today: date
) -> tuple[WeeklyAdherence, ...]:
    r"""Adherence per week: sessions done over sessions planned, in per cent.

    Parameters
    ----------
    plan : Plan
        The plan (adapted or not: the session dates are the same).
    logs : Iterable[SessionLog]
        The runner's logs.
    today : date
        Sessions after today are not due yet.

    Returns
    -------
    tuple[WeeklyAdherence, ...]
        One row per week of the plan, week 1 first.

    Notes
    -----
    :math:`adherence = 100 \times done / planned`, where *planned* counts the week's
    sessions dated on or before ``today`` and *done* those of them with a log on the same
    date showing at least one set. A session moved to another day, or an extra one, does
    not count, so adherence never exceeds 100%. A week with nothing due yet has None
    ("not started"), never 0%.
    """
    done_days = {log.on for log in logs if log.is_done}
    rows = []
    for week in plan.weeks:
        due = [session.on for session in week.sessions if session.on <= today]
        done = sum(1 for day in due if day in done_days)
        pct = 100 * done / len(due) if due else None
        rows.append(WeeklyAdherence(week.week, len(due), done, pct))
    return tuple(rows)
