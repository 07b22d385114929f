"""Sharing through the API: invitations by email, the clinician's runners at a glance."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.test import Client

from tests.web.api.people import bearer
from tests.web.factories import make_runner
from tests.web.sharing.people import cast

pytestmark = pytest.mark.django_db


def _invite(client: Client, email: str):
    return client.post(
        "/api/v1/sharing/invitations", json.dumps({"email": email}), content_type="application/json"
    )


def test_an_invitation_emails_a_single_use_link() -> None:
    """201, and the clinician gets the same email the Sharing page sends."""
    response = _invite(bearer(make_runner("ines@example.org")), "Physio@Example.org")

    assert response.status_code == 201
    assert response.json()["email"] == "physio@example.org"
    assert mail.outbox[-1].to == ["physio@example.org"]
    assert "/sharing/invitations/" in str(mail.outbox[-1].body)


def test_inviting_yourself_is_a_400_on_the_email() -> None:
    """The Sharing page's own-address rule holds in the API."""
    response = _invite(bearer(make_runner("ines@example.org")), "ines@example.org")

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "email"
    assert mail.outbox == []


def test_the_clinician_sees_the_runners_key_figures() -> None:
    """Kujala, usual pain and the open warning signs of the red-flag example."""
    people = cast()

    (summary,) = bearer(people.clinician).get("/api/v1/runners").json()

    assert summary["runner_id"] == people.runner.pk
    assert summary["kujala_score"] == 56
    assert len(summary["open_red_flags"]) == 2
    assert summary["latest_assessment_id"] == people.assessment.pk


def test_after_revoking_the_clinician_reads_nothing() -> None:
    """The runner revokes through the API; the clinician's next read is a 404."""
    people = cast()
    (access,) = bearer(people.runner).get("/api/v1/sharing/clinicians").json()
    clinician = bearer(people.clinician)
    before = clinician.get(f"/api/v1/assessments/{people.assessment.pk}").status_code

    bearer(people.runner).delete(f"/api/v1/sharing/clinicians/{access['id']}")

    assert before == 200
    assert clinician.get(f"/api/v1/assessments/{people.assessment.pk}").status_code == 404
    assert clinician.get("/api/v1/runners").json() == []
