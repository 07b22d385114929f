"""What the plan page shows, laid out for templates that hold no logic: the 12 weeks as a
calendar, the session to do next, the changes the logs made and weekly adherence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hipfirst.core.programme import Session
from hipfirst.core.programme_adapt import Decision, DecisionKind
from hipfirst.core.programme_logs import WeeklyAdherence, weekly_adherence
from hipfirst.core.programme_rules import RULES
from hipfirst.web.programme.services import Programme

#: How many of the latest changes the plan page lists.
CHANGES_SHOWN = 6


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One day of the plan's calendar."""

    on: date
    has_session: bool
    has_run: bool
    is_today: bool
    is_logged: bool  # a session with at least one set logged
    is_missed: bool  # a session before today with nothing logged


@dataclass(frozen=True, slots=True)
class CalendarWeek:
    """One week of the calendar, with its adherence."""

    week: int
    phase_number: int
    phase_title: str
    days: tuple[CalendarDay, ...]
    adherence: WeeklyAdherence
    is_current: bool


def weekday_labels(start: date) -> tuple[str, ...]:
    """The calendar's column headings: the seven weekdays from the plan's first day."""
    return tuple(f"{start + timedelta(days=offset):%a}" for offset in range(7))


def calendar_weeks(programme: Programme, *, today: date) -> tuple[CalendarWeek, ...]:
    """The 12 weeks, seven days each, with what happens on each day and what was logged."""
    plan = programme.weeks_plan
    done = {log.on for log in programme.logs if log.is_done}
    adherence = weekly_adherence(plan, programme.logs, today=today)
    rows = []
    for week, row in zip(plan.weeks, adherence, strict=True):
        sessions = {session.on for session in week.sessions}
        runs = {run.on for run in week.runs}
        days = tuple(
            CalendarDay(
                on=day,
                has_session=day in sessions,
                has_run=day in runs,
                is_today=day == today,
                is_logged=day in done,
                is_missed=day in sessions and day < today and day not in done,
            )
            for day in (week.first_day + timedelta(days=offset) for offset in range(7))
        )
        phase = RULES.phase_of(week.week)
        is_current = week.first_day <= today < week.first_day + timedelta(days=7)
        rows.append(CalendarWeek(week.week, week.phase.number, phase.title, days, row, is_current))
    return tuple(rows)


def next_session(programme: Programme, *, today: date) -> Session | None:
    """Today's session, else the next one; None once the 12 weeks are over."""
    return next((s for s in programme.weeks_plan.sessions if s.on >= today), None)


def latest_unlogged_session(programme: Programme, *, today: date) -> Session | None:
    """The most recent session before today with nothing logged, to offer logging it late."""
    past = [s for s in programme.weeks_plan.sessions if s.on < today]
    logged = {log.on for log in programme.logs if log.is_done}
    return next((s for s in reversed(past) if s.on not in logged), None)


def recent_changes(programme: Programme) -> tuple[Decision, ...]:
    """The latest decisions that changed an exercise (not "hold"), newest first."""
    changed = [d for d in programme.adaptation.decisions if d.kind is not DecisionKind.HOLD]
    return tuple(reversed(changed))[:CHANGES_SHOWN]


def decisions_on(programme: Programme, day: date) -> tuple[Decision, ...]:
    """Every decision the session logged on ``day`` made, one per exercise."""
    return tuple(d for d in programme.adaptation.decisions if d.on == day)


@dataclass(frozen=True, slots=True)
class AdherenceToDate:
    """Sessions done of the sessions due so far, over the whole plan."""

    done: int
    due: int
    pct: float | None  # None before the first session is due


def adherence_to_date(rows: tuple[CalendarWeek, ...]) -> AdherenceToDate:
    """Sessions done over sessions due so far, as ``weekly_adherence`` counts them per week."""
    due = sum(row.adherence.planned_sessions for row in rows)
    done = sum(row.adherence.sessions_done for row in rows)
    return AdherenceToDate(done, due, 100 * done / due if due else None)
