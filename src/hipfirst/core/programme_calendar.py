"""The plan's calendar events as plain data, with ids that stay the same on every export.

The ICS file itself is rendered at the edge (icalendar); here each exercise session and
each running day becomes one all-day event whose ``uid`` is derived from the runner's key,
the date and the kind of event only. Exporting the same plan again, or an adapted one,
gives the same uids, so a calendar updates its events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import groupby

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.programme import Plan, PlannedRun, ProgrammeWeek, Session
from hipfirst.core.programme_rules import RULES

__all__ = ["CalendarEvent", "EventKind", "event_uid", "plan_events"]

UID_DOMAIN = "hipfirst"  # the right-hand side of every uid (RFC 5545 recommends one)


class EventKind(StrEnum):
    """What a calendar event is for."""

    EXERCISE = "exercise"
    RUN = "run"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One all-day event of the plan."""

    uid: str  # stable: from the runner's key, the date and the kind only
    on: date
    kind: EventKind
    title: str
    description: str


def event_uid(runner_key: str, on: date, kind: EventKind) -> str:
    """A stable, opaque event id: a SHA-256 of the runner's key, the date and the kind.

    The runner's key is hashed, so the uid does not reveal it.

    Raises
    ------
    InvalidAnswer
        If ``runner_key`` is empty.

    Examples
    --------
    >>> event_uid("runner-1", date(2025, 3, 3), EventKind.EXERCISE) == event_uid(
    ...     "runner-1", date(2025, 3, 3), EventKind.EXERCISE)
    True
    """
    if not runner_key:
        raise InvalidAnswer("A calendar needs the runner's key.", field="runner_key")
    digest = hashlib.sha256(f"{runner_key}\n{on.isoformat()}\n{kind.value}".encode())
    return f"{digest.hexdigest()[:32]}@{UID_DOMAIN}"


def plan_events(plan: Plan, *, runner_key: str) -> tuple[CalendarEvent, ...]:
    """Every exercise session and running day of the plan as an event, in date order.

    Parameters
    ----------
    plan : Plan
        The plan, adapted or not.
    runner_key : str
        A stable key of the runner (for example their account id); only its hash is used.

    Returns
    -------
    tuple[CalendarEvent, ...]
        One event per exercise session and one per day with runs (several runs on one day
        share an event), by date, exercises before runs.

    Raises
    ------
    InvalidAnswer
        If ``runner_key`` is empty.
    """
    events: list[CalendarEvent] = []
    for week in plan.weeks:
        events += [_session_event(runner_key, week, session) for session in week.sessions]
        for day, runs in groupby(week.runs, key=lambda run: run.on):
            events.append(_run_event(runner_key, day, tuple(runs)))
    return tuple(sorted(events, key=lambda event: (event.on, tuple(EventKind).index(event.kind))))


def _session_event(runner_key: str, week: ProgrammeWeek, session: Session) -> CalendarEvent:
    phase = RULES.phase_of(week.week)
    lines = [
        f"- {p.name}: {p.dose.text if p.dose is not None else 'as you can'}"
        for p in session.prescriptions
    ]
    return CalendarEvent(
        uid=event_uid(runner_key, session.on, EventKind.EXERCISE),
        on=session.on,
        kind=EventKind.EXERCISE,
        title=f"Hip exercises (week {week.week}, {phase.title.lower()})",
        description="\n".join(lines) or "No exercises left in this session.",
    )


def _run_event(runner_key: str, day: date, runs: tuple[PlannedRun, ...]) -> CalendarEvent:
    known = [run.distance_km for run in runs if run.distance_km is not None]
    title = f"Run: {sum(known):g} km" if known else "Run"
    return CalendarEvent(
        uid=event_uid(runner_key, day, EventKind.RUN),
        on=day,
        kind=EventKind.RUN,
        title=title,
        description="From your safe-volume running plan.",
    )
