"""Movement checks: the results of the videos a runner analysed (read only).

A check's result is the JSON ``hipfirst movement --json`` prints
(``hipfirst.core.movement.movement_as_json``), stored by the background task. Uploading
a video stays on the movement page, which guides the filming.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from hipfirst.web.api.auth import caller, readable_runner
from hipfirst.web.api.errors import NOT_FOUND, Errors, NotFound
from hipfirst.web.api.schemas import ObjectId, RunnerId
from hipfirst.web.movement.models import MovementCheckRecord

router = Router(tags=["movement"])


class SquatRepOut(Schema):
    side: str
    start_s: float
    bottom_s: float
    end_s: float
    peak_fppa_deg: float  # the most inward the knee went in the rep
    knee_flexion_deg: float | None  # at that peak; None when it could not be estimated
    bottom_fppa_deg: float  # at the deepest point, where the norms measure it


class RunningStepOut(Schema):
    side: str  # the stance leg
    midstance_s: float
    pelvic_drop_deg: float


class QualityOut(Schema):
    ok: bool
    problems: list[str]
    film_again: str | None  # how to film it again, when the clip was not good enough


class MovementResultOut(Schema):
    """What ``hipfirst movement --json`` prints for the video."""

    frames: int
    fps: float
    reps: list[SquatRepOut]
    pelvic_drop_deg: float | None
    step_rate_spm: float | None
    quality: QualityOut
    exercise: str
    steps: list[RunningStepOut]
    verdict: list[str]


class MovementCheckOut(Schema):
    id: int
    runner_id: int
    uploaded_at: datetime
    exercise: str
    side: str  # empty: the runner did not say
    status: Literal["queued", "running", "done", "failed"]
    frames_done: int
    frames_total: int
    is_finished: bool
    result: MovementResultOut | None  # None until done
    error: str | None  # what went wrong when the check failed
    pictures: list[str]  # the annotated pictures' addresses (for the logged-in session)


def _out(check: MovementCheckRecord, *, with_result: bool) -> MovementCheckOut:
    stored: dict[str, Any] = dict(check.result or {})  # Any: the stored JSON
    is_done = with_result and check.status == MovementCheckRecord.Status.DONE
    return MovementCheckOut(
        id=check.pk,
        runner_id=check.runner_id,
        uploaded_at=check.uploaded_at,
        exercise=check.exercise,
        side=check.side,
        status=check.status,  # type: ignore[arg-type]  # a Status value, one of the literals
        frames_done=check.frames_done,
        frames_total=check.frames_total,
        is_finished=check.is_finished,
        result=MovementResultOut.model_validate(stored) if is_done else None,
        error=stored.get("error"),
        pictures=[
            reverse("movement:picture", args=[check.pk, picture.number])
            for picture in check.pictures.all()
        ]
        if with_result
        else [],
    )


@router.get("/checks", response={200: list[MovementCheckOut], **Errors.READ})
def list_movement_checks(
    request: HttpRequest, runner_id: RunnerId = None
) -> list[MovementCheckOut]:
    """The runner's movement checks, newest first (results on each check's own endpoint)."""
    runner = readable_runner(request, runner_id)
    checks = MovementCheckRecord.objects.filter(runner=runner)[:50]
    return [_out(check, with_result=False) for check in checks]


@router.get("/checks/{check_id}", response={200: MovementCheckOut, **Errors.READ})
def get_movement_check(request: HttpRequest, check_id: ObjectId) -> MovementCheckOut:
    """One check: progress while it runs, then each rep's angles, the verdict, pictures."""
    check = MovementCheckRecord.objects.visible_to(caller(request)).filter(pk=check_id).first()
    if check is None:
        raise NotFound(NOT_FOUND)
    return _out(check, with_result=True)
