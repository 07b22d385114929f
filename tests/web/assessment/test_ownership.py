"""Only the owner reaches an assessment: anyone else gets a 404, anonymous the login page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hipfirst.web.assessment import services
from hipfirst.web.assessment.models import Assessment
from tests.web.assessment.answers import example, step_posts
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished() -> Assessment:
    """A completed assessment of one runner."""
    owner = make_runner("owner@example.org")
    assessment = services.start_assessment(owner)
    client = Client()
    client.force_login(owner)
    for step, data in step_posts(example("clean")).items():
        client.post(reverse("assessment:step", args=[assessment.pk, step]), data)
    return assessment


def _urls(pk: int) -> list[tuple[str, str]]:
    steps = [
        ("get", reverse("assessment:step", args=[pk, s]))
        for s in ("profile", "red_flags", "symptoms", "kujala")
    ]
    return [
        *steps,
        ("post", reverse("assessment:step", args=[pk, "profile"])),
        ("get", reverse("assessment:results", args=[pk])),
        ("post", reverse("assessment:clearance", args=[pk])),
    ]


def test_the_owner_reaches_every_page(client: Client, finished: Assessment) -> None:
    """The owner gets the pages (200) of their own assessment."""
    client.force_login(finished.runner)

    assert all(
        client.get(url).status_code == 200 for method, url in _urls(finished.pk) if method == "get"
    )


def test_another_runner_gets_404_everywhere(client: Client, finished: Assessment) -> None:
    """A second logged-in runner gets 404 on every page and post, and changes nothing."""
    client.force_login(make_runner("other@example.org"))

    statuses = [getattr(client, method)(url).status_code for method, url in _urls(finished.pk)]
    finished.refresh_from_db()

    assert set(statuses) == {404}
    assert finished.clinician_cleared_on is None


def test_anonymous_visitors_are_sent_to_log_in(client: Client, finished: Assessment) -> None:
    """Without a session every assessment URL redirects to the login page."""
    responses = [getattr(client, method)(url) for method, url in _urls(finished.pk)]

    assert all(r.status_code == 302 for r in responses)
    assert all(r["Location"].startswith(reverse("accounts:login")) for r in responses)


def test_the_list_shows_only_the_runners_own_assessments(
    client: Client, finished: Assessment
) -> None:
    """Another runner's list does not show the owner's assessment."""
    client.force_login(make_runner("other@example.org"))

    assert list(client.get(reverse("assessment:list")).context["assessments"]) == []
