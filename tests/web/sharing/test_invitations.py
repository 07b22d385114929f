"""Invitations: emailed, single-use, expiring; accepted by signing up as a clinician."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.accounts.models import User
from hipfirst.web.sharing.models import ClinicianAccess, ClinicianNote, Invitation
from tests.web.factories import PASSWORD, make_runner

pytestmark = pytest.mark.django_db


def _invite(client: Client, email: str = "physio@example.org") -> str:
    client.post(reverse("sharing:home"), {"email": email})
    found = re.search(r"/sharing/invitations/([^/\s]+)/", str(mail.outbox[-1].body))
    assert found is not None
    return found.group(1)


@pytest.fixture
def runner_client(client: Client) -> Client:
    client.force_login(make_runner("runner@example.org"))
    return client


def test_inviting_emails_a_link_and_stores_only_its_hash(runner_client: Client) -> None:
    """The email holds the link; the database holds a hash, not the token."""
    token = _invite(runner_client)

    assert mail.outbox[-1].to == ["physio@example.org"]
    assert token not in Invitation.objects.get().token_sha256


def test_a_clinician_signs_up_from_the_link_and_sees_the_runner(runner_client: Client) -> None:
    """Signing up on the link makes a clinician account with access to the runner."""
    token = _invite(runner_client)
    clinician = Client()

    response = clinician.post(
        reverse("sharing:accept", args=[token]),
        {"email": "physio@example.org", "password": PASSWORD},
    )

    physio = User.objects.get(email="physio@example.org")
    assert physio.is_clinician
    assert response.status_code == 302
    assert clinician.get(response["Location"]).status_code == 200
    assert ClinicianAccess.objects.filter(clinician=physio, revoked_at__isnull=True).exists()


def test_a_link_works_only_once(runner_client: Client) -> None:
    """A second use of the same link is refused with a plain page."""
    token = _invite(runner_client)
    first, second = Client(), Client()
    first.force_login(make_runner("physio@example.org"))
    first.post(reverse("sharing:accept", args=[token]))
    second.force_login(make_runner("intruder@example.org"))

    response = second.post(reverse("sharing:accept", args=[token]))

    assert response.status_code == 410
    assert not ClinicianAccess.objects.filter(clinician__email="intruder@example.org").exists()


def test_an_expired_link_is_refused(runner_client: Client) -> None:
    """After 7 days the link says it has expired."""
    token = _invite(runner_client)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = Client().get(reverse("sharing:accept", args=[token]))

    assert response.status_code == 410
    assert b"expired" in response.content


def test_a_made_up_link_is_refused(client: Client) -> None:
    """A token that was never issued grants nothing."""
    assert client.get(reverse("sharing:accept", args=["not-a-real-token"])).status_code == 410


def test_a_clinicians_note_reaches_the_runner(runner_client: Client) -> None:
    """The note a clinician leaves shows on the runner's Sharing page."""
    token = _invite(runner_client)
    clinician = Client()
    clinician.force_login(make_runner("physio@example.org"))
    clinician.post(reverse("sharing:accept", args=[token]))
    runner = User.objects.get(email="runner@example.org")

    clinician.post(reverse("sharing:note", args=[runner.pk]), {"text": "Keep the clamshells slow."})

    assert ClinicianNote.objects.get().text == "Keep the clamshells slow."
    assert b"Keep the clamshells slow." in runner_client.get(reverse("sharing:home")).content


def test_a_runner_cannot_invite_themselves(runner_client: Client) -> None:
    """Their own address is refused on the field."""
    response = runner_client.post(reverse("sharing:home"), {"email": "runner@example.org"})

    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_revoking_ends_access_at_once(runner_client: Client) -> None:
    """After 'Remove access' the clinician's next request is a 404."""
    token = _invite(runner_client)
    clinician = Client()
    clinician.force_login(make_runner("physio@example.org"))
    clinician.post(reverse("sharing:accept", args=[token]))
    runner = User.objects.get(email="runner@example.org")
    access = ClinicianAccess.objects.get()

    runner_client.post(reverse("sharing:revoke", args=[access.pk]))

    assert clinician.get(reverse("sharing:runner", args=[runner.pk])).status_code == 404


def test_nobody_else_can_revoke_an_access(runner_client: Client) -> None:
    """A stranger posting to revoke changes nothing."""
    token = _invite(runner_client)
    clinician = Client()
    clinician.force_login(make_runner("physio@example.org"))
    clinician.post(reverse("sharing:accept", args=[token]))
    stranger = Client()
    stranger.force_login(make_runner("stranger@example.org"))

    response = stranger.post(reverse("sharing:revoke", args=[ClinicianAccess.objects.get().pk]))

    assert response.status_code == 404
    assert ClinicianAccess.objects.get().revoked_at is None


def test_removing_access_twice_is_not_an_error(runner_client: Client) -> None:
    """A double tap on 'Remove access' ends on the sharing page, the first time kept."""
    token = _invite(runner_client)
    clinician = Client()
    clinician.force_login(make_runner("physio@example.org"))
    clinician.post(reverse("sharing:accept", args=[token]))
    access = ClinicianAccess.objects.get()
    runner_client.post(reverse("sharing:revoke", args=[access.pk]))
    access.refresh_from_db()
    first_revoked_at = access.revoked_at

    again = runner_client.post(reverse("sharing:revoke", args=[access.pk]))

    assert again.status_code == 302
    access.refresh_from_db()
    assert access.revoked_at == first_revoked_at
