"""Assessments through the API: an answers document in, the CLI's result out; Kujala retakes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from hipfirst.core.assessment import assess, parse_answers, result_as_json
from hipfirst.web.assessment import services
from hipfirst.web.assessment.models import Assessment
from tests.web.api.people import bearer
from tests.web.assessment.answers import example
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return bearer(make_runner("ines@example.org"))


def _post(client: Client, url: str, body: dict[str, Any]):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("name", ["clean", "red-flag"])
def test_an_answers_document_gives_the_result_hipfirst_assess_prints(
    client: Client, name: str
) -> None:
    """The result is exactly the CLI's JSON for the same answers file."""
    document = example(name)

    response = _post(client, "/api/v1/assessments", document)

    assert response.status_code == 201
    assert response.json()["result"] == result_as_json(assess(parse_answers(document)))
    assert response.json()["next_step"] is None
    assert response.json()["answers"]["kujala"] == document["kujala"]


def test_a_wrong_answer_is_a_400_naming_it_and_nothing_is_stored(client: Client) -> None:
    """An out-of-range Kujala letter: 400 with field kujala[3], and no assessment."""
    document = example("clean")
    document["kujala"][3] = "z"

    response = _post(client, "/api/v1/assessments", document)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_answer"
    assert response.json()["error"]["field"] == "kujala[3]"
    assert not Assessment.objects.exists()


def test_a_clinicians_clearance_in_the_document_is_kept(client: Client) -> None:
    """cleared_by_clinician: true lets the programme start despite red flags."""
    document = {**example("red-flag"), "cleared_by_clinician": True}

    body = _post(client, "/api/v1/assessments", document).json()

    assert body["result"]["programme_allowed"] is True
    assert body["clinician_cleared_on"] is not None


def test_a_kujala_retake_adds_a_score_and_says_what_changed(client: Client) -> None:
    """The second score and the change from the first come back."""
    created = _post(client, "/api/v1/assessments", example("clean")).json()

    response = _post(client, f"/api/v1/assessments/{created['id']}/kujala", {"kujala": ["a"] * 13})

    assert response.status_code == 201
    assert [k["score"] for k in response.json()["kujala"]] == [created["kujala_score"], 100]
    assert response.json()["kujala_change"]["later_total"] == 100


def test_a_retake_with_a_wrong_letter_is_a_400_naming_it(client: Client) -> None:
    """The retake is checked as the answers document's kujala section is."""
    created = _post(client, "/api/v1/assessments", example("clean")).json()

    response = _post(
        client, f"/api/v1/assessments/{created['id']}/kujala", {"kujala": ["a"] * 12 + ["q"]}
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "kujala[12]"


def test_a_retake_of_an_unfinished_assessment_is_a_409() -> None:
    """An assessment left part-way in the wizard cannot take a retake yet."""
    runner = make_runner()
    unfinished = services.start_assessment(runner)

    response = _post(
        bearer(runner), f"/api/v1/assessments/{unfinished.pk}/kujala", {"kujala": ["a"] * 13}
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "assessment_unfinished"
    assert not unfinished.kujala_scores.exists()


def test_an_unfinished_assessment_reads_with_no_result() -> None:
    """Read before finishing: its next step, and a null result."""
    runner = make_runner()
    unfinished = services.start_assessment(runner)

    body = bearer(runner).get(f"/api/v1/assessments/{unfinished.pk}").json()

    assert body["next_step"] == "profile"
    assert body["result"] is None


def test_assessments_are_listed_newest_first(client: Client) -> None:
    """The list, newest first, with each one's latest Kujala score."""
    first = _post(client, "/api/v1/assessments", example("clean")).json()
    second = _post(client, "/api/v1/assessments", example("red-flag")).json()

    listed = client.get("/api/v1/assessments").json()

    assert [a["id"] for a in listed] == [second["id"], first["id"]]
    assert listed[0]["kujala_score"] == second["kujala_score"]
