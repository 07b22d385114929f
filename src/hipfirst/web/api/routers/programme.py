"""The 12-week programme: start a plan, read it adapted to the logs, log a session.

Over ``programme.services``: the plan is built by the core from the latest finished
knee check, checked as the start page checks it (``programme.forms.StartPlanForm``), and
adapted to every logged session each time it is read. The weeks are the JSON
``hipfirst plan --json`` prints (``hipfirst.core.programme.plan_as_json``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.http import HttpRequest, QueryDict
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from hipfirst.core.errors import InvalidAnswer, ProgrammeBlocked
from hipfirst.core.exercises import Equipment
from hipfirst.core.programme import plan_as_json
from hipfirst.core.programme_logs import ExerciseLog, SessionLog, weekly_adherence
from hipfirst.core.programme_rules import Weekday
from hipfirst.web.api.auth import caller, readable_runner
from hipfirst.web.api.errors import NOT_FOUND, AssessmentUnfinished, ErrorOut, Errors, NotFound
from hipfirst.web.api.schemas import (
    ISO_DATE,
    WHOLE_NUMBER,
    InSchema,
    ObjectId,
    RunnerId,
    text_as,
)
from hipfirst.web.programme import services
from hipfirst.web.programme.forms import MOST_PER_SET, StartPlanForm
from hipfirst.web.programme.models import Plan

router = Router(tags=["programme"])

Score = Annotated[int, Field(ge=0, le=10), WHOLE_NUMBER]
Count = Annotated[int, Field(ge=0, le=MOST_PER_SET), WHOLE_NUMBER]


class ExerciseOut(Schema):
    id: str  # the library entry to show
    exercise_id: str  # the one logs refer to
    name: str
    version: str
    sets: int | None
    reps: int | None  # None for a hold
    hold_s: int | None  # None for reps
    per_side: bool | None
    gta_index: int | None  # None when not measured
    source: str | None
    why: str


class SessionOut(Schema):
    date: date
    exercises: list[ExerciseOut]


class PlannedRunOut(Schema):
    date: date
    distance_km: float | None


class ProgrammeWeekOut(Schema):
    week: int
    phase: int
    sessions: list[SessionOut]
    runs: list[PlannedRunOut]
    rest_days: list[date]
    planned_km: float | None


class ExerciseLogOut(Schema):
    exercise_id: str
    reps_done: list[int]
    held_s: list[int]
    has_good_form: bool | None


class SessionLogOut(Schema):
    on: date
    exercises: list[ExerciseLogOut]
    pain_before_0_10: int | None
    pain_during_0_10: int | None
    pain_after_0_10: int | None
    pain_next_morning_0_10: int | None
    effort_rpe_0_10: int | None


class DecisionOut(Schema):
    on: date
    exercise_id: str
    kind: str
    reason: str


class AdherenceOut(Schema):
    week: int
    planned_sessions: int
    sessions_done: int
    adherence_pct: float | None  # None: nothing due yet


class PlanOut(Schema):
    id: int
    runner_id: int
    assessment_id: int
    created_at: datetime
    start: date
    days: list[str]
    equipment: list[str]
    paused_because: str | None  # a warning sign is open: whom to see; the weeks are empty
    weeks: list[ProgrammeWeekOut]  # adapted to the logs
    notes: list[str]
    decisions: list[DecisionOut]  # what each log changed, and why, oldest first
    logs: list[SessionLogOut]
    adherence: list[AdherenceOut]


class CurrentPlanOut(Schema):
    runner_id: int
    plan: PlanOut | None  # None until the runner starts one


class StartPlanIn(InSchema):
    start: Annotated[date, ISO_DATE]  # from two weeks ago to two months ahead
    days: list[Annotated[Weekday, text_as(Weekday)]] = Field(..., min_length=1, max_length=7)
    equipment: list[Annotated[Equipment, text_as(Equipment)]] = Field(
        default_factory=list, max_length=len(Equipment)
    )


class ExerciseLogIn(InSchema):
    exercise_id: str = Field(..., max_length=100)
    reps_done: list[Count] = Field(default_factory=list, max_length=10)  # one number a set
    held_s: list[Count] = Field(default_factory=list, max_length=10)  # for a hold
    has_good_form: bool | None = None


class SessionLogIn(InSchema):
    exercises: list[ExerciseLogIn] = Field(..., max_length=20)
    pain_before_0_10: Score | None = None
    pain_during_0_10: Score
    pain_after_0_10: Score
    pain_next_morning_0_10: Score | None = None
    effort_rpe_0_10: Score | None = None


def _log_out(log: SessionLog) -> SessionLogOut:
    return SessionLogOut.model_validate(log, from_attributes=True)


def _plan_out(plan: Plan, *, today: date) -> PlanOut:
    """The plan adapted to its logs; while a warning sign is open, paused and empty."""
    out = PlanOut(
        id=plan.pk,
        runner_id=plan.runner_id,
        assessment_id=plan.assessment_id,
        created_at=plan.created_at,
        start=plan.start,
        days=list(plan.days),
        equipment=list(plan.equipment),
        paused_because=None,
        weeks=[],
        notes=[],
        decisions=[],
        logs=[],
        adherence=[],
    )
    safety = services.plan_safety(plan)
    if not safety.result.allows_programme:
        referral = safety.result.red_flags.referral
        out.paused_because = f"{referral.who} {referral.why}" if referral else "See a clinician."
        return out
    built = services.programme(plan)
    document = plan_as_json(built.weeks_plan)
    out.weeks = [ProgrammeWeekOut.model_validate(week) for week in document["weeks"]]
    out.notes = list(document["notes"])
    out.decisions = [
        DecisionOut.model_validate(d, from_attributes=True) for d in built.adaptation.decisions
    ]
    out.logs = [_log_out(log) for log in built.logs]
    out.adherence = [
        AdherenceOut.model_validate(row, from_attributes=True)
        for row in weekly_adherence(built.weeks_plan, built.logs, today=today)
    ]
    return out


@router.get("/plan", response={200: CurrentPlanOut, **Errors.READ})
def get_current_plan(request: HttpRequest, runner_id: RunnerId = None) -> CurrentPlanOut:
    """The runner's current (newest) plan, adapted to their logs; null before the first."""
    runner = readable_runner(request, runner_id)
    plan = Plan.objects.filter(runner=runner).select_related("assessment").first()
    out = _plan_out(plan, today=timezone.localdate()) if plan else None
    return CurrentPlanOut(runner_id=runner.pk, plan=out)


@router.get("/plans/{plan_id}", response={200: PlanOut, **Errors.READ})
def get_plan(request: HttpRequest, plan_id: ObjectId) -> PlanOut:
    """One plan, adapted to its logs, with what each log changed and weekly adherence."""
    plan = Plan.objects.visible_to(caller(request)).filter(pk=plan_id).first()
    if plan is None:
        raise NotFound(NOT_FOUND)
    return _plan_out(plan, today=timezone.localdate())


@router.post("/plans", response={201: PlanOut, 409: ErrorOut, **Errors.WRITE})
def start_plan(request: HttpRequest, payload: StartPlanIn) -> Status[PlanOut]:
    """Start a plan from the latest finished knee check; it replaces the current one.

    409 while a warning sign is open (``programme_blocked``) or before a finished check.
    """
    runner, today = caller(request), timezone.localdate()
    assessment = services.latest_finished_assessment(runner)
    if assessment is None:
        raise AssessmentUnfinished("Finish a knee check first; the plan is built from it.")
    result = services.assessment_result(assessment)
    if not result.allows_programme:
        referral = result.red_flags.referral
        raise ProgrammeBlocked(referral.who if referral else "See a clinician first.")
    data = QueryDict(mutable=True)
    data["start"] = payload.start.isoformat()
    data.setlist("days", [day.value for day in payload.days])
    data.setlist("equipment", [item.value for item in payload.equipment])
    form = StartPlanForm(data, result=result, today=today)
    if not form.is_valid():
        field, messages = next(iter(form.errors.items()))
        message = " ".join(str(m) for m in messages)
        raise InvalidAnswer(message, field=None if field == "__all__" else field)
    plan = services.start_plan(
        runner,
        assessment,
        start=form.cleaned_data["start"],
        days=form.chosen_days,
        equipment=form.chosen_equipment,
    )
    return Status(201, _plan_out(plan, today=today))


@router.put(
    "/plans/{plan_id}/sessions/{on}", response={200: SessionLogOut, 409: ErrorOut, **Errors.WRITE}
)
def log_session(
    request: HttpRequest, plan_id: ObjectId, on: date, payload: SessionLogIn
) -> SessionLogOut:
    """Log (or correct) one planned session; the plan adapts from it.

    ``exercises`` names each prescribed exercise done, with one number a set.
    """
    plan = Plan.objects.owned_by(caller(request)).filter(pk=plan_id).first()
    if plan is None:
        raise NotFound(NOT_FOUND)
    if not services.plan_safety(plan).result.allows_programme:
        raise ProgrammeBlocked("The plan is paused until a clinician has cleared you.")
    planned = services.programme(plan).weeks_plan.session_on(on)
    if planned is None:
        raise NotFound("There is no session of this plan on that day.")
    if on > timezone.localdate():
        raise InvalidAnswer("This session is still to come; log it from its day.", field="on")
    prescribed = {p.exercise_id for p in planned.prescriptions}
    for index, entry in enumerate(payload.exercises):
        if entry.exercise_id not in prescribed:
            raise InvalidAnswer(
                "This exercise is not part of the session.",
                field=f"exercises[{index}].exercise_id",
            )
    log = SessionLog(
        on=on,
        exercises=tuple(
            ExerciseLog(
                exercise_id=e.exercise_id,
                reps_done=tuple(e.reps_done),
                held_s=tuple(e.held_s),
                has_good_form=e.has_good_form,
            )
            for e in payload.exercises
        ),
        pain_during_0_10=payload.pain_during_0_10,
        pain_after_0_10=payload.pain_after_0_10,
        pain_next_morning_0_10=payload.pain_next_morning_0_10,
        pain_before_0_10=payload.pain_before_0_10,
        effort_rpe_0_10=payload.effort_rpe_0_10,
    )
    services.record_session(plan, log)
    return _log_out(log)
