"""The running-volume plan and the whole training-load report (issue 6)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.load import DailyRunning, Run, daily_running, single_run_spike
from hipfirst.core.load_report import load_report_as_json, training_load_report
from hipfirst.core.load_thresholds import read_load_thresholds
from hipfirst.core.pain import PainLog
from hipfirst.core.volume import PlanStep, VolumePlan, running_volume_plan
from tests.strategies import run_distances_km

TODAY = date(2024, 6, 30)  # a Sunday: the plan starts on Monday 1 July
MILE_KM = 1.609344


def runs(*days_ago_km: tuple[int, float]) -> list[Run]:
    """Runs at 07:00 UTC, each ``days_ago`` days before TODAY."""
    start = datetime(2024, 6, 30, 7, tzinfo=UTC)
    return [Run(start - timedelta(days=ago), km, km * 360) for ago, km in days_ago_km]


def daily(*days_ago_km: tuple[int, float]) -> DailyRunning:
    return daily_running(runs(*days_ago_km), tz=UTC)


def three_a_week(weeks: int, km: float, *, newest: int = 0) -> list[tuple[int, float]]:
    """Runs of ``km`` on 3 days a week for ``weeks`` weeks, the newest ``newest`` days ago."""
    return [(newest + 7 * w + d, km) for w in range(weeks) for d in (0, 2, 4)]


def pain(days_ago: int, score: int) -> PainLog:
    return PainLog(TODAY - timedelta(days=days_ago), score)


def plan(days: DailyRunning, *logs: PainLog, weeks: int = 8) -> VolumePlan:
    return running_volume_plan(days, logs, today=TODAY, weeks=weeks)


STEADY_30_KM = daily(*three_a_week(6, 10.0))  # 30 km a week, longest run 10 km


# The plan's shape


@pytest.mark.parametrize("weeks", [3, 13])
def test_a_plan_shorter_than_4_or_longer_than_12_weeks_is_refused(weeks: int) -> None:
    """Issue 6 asks for 4 to 12 weeks."""
    with pytest.raises(InvalidAnswer) as raised:
        plan(STEADY_30_KM, weeks=weeks)

    assert raised.value.field == "plan_weeks"


@pytest.mark.parametrize("today", [date(2024, 6, 24), date(2024, 6, 26), date(2024, 6, 30)])
def test_the_plan_starts_on_the_monday_after_today(today: date) -> None:
    """From any day of a week, the plan's weeks start on the following Mondays."""
    weeks = running_volume_plan(STEADY_30_KM, today=today, weeks=4).weeks

    assert [w.week_start for w in weeks] == [
        date(2024, 7, 1) + timedelta(weeks=i) for i in range(4)
    ]


# Walk–run


def test_a_runner_without_any_runs_starts_with_walk_run_phase_1() -> None:
    """Three sessions of one mile, walking 2 minutes and running 3."""
    first = plan(daily()).weeks[0]

    assert first.walk_run is not None
    assert (first.walk_run.phase, first.walk_run.walk_min, first.walk_run.run_min) == (1, 2, 3)
    assert (first.distance_km, first.long_run_km) == pytest.approx((3 * MILE_KM, MILE_KM))


def test_four_weeks_without_a_run_restart_with_walk_run() -> None:
    """A runner whose last run was 29 days ago starts again at phase 1."""
    result = plan(daily(*three_a_week(4, 10.0, newest=29)))

    assert result.step is PlanStep.WALK_RUN
    assert result.advice.startswith("No run in the last 4 weeks")


def test_pain_above_5_sends_even_a_high_volume_runner_to_walk_run() -> None:
    """7/10 during a run is more than the pain-monitoring model allows."""
    result = plan(daily(*three_a_week(6, 15.0)), pain(1, 7))

    assert result.step is PlanStep.WALK_RUN
    assert result.weeks[0].walk_run is not None
    assert result.weeks[0].walk_run.phase == 1


def test_pain_above_5_logged_today_already_changes_next_weeks_plan() -> None:
    """The plan reacts to today's log, not only to yesterday's."""
    result = plan(daily(*three_a_week(6, 15.0)), pain(0, 6))

    assert result.step is PlanStep.WALK_RUN


def test_a_week_of_walk_run_with_safe_pain_moves_on_a_phase() -> None:
    """After a break, a full week of runs with pain at 2/10 leads to phase 2."""
    days = daily((60, 5.0), (8, MILE_KM), (6, MILE_KM), (4, MILE_KM))

    first = plan(days, pain(6, 2)).weeks[0]

    assert first.walk_run is not None
    assert first.walk_run.phase == 2


def test_a_week_of_walk_run_without_pain_logged_repeats_the_phase() -> None:
    """Moving on needs runs known to be within the safe band."""
    days = daily((60, 5.0), (8, MILE_KM), (6, MILE_KM), (4, MILE_KM))

    first = plan(days).weeks[0]

    assert first.walk_run is not None
    assert first.walk_run.phase == 1


def test_worsening_pain_in_walk_run_goes_back_a_phase() -> None:
    """A safe week moves to phase 2; pain rising to 4/10 the next week goes back to phase 1."""
    walk_runs = [(d, MILE_KM) for d in (15, 13, 11, 8, 6, 4)]
    days = daily((70, 5.0), *walk_runs)

    first = plan(days, pain(12, 2), pain(5, 4)).weeks[0]

    assert first.walk_run is not None
    assert first.walk_run.phase == 1


def test_six_safe_weeks_of_walk_run_lead_back_to_continuous_running() -> None:
    """After phase 6 the plan is continuous running, rising from three times 2 miles."""
    walk_runs = three_a_week(7, 2 * MILE_KM)  # the return began 46 days ago: six full weeks
    logs = [pain(7 * w + 2, 2) for w in range(7)]

    result = plan(daily((80, 5.0), *walk_runs), *logs)

    assert result.step is PlanStep.FORWARD
    assert result.weeks[0].walk_run is None


def test_walk_run_phases_follow_one_a_week_then_continuous_running() -> None:
    """An 8-week plan from phase 1: six phases, then two weeks of continuous running."""
    weeks = plan(daily()).weeks

    assert [w.walk_run.phase if w.walk_run else None for w in weeks] == [
        1,
        2,
        3,
        4,
        5,
        6,
        None,
        None,
    ]
    assert weeks[6].distance_km == pytest.approx(3 * 2 * MILE_KM * 1.1)


def test_a_runner_already_far_beyond_walk_run_is_not_sent_back_to_it() -> None:
    """After a break, running 30 km a week again without pain logged is continuous running."""
    days = daily((80, 10.0), *three_a_week(3, 10.0))

    assert plan(days).step is PlanStep.HOLD


# Continuous running


def test_pain_in_the_safe_band_lets_the_next_week_rise_by_10_percent() -> None:
    """30 km a week with pain at 2/10 plans 33 km, with a long run of at most 11 km."""
    result = plan(STEADY_30_KM, pain(1, 2))

    assert result.step is PlanStep.FORWARD
    assert (result.weeks[0].distance_km, result.weeks[0].long_run_km) == pytest.approx((33, 11))


@pytest.mark.parametrize("logs", [(), (pain(1, 5),)])
def test_acceptable_or_unlogged_pain_holds_the_distance(logs: tuple[PainLog, ...]) -> None:
    """Pain of 4-5/10, or none logged, keeps 30 km and a 10 km long run."""
    result = plan(STEADY_30_KM, *logs)

    assert result.step is PlanStep.HOLD
    assert (result.weeks[0].distance_km, result.weeks[0].long_run_km) == (30, 10)


def test_worsening_pain_steps_back_one_step() -> None:
    """Pain rising from 2/10 to 4/10 takes 30 km back to 30/1.1 km."""
    result = plan(STEADY_30_KM, pain(9, 2), pain(1, 4))

    assert result.step is PlanStep.STEP_BACK
    assert result.weeks[0].distance_km == pytest.approx(30 / 1.1)


def test_a_spike_week_is_not_built_on() -> None:
    """After 20 km then 40 km, the plan continues from 22 km, what a 10% rise would have given."""
    days = daily(*three_a_week(3, 20 / 3, newest=7), (6, 15.0), (3, 15.0), (1, 10.0))

    assert plan(days).weeks[0].distance_km == pytest.approx(22)


def test_after_a_quiet_week_the_plan_starts_from_the_four_week_average() -> None:
    """Three 30 km weeks and a week off give 90/4 = 22.5 km."""
    days = daily(*three_a_week(3, 10.0, newest=7))

    assert plan(days).weeks[0].distance_km == pytest.approx(22.5)


def test_the_long_run_cap_ignores_a_run_that_leaves_the_30_day_window_during_the_week() -> None:
    """A 20 km run 26 days ago is outside the 30 days before next Sunday, so 5 km sets the cap."""
    days = daily((26, 20.0), *three_a_week(3, 5.0))

    assert plan(days, pain(1, 1)).weeks[0].long_run_km == pytest.approx(5.5)


@given(km=run_distances_km, weeks=st.integers(4, 12))
def test_each_planned_week_rises_by_at_most_10_percent(km: float, weeks: int) -> None:
    """Distance and long run rise by no more than the published limits, week on week."""
    result = plan(daily(*three_a_week(6, km)), pain(1, 0), weeks=weeks)

    for before, after in zip(result.weeks, result.weeks[1:], strict=False):
        assert after.distance_km <= before.distance_km * 1.1 + 1e-9
        assert after.long_run_km <= before.long_run_km * 1.1 + 1e-9
        assert after.long_run_km <= after.distance_km


@given(
    history=st.lists(st.tuples(st.integers(0, 40), run_distances_km), min_size=1, max_size=30),
    long_run_days=st.lists(st.integers(0, 6), min_size=12, max_size=12),
    score=st.integers(0, 3),
)
def test_following_the_plan_never_makes_a_single_run_spike(
    history: list[tuple[int, float]], long_run_days: list[int], score: int
) -> None:
    """Each continuous week's long run, on any day of it, stays within 10% of the 30 days before.

    Walk–run weeks are left out: Crowell's table steps up by more than 10% on purpose.
    """
    weeks = plan(daily(*history), pain(1, score), weeks=12).weeks
    planned = [
        Run(datetime(2024, 7, 1, 7, tzinfo=UTC) + timedelta(weeks=i, days=day), w.long_run_km, 3600)
        for i, (w, day) in enumerate(zip(weeks, long_run_days, strict=True))
    ]
    longest = daily_running([*runs(*history), *planned], tz=UTC).longest_run_km

    for run, week in zip(planned, weeks, strict=True):
        spike = single_run_spike(longest, on=run.start.date()) if week.walk_run is None else None
        assert spike is None or spike.increase_pct <= 10


# The whole report


def report_json(*days_ago_km: tuple[int, float], logs: tuple[PainLog, ...] = ()) -> Any:
    """The report on TODAY as the CLI would print it, read back; Any, as it is JSON again."""
    report = training_load_report(runs(*days_ago_km), today=TODAY, tz=UTC, pain_logs=logs)
    return json.loads(json.dumps(load_report_as_json(report)))


def test_the_json_has_every_key_issue_6_asks_for() -> None:
    """weeks, acwr, weekly_change_pct, spike, risk and plan, with their inner keys."""
    document = report_json(*three_a_week(6, 10.0), logs=(pain(1, 2),))

    assert {"weeks", "acwr", "weekly_change_pct", "spike", "risk", "plan"} <= document.keys()
    assert {"week_start", "distance_km", "runs"} <= document["weeks"][0].keys()
    assert {"rolling", "ewma"} <= document["acwr"].keys()
    assert document["risk"]["level"] in {"low", "moderate", "high"}
    component = document["risk"]["components"][0]
    assert set(component) == {"id", "value", "zone", "advice", "source"}
    assert {"week_start", "distance_km", "long_run_km"} <= document["plan"][0].keys()


def test_a_first_week_without_history_reads_null_not_zero() -> None:
    """Three runs this week give weeks and a plan, but no ratio, change or spike yet."""
    document = report_json((5, 5.0), (3, 5.0), (1, 6.0))

    assert document["acwr"] == {"rolling": None, "ewma": None, "uncoupled": None}
    assert (document["weekly_change_pct"], document["spike"]) == (None, None)
    assert document["weeks"] == [
        {"week_start": "2024-06-24", "distance_km": 16.0, "duration_s": 5760.0, "runs": 3}
    ]


def test_a_spike_shows_with_its_run_and_baseline() -> None:
    """A 15 km run after a longest of 10 km in 30 days is a 50% spike on its date."""
    document = report_json(*three_a_week(6, 10.0, newest=3), (1, 15.0))

    assert document["spike"] == {
        "date": "2024-06-29",
        "distance_km": 15.0,
        "longest_prior_30d_km": 10.0,
        "increase_pct": 50.0,
    }


def test_a_run_within_10_percent_is_not_a_spike() -> None:
    """A 10.5 km run after 10 km ones leaves ``spike`` null."""
    assert report_json(*three_a_week(6, 10.0, newest=3), (1, 10.5))["spike"] is None


def test_the_report_takes_the_runners_time_zone_for_its_weeks() -> None:
    """A run at 23:30 UTC on Sunday is Monday in Auckland, so it opens a new week there."""
    late = [Run(datetime(2024, 6, 23, 23, 30, tzinfo=UTC), 5, 1800)]

    in_utc = training_load_report(late, today=TODAY, tz=UTC).weeks
    in_auckland = training_load_report(late, today=TODAY, tz=ZoneInfo("Pacific/Auckland")).weeks

    assert (in_utc[0].week_start, in_auckland[0].week_start) == (
        date(2024, 6, 17),
        date(2024, 6, 24),
    )


def test_the_report_reads_its_thresholds_from_the_data_file() -> None:
    """The plan's first forward step is the file's weekly limit."""
    limit = read_load_thresholds().change_moderate_above_pct
    report = training_load_report(
        runs(*three_a_week(6, 10.0)), today=TODAY, tz=UTC, pain_logs=[pain(1, 1)]
    )

    assert report.plan.weeks[0].distance_km == pytest.approx(30 * (1 + limit / 100))
