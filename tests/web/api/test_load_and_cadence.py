"""Load and risk as `hipfirst load --json` reports them; cadence, target and counted cadence."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from hipfirst.core.load_report import load_report_as_json
from hipfirst.web.accounts.models import User
from hipfirst.web.cadence.models import CountedCadence
from hipfirst.web.training.load import runner_load
from tests.web.api.people import bearer
from tests.web.factories import make_run, make_runner

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner() -> User:
    return make_runner("ines@example.org")


def test_the_load_report_is_the_clis_json_for_the_stored_runs(runner: User) -> None:
    """Six weeks of runs: the report is load_report_as_json of the same runs."""
    now = timezone.now()
    for day in range(0, 42, 3):
        make_run(runner, now - timedelta(days=day, hours=2), 6.0 + day % 4)

    body = bearer(runner).get("/api/v1/load").json()
    found = runner_load(runner, now=timezone.now())

    assert found is not None
    assert body["report"] == json.loads(json.dumps(load_report_as_json(found.report)))
    assert body["run_count"] == 14
    assert body["report"]["risk"]["components"]


def test_without_runs_the_load_report_is_null(runner: User) -> None:
    """No runs yet: report null (not enough data), never zeros."""
    body = bearer(runner).get("/api/v1/load").json()

    assert body == {"runner_id": runner.pk, "run_count": 0, "time_zone": "UTC", "report": None}


def test_a_counted_cadence_is_stored_and_gives_a_target(runner: User) -> None:
    """85 steps in 30 s is 170 a minute; with it the runner gets a target."""
    client = bearer(runner)

    counted = client.post(
        "/api/v1/cadence/counts", json.dumps({"steps_in_30_s": 85}), content_type="application/json"
    )
    cadence = client.get("/api/v1/cadence").json()

    assert counted.status_code == 201
    assert counted.json()["cadence_spm"] == 170
    assert cadence["runs"][0]["source"] == "counted"
    assert cadence["easy_run_spm"] == 170
    assert cadence["target"]["target_spm"] > 170
    assert all(e["sources"] for e in cadence["target"]["evidence"])


def test_an_implausible_count_is_a_400_naming_the_field(runner: User) -> None:
    """Counting one foot only (about half) is refused with the field named."""
    response = bearer(runner).post(
        "/api/v1/cadence/counts", json.dumps({"steps_in_30_s": 43}), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "steps_in_30_s"
    assert not CountedCadence.objects.exists()


def test_without_runs_or_counts_the_cadence_is_not_enough_data(runner: User) -> None:
    """No cadence yet: nulls and empty lists."""
    body = bearer(runner).get("/api/v1/cadence").json()

    assert body["easy_run_spm"] is None
    assert body["target"] is None
    assert body["runs"] == []
