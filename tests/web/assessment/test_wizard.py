"""The knee-check wizard: each step saves, errors sit on their fields, results re-score."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.assessment.models import Assessment
from tests.web.assessment.answers import example, step_posts
from tests.web.factories import make_run, make_runner

pytestmark = pytest.mark.django_db


def _start(client: Client) -> Assessment:
    client.post(reverse("assessment:start"))
    return Assessment.objects.latest("pk")


def _walk(client: Client, assessment: Assessment, name: str = "clean"):
    response = None
    for step, data in step_posts(example(name)).items():
        response = client.post(reverse("assessment:step", args=[assessment.pk, step]), data)
        assert response.status_code == 302, (
            step,
            response.context and response.context["form"].errors,
        )
    return response


@pytest.fixture
def runner_client(client: Client) -> Client:
    client.force_login(make_runner())
    return client


def test_starting_leads_to_the_first_step(runner_client: Client) -> None:
    """Starting a knee check redirects to the profile step."""
    response = runner_client.post(reverse("assessment:start"))

    assert response["Location"] == reverse(
        "assessment:step", args=[Assessment.objects.get().pk, "profile"]
    )


def test_walking_every_step_ends_on_the_results(runner_client: Client) -> None:
    """Four valid steps store the answers and redirect to the results."""
    assessment = _start(runner_client)

    response = _walk(runner_client, assessment)
    assessment.refresh_from_db()

    assert response["Location"] == reverse("assessment:results", args=[assessment.pk])
    assert assessment.profile is not None
    assert assessment.profile["age"] == example("clean")["profile"]["age"]
    assert assessment.kujala_scores.get().score == 79
    assert assessment.completed_on is not None


def test_a_saved_step_is_kept_when_the_runner_comes_back(runner_client: Client) -> None:
    """After the profile step, the list offers to carry on at the red-flag step."""
    assessment = _start(runner_client)
    runner_client.post(
        reverse("assessment:step", args=[assessment.pk, "profile"]),
        step_posts(example("clean"))["profile"],
    )

    listing = runner_client.get(reverse("assessment:list"))
    profile_again = runner_client.get(reverse("assessment:step", args=[assessment.pk, "profile"]))

    assert reverse("assessment:step", args=[assessment.pk, "red_flags"]).encode() in listing.content
    assert profile_again.context["form"].initial["age"] == example("clean")["profile"]["age"]


def test_a_bad_profile_answer_re_renders_with_its_field_error(runner_client: Client) -> None:
    """An age of 200 is refused on the age field and nothing is saved."""
    assessment = _start(runner_client)
    data = {**step_posts(example("clean"))["profile"], "age": "200"}

    response = runner_client.post(reverse("assessment:step", args=[assessment.pk, "profile"]), data)
    assessment.refresh_from_db()

    assert response.status_code == 200
    assert "age" in response.context["form"].errors
    assert assessment.profile is None


def test_an_unanswered_red_flag_question_is_an_error_not_a_no(runner_client: Client) -> None:
    """Leaving a warning-sign question blank names that question."""
    assessment = _start(runner_client)
    data = step_posts(example("clean"))["red_flags"]
    del data["locked_knee"]

    response = runner_client.post(
        reverse("assessment:step", args=[assessment.pk, "red_flags"]), data
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["locked_knee"]


def test_a_missing_kujala_answer_is_shown_on_its_item(runner_client: Client) -> None:
    """Skipping Kujala item 4 shows the error on item 4."""
    assessment = _start(runner_client)
    data = step_posts(example("clean"))["kujala"]
    del data["item_4"]

    response = runner_client.post(reverse("assessment:step", args=[assessment.pk, "kujala"]), data)

    assert list(response.context["form"].errors) == ["item_4"]


def test_results_for_a_clean_answer_set_show_the_score_and_no_banner(runner_client: Client) -> None:
    """The results page shows the Kujala score, the likely condition and no red-flag banner."""
    assessment = _start(runner_client)
    _walk(runner_client, assessment)

    page = runner_client.get(reverse("assessment:results", args=[assessment.pk])).content.decode()

    assert 'id="kujala-score">79' in page
    assert "Patellofemoral pain" in page
    assert "red-flag-heading" not in page
    assert "you have" not in page.lower()


def test_results_for_a_red_flag_show_the_banner_first(runner_client: Client) -> None:
    """A red-flag answer set puts the referral banner before everything else."""
    assessment = _start(runner_client)
    _walk(runner_client, assessment, "red-flag")

    page = runner_client.get(reverse("assessment:results", args=[assessment.pk])).content.decode()

    assert "Please see a clinician in the next few days" in page
    assert page.index("red-flag-heading") < page.index("What your answers are consistent with")
    assert "Your exercise plan waits" in page


def test_confirming_clearance_lifts_the_block(runner_client: Client) -> None:
    """Ticking 'a clinician has cleared me' records the date and allows the programme."""
    assessment = _start(runner_client)
    _walk(runner_client, assessment, "red-flag")

    runner_client.post(reverse("assessment:clearance", args=[assessment.pk]), {"confirm": "on"})
    page = runner_client.get(reverse("assessment:results", args=[assessment.pk])).content.decode()

    assert "cleared you to exercise" in page
    assert "Your 12-week hip-strength plan starts" in page


def test_clearance_without_the_tick_changes_nothing(runner_client: Client) -> None:
    """Posting the clearance form unticked re-renders with an error and stays blocked."""
    assessment = _start(runner_client)
    _walk(runner_client, assessment, "red-flag")

    response = runner_client.post(reverse("assessment:clearance", args=[assessment.pk]), {})
    assessment.refresh_from_db()

    assert response.status_code == 400
    assert assessment.clinician_cleared_on is None


def test_a_kujala_retake_shows_the_change_against_the_mcid(runner_client: Client) -> None:
    """A second Kujala 13 points higher is reported as a meaningful improvement."""
    assessment = _start(runner_client)
    _walk(runner_client, assessment)
    better = {f"item_{n}": "a" for n in range(1, 14)}  # every best answer: 100

    runner_client.post(reverse("assessment:step", args=[assessment.pk, "kujala"]), better)
    results = runner_client.get(reverse("assessment:results", args=[assessment.pk])).context[
        "results"
    ]

    assert [r.score for r in results.kujala.records] == [79, 100]
    assert results.kujala.change.difference_points == 21
    assert results.kujala.change.kind == "improved_meaningfully"


def test_an_unfinished_assessment_redirects_results_to_the_next_step(runner_client: Client) -> None:
    """Asking for results before the last step goes to the first unanswered step."""
    assessment = _start(runner_client)

    response = runner_client.get(reverse("assessment:results", args=[assessment.pk]))

    assert response["Location"] == reverse("assessment:step", args=[assessment.pk, "profile"])


def test_an_unknown_step_is_a_404(runner_client: Client) -> None:
    """A made-up step name is not found."""
    assessment = _start(runner_client)

    assert runner_client.get(f"/assessment/{assessment.pk}/nonsense/").status_code == 404


def test_results_show_the_load_risk_once_runs_are_imported(runner_client: Client) -> None:
    """With six weeks of runs the results page shows the training-load level."""
    assessment = _start(runner_client)
    _walk(runner_client, assessment)
    start = timezone.now() - timedelta(days=42)
    for day in range(0, 42, 2):
        make_run(assessment.runner, start + timedelta(days=day), 6.0)

    page = runner_client.get(reverse("assessment:results", args=[assessment.pk])).content.decode()

    assert 'id="results-load-level"' in page


def test_results_without_runs_invite_an_import(runner_client: Client) -> None:
    """Without runs the results page points to the import page instead of a score."""
    assessment = _start(runner_client)
    _walk(runner_client, assessment)

    page = runner_client.get(reverse("assessment:results", args=[assessment.pk])).content.decode()

    assert reverse("training:upload") in page
    assert 'id="results-load-level"' not in page
