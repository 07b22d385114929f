"""Logging knee pain on a run, and the volume plan reading it."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.accounts.models import User
from hipfirst.web.training.models import Activity, RunPain
from tests.web.factories import make_run, make_runner

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner(client: Client) -> User:
    runner = make_runner("pia@example.org")
    client.force_login(runner)
    end = timezone.now().astimezone(UTC) - timedelta(hours=3)
    for day in range(0, 42, 2):
        make_run(runner, end - timedelta(days=day), 6.0)
    return runner


def _latest(runner: User) -> Activity:
    return Activity.objects.filter(runner=runner).order_by("-start").first()  # type: ignore[return-value]


def _plan_step(client: Client) -> str:
    return str(client.get(reverse("training:load")).context["load"].report.plan.step)


def test_logging_pain_on_a_run_saves_it(client: Client, runner: User) -> None:
    """During, after and next-morning pain are stored against the run."""
    run = _latest(runner)

    client.post(reverse("training:run", args=[run.pk]), {"during_0_10": "2", "after_0_10": "1"})

    pain = RunPain.objects.get(activity=run)
    assert (pain.during_0_10, pain.after_0_10, pain.next_morning_0_10) == (2, 1, None)


def test_pain_out_of_range_is_refused_on_its_field(client: Client, runner: User) -> None:
    """11 out of 10 re-renders with the error on that field and stores nothing."""
    response = client.post(
        reverse("training:run", args=[_latest(runner).pk]), {"during_0_10": "11"}
    )

    assert "during_0_10" in response.context["pain_form"].errors
    assert not RunPain.objects.exists()


def test_high_pain_steps_the_plan_back(client: Client, runner: User) -> None:
    """Pain above the acceptable level on the latest run makes the plan step back."""
    before = _plan_step(client)

    client.post(reverse("training:run", args=[_latest(runner).pk]), {"during_0_10": "7"})
    report = client.get(reverse("training:load")).context["load"].report
    pain = next(c for c in report.risk.components if c.id == "pain_trend")

    assert before != str(report.plan.step)
    assert pain.zone == "high"


def test_another_runner_cannot_log_pain_on_my_run(client: Client, runner: User) -> None:
    """A second runner posting to my run gets a 404 and changes nothing."""
    run = _latest(runner)
    other = Client()
    other.force_login(make_runner("other@example.org"))

    response = other.post(reverse("training:run", args=[run.pk]), {"during_0_10": "9"})

    assert response.status_code == 404
    assert not RunPain.objects.exists()
