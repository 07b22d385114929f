"""Cadence: the runner's measured cadence and target, and a cadence counted by hand.

The figures are ``cadence.measure.runner_cadence``'s, as the cadence page shows them;
a count goes through the core's plausibility check (``counted_cadence_spm``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from hipfirst.core.cadence import (
    PLAUSIBLE_MAX_SPM,
    PLAUSIBLE_MIN_SPM,
    CadenceSource,
    counted_cadence_spm,
)
from hipfirst.core.cadence_target import SOURCES, CadenceTarget
from hipfirst.web.api.auth import caller, readable_runner
from hipfirst.web.api.errors import Errors
from hipfirst.web.api.schemas import WHOLE_NUMBER, InSchema, RunnerId
from hipfirst.web.cadence import services
from hipfirst.web.cadence.measure import runner_cadence

router = Router(tags=["cadence"])


class RunCadenceOut(Schema):
    file: str | None
    start: datetime
    source: CadenceSource
    avg_spm: float | None
    speed_mps: float | None
    running_s: float | None  # None for a counted cadence
    running_share: float | None  # of the recorded time, 0 to 1


class WeeklyCadenceOut(Schema):
    week_of: date
    run_count: int
    median_spm: float | None
    median_speed_mps: float | None


class PlanStepOut(Schema):
    week: int
    target_spm: int


class EvidenceOut(Schema):
    says: str
    sources: list[str]  # full citations


class CadenceTargetOut(Schema):
    easy_run_spm: float
    target_spm: int  # the first step, +5%
    goal_spm: int  # the last step, at most +10%
    plan: list[PlanStepOut]
    reason: str
    advice: list[str]
    knee_load: str
    evidence: list[EvidenceOut]


class CadenceOut(Schema):
    runner_id: int
    easy_run_spm: float | None  # None: not enough data yet
    target: CadenceTargetOut | None
    runs: list[RunCadenceOut]  # newest first
    weeks: list[WeeklyCadenceOut]


#: The counts the core finds plausible: twice the count is the cadence.
MIN_STEPS, MAX_STEPS = -(-PLAUSIBLE_MIN_SPM // 2), PLAUSIBLE_MAX_SPM // 2


class CountedCadenceIn(InSchema):
    """Steps counted over 30 s of an easy run, both feet."""

    steps_in_30_s: Annotated[int, Field(ge=MIN_STEPS, le=MAX_STEPS), WHOLE_NUMBER]


class CountedCadenceOut(Schema):
    id: int
    counted_on: date
    steps_in_30_s: int
    cadence_spm: int


def _target_out(target: CadenceTarget) -> CadenceTargetOut:
    return CadenceTargetOut(
        easy_run_spm=target.easy_run_spm,
        target_spm=target.target_spm,
        goal_spm=target.goal_spm,
        plan=[PlanStepOut(week=s.week, target_spm=s.target_spm) for s in target.plan],
        reason=target.reason,
        advice=list(target.advice),
        knee_load=target.knee_load,
        evidence=[
            EvidenceOut(says=e.says, sources=[SOURCES[key] for key in e.sources])
            for e in target.evidence
        ],
    )


@router.get("", response={200: CadenceOut, **Errors.READ})
def get_cadence(request: HttpRequest, runner_id: RunnerId = None) -> CadenceOut:
    """Cadence of recent runs and counts, the easy-run cadence, the target and the trend."""
    runner = readable_runner(request, runner_id)
    measured = runner_cadence(runner)
    return CadenceOut(
        runner_id=runner.pk,
        easy_run_spm=measured.easy_run_spm,
        target=_target_out(measured.target) if measured.target else None,
        runs=[RunCadenceOut.model_validate(run, from_attributes=True) for run in measured.runs],
        weeks=[WeeklyCadenceOut.model_validate(w, from_attributes=True) for w in measured.weeks],
    )


@router.post("/counts", response={201: CountedCadenceOut, **Errors.WRITE})
def count_cadence(request: HttpRequest, payload: CountedCadenceIn) -> Status[CountedCadenceOut]:
    """Record steps counted by hand over 30 s today; twice the count is the cadence."""
    spm = counted_cadence_spm(payload.steps_in_30_s)
    counted = services.record_counted_cadence(
        caller(request), payload.steps_in_30_s, today=timezone.localdate()
    )
    return Status(
        201,
        CountedCadenceOut(
            id=counted.pk,
            counted_on=counted.counted_on,
            steps_in_30_s=counted.steps_in_30_s,
            cadence_spm=spm,
        ),
    )
