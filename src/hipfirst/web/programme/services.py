"""Writes to the programme app, and the plan the core builds and adapts from what is stored.

Only this module writes the programme's models; views read and authorise. A stored plan
holds its inputs only: ``programme(plan)`` asks the core for the 12 weeks and adapts them
to the logged sessions each time, so every change has its reason.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from hipfirst.calendar_ics import plan_ics
from hipfirst.core.assessment import AssessmentResult
from hipfirst.core.errors import ProgrammeBlocked
from hipfirst.core.programme import Plan as BuiltPlan
from hipfirst.core.programme import PlannedRun, build_plan
from hipfirst.core.programme_adapt import Adaptation, adapt_plan
from hipfirst.core.programme_calendar import CalendarEvent
from hipfirst.core.programme_logs import ExerciseLog, SessionLog
from hipfirst.core.programme_rules import Weekday, parse_days, parse_equipment
from hipfirst.core.programme_runs import VolumeWeek, planned_runs
from hipfirst.web.accounts.models import User
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.assessment.models import Assessment
from hipfirst.web.programme.models import (
    CalendarFeed,
    ExerciseRecord,
    Plan,
    SessionRecord,
    new_feed_token,
)
from hipfirst.web.training.load import runner_load


def latest_finished_assessment(runner: User) -> Assessment | None:
    """The runner's own newest finished knee check, which a new plan starts from.

    Only the runner's own: a clinician who also runs never plans from a shared one.
    """
    return (
        Assessment.objects.filter(runner=runner, completed_on__isnull=False)
        .order_by("-started_at", "-pk")
        .first()
    )


def assessment_result(assessment: Assessment) -> AssessmentResult:
    """The core's result for a finished assessment (red flags, conditions, pain)."""
    return assessment_services.results(assessment).result


def current_plan(runner: User) -> Plan | None:
    """The runner's newest plan; starting another one replaces it."""
    return Plan.objects.owned_by(runner).select_related("assessment").first()


@transaction.atomic
def start_plan(
    runner: User,
    assessment: Assessment,
    *,
    start: date,
    days: frozenset[Weekday],
    equipment: frozenset[str],
) -> Plan:
    """Store a new plan; the core refuses (``ProgrammeBlocked``) while a red flag is open.

    Raises
    ------
    ProgrammeBlocked
        While the assessment has a red flag no clinician has cleared.
    InvalidAnswer
        For no days or unknown equipment.
    """
    kit = parse_equipment(equipment)
    build_plan(assessment_result(assessment), start=start, equipment=kit, days=days)
    plan = Plan.objects.create(
        runner=runner,
        assessment=assessment,
        start=start,
        days=[day.value for day in Weekday if day in days],
        equipment=sorted(item.value for item in kit),
    )
    CalendarFeed.objects.get_or_create(runner=runner)
    return plan


@dataclass(frozen=True, slots=True)
class Safety:
    """The assessment whose answers decide whether the plan may go on, and its result."""

    assessment: Assessment
    result: AssessmentResult


def plan_safety(plan: Plan) -> Safety:
    """The plan's own assessment, unless a newer finished one has a red flag still open.

    A warning sign answered in a later knee check stops the plan as surely as one in the
    assessment it started from.
    """
    newest = latest_finished_assessment(plan.runner)
    if newest is not None and newest.pk != plan.assessment_id:
        result = assessment_result(newest)
        if not result.allows_programme:
            return Safety(newest, result)
    return Safety(plan.assessment, assessment_result(plan.assessment))


@dataclass(frozen=True, slots=True)
class Programme:
    """A stored plan as the core builds it and adapts it to the logged sessions."""

    plan: Plan
    adaptation: Adaptation
    records: dict[date, SessionRecord]
    logs: tuple[SessionLog, ...]  # the records as the core reads them, by date

    @property
    def weeks_plan(self) -> BuiltPlan:
        """The adapted 12 weeks."""
        return self.adaptation.plan


def programme(plan: Plan) -> Programme:
    """Build the plan's 12 weeks and adapt them to every logged session.

    Raises
    ------
    ProgrammeBlocked
        While a red flag is open (``plan_safety``); views check that first.
    """
    safety = plan_safety(plan)
    days = parse_days(plan.days)
    built = build_plan(
        safety.result,
        start=plan.start,
        equipment=parse_equipment(plan.equipment),
        days=days,
        runs=running_days(plan.runner, session_days=days),
    )
    records = {
        record.on: record for record in plan.sessions.prefetch_related("exercises").order_by("on")
    }
    logs = tuple(session_log(record) for record in records.values())
    return Programme(plan, adapt_plan(built, logs), records, logs)


def running_days(runner: User, *, session_days: frozenset[Weekday]) -> tuple[PlannedRun, ...]:
    """The runner's safe-volume plan (from imported runs) laid onto the free days."""
    load = runner_load(runner, now=timezone.now())
    if load is None:
        return ()
    recent = [week.runs for week in load.report.weeks[-4:]]
    runs_per_week = max(1, round(statistics.median(recent))) if recent else 3
    weeks = [
        VolumeWeek(week.week_start, week.distance_km, week.long_run_km)
        for week in load.report.plan.weeks
    ]
    return planned_runs(weeks, session_days=session_days, runs_per_week=runs_per_week)


def session_log(record: SessionRecord) -> SessionLog:
    """A stored session as the core's ``SessionLog``."""
    return SessionLog(
        on=record.on,
        exercises=tuple(
            ExerciseLog(
                exercise_id=entry.exercise_id,
                reps_done=tuple(entry.reps_done),
                held_s=tuple(entry.held_s),
                has_good_form=entry.has_good_form,
            )
            for entry in record.exercises.all()
        ),
        pain_during_0_10=record.pain_during_0_10,
        pain_after_0_10=record.pain_after_0_10,
        pain_next_morning_0_10=record.pain_next_morning_0_10,
        pain_before_0_10=record.pain_before_0_10,
        effort_rpe_0_10=record.effort_rpe_0_10,
    )


@transaction.atomic
def record_session(plan: Plan, log: SessionLog) -> SessionRecord:
    """Store a session's log, replacing an earlier log of the same session.

    The log was checked by the core when it was made (``SessionLog`` validates itself);
    the caller makes sure ``log.on`` is a session of the plan.
    """
    record, _ = SessionRecord.objects.update_or_create(
        plan=plan,
        on=log.on,
        defaults={
            "pain_before_0_10": log.pain_before_0_10,
            "pain_during_0_10": log.pain_during_0_10,
            "pain_after_0_10": log.pain_after_0_10,
            "pain_next_morning_0_10": log.pain_next_morning_0_10,
            "effort_rpe_0_10": log.effort_rpe_0_10,
        },
    )
    record.exercises.all().delete()
    ExerciseRecord.objects.bulk_create(
        ExerciseRecord(
            session=record,
            exercise_id=entry.exercise_id,
            reps_done=list(entry.reps_done),
            held_s=list(entry.held_s),
            has_good_form=entry.has_good_form,
        )
        for entry in log.exercises
    )
    return record


def calendar_feed(runner: User) -> CalendarFeed | None:
    """The runner's calendar: its event-id key and private address, once a plan exists."""
    return CalendarFeed.objects.filter(runner=runner).first()


@transaction.atomic
def renew_feed_token(runner: User, *, now: datetime) -> CalendarFeed:
    """Give the runner a new private calendar address; the old one stops working at once."""
    feed, _ = CalendarFeed.objects.select_for_update().get_or_create(runner=runner)
    feed.token, feed.token_created_at = new_feed_token(), now
    feed.save(update_fields=["token", "token_created_at"])
    return feed


def revoke_feed_token(runner: User) -> None:
    """Turn the private calendar address off; the event ids' key stays for later exports."""
    CalendarFeed.objects.filter(runner=runner).update(token=None, token_created_at=None)


def feed_by_token(token: str) -> CalendarFeed | None:
    """The calendar whose private address has this token, if it is still on."""
    if not token:
        return None
    return CalendarFeed.objects.select_related("runner").filter(token=token).first()


def plan_calendar(
    runner: User,
    plan: Plan | None,
    *,
    stamp: datetime,
    event_url: Callable[[Plan, CalendarEvent], str | None],
) -> bytes:
    """The plan, adapted to the logs, as an ICS file; no events while it is paused.

    Event ids come from the runner's calendar key, so a second export, a new private
    address or a new plan keep the ids of the same days.
    """
    key = CalendarFeed.objects.get_or_create(runner=runner)[0].uid_key
    if plan is None:
        return plan_ics(None, runner_key=key, stamp=stamp)
    try:
        weeks = programme(plan).weeks_plan
    except ProgrammeBlocked:  # paused until a clinician clears the runner: no sessions
        return plan_ics(None, runner_key=key, stamp=stamp)
    return plan_ics(weeks, runner_key=key, stamp=stamp, event_url=lambda e: event_url(plan, e))
