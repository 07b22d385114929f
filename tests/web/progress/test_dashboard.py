"""The progress dashboard: every section with its chart and table, or "not started yet"."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.core.kujala import AKPS_MCID_POINTS
from hipfirst.web.progress.dashboard import runner_progress
from hipfirst.web.progress.figures import progress_charts
from tests.web.factories import make_runner
from tests.web.programme.builders import finished_assessment
from tests.web.progress.builders import History, runner_with_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history() -> History:
    return runner_with_history("mia@example.org")


def _dashboard(client: Client) -> str:
    response = client.get(reverse("progress:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_every_section_has_a_chart_and_a_table_of_the_same_figures(
    client: Client, history: History
) -> None:
    """Pain, Kujala, adherence, distance and cadence each draw an SVG and a table."""
    client.force_login(history.runner)

    page = _dashboard(client)

    for table in ("pain", "kujala", "adherence", "distance", "cadence"):
        assert f'id="{table}-table"' in page
    assert page.count("<svg") == 5
    assert page.count('role="img"') == 5


def test_the_page_has_no_inline_script_or_style(client: Client, history: History) -> None:
    """The CSP allows our own files only: no <script> blocks, no style attributes."""
    client.force_login(history.runner)

    page = _dashboard(client)

    assert "<script" not in page
    assert "style=" not in page


def test_the_report_button_points_at_the_pdf(client: Client, history: History) -> None:
    """The dashboard offers the physio report."""
    client.force_login(history.runner)

    page = _dashboard(client)

    assert "Download the report for your physio" in page
    assert reverse("progress:report") in page


def test_a_new_runner_sees_not_started_yet_in_every_section(client: Client) -> None:
    """Without data nothing is drawn, and no figure reads 0 for "unknown"."""
    client.force_login(make_runner())

    page = _dashboard(client)

    assert page.count("Not started yet.") == 6
    assert "<svg" not in page


def test_the_kujala_history_shows_the_change_against_the_mcid(history: History) -> None:
    """The second score is 14 points up: a change people notice, shaded band ±10."""
    progress = runner_progress(history.runner, viewer=history.runner, now=timezone.now())

    chart = progress_charts(progress).kujala

    assert [row.score for row in progress.kujala] == [79, 93]
    assert progress.kujala_change is not None
    assert progress.kujala_change.difference_points == 14
    assert chart is not None
    assert chart.shade is not None
    assert f"within {AKPS_MCID_POINTS} points" in chart.shade.label


def test_pain_combines_the_knee_check_and_next_morning_logs(history: History) -> None:
    """The knee check gives usual and worst; each run's next morning is the day after."""
    progress = runner_progress(history.runner, viewer=history.runner, now=timezone.now())
    by_day = {row.on: row for row in progress.pain}

    knee_check = by_day[history.today - timedelta(days=42)]
    after_run = by_day[history.today - timedelta(days=19)]

    assert (knee_check.usual_0_10, knee_check.worst_0_10) == (3, 6)
    assert after_run.next_morning_0_10 == 2
    assert after_run.usual_0_10 is None


def test_adherence_counts_the_logged_sessions(history: History) -> None:
    """Every session before yesterday was logged: done equals due minus the open ones."""
    progress = runner_progress(history.runner, viewer=history.runner, now=timezone.now())

    assert progress.programme is not None
    assert progress.programme.sessions_due >= progress.programme.sessions_done > 0
    assert progress.programme.weeks[0].adherence_pct == 100


def test_a_red_flag_in_a_later_knee_check_shows_the_plan_paused(
    client: Client, history: History
) -> None:
    """A warning sign stops the plan; the dashboard says so instead of adherence."""
    finished_assessment(history.runner, "red-flag", on=history.today)
    client.force_login(history.runner)

    page = _dashboard(client)

    assert "Your plan is paused until a clinician has seen you" in page
    assert 'id="adherence-table"' not in page


def test_cadence_shows_the_target_over_the_easy_run_cadence(
    client: Client, history: History
) -> None:
    """The imported run's cadence gives a target the page states."""
    progress = runner_progress(history.runner, viewer=history.runner, now=timezone.now())
    client.force_login(history.runner)

    page = _dashboard(client)

    assert progress.cadence.target is not None
    assert re.search(rf"your target is <strong>{progress.cadence.target.target_spm}</strong>", page)


def test_days_count_on_the_date_given(history: History) -> None:
    """Read as of the plan's second day, adherence counts only the sessions due by then."""
    early = datetime.combine(history.plan.start + timedelta(days=1), time(12), tzinfo=UTC)

    progress = runner_progress(history.runner, viewer=history.runner, now=early)

    assert progress.today == early.date()
    assert progress.programme is not None
    assert progress.programme.sessions_due <= 1
