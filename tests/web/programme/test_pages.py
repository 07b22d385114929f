"""The exercise pages and the primer page, as a runner without script reads them."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from hipfirst.core.exercises import EXERCISES
from hipfirst.core.primer import PRIMER
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner_client(client: Client) -> Client:
    client.force_login(make_runner())
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_every_exercise_page_shows_its_checks_and_illustration(
    runner_client: Client, exercise_id: str
) -> None:
    """Each library exercise has a page with its checks and a drawing that exists."""
    exercise = EXERCISES[exercise_id]

    page = _page(runner_client, reverse("programme:exercise", args=[exercise_id]))

    assert "You’re cheating if…" in page
    assert f"hipfirst/exercises/{exercise.movement.value}.svg" in page
    assert finders.find(f"hipfirst/exercises/{exercise.movement.value}.svg") is not None
    assert "../shared/science" not in page


def test_a_measured_exercise_shows_its_gta_index_and_source(runner_client: Client) -> None:
    """The clam shows GTA index 115 and the Selkowitz 2013 citation."""
    page = _page(runner_client, reverse("programme:exercise", args=["clam"]))

    assert '<p class="score" id="gta-index">115</p>' in page
    assert "Selkowitz DM, Beneck GJ, Powers CM." in page


def test_an_unmeasured_exercise_says_not_measured(runner_client: Client) -> None:
    """An exercise without a verified GTA index says so, never a number."""
    page = _page(runner_client, reverse("programme:exercise", args=["side_lying_hip_abduction"]))

    assert "<strong>Not measured.</strong>" in page


def test_an_unknown_exercise_is_404(runner_client: Client) -> None:
    """A made-up exercise id has no page."""
    response = runner_client.get(reverse("programme:exercise", args=["moonwalk"]))

    assert response.status_code == 404


def test_the_primer_lists_every_step_without_script(runner_client: Client) -> None:
    """The steps are in the page itself; the timer stays hidden until its script runs."""
    page = _page(runner_client, reverse("programme:primer"))

    assert page.count('class="primer-step ') == len(PRIMER.steps)
    assert 'id="primer-player" class="card primer-player" hidden' in page
    assert "hipfirst/primer.js" in page
    assert "<script>" not in page
