"""Property-based tests of the whole API with schemathesis, in-process through WSGI.

Every operation gets generated requests, valid and invalid, as a runner with real data
(an assessment from examples/answers-clean.json, runs from ../shared/data imported by
the real worker): no answer may be a 5xx, and every answer must match the OpenAPI schema
in status code, content type, headers and body. Bounded to a few examples an operation,
derandomized when CI is set.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from hipfirst.web.accounts.models import User
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.movement import services as movement_services
from hipfirst.web.programme import services as programme_services
from hipfirst.web.training.models import ImportBatch
from tests.data import SHARED_DATA
from tests.web.api.people import bearer, full_log, token_for
from tests.web.assessment.answers import example
from tests.web.factories import make_runner
from tests.web.programme.builders import EVERY_DAY
from tests.web.training.uploads import as_upload

IS_CI = bool(os.environ.get("CI"))
#: Examples an operation; raise it for a deeper run: HIPFIRST_API_EXAMPLES=200 pytest ...
MAX_EXAMPLES = int(os.environ.get("HIPFIRST_API_EXAMPLES", "12"))
RUNS = (
    SHARED_DATA / "fit" / "runalyze-FR735XT-with-performance-condition.fit",
    SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx",
    SHARED_DATA / "tcx" / "ggps-dav_track_5k.tcx",
)
#: Starting a plan and logging a session take dates relative to today (a start within
#: two weeks back and two months ahead; no session before its day), which a static schema
#: cannot say, so a schema-valid date may fairly be refused with a 400 there.
DATE_WINDOWED = {
    "include-operation-id": ["start_plan", "log_session"],
    "checks": {
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", 400, 401, 403, 404, 409],
        }
    },
}
#: Werkzeug's test client (how schemathesis calls a WSGI app) writes an empty file part
#: with no line break before the next boundary, so Django never sees that file: "one
#: empty file among others" cannot reach the server to be refused. (Sent by a real
#: client, an empty file is a 400: test_activities.py.)
EMPTY_FILE_UNSENDABLE = {
    "include-operation-id": "upload_activities",
    "checks": {"negative_data_rejection": {"enabled": False}},
}
CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none", "deterministic": IS_CI},
        "operations": [DATE_WINDOWED, EMPTY_FILE_UNSENDABLE],
        **({"seed": 20261} if IS_CI else {}),
    }
)

#: The schema as the app serves it (the Django app is set up before collection).
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)


@pytest.fixture(scope="module")
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=root):
        yield root


@pytest.fixture(scope="module")
def runner_token(django_db_setup, django_db_blocker, media_root) -> Iterator[str]:
    """A runner with an assessment, a plan with a logged session, imported runs and a
    queued movement check, committed once for the module (each test's writes roll back)."""
    with django_db_blocker.unblock():
        tasks_before = set(DBTaskResult.objects.values_list("pk", flat=True))
        runner = make_runner("schemathesis@example.org")
        today = timezone.localdate()
        assessment = assessment_services.record_answers(runner, example("clean"), today=today)
        plan = programme_services.start_plan(
            runner,
            assessment,
            start=today - timedelta(days=6),
            days=EVERY_DAY,
            equipment=frozenset(),
        )
        client = bearer(runner)
        logged = client.put(
            f"/api/v1/programme/plans/{plan.pk}/sessions/{today}",
            json.dumps(full_log(plan, today)),
            content_type="application/json",
        )
        assert logged.status_code == 200, logged.content
        response = client.post(
            "/api/v1/activities/imports", {"files": [as_upload(path) for path in RUNS]}
        )
        assert response.status_code == 202, response.content
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        assert ImportBatch.objects.get(runner=runner).status == "done"
        video = SimpleUploadedFile("squat.mp4", b"not analysed here", content_type="video/mp4")
        movement_services.create_check(runner, video, exercise="squat", side="")  # stays queued
        yield token_for(runner)
        runner.delete()
        DBTaskResult.objects.exclude(pk__in=tasks_before).delete()


@pytest.fixture
def real_ids(runner_token: str) -> dict[str, int]:
    """The runner's own ids, for the detail endpoints random ids rarely hit."""
    runner = User.objects.get(email="schemathesis@example.org")
    run = runner.activities.filter(is_running=True).first()
    assert run is not None
    return {
        "runner_id": runner.pk,
        "assessment_id": runner.assessments.get().pk,
        "activity_id": run.pk,
        "batch_id": runner.import_batches.get().pk,
        "plan_id": runner.plans.get().pk,
        "check_id": runner.movement_checks.get().pk,
    }


@pytest.fixture
def connection_kept_open() -> Iterator[None]:
    """As Django's test client does: a request must not close the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
# Every request goes through the database, inside a function-scoped transaction, and
# multipart bodies can be large: hypothesis' speed and fixture-scope checks do not apply.
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_within_its_schema(case, runner_token: str, connection_kept_open) -> None:
    """No 5xx, and every answer conforms to the schema, for generated requests."""
    case.call_and_validate(headers={"Authorization": f"Bearer {runner_token}"})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/assessments/{assessment_id}",
        "/api/v1/activities/{activity_id}",
        "/api/v1/activities/imports/{batch_id}",
        "/api/v1/runners/{runner_id}",
        "/api/v1/programme/plans/{plan_id}",
        "/api/v1/movement/checks/{check_id}",
    ],
)
def test_the_runners_real_records_conform_to_the_schema(
    path: str, runner_token: str, real_ids: dict[str, int], connection_kept_open
) -> None:
    """Each detail endpoint, on the runner's real assessment, run and batch: 200, conforming."""
    operation = schema[path]["GET"]
    names = [name for name in real_ids if "{" + name + "}" in path]
    case = operation.Case(path_parameters={name: real_ids[name] for name in names})

    response = case.call_and_validate(headers={"Authorization": f"Bearer {runner_token}"})

    assert response.status_code == 200
