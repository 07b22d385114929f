"""The programme through the API: start a plan, read it adapted, log a session."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hipfirst.core.programme import plan_as_json
from hipfirst.core.programme_rules import Weekday
from hipfirst.web.accounts.models import User
from hipfirst.web.programme import services
from hipfirst.web.programme.models import Plan, SessionRecord
from tests.web.api.people import bearer, full_log
from tests.web.factories import make_runner
from tests.web.programme.builders import finished_assessment, started_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner() -> User:
    return make_runner("ines@example.org")


def _send(client: Client, method: str, url: str, body: dict[str, Any]):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_a_plan_starts_from_the_latest_finished_knee_check(runner: User) -> None:
    """201 with the 12 weeks `hipfirst plan --json` would print for the same plan."""
    today = timezone.localdate()
    finished_assessment(runner, on=today)

    response = _send(
        bearer(runner),
        "post",
        "/api/v1/programme/plans",
        {"start": today.isoformat(), "days": ["mon", "wed", "fri"], "equipment": ["band"]},
    )
    plan = Plan.objects.get()

    assert response.status_code == 201
    assert response.json()["weeks"] == json.loads(
        json.dumps(plan_as_json(services.programme(plan).weeks_plan)["weeks"])
    )
    assert len(response.json()["weeks"]) == 12


def test_without_a_finished_knee_check_a_plan_is_a_409(runner: User) -> None:
    """The plan is built from the assessment, so there must be one."""
    body = {"start": timezone.localdate().isoformat(), "days": ["mon"]}

    response = _send(bearer(runner), "post", "/api/v1/programme/plans", body)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "assessment_unfinished"


def test_an_open_warning_sign_blocks_the_plan_with_a_409(runner: User) -> None:
    """A red flag not cleared by a clinician: programme_blocked, whom to see, no plan."""
    finished_assessment(runner, "red-flag", on=timezone.localdate())
    body = {"start": timezone.localdate().isoformat(), "days": ["mon"]}

    response = _send(bearer(runner), "post", "/api/v1/programme/plans", body)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "programme_blocked"
    assert not Plan.objects.exists()


def test_a_start_too_far_ahead_is_a_400_on_start(runner: User) -> None:
    """The start page's rule: within the next two months."""
    finished_assessment(runner, on=timezone.localdate())
    later = (timezone.localdate() + timedelta(days=90)).isoformat()

    response = _send(
        bearer(runner), "post", "/api/v1/programme/plans", {"start": later, "days": ["mon"]}
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "start"


def test_a_logged_session_shows_in_the_plan_with_its_decisions(runner: User) -> None:
    """PUT a full session; the plan lists the log and what it changed, and adherence."""
    today = timezone.localdate()
    plan = started_plan(runner, start=today - timedelta(days=6))
    client = bearer(runner)

    logged = _send(
        client, "put", f"/api/v1/programme/plans/{plan.pk}/sessions/{today}", full_log(plan, today)
    )
    body = client.get("/api/v1/programme/plan").json()["plan"]

    assert logged.status_code == 200
    assert [log["on"] for log in body["logs"]] == [today.isoformat()]
    assert body["decisions"]
    assert body["adherence"][0]["sessions_done"] == 1
    assert SessionRecord.objects.get().pain_during_0_10 == 1


def test_a_session_still_to_come_cannot_be_logged(runner: User) -> None:
    """Tomorrow's session: 400 on 'on', nothing stored."""
    today = timezone.localdate()
    plan = started_plan(runner, start=today)
    tomorrow = today + timedelta(days=1)

    response = _send(
        bearer(runner),
        "put",
        f"/api/v1/programme/plans/{plan.pk}/sessions/{tomorrow}",
        full_log(plan, tomorrow),
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "on"
    assert not SessionRecord.objects.exists()


def test_an_exercise_not_in_the_session_is_a_400_naming_it(runner: User) -> None:
    """Logs refer to the session's own exercises only."""
    today = timezone.localdate()
    plan = started_plan(runner, start=today)
    body = full_log(plan, today)
    body["exercises"][0]["exercise_id"] = "handstand-push-up"

    response = _send(
        bearer(runner), "put", f"/api/v1/programme/plans/{plan.pk}/sessions/{today}", body
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "exercises[0].exercise_id"


def test_a_day_without_a_session_is_a_404(runner: User) -> None:
    """A plan of Mondays only has no session on last week's Tuesday."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7)
    plan = started_plan(runner, start=monday, days=frozenset({Weekday.MON}))
    tuesday = (monday + timedelta(days=1)).isoformat()
    body = {"exercises": [], "pain_during_0_10": 0, "pain_after_0_10": 0}

    response = _send(
        bearer(runner), "put", f"/api/v1/programme/plans/{plan.pk}/sessions/{tuesday}", body
    )

    assert response.status_code == 404
    assert not SessionRecord.objects.exists()


def test_before_a_plan_the_current_plan_is_null(runner: User) -> None:
    """No plan yet: plan null, not a 404."""
    body = bearer(runner).get("/api/v1/programme/plan").json()

    assert body == {"runner_id": runner.pk, "plan": None}
