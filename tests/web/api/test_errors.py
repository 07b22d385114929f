"""Every error the API answers is {"error": {"code", "field", "message"}} with a 4xx;
an unexpected one is a plain 500 in the same shape, with no trace."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings
from ninja import NinjaAPI
from ninja.testing import TestClient

from hipfirst.core.errors import HipfirstError, InvalidAnswer, ProgrammeBlocked
from hipfirst.web.api import errors
from hipfirst.web.api.errors import status_of
from hipfirst.web.sharing.services import InvitationUnusable
from tests.data import SHARED_DATA
from tests.web.api.people import bearer
from tests.web.factories import make_runner
from tests.web.training.uploads import as_upload

pytestmark = pytest.mark.django_db

GPX = SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx"


@pytest.fixture
def client() -> Client:
    return bearer(make_runner("ines@example.org"))


def _error(response) -> dict[str, object]:
    body = response.json()
    assert set(body) == {"error"}
    return dict(body["error"])


def test_a_wrong_query_parameter_is_a_400_naming_it(client: Client) -> None:
    """Validation errors are ours, not ninja's 422 list: one field, plain words."""
    response = client.get("/api/v1/activities?limit=many")

    assert response.status_code == 400
    assert _error(response)["code"] == "invalid_request"
    assert _error(response)["field"] == "limit"


def test_a_wrong_body_field_is_a_400_naming_it(client: Client) -> None:
    """A body value of the wrong kind names its field."""
    response = client.post(
        "/api/v1/cadence/counts",
        json.dumps({"steps_in_30_s": "85"}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert _error(response)["field"] == "steps_in_30_s"


def test_an_unknown_body_field_is_refused(client: Client) -> None:
    """Bodies are strict: a field hipfirst does not read is a 400, not silently dropped."""
    response = client.post(
        "/api/v1/cadence/counts",
        json.dumps({"steps_in_30_s": 85, "steps_in_60_s": 170}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert _error(response)["field"] == "steps_in_60_s"


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"text"', ""])
def test_a_body_that_is_not_one_json_object_is_a_400(client: Client, body: str) -> None:
    """Broken or non-object JSON gets a plain 400, never a 500."""
    response = client.post("/api/v1/assessments", body, content_type="application/json")

    assert response.status_code == 400
    assert _error(response)["code"] == "invalid_request"


def test_an_id_beyond_the_database_is_a_400_not_an_overflow(client: Client) -> None:
    """2**63 cannot be an id: the path check says so before the database is asked."""
    response = client.get(f"/api/v1/assessments/{2**63}")

    assert response.status_code == 400


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_sites_limit_is_a_413(client: Client) -> None:
    """Too large a JSON body: 413 in the API's shape."""
    response = client.post(
        "/api/v1/assessments", json.dumps({"x": "y" * 2000}), content_type="application/json"
    )

    assert response.status_code == 413
    assert _error(response)["code"] == "too_large"


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=1)
def test_more_files_than_allowed_in_one_upload_is_a_400(client: Client) -> None:
    """Django's file-count guard becomes a plain 400, not an HTML error page."""
    response = client.post("/api/v1/activities/imports", {"files": [as_upload(GPX)] * 2})

    assert response.status_code == 400
    assert _error(response)["code"] == "invalid_request"


def test_each_expected_error_has_its_status() -> None:
    """Answers as errors.py lists them; an error it does not list is a 400."""
    assert status_of(InvalidAnswer("x")) == 400
    assert status_of(ProgrammeBlocked("x")) == 409
    assert status_of(InvitationUnusable("x")) == 410
    assert status_of(HipfirstError("x")) == 400


def test_an_unexpected_error_is_a_plain_500_without_a_trace(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A bug answers 500 in the API's shape; the trace goes to the log, not the caller."""
    api = NinjaAPI(urls_namespace="errors-test")
    errors.install(api)

    @api.get("/boom")
    def boom(request):
        raise RuntimeError("a secret detail of the bug")

    response = TestClient(api).get("/boom")

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert "secret detail" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert "secret detail" in caplog.text


def test_an_unknown_path_under_the_api_is_a_json_404(client: Client) -> None:
    """Nothing at the address: 404 in the API's shape, not the HTML page."""
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"
