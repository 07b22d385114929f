"""Writes to assessments, and the results the core computes from them.

Only this module writes the assessment app's models; views read and authorise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from hipfirst.core.assessment import AssessmentResult, assess, parse_answers
from hipfirst.core.kujala import KujalaChange, KujalaScore, compare_kujala, score_kujala
from hipfirst.web.accounts.models import User
from hipfirst.web.assessment.models import Assessment, KujalaRecord


def start_assessment(runner: User) -> Assessment:
    """A new, empty assessment for ``runner``."""
    return Assessment.objects.create(runner=runner)


def save_section(assessment: Assessment, section: str, value: Any) -> None:  # Any: JSON
    """Store one checked wizard step (``profile``, ``red_flags``, ``symptoms`` or ``pain``)."""
    if section not in {"profile", "red_flags", "symptoms", "pain"}:
        raise ValueError(f"unknown section {section!r}")
    setattr(assessment, section, value)
    assessment.save(update_fields=[section])


@transaction.atomic
def record_kujala(assessment: Assessment, letters: list[str], *, today: date) -> KujalaRecord:
    """Score and store a completed Kujala questionnaire; the first one completes the check."""
    score = score_kujala(letters)
    record = KujalaRecord.objects.create(
        assessment=assessment,
        taken_on=today,
        version=score.version,
        letters=list(score.letters),
        score=score.total,
    )
    if assessment.completed_on is None:
        assessment.completed_on = today
        assessment.save(update_fields=["completed_on"])
    return record


@transaction.atomic
def record_answers(runner: User, document: Mapping[str, Any], *, today: date) -> Assessment:
    """A finished assessment from a whole answers document (the CLI's ANSWERS.json).

    Raises
    ------
    InvalidAnswer
        For the first problem ``parse_answers`` finds, naming the answer; nothing is stored.
    """
    answers = parse_answers(document)
    assessment = Assessment.objects.create(
        runner=runner,
        profile=dict(document["profile"]),
        red_flags=dict(document["red_flags"]),
        symptoms=dict(document["symptoms"]),
        pain=dict(document["pain"]),
        clinician_cleared_on=today if answers.is_cleared_by_clinician else None,
    )
    record_kujala(assessment, list(answers.kujala), today=today)
    return assessment


def confirm_clinician_clearance(assessment: Assessment, *, today: date) -> None:
    """The runner says a clinician has examined them and cleared them to exercise."""
    assessment.clinician_cleared_on = today
    assessment.save(update_fields=["clinician_cleared_on"])


@dataclass(frozen=True, slots=True)
class KujalaHistory:
    """Every Kujala score of an assessment, and the change from the first to the latest."""

    records: tuple[KujalaRecord, ...]
    latest: KujalaScore
    change: KujalaChange | None  # None until there is a second score


@dataclass(frozen=True, slots=True)
class Results:
    """What the results page shows."""

    result: AssessmentResult
    kujala: KujalaHistory


def answers_document(assessment: Assessment) -> dict[str, Any]:  # Any: JSON
    """The stored answers as one answers document (the CLI's ANSWERS.json format)."""
    latest = assessment.kujala_scores.last()
    return {
        "profile": assessment.profile,
        "red_flags": assessment.red_flags,
        "symptoms": assessment.symptoms,
        "pain": assessment.pain,
        "kujala": latest.letters if latest else None,
        "cleared_by_clinician": assessment.clinician_cleared_on is not None,
    }


def results(assessment: Assessment) -> Results:
    """Re-score the stored answers with the core; call only when ``next_step`` is None."""
    result = assess(parse_answers(answers_document(assessment)))
    records = tuple(assessment.kujala_scores.all())
    scores = [score_kujala(record.letters) for record in records]
    change = compare_kujala(scores[0], scores[-1]) if len(scores) > 1 else None
    return Results(result, KujalaHistory(records, scores[-1], change))
