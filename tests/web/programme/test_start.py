"""Starting a plan: from the latest finished knee check, never while a red flag is open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.programme.models import Plan
from tests.web.factories import make_runner
from tests.web.programme.builders import finished_assessment, started_plan

pytestmark = pytest.mark.django_db


def _start(client: Client, **data: object):
    today = timezone.localdate()
    return client.post(
        reverse("programme:start"),
        {"start": today.isoformat(), "days": ["mon", "wed", "fri"], **data},
    )


def test_a_clean_knee_check_starts_a_plan(client: Client) -> None:
    """A valid form stores the plan with its days and kit and opens its page."""
    runner = make_runner()
    finished_assessment(runner, on=timezone.localdate())
    client.force_login(runner)

    response = _start(client, equipment=["band"])
    plan = Plan.objects.get(runner=runner)

    assert response["Location"] == reverse("programme:plan", args=[plan.pk])
    assert plan.days == ["mon", "wed", "fri"]
    assert plan.equipment == ["band"]


def test_a_red_flag_shows_the_referral_instead_of_the_form(client: Client) -> None:
    """An open red flag shows whom to see, and no form to start the plan."""
    runner = make_runner()
    finished_assessment(runner, "red-flag", on=timezone.localdate())
    client.force_login(runner)

    page = client.get(reverse("programme:start")).content.decode()

    assert "Who to see:" in page
    assert "Start my plan" not in page


def test_a_red_flag_refuses_a_posted_plan(client: Client) -> None:
    """Posting the form anyway stores nothing while the red flag is open."""
    runner = make_runner()
    finished_assessment(runner, "red-flag", on=timezone.localdate())
    client.force_login(runner)

    response = _start(client)

    assert response.status_code == 200
    assert not Plan.objects.exists()


def test_a_clinicians_clearance_lets_the_plan_start(client: Client) -> None:
    """Once the runner says a clinician cleared them, the plan starts."""
    runner, today = make_runner(), timezone.localdate()
    assessment = finished_assessment(runner, "red-flag", on=today)
    assessment_services.confirm_clinician_clearance(assessment, today=today)
    client.force_login(runner)

    _start(client)

    assert Plan.objects.filter(runner=runner).exists()


def test_a_later_red_flag_pauses_a_running_plan(client: Client) -> None:
    """A warning sign in a newer knee check replaces the plan page with the referral."""
    runner, today = make_runner(), timezone.localdate()
    plan = started_plan(runner, start=today)
    finished_assessment(runner, "red-flag", on=today)
    client.force_login(runner)

    page = client.get(reverse("programme:plan", args=[plan.pk])).content.decode()

    assert "Your plan is waiting" in page
    assert "Today’s session" not in page


def test_without_a_finished_knee_check_the_page_points_to_it(client: Client) -> None:
    """A runner who has not finished a knee check is sent to do it first."""
    client.force_login(make_runner())

    page = client.get(reverse("programme:start")).content.decode()

    assert reverse("assessment:list") in page
    assert "Do the knee check first" in page


def test_no_day_chosen_is_an_error_on_the_days(client: Client) -> None:
    """Choosing no exercise day is refused, with the message on that field."""
    runner = make_runner()
    finished_assessment(runner, on=timezone.localdate())
    client.force_login(runner)

    response = _start(client, days=[])

    assert response.status_code == 400
    assert response.context["form"].errors["days"]


def test_a_start_long_ago_is_refused(client: Client) -> None:
    """A start more than two weeks back is an error on the start date."""
    runner = make_runner()
    finished_assessment(runner, on=timezone.localdate())
    client.force_login(runner)

    response = _start(client, start=(timezone.localdate() - timedelta(days=30)).isoformat())

    assert "start" in response.context["form"].errors
