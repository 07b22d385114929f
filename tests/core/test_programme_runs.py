"""Laying the safe-volume plan onto the programme's free days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.programme_rules import Weekday
from hipfirst.core.programme_runs import VolumeWeek, planned_runs

MONDAY = date(2026, 11, 30)
MWF = frozenset({Weekday.MON, Weekday.WED, Weekday.FRI})


def test_runs_avoid_strength_days_and_the_long_run_comes_last() -> None:
    """With sessions Mon/Wed/Fri and three runs, runs fall on free days, the longest last."""
    runs = planned_runs([VolumeWeek(MONDAY, 20.0, 8.0)], session_days=MWF, runs_per_week=3)

    weekdays = [run.on.weekday() for run in runs]
    assert all(day not in (0, 2, 4) for day in weekdays)
    assert runs[-1].distance_km == 8.0
    assert [run.distance_km for run in runs[:-1]] == [6.0, 6.0]


def test_a_week_with_nothing_to_run_has_no_runs() -> None:
    """A zero-distance week (a rest week) adds no run."""
    assert planned_runs([VolumeWeek(MONDAY, 0.0, 0.0)], session_days=MWF, runs_per_week=3) == ()


def test_a_single_run_a_week_is_the_long_run_capped_by_the_week() -> None:
    """One run a week: it is at most the long-run cap and at most the week's distance."""
    runs = planned_runs([VolumeWeek(MONDAY, 5.0, 8.0)], session_days=MWF, runs_per_week=1)

    assert [run.distance_km for run in runs] == [5.0]


weeks_strategy = st.lists(
    st.builds(
        lambda n, km, share: VolumeWeek(MONDAY + timedelta(weeks=n), km, km * share),
        st.integers(0, 11),
        st.floats(0, 80),
        st.floats(0.1, 1.0),
    ),
    max_size=12,
    unique_by=lambda week: week.week_start,
)


@given(
    weeks=weeks_strategy,
    days=st.frozensets(st.sampled_from(Weekday)),
    per_week=st.integers(1, 7),
)
def test_runs_never_exceed_the_weeks_limits(weeks, days, per_week) -> None:
    """Each week's runs add up to at most its distance, each at most the long-run cap."""
    runs = planned_runs(weeks, session_days=days, runs_per_week=per_week)

    for week in weeks:
        inside = [r for r in runs if week.week_start <= r.on < week.week_start + timedelta(days=7)]
        assert sum(r.distance_km or 0 for r in inside) <= week.distance_km + 0.1 * len(inside)
        assert all((r.distance_km or 0) <= max(week.long_run_km, 0) + 0.05 for r in inside)
        assert len({r.on for r in inside}) == len(inside)


@pytest.mark.parametrize("per_week", [1, 2, 3, 4])
def test_the_number_of_runs_is_kept_when_days_allow(per_week: int) -> None:
    """Four free days hold up to four runs a week."""
    runs = planned_runs([VolumeWeek(MONDAY, 30.0, 10.0)], session_days=MWF, runs_per_week=per_week)

    assert len(runs) == per_week
