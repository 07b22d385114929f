"""JSON bodies that schemathesis never sends: Python-only numbers and deep nesting (issue 12).

Python's json reads NaN, Infinity and integers of any length, and recurses on brackets;
each of these was a 500 on the endpoints that read their body as an answers document.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from hipfirst.web.assessment.models import Assessment
from tests.web.api.people import bearer
from tests.web.assessment.answers import example
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db

CLEAN = json.dumps(example("clean"))
BODIES = {
    "nan": CLEAN.replace('"weekly_km": 42', '"weekly_km": NaN'),
    "infinity": CLEAN.replace('"weekly_km": 42', '"weekly_km": -Infinity'),
    "huge-integer": CLEAN.replace('"weekly_km": 42', f'"weekly_km": {"9" * 5000}'),
    "deep-nesting": "[" * 100_000,
}


@pytest.fixture
def client() -> Client:
    return bearer(make_runner("mallory@example.org"))


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_hostile_answers_body_is_a_400_and_stores_nothing(client: Client, body: str) -> None:
    """The body is refused with the API's error shape; no assessment is half-saved."""
    response = client.post("/api/v1/assessments", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] in {"invalid_answer", "invalid_request"}
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_hostile_kujala_body_is_a_400(client: Client, body: str) -> None:
    """A Kujala retake reads its body the same way, and refuses the same bodies."""
    created = client.post("/api/v1/assessments", CLEAN, content_type="application/json")
    url = f"/api/v1/assessments/{created.json()['id']}/kujala"

    response = client.post(url, body, content_type="application/json")

    assert response.status_code == 400
