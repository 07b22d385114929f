"""What the lists hold for each person: the clinician's runners, and nothing mixed in.

The access matrix (``tests/web/test_access_matrix.py``) says who gets which answer from
every page and endpoint; these say what the lists about the caller's own account show.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hipfirst.web.accounts.models import User
from hipfirst.web.api import services as api_services
from tests.web.api.people import bearer
from tests.web.sharing.people import Cast, cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> Cast:
    return cast()


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_clinicians_list_shows_key_figures(people: Cast) -> None:
    """The clinician's Sharing page lists the runner with Kujala and open warning signs."""
    page = _as(people.clinician).get(reverse("sharing:home")).content.decode()

    assert "runner@example.org" in page
    assert "56" in page  # the red-flag example's Kujala score
    assert "2 open" in page


def test_a_revoked_clinicians_list_no_longer_shows_the_runner(people: Cast) -> None:
    """The former clinician's list is empty of this runner."""
    page = _as(people.revoked).get(reverse("sharing:home")).content.decode()

    assert "runner@example.org" not in page


def test_the_runners_own_list_pages_never_mix_in_shared_data(people: Cast) -> None:
    """A clinician's own Training page shows their runs only, not the runner's."""
    response = _as(people.clinician).get(reverse("training:runs"))

    assert list(response.context["page"].object_list) == []


def test_the_api_lists_of_a_clinician_are_their_own(people: Cast) -> None:
    """A clinician's /me, tokens and clinicians are their own; their runners list the runner."""
    spare = api_services.create_token(people.runner, "spare").row
    client = bearer(people.clinician)

    assert client.get("/api/v1/me").json()["id"] == people.clinician.pk
    assert spare.pk not in [t["id"] for t in client.get("/api/v1/tokens").json()]
    assert client.get("/api/v1/sharing/clinicians").json() == []
    assert [r["runner_id"] for r in client.get("/api/v1/runners").json()] == [people.runner.pk]


def test_another_runner_lists_no_runners_and_no_clinicians(people: Cast) -> None:
    """A stranger's own API lists are empty: nothing of the runner's leaks into them."""
    client = bearer(people.other)

    assert client.get("/api/v1/runners").json() == []
    assert client.get("/api/v1/sharing/clinicians").json() == []
    assert client.get("/api/v1/assessments").json() == []
    assert client.get("/api/v1/activities").json() == {"count": 0, "items": []}
