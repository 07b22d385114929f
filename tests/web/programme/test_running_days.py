"""The safe-volume running plan shows on the programme's free days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hipfirst.core.programme_rules import Weekday
from hipfirst.web.programme import services
from tests.web.factories import make_run, make_runner
from tests.web.programme.builders import started_plan

pytestmark = pytest.mark.django_db

MWF = frozenset({Weekday.MON, Weekday.WED, Weekday.FRI})


def test_imported_runs_put_runs_on_days_without_a_session() -> None:
    """Six weeks of three runs a week give runs in the plan, never on a session day."""
    runner = make_runner()
    for day in range(1, 43, 2):
        make_run(runner, timezone.now() - timedelta(days=day), 6.0)
    plan = started_plan(runner, start=timezone.localdate(), days=MWF)

    weeks = services.programme(plan).weeks_plan.weeks
    runs = [run for week in weeks for run in week.runs]

    assert runs
    assert all(run.on.weekday() not in (0, 2, 4) for run in runs)


def test_without_imported_runs_the_plan_has_no_runs() -> None:
    """No training imported: no running days are made up."""
    plan = started_plan(make_runner(), start=timezone.localdate(), days=MWF)

    assert all(not week.runs for week in services.programme(plan).weeks_plan.weeks)
