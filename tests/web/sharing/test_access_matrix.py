"""Who reaches a runner's data: owner, invited clinician (read-only), and nobody else."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hipfirst.web.movement.models import MovementCheckRecord
from hipfirst.web.programme.models import SessionRecord
from hipfirst.web.training.models import RunPain
from tests.web.sharing.people import Cast, cast, read_urls, write_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> Cast:
    return cast()


def _as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_owner_reads_every_page(people: Cast) -> None:
    """The runner gets 200 on each URL that shows their data."""
    client = _as(people.runner)

    assert [client.get(url).status_code for url in read_urls(people)] == [200] * len(
        read_urls(people)
    )


def test_anonymous_visitors_are_sent_to_log_in(people: Cast) -> None:
    """Without a session every URL redirects to the login page."""
    responses = [_as(None).get(url) for url in read_urls(people)]

    assert all(r.status_code == 302 for r in responses)
    assert all(r["Location"].startswith(reverse("accounts:login")) for r in responses)


def test_another_runner_gets_404_everywhere(people: Cast) -> None:
    """A logged-in stranger gets 404 on every read URL."""
    client = _as(people.other)

    assert {client.get(url).status_code for url in read_urls(people)} == {404}


def test_an_invited_clinician_reads_every_page(people: Cast) -> None:
    """The invited clinician gets 200 on every read URL, and the HTML pages say read-only."""
    client = _as(people.clinician)
    responses = [client.get(url) for url in read_urls(people)]

    assert [r.status_code for r in responses] == [200] * len(read_urls(people))
    html = [r.content.decode() for r in responses if r["Content-Type"].startswith("text/html")]
    assert all('id="read-only"' in page for page in html)


def test_an_invited_clinician_cannot_change_anything(people: Cast) -> None:
    """Every writing request of the clinician gets 404 and changes nothing."""
    client = _as(people.clinician)

    statuses = [
        getattr(client, m)(url, data).status_code for m, url, data in write_requests(people)
    ]
    people.assessment.refresh_from_db()

    assert set(statuses) == {404}
    assert people.assessment.clinician_cleared_on is None
    assert not RunPain.objects.exists()
    assert not SessionRecord.objects.exists()
    assert MovementCheckRecord.objects.filter(pk=people.movement.pk).exists()


def test_a_revoked_clinician_gets_404_everywhere(people: Cast) -> None:
    """After the runner removes access, the former clinician gets 404 on every URL."""
    client = _as(people.revoked)

    assert {client.get(url).status_code for url in read_urls(people)} == {404}


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
