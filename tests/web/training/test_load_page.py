"""The training-load page: risk with advice, the weekly chart and table, the plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.accounts.models import User
from tests.web.factories import make_run, make_runner

pytestmark = pytest.mark.django_db


def _steady_weeks(runner: User, weeks: int, *, km: float = 8.0) -> None:
    """Three runs a week for ``weeks`` weeks, ending yesterday."""
    end = timezone.now().astimezone(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for day in range(1, weeks * 7 + 1):
        if day % 7 in (1, 3, 5):
            make_run(runner, end - timedelta(days=day), km)


@pytest.fixture
def runner_client(client: Client) -> tuple[Client, User]:
    runner = make_runner("lena@example.org")
    client.force_login(runner)
    return client, runner


def test_without_runs_the_page_asks_for_an_import(runner_client) -> None:
    """No runs: a plain request to import, not an empty score."""
    client, _ = runner_client

    page = client.get(reverse("training:load")).content.decode()

    assert "Import training files" in page
    assert "risk-level" not in page


def test_steady_running_reads_low_with_every_component_explained(runner_client) -> None:
    """Eight steady weeks: low, and each component (pain only once logged) with advice."""
    client, runner = runner_client
    _steady_weeks(runner, 8)

    response = client.get(reverse("training:load"))
    report = response.context["load"].report

    assert report.risk.level == "low"
    assert {c.id for c in report.risk.components} == {
        "single_run_spike",
        "acwr",
        "weekly_change",
        "consistency",
    }
    assert all(c.advice and c.source for c in report.risk.components)
    assert "associated with" in response.content.decode()
    assert "predicts an injury" in response.content.decode()


def test_a_sudden_long_run_is_flagged_with_advice(runner_client) -> None:
    """A run three times the longest of the last 30 days shows the spike as high."""
    client, runner = runner_client
    _steady_weeks(runner, 6)
    make_run(runner, timezone.now() - timedelta(hours=2), 24.0)

    report = client.get(reverse("training:load")).context["load"].report
    spike = next(c for c in report.risk.components if c.id == "single_run_spike")

    assert spike.zone == "high"
    assert report.risk.level == "high"


def test_the_chart_has_a_table_with_the_same_weeks(runner_client) -> None:
    """Each bar of the chart is a row of the table beside it."""
    client, runner = runner_client
    _steady_weeks(runner, 10)

    response = client.get(reverse("training:load"))
    page = response.content.decode()

    weeks = response.context["load"].recent_weeks
    assert len(response.context["chart"].bars) == len(weeks)
    assert page.count("<title>week of") == len(weeks)
    assert sum(row.distance_km for row in weeks) == pytest.approx(10 * 3 * 8.0, abs=8.0)


def test_the_plan_lists_each_week_with_its_caps(runner_client) -> None:
    """The volume plan shows a distance and a long-run cap for each of its weeks."""
    client, runner = runner_client
    _steady_weeks(runner, 8)

    response = client.get(reverse("training:load"))
    plan = response.context["load"].report.plan

    assert len(plan.weeks) == 8
    assert all(week.long_run_km <= week.distance_km for week in plan.weeks)
    assert 'id="volume-plan"' in response.content.decode()


def test_another_runners_runs_never_count(runner_client) -> None:
    """Runs of someone else do not appear in this runner's load."""
    client, _ = runner_client
    other = make_runner("other@example.org")
    _steady_weeks(other, 8)

    page = client.get(reverse("training:load")).content.decode()

    assert "Import training files" in page


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    """The load page needs a login."""
    response = client.get(reverse("training:load"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_weeks_start_on_monday_in_the_runs_time_zone(runner_client) -> None:
    """A run at 23:30 UTC on a Sunday, recorded at UTC+2, counts in the next week."""
    client, runner = runner_client
    sunday = datetime(2026, 11, 15, 23, 30, tzinfo=UTC)  # Monday 01:30 at UTC+2
    run = make_run(runner, sunday, 10.0)
    run.utc_offset_s = 7200
    run.save()

    weeks = client.get(reverse("training:load")).context["load"].report.weeks
    week = next(w for w in weeks if w.distance_km > 0)

    assert week.week_start.isoformat() == "2026-11-16"
