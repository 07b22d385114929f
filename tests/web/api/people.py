"""API callers (a test client carrying a personal API token) and request bodies."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client

from hipfirst.web.accounts.models import User
from hipfirst.web.api import services
from hipfirst.web.programme import services as programme_services
from hipfirst.web.programme.models import Plan


def token_for(user: User) -> str:
    """A new personal API token of ``user``."""
    return services.create_token(user, "tests").token


def bearer(user: User) -> Client:
    """A client that sends a new token of ``user`` as ``Authorization: Bearer``."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")


def full_log(plan: Plan, on: date) -> dict[str, Any]:
    """Every exercise of the session done in full with good form, mild pain."""
    session = programme_services.programme(plan).weeks_plan.session_on(on)
    assert session is not None
    exercises = []
    for p in session.prescriptions:
        assert p.dose is not None
        done = [p.dose.reps or p.dose.hold_s] * p.dose.sets
        is_hold = p.dose.hold_s is not None
        exercises.append(
            {
                "exercise_id": p.exercise_id,
                "reps_done": [] if is_hold else done,
                "held_s": done if is_hold else [],
                "has_good_form": True,
            }
        )
    return {"exercises": exercises, "pain_during_0_10": 1, "pain_after_0_10": 1}
