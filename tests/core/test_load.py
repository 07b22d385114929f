"""Daily and weekly running, the three ratios, weekly change, spikes, monotony (issue 6)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.acwr import (
    Acwr,
    AcwrMethod,
    EwmaSeed,
    acwr_series,
    ewma_acwr,
    rolling_acwr,
    uncoupled_acwr,
)
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.load import (
    Run,
    biggest_spike,
    daily_running,
    monday_of,
    monotony_and_strain,
    single_run_spike,
    weekly_change_pct,
    weekly_loads,
)
from tests.strategies import (
    daily_distances_km,
    load_run_starts,
    run_distances_km,
    run_records,
    steady_days,
)

OSLO, BERLIN = ZoneInfo("Europe/Oslo"), ZoneInfo("Europe/Berlin")
DAY0 = date(2024, 3, 4)  # a Monday


def run_at(iso: str, km: float) -> Run:
    """A run at 10 km/h starting at an ISO 8601 time with its offset."""
    return Run(datetime.fromisoformat(iso), km, duration_s=km * 360)


def on_day(n: int, km: float, *, is_running: bool = True, rpe_0_10: int | None = None) -> Run:
    """A run at 10 km/h at 07:00 UTC on day ``n`` after DAY0."""
    start = datetime(2024, 3, 4, 7, tzinfo=UTC) + timedelta(days=n)
    return Run(start, km, km * 360, is_running=is_running, rpe_0_10=rpe_0_10)


def daily_km(*runs: Run) -> dict[date, float]:
    return dict(daily_running(runs, tz=UTC).distance_km)


def steady(km: float, days: int) -> dict[date, float]:
    return {DAY0 + timedelta(days=d): km for d in range(days)}


# Local days, weeks and time zones


def test_a_run_just_after_local_midnight_counts_on_the_new_local_day() -> None:
    """23:10 UTC on a Sunday in January is 00:10 on Monday in Oslo."""
    daily = daily_running([run_at("2024-01-07T23:10:00+00:00", 5)], tz=OSLO)

    assert list(daily.distance_km) == [date(2024, 1, 8)]


def test_a_run_just_before_local_midnight_stays_in_its_week() -> None:
    """22:59 UTC on a Sunday in January is 23:59 on that Sunday in Oslo, in the earlier week."""
    daily = daily_running([run_at("2024-01-07T22:59:00+00:00", 5)], tz=OSLO)

    assert [w.week_start for w in weekly_loads(daily, today=date(2024, 1, 7))] == [date(2024, 1, 1)]


def test_the_same_utc_time_is_monday_before_the_clocks_go_back_and_sunday_after() -> None:
    """22:30 UTC is 00:30 CEST on Monday 21 October 2024 but 23:30 CET on Sunday 27 October."""
    runs = [run_at("2024-10-20T22:30:00+00:00", 5), run_at("2024-10-27T22:30:00+00:00", 7)]

    daily = daily_running(runs, tz=BERLIN)

    assert sorted(daily.distance_km) == [date(2024, 10, 21), date(2024, 10, 27)]
    assert weekly_loads(daily, today=date(2024, 10, 27))[0].runs == 2


def test_after_the_clocks_go_forward_late_sunday_utc_is_already_monday() -> None:
    """22:30 UTC on Sunday 31 March 2024 is 00:30 CEST on Monday 1 April in Berlin."""
    daily = daily_running([run_at("2024-03-31T22:30:00+00:00", 5)], tz=BERLIN)

    assert monday_of(next(iter(daily.distance_km))) == date(2024, 4, 1)


def test_a_week_with_a_23_hour_day_still_holds_seven_daily_runs() -> None:
    """A run at 07:00 local time each day of the week the clocks go forward counts 7 times."""
    starts = [datetime(2024, 3, 25, 7, tzinfo=BERLIN) + timedelta(days=d) for d in range(7)]

    daily = daily_running([Run(s, 5, 1800) for s in starts], tz=BERLIN)

    assert weekly_loads(daily, today=date(2024, 3, 31))[0].runs == 7


def test_an_offset_other_than_utc_gives_the_same_local_day() -> None:
    """An instant written with a -05:00 offset lands on the same Oslo day as in UTC."""
    as_utc = daily_running([run_at("2024-06-02T23:30:00+00:00", 5)], tz=OSLO)
    as_new_york = daily_running([run_at("2024-06-02T18:30:00-05:00", 5)], tz=OSLO)

    assert as_utc == as_new_york


# Counting runs


def test_two_runs_on_one_day_add_up() -> None:
    """A morning and an evening run make one day of both distances and times."""
    daily = daily_running([on_day(0, 5), on_day(0, 8)], tz=UTC)

    assert daily.distance_km[DAY0] == 13
    assert daily.duration_s[DAY0] == 13 * 360
    assert daily.runs[DAY0] == 2
    assert daily.longest_run_km[DAY0] == 8


def test_activities_that_are_not_runs_are_left_out() -> None:
    """A ride counts neither as distance nor as history."""
    daily = daily_running([on_day(0, 40, is_running=False), on_day(1, 5)], tz=UTC)

    assert dict(daily.distance_km) == {DAY0 + timedelta(days=1): 5}


def test_a_start_time_without_a_time_zone_is_refused() -> None:
    """A naive start cannot be put on the runner's local day."""
    with pytest.raises(InvalidAnswer) as raised:
        Run(datetime(2024, 1, 1, 7), 5, 1800)  # noqa: DTZ001  # the naive time under test

    assert raised.value.field == "start"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"distance_km": -1.0}, "distance_km"),
        ({"duration_s": math.nan}, "duration_s"),
        ({"rpe_0_10": 11}, "rpe_0_10"),
    ],
)
def test_an_impossible_run_is_refused_on_its_field(kwargs: dict[str, float], field: str) -> None:
    """Negative or missing distance or time and effort above 10 name their field."""
    values = {"start": datetime(2024, 1, 1, tzinfo=UTC), "distance_km": 5.0, "duration_s": 1800.0}

    with pytest.raises(InvalidAnswer) as raised:
        Run(**{**values, **kwargs})  # type: ignore[arg-type]  # the fields of Run

    assert raised.value.field == field


def test_weeks_without_a_run_show_0_km_between_weeks_with_runs() -> None:
    """A gap is a week of 0 km, not a missing week."""
    daily = daily_running([on_day(0, 5), on_day(14, 6)], tz=UTC)

    weeks = weekly_loads(daily, today=DAY0 + timedelta(days=14))

    assert [(w.distance_km, w.runs) for w in weeks] == [(5, 1), (0, 0), (6, 1)]


def test_runs_after_today_are_left_out_of_the_weeks() -> None:
    """A run dated after ``today`` does not count in this week yet."""
    daily = daily_running([on_day(0, 5), on_day(3, 6)], tz=UTC)

    assert weekly_loads(daily, today=DAY0 + timedelta(days=2))[0].distance_km == 5


def test_no_runs_give_no_weeks() -> None:
    """Without a run there is no week to show."""
    assert weekly_loads(daily_running([], tz=UTC), today=DAY0) == ()


def week_km(runs: list[Run]) -> dict[date, float]:
    """Distance per week in Oslo, up to the end of 2024."""
    weeks = weekly_loads(daily_running(runs, tz=OSLO), today=date(2024, 12, 31))
    return {w.week_start: w.distance_km for w in weeks}


@given(records=run_records, start=load_run_starts, km=run_distances_km)
def test_a_new_run_never_lowers_its_week(
    records: list[tuple[datetime, float]], start: datetime, km: float
) -> None:
    """Adding a run to any history leaves its week at least as long as before."""
    before = [Run(s, d, 1800) for s, d in records]
    monday = monday_of(start.astimezone(OSLO).date())

    after = week_km([*before, Run(start, km, 1800)])

    assert after[monday] >= week_km(before).get(monday, 0.0)


@given(records=run_records)
def test_the_weeks_add_up_to_all_the_running(records: list[tuple[datetime, float]]) -> None:
    """No run is lost or counted twice between days and weeks."""
    daily = daily_running([Run(s, km, 1800) for s, km in records], tz=OSLO)

    weeks = weekly_loads(daily, today=date(2024, 12, 31))

    assert sum(w.distance_km for w in weeks) == pytest.approx(sum(km for _, km in records))
    assert sum(w.runs for w in weeks) == len(records)


@given(records=run_records, data=st.data())
def test_the_order_of_the_runs_does_not_matter(
    records: list[tuple[datetime, float]], data: st.DataObject
) -> None:
    """Shuffled runs give the same weeks."""
    shuffled = data.draw(st.permutations(records))
    today = date(2024, 12, 31)

    weeks = weekly_loads(
        daily_running([Run(s, km, 1800) for s, km in records], tz=OSLO), today=today
    )
    again = weekly_loads(
        daily_running([Run(s, km, 1800) for s, km in shuffled], tz=OSLO), today=today
    )

    assert [w.runs for w in weeks] == [w.runs for w in again]
    assert [w.distance_km for w in weeks] == pytest.approx([w.distance_km for w in again])


# Acute:chronic workload ratios

# Weeks of 20, 20, 20 and 40 km ending on day 27 (checked by hand):
# rolling 40 / ((20 + 20 + 20 + 40) / 4) = 1.6; uncoupled 40 / ((20 + 20 + 20) / 3) = 2.0.
FOUR_WEEKS = daily_km(
    on_day(0, 10), on_day(3, 10), on_day(7, 10), on_day(10, 10),
    on_day(14, 10), on_day(17, 10), on_day(21, 20), on_day(24, 20),
)  # fmt: skip
DAY27 = DAY0 + timedelta(days=27)


def test_the_rolling_ratio_sets_the_last_week_against_the_mean_of_four() -> None:
    """A 40 km week after three of 20 km reads 1.6."""
    acwr = rolling_acwr(FOUR_WEEKS, today=DAY27)

    assert (acwr.acute_km_per_week, acwr.chronic_km_per_week) == (40, 25)
    assert acwr.ratio == pytest.approx(1.6)


def test_the_uncoupled_ratio_sets_the_last_week_against_the_three_before() -> None:
    """A 40 km week after three of 20 km reads 2.0."""
    acwr = uncoupled_acwr(FOUR_WEEKS, today=DAY27)

    assert (acwr.acute_km_per_week, acwr.chronic_km_per_week) == (40, 20)
    assert acwr.ratio == pytest.approx(2.0)


@pytest.mark.parametrize("ratio", [rolling_acwr, uncoupled_acwr, ewma_acwr])
def test_no_ratio_shows_before_28_days_of_history(ratio: Callable[..., Acwr]) -> None:
    """On the 27th day after the first run there is no ratio yet."""
    acwr = ratio(FOUR_WEEKS, today=DAY27 - timedelta(days=1))

    assert acwr.ratio is None


def test_no_ratio_shows_when_the_last_four_weeks_hold_no_running() -> None:
    """After four weeks without a run there is no chronic load to compare with."""
    acwr = rolling_acwr(FOUR_WEEKS, today=DAY27 + timedelta(days=28))

    assert (acwr.chronic_km_per_week, acwr.ratio) == (0, None)


def test_the_ewma_loads_follow_williams_recursion_by_hand() -> None:
    """10 km then two rest days, seeded at 0: acute 7 x 1.40625 km, chronic 7 x 14580/24389 km."""
    # acute 0 -> 2.5 -> 1.875 -> 1.40625 with lambda 1/4; chronic 20/29 -> 540/841 -> 14580/24389.
    acwr = ewma_acwr({DAY0: 10.0}, today=DAY0 + timedelta(days=2), seed=EwmaSeed.ZERO)

    assert acwr.acute_km_per_week == pytest.approx(7 * 1.40625)
    assert acwr.chronic_km_per_week == pytest.approx(7 * 14580 / 24389)


@given(km=run_distances_km, days=steady_days)
def test_a_steady_daily_load_reads_1_on_the_rolling_ratio(km: float, days: int) -> None:
    """The same distance every day for 28 days or more gives a rolling ratio of 1."""
    acwr = rolling_acwr(steady(km, days), today=DAY0 + timedelta(days=days - 1))

    assert acwr.ratio == pytest.approx(1)


@given(km=run_distances_km, days=steady_days)
def test_a_steady_daily_load_reads_1_on_the_uncoupled_ratio(km: float, days: int) -> None:
    """The same distance every day for 28 days or more gives an uncoupled ratio of 1."""
    acwr = uncoupled_acwr(steady(km, days), today=DAY0 + timedelta(days=days - 1))

    assert acwr.ratio == pytest.approx(1)


@pytest.mark.parametrize("seed", [EwmaSeed.FIRST_28_DAYS_MEAN, EwmaSeed.FIRST_DAY])
@given(km=run_distances_km, days=steady_days)
def test_a_steady_daily_load_reads_1_on_a_seeded_ewma(km: float, days: int, seed: EwmaSeed) -> None:
    """Seeded at the load itself, both EWMAs stay on it, so the ratio is 1 from day 28."""
    acwr = ewma_acwr(steady(km, days), today=DAY0 + timedelta(days=days - 1), seed=seed)

    assert acwr.ratio == pytest.approx(1, abs=1e-12)


@pytest.mark.parametrize(("days", "expected"), [(28, 1.156), (56, 1.018), (120, 1.0)])
def test_a_zero_seeded_ewma_approaches_1_from_above(days: int, expected: float) -> None:
    """Seeded at 0 the ratio is (1 - 0.75^n) / (1 - (27/29)^n): 1.16 on day 28, 1.02 on day 56."""
    acwr = ewma_acwr(steady(8, days), today=DAY0 + timedelta(days=days - 1), seed=EwmaSeed.ZERO)

    assert acwr.ratio == pytest.approx((1 - 0.75**days) / (1 - (27 / 29) ** days))
    assert acwr.ratio == pytest.approx(expected, abs=1e-3)


@given(daily=daily_distances_km, factor=st.floats(0.1, 10))
def test_the_ratios_do_not_depend_on_the_unit_of_distance(
    daily: dict[date, float], factor: float
) -> None:
    """Scaling every distance (km to miles, say) leaves all three ratios unchanged."""
    today, scaled = max(daily), {day: km * factor for day, km in daily.items()}

    for ratio in (rolling_acwr, uncoupled_acwr, ewma_acwr):
        assert ratio(scaled, today=today).ratio == pytest.approx(ratio(daily, today=today).ratio)


@pytest.mark.parametrize("method", list(AcwrMethod))
@given(daily=daily_distances_km)
def test_the_daily_series_ends_on_the_ratio_of_today(
    method: AcwrMethod, daily: dict[date, float]
) -> None:
    """The chart's last point is the ratio the report shows."""
    today = max(daily)
    single = {AcwrMethod.ROLLING: rolling_acwr, AcwrMethod.UNCOUPLED: uncoupled_acwr}.get(
        method, ewma_acwr
    )

    series = acwr_series(daily, today=today, method=method)

    assert series.ratios[-1] == pytest.approx(single(daily, today=today).ratio)
    assert len(series.ratios) == (today - min(daily)).days + 1


def test_two_runs_on_one_day_count_like_one_run_of_both_distances() -> None:
    """The ratios see a double day as that day's total load."""
    doubled = daily_km(on_day(0, 4), on_day(0, 6), on_day(27, 10))
    single = daily_km(on_day(0, 10), on_day(27, 10))

    assert rolling_acwr(doubled, today=DAY27) == rolling_acwr(single, today=DAY27)


# Weekly change


def test_the_weekly_change_compares_the_last_7_days_with_the_7_before() -> None:
    """20 km and then 25 km is a 25% rise."""
    daily = daily_km(on_day(0, 20), on_day(7, 10), on_day(13, 15))

    assert weekly_change_pct(daily, today=DAY0 + timedelta(days=13)) == 25


def test_the_weekly_change_needs_two_weeks_of_history() -> None:
    """On day 13 of a history the earlier week is not fully known."""
    daily = daily_km(on_day(0, 20), on_day(12, 25))

    assert weekly_change_pct(daily, today=DAY0 + timedelta(days=12)) is None


def test_the_weekly_change_is_none_after_a_week_without_running() -> None:
    """A rise from 0 km has no percentage."""
    daily = daily_km(on_day(0, 20), on_day(20, 25))

    assert weekly_change_pct(daily, today=DAY0 + timedelta(days=20)) is None


# Single-run spike


def test_a_run_is_set_against_the_longest_run_of_the_30_days_before() -> None:
    """12 km after a longest run of 10 km is a 20% spike; the 20 km run 31 days back is outside."""
    daily = daily_running([on_day(0, 20), on_day(10, 10), on_day(31, 12)], tz=UTC)

    spike = single_run_spike(daily.longest_run_km, on=DAY0 + timedelta(days=31))

    assert spike is not None
    assert (spike.longest_prior_30d_km, spike.increase_pct) == (10, 20)


def test_a_second_run_on_the_same_day_is_not_its_own_baseline() -> None:
    """Two runs on one day are each set against the days before, not against each other."""
    daily = daily_running([on_day(0, 10), on_day(30, 5), on_day(30, 11)], tz=UTC)

    spike = single_run_spike(daily.longest_run_km, on=DAY0 + timedelta(days=30))

    assert spike is not None
    assert spike.increase_pct == pytest.approx(10)


def test_a_run_exactly_10_percent_longer_reads_exactly_10_percent() -> None:
    """11 km after 10 km is 10%, not 10.000000000000009%."""
    daily = daily_running([on_day(0, 10), on_day(30, 11)], tz=UTC)

    spike = single_run_spike(daily.longest_run_km, on=DAY0 + timedelta(days=30))

    assert spike is not None
    assert spike.increase_pct == 10


def test_there_is_no_spike_before_30_days_of_history() -> None:
    """A run on day 29 of a history has no full 30 days to compare with."""
    daily = daily_running([on_day(0, 5), on_day(29, 20)], tz=UTC)

    assert single_run_spike(daily.longest_run_km, on=DAY0 + timedelta(days=29)) is None


def test_there_is_no_spike_after_30_days_without_a_run() -> None:
    """The first run after a break has nothing to be compared with."""
    daily = daily_running([on_day(0, 5), on_day(40, 20)], tz=UTC)

    assert single_run_spike(daily.longest_run_km, on=DAY0 + timedelta(days=40)) is None


def test_the_biggest_spike_of_the_last_days_is_the_one_reported() -> None:
    """Of a run 20% above its baseline and a later one 50% above, the 50% one is reported."""
    # Day 30: 12 km against 10 km. Day 32: 18 km against the 12 km of day 30. Day 40 is later.
    daily = daily_running([on_day(0, 10), on_day(30, 12), on_day(32, 18), on_day(40, 30)], tz=UTC)

    spike = biggest_spike(daily.longest_run_km, today=DAY0 + timedelta(days=33), days=7)

    assert spike is not None
    assert (spike.on, spike.increase_pct) == (DAY0 + timedelta(days=32), 50)


@given(km=run_distances_km, days=steady_days.map(lambda days: days + 3))
def test_runs_of_equal_length_never_spike(km: float, days: int) -> None:
    """A steady runner's runs are 0% longer than their longest."""
    spike = single_run_spike(steady(km, days), on=DAY0 + timedelta(days=days - 1))

    assert spike is not None
    assert spike.increase_pct == 0


# Monotony and strain


def test_monotony_and_strain_by_hand() -> None:
    """300 AU on four alternate days: mean 1200/7, SD 300 sqrt(12)/7, monotony 2/sqrt(3)."""
    runs = [on_day(d, 10, rpe_0_10=5) for d in (0, 2, 4, 6)]  # 5 x 60 min = 300 AU each
    daily = daily_running(runs, tz=UTC)

    monotony = monotony_and_strain(daily.srpe_au, today=DAY0 + timedelta(days=6))

    assert monotony is not None
    assert monotony.weekly_load_au == 1200
    assert monotony.monotony == pytest.approx(2 / math.sqrt(3))
    assert monotony.strain_au == pytest.approx(1200 * 2 / math.sqrt(3))


def test_monotony_is_none_when_a_run_of_the_week_has_no_rpe() -> None:
    """Foster's method needs every session's effort."""
    runs = [on_day(0, 10, rpe_0_10=5), on_day(3, 10), on_day(6, 10, rpe_0_10=5)]
    daily = daily_running(runs, tz=UTC)

    assert monotony_and_strain(daily.srpe_au, today=DAY0 + timedelta(days=6)) is None


def test_monotony_is_undefined_when_every_day_carries_the_same_load() -> None:
    """Seven equal days have no spread, so monotony and strain are None, not infinite."""
    daily = daily_running([on_day(d, 3.33, rpe_0_10=4) for d in range(7)], tz=UTC)

    monotony = monotony_and_strain(daily.srpe_au, today=DAY0 + timedelta(days=6))

    assert monotony is not None
    assert (monotony.monotony, monotony.strain_au) == (None, None)


def test_monotony_needs_a_week_of_history() -> None:
    """On day 6 of a history the week is not fully known."""
    daily = daily_running([on_day(0, 10, rpe_0_10=5)], tz=UTC)

    assert monotony_and_strain(daily.srpe_au, today=DAY0 + timedelta(days=5)) is None
