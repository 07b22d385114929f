"""Assessments: create one from an answers document, list, read, and retake the Kujala.

The answers document is the one ``hipfirst assess ANSWERS.json`` reads; the result is
the JSON that command prints (``hipfirst.core.assessment.result_as_json``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from hipfirst.core.assessment import check_section, result_as_json
from hipfirst.core.errors import InvalidAnswer
from hipfirst.web.api.auth import caller, readable_runner
from hipfirst.web.api.errors import NOT_FOUND, AssessmentUnfinished, ErrorOut, Errors, NotFound
from hipfirst.web.api.schemas import (
    ANSWERS_DOCUMENT,
    KUJALA_RETAKE,
    KujalaChangeOut,
    ObjectId,
    RunnerId,
    json_body,
    json_request_body,
)
from hipfirst.web.assessment import services
from hipfirst.web.assessment.models import Assessment

router = Router(tags=["assessments"])


class ReferralOut(Schema):
    urgency: str
    who: str
    why: str


class LikelyConditionOut(Schema):
    id: str
    reasons_for: list[str]
    reasons_against: list[str]


class KujalaResultOut(Schema):
    score: int
    meaning: str


class AssessmentResultOut(Schema):
    """What ``hipfirst assess --json`` prints for the stored answers."""

    red_flags: list[str]
    referral: ReferralOut | None
    likely_conditions: list[LikelyConditionOut]
    kujala: KujalaResultOut
    programme_allowed: bool


class KujalaRecordOut(Schema):
    taken_on: date
    score: int
    version: str
    letters: list[str]


class AssessmentSummaryOut(Schema):
    id: int
    runner_id: int
    started_at: datetime
    completed_on: date | None
    next_step: str | None  # None once every step is answered
    kujala_score: int | None  # the latest; None before the first


class AssessmentOut(AssessmentSummaryOut):
    clinician_cleared_on: date | None
    answers: dict[str, Any]  # Any: the answers document; unanswered sections are null
    result: AssessmentResultOut | None  # None until the assessment is finished
    kujala: list[KujalaRecordOut]  # every score, oldest first
    kujala_change: KujalaChangeOut | None  # None until there is a second score


def _summary(assessment: Assessment) -> AssessmentSummaryOut:
    latest = assessment.kujala_scores.last()
    return AssessmentSummaryOut(
        id=assessment.pk,
        runner_id=assessment.runner_id,
        started_at=assessment.started_at,
        completed_on=assessment.completed_on,
        next_step=assessment.next_step,
        kujala_score=latest.score if latest else None,
    )


def _detail(assessment: Assessment) -> AssessmentOut:
    result, change = None, None
    if assessment.next_step is None:
        found = services.results(assessment)
        result = AssessmentResultOut.model_validate(result_as_json(found.result))
        if found.kujala.change is not None:
            change = KujalaChangeOut.model_validate(found.kujala.change, from_attributes=True)
    records = [
        KujalaRecordOut(taken_on=r.taken_on, score=r.score, version=r.version, letters=r.letters)
        for r in assessment.kujala_scores.all()
    ]
    return AssessmentOut(
        **_summary(assessment).model_dump(),
        clinician_cleared_on=assessment.clinician_cleared_on,
        answers=services.answers_document(assessment),
        result=result,
        kujala=records,
        kujala_change=change,
    )


@router.get("", response={200: list[AssessmentSummaryOut], **Errors.READ})
def list_assessments(
    request: HttpRequest, runner_id: RunnerId = None
) -> list[AssessmentSummaryOut]:
    """The runner's assessments, newest first (a clinician: pass an inviting runner's id)."""
    runner = readable_runner(request, runner_id)
    return [_summary(a) for a in Assessment.objects.filter(runner=runner)]


@router.post(
    "",
    response={201: AssessmentOut, **Errors.WRITE},
    openapi_extra=json_request_body(ANSWERS_DOCUMENT),
)
def create_assessment(request: HttpRequest) -> Status[AssessmentOut]:
    """A finished assessment from an answers document; the result comes back at once.

    A wrong answer is a 400 naming it in ``field`` (``profile.age``, ``kujala[3]``).
    """
    document = json_body(request)
    assessment = services.record_answers(caller(request), document, today=timezone.localdate())
    return Status(201, _detail(assessment))


@router.get("/{assessment_id}", response={200: AssessmentOut, **Errors.READ})
def get_assessment(request: HttpRequest, assessment_id: ObjectId) -> AssessmentOut:
    """One assessment: the answers, the result, and every Kujala score with the change."""
    found = Assessment.objects.visible_to(caller(request)).filter(pk=assessment_id).first()
    if found is None:
        raise NotFound(NOT_FOUND)
    return _detail(found)


@router.post(
    "/{assessment_id}/kujala",
    response={201: AssessmentOut, 409: ErrorOut, **Errors.WRITE},
    openapi_extra=json_request_body(KUJALA_RETAKE),
)
def retake_kujala(request: HttpRequest, assessment_id: ObjectId) -> Status[AssessmentOut]:
    """Score the Kujala again, to see the change; the assessment must be finished."""
    found = Assessment.objects.owned_by(caller(request)).filter(pk=assessment_id).first()
    if found is None:
        raise NotFound(NOT_FOUND)
    body = json_body(request)
    if found.next_step is not None:
        raise AssessmentUnfinished(
            "Finish this assessment first; then you can retake the knee score.",
        )
    if unknown := sorted(set(body) - {"kujala"}):
        raise InvalidAnswer("hipfirst does not ask this question.", field=unknown[0])
    if "kujala" not in body:
        raise InvalidAnswer("The knee questionnaire is missing.", field="kujala")
    check_section("kujala", body["kujala"])
    services.record_kujala(found, list(body["kujala"]), today=timezone.localdate())
    return Status(201, _detail(found))
