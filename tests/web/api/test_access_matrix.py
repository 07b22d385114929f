"""Who reaches what through the API: every endpoint, for everyone who might ask.

The owner reads and changes their data; an invited clinician reads it and changes
nothing (404 on writes); another runner and a revoked clinician get 404, never 403;
nobody without a token or session gets anything but 401. Endpoints about the caller's
own account answer everyone their own. Each person is tried with a personal API token
and with a session.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from hipfirst.web.api import services as api_services
from hipfirst.web.api.api import api
from hipfirst.web.api.models import ApiToken
from hipfirst.web.assessment.models import KujalaRecord
from hipfirst.web.movement import services as movement_services
from hipfirst.web.programme.models import Plan, SessionRecord
from hipfirst.web.sharing.models import ClinicianAccess
from hipfirst.web.training.models import RunPain
from tests.data import SHARED_DATA
from tests.web.api.people import bearer, full_log
from tests.web.assessment.answers import example
from tests.web.programme.builders import started_plan
from tests.web.sharing.people import Cast, cast
from tests.web.training.uploads import as_upload

pytestmark = pytest.mark.django_db

ROLES = ("owner", "other", "clinician", "revoked", "anonymous")
GPX = SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx"


def _reads(status: int = 200) -> dict[str, int]:
    return {"owner": status, "other": 404, "clinician": status, "revoked": 404}


def _writes(status: int) -> dict[str, int]:
    return {"owner": status, "other": 404, "clinician": 404, "revoked": 404}


def _own(status: int) -> dict[str, int]:
    return dict.fromkeys(("owner", "other", "clinician", "revoked"), status)


@dataclass(frozen=True)
class Row:
    """One request about the runner's data (or the caller's own), and who gets what."""

    method: str
    path: str  # as the OpenAPI schema writes it
    expect: dict[str, int]
    query: str = ""
    body: Callable[[World], Any] | None = field(default=None, compare=False)
    is_multipart: bool = False
    is_session_only: bool = False

    def expected(self, role: str, mode: str) -> int:
        if role == "anonymous" or (self.is_session_only and mode == "token"):
            return 401
        return self.expect[role]


#: Writes that end something (access, a token) come last: the rows run in order.
ROWS = (
    Row("GET", "/api/v1/me", _own(200)),
    Row("GET", "/api/v1/tokens", _own(200)),
    Row("POST", "/api/v1/tokens", _own(201), body=lambda w: {"name": "cli"}, is_session_only=True),
    Row("GET", "/api/v1/assessments", _reads(), query="runner_id={runner_id}"),
    Row("POST", "/api/v1/assessments", _own(201), body=lambda w: example("clean")),
    Row("GET", "/api/v1/assessments/{assessment_id}", _reads()),
    Row(
        "POST",
        "/api/v1/assessments/{assessment_id}/kujala",
        _writes(201),
        body=lambda w: {"kujala": example("clean")["kujala"]},
    ),
    Row("GET", "/api/v1/activities", _reads(), query="runner_id={runner_id}"),
    Row("GET", "/api/v1/activities/{activity_id}", _reads()),
    Row(
        "PUT",
        "/api/v1/activities/{activity_id}/pain",
        _writes(200),
        body=lambda w: {"during_0_10": 4},
    ),
    Row("GET", "/api/v1/activities/imports", _reads(), query="runner_id={runner_id}"),
    Row(
        "POST",
        "/api/v1/activities/imports",
        _own(202),
        body=lambda w: {"files": [as_upload(GPX)]},
        is_multipart=True,
    ),
    Row("GET", "/api/v1/activities/imports/{batch_id}", _reads()),
    Row("GET", "/api/v1/load", _reads(), query="runner_id={runner_id}"),
    Row("GET", "/api/v1/cadence", _reads(), query="runner_id={runner_id}"),
    Row("POST", "/api/v1/cadence/counts", _own(201), body=lambda w: {"steps_in_30_s": 84}),
    Row("GET", "/api/v1/sharing/clinicians", _own(200)),
    Row(
        "POST",
        "/api/v1/sharing/invitations",
        _own(201),
        body=lambda w: {"email": "new@example.org"},
    ),
    Row("GET", "/api/v1/runners", _own(200)),
    Row("GET", "/api/v1/runners/{runner_id}", _reads()),
    Row("GET", "/api/v1/programme/plan", _reads(), query="runner_id={runner_id}"),
    Row("GET", "/api/v1/programme/plans/{plan_id}", _reads()),
    Row(
        "PUT",
        "/api/v1/programme/plans/{plan_id}/sessions/{on}",
        _writes(200),
        body=lambda w: full_log(w.plan, timezone.localdate()),
    ),
    Row(  # after POST /assessments above: every caller has a finished knee check by now
        "POST",
        "/api/v1/programme/plans",
        _own(201),
        body=lambda w: {"start": timezone.localdate().isoformat(), "days": ["mon", "thu"]},
    ),
    Row("GET", "/api/v1/movement/checks", _reads(), query="runner_id={runner_id}"),
    Row("GET", "/api/v1/movement/checks/{check_id}", _reads()),
    Row("DELETE", "/api/v1/tokens/{token_id}", _writes(204)),
    Row("DELETE", "/api/v1/sharing/clinicians/{access_id}", _writes(204)),
)


@dataclass
class World:
    """The cast of ``tests/web/sharing/people.py``, and the ids the rows ask for."""

    people: Cast
    ids: dict[str, object]
    spare_token: ApiToken
    access: ClinicianAccess
    plan: Plan


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with override_settings(MEDIA_ROOT=tmp_path):
        people = cast()
        spare = api_services.create_token(people.runner, "spare").row
        access = ClinicianAccess.objects.get(
            runner=people.runner, clinician=people.clinician, revoked_at__isnull=True
        )
        plan = started_plan(people.runner, start=timezone.localdate() - timedelta(days=6))
        video = SimpleUploadedFile("squat.mp4", b"a queued video", content_type="video/mp4")
        check = movement_services.create_check(people.runner, video, exercise="squat", side="")
        ids: dict[str, object] = {
            "check_id": check.pk,
            "plan_id": plan.pk,
            "on": timezone.localdate().isoformat(),
            "runner_id": people.runner.pk,
            "assessment_id": people.assessment.pk,
            "activity_id": people.run.pk,
            "batch_id": people.batch.pk,
            "token_id": spare.pk,
            "access_id": access.pk,
        }
        yield World(people, ids, spare, access, plan)


def _client(world: World, role: str, mode: str) -> Client:
    if role == "anonymous":
        return Client()
    user = getattr(world.people, "runner" if role == "owner" else role)
    if mode == "token":
        return bearer(user)
    client = Client()
    client.force_login(user)
    return client


def _send(client: Client, row: Row, world: World) -> Any:  # Any: a test response
    ids = world.ids
    url = row.path.format(**ids) + (f"?{row.query.format(**ids)}" if row.query else "")
    call = getattr(client, row.method.lower())
    if row.body is None:
        return call(url)
    if row.is_multipart:
        return call(url, row.body(world))
    return call(url, json.dumps(row.body(world)), content_type="application/json")


@pytest.mark.parametrize("mode", ["token", "session"])
@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_person_as_their_access_allows(
    world: World, role: str, mode: str
) -> None:
    """Status per endpoint as the matrix says; errors in the API's shape; owner-only writes."""
    client = _client(world, role, mode)
    responses = {(row.method, row.path): _send(client, row, world) for row in ROWS}
    statuses = {key: response.status_code for key, response in responses.items()}
    errors = [r.json() for r in responses.values() if r.status_code >= 400]

    assert statuses == {(row.method, row.path): row.expected(role, mode) for row in ROWS}
    assert all(set(error) == {"error"} for error in errors)
    assert all(set(e["error"]) == {"code", "field", "message"} for e in errors)
    if role != "owner":
        assert KujalaRecord.objects.filter(assessment=world.people.assessment).count() == 1
        assert not RunPain.objects.exists()
        assert ApiToken.objects.filter(pk=world.spare_token.pk, revoked_at=None).exists()
        assert ClinicianAccess.objects.filter(pk=world.access.pk, revoked_at=None).exists()
        assert not SessionRecord.objects.filter(plan=world.plan).exists()


def test_the_matrix_covers_every_operation_of_the_api() -> None:
    """A new endpoint fails this test until it has its row above."""
    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }

    assert operations == {(row.method, row.path) for row in ROWS}


def test_the_caller_scoped_lists_show_only_the_callers_own(world: World) -> None:
    """A clinician's /me, tokens and clinicians are their own; their runners list the runner."""
    client = bearer(world.people.clinician)

    assert client.get("/api/v1/me").json()["id"] == world.people.clinician.pk
    assert world.spare_token.pk not in [t["id"] for t in client.get("/api/v1/tokens").json()]
    assert client.get("/api/v1/sharing/clinicians").json() == []
    assert [r["runner_id"] for r in client.get("/api/v1/runners").json()] == [
        world.people.runner.pk
    ]


def test_another_runner_lists_no_runners_and_no_clinicians(world: World) -> None:
    """A stranger's own lists are empty: nothing of the runner's leaks into them."""
    client = bearer(world.people.other)

    assert client.get("/api/v1/runners").json() == []
    assert client.get("/api/v1/sharing/clinicians").json() == []
    assert client.get("/api/v1/assessments").json() == []
    assert client.get("/api/v1/activities").json() == {"count": 0, "items": []}
