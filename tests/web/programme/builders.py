"""Finished assessments and started plans for programme tests, through the real services."""

from __future__ import annotations

from datetime import date

from hipfirst.core.programme_rules import Weekday
from hipfirst.web.accounts.models import User
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.assessment.models import Assessment
from hipfirst.web.programme import services
from hipfirst.web.programme.models import Plan
from tests.web.assessment.answers import example

EVERY_DAY = frozenset(Weekday)


def finished_assessment(runner: User, answers: str = "clean", *, on: date) -> Assessment:
    """A finished knee check of ``runner`` with the example answers (clean or red-flag)."""
    document = example(answers)
    assessment = assessment_services.start_assessment(runner)
    for section in ("profile", "red_flags", "symptoms", "pain"):
        assessment_services.save_section(assessment, section, document[section])
    assessment_services.record_kujala(assessment, document["kujala"], today=on)
    return assessment


def started_plan(
    runner: User, *, start: date, days: frozenset[Weekday] = EVERY_DAY, on: date | None = None
) -> Plan:
    """A plan from a new clean assessment, with a session every day unless told."""
    assessment = finished_assessment(runner, on=on or start)
    return services.start_plan(runner, assessment, start=start, days=days, equipment=frozenset())


def session_post(plan: Plan, on: date, *, during: int, after: int, **pains: int) -> dict[str, str]:
    """The POST of the session page: every exercise done in full with good form."""
    session = services.programme(plan).weeks_plan.session_on(on)
    assert session is not None
    data = {"pain_during": str(during), "pain_after": str(after)}
    data |= {name: str(value) for name, value in pains.items()}
    for p in session.prescriptions:
        assert p.dose is not None
        data[f"{p.exercise_id}-sets"] = str(p.dose.sets)
        data[f"{p.exercise_id}-per_set"] = str(p.dose.reps or p.dose.hold_s)
        data[f"{p.exercise_id}-good_form"] = "on"
    return data
