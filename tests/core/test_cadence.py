"""Cadence from runs: counted, one run's running cadence, the easy-run cadence, the trend."""

from __future__ import annotations

import itertools
import math
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.cadence import (
    MAX_SAMPLE_GAP_S,
    CadenceSource,
    RunCadence,
    RunSamples,
    counted_cadence_spm,
    counted_run,
    easy_run_cadence_spm,
    run_cadence,
    weekly_cadence,
)
from hipfirst.core.errors import InvalidAnswer
from tests.strategies import (
    counted_steps_in_30_s,
    run_samples,
    run_starts,
)

START = datetime(2025, 3, 3, 7, 30, tzinfo=UTC)  # a Monday


def one_hz(*blocks: tuple[int, float | None, float | None]) -> RunSamples:
    """A run sampled every second: (seconds, cadence_spm, speed_mps) blocks after a stop at 0."""
    cadence: list[float | None] = [0.0]
    speed: list[float | None] = [0.0]
    for seconds, spm, mps in blocks:
        cadence += [spm] * seconds
        speed += [mps] * seconds
    return RunSamples(
        "run.fit", START, tuple(map(float, range(len(cadence)))), (*cadence,), (*speed,)
    )


def a_run(start: datetime, avg_spm: float | None, speed_mps: float | None) -> RunCadence:
    """A run's cadence as run_cadence would give it."""
    return RunCadence("run.fit", start, CadenceSource.DEVICE, avg_spm, (), speed_mps, 600.0, 1.0)


def is_stop(samples: RunSamples, i: int) -> bool:
    """The sample is a stop: no cadence, cadence 0 or slower than a stop."""
    spm, mps = samples.cadence_spm[i], samples.speed_mps[i]
    return not spm or (mps is not None and mps < 0.5)


@given(steps=counted_steps_in_30_s)
def test_a_counted_cadence_is_twice_the_steps_in_30_s(steps: int) -> None:
    """Steps counted for 30 s, both feet, make a cadence of twice as many a minute."""
    assert counted_cadence_spm(steps) == 2 * steps


@pytest.mark.parametrize("steps", [43, 126, 0, -80])
def test_a_count_outside_the_plausible_range_names_its_field(steps: int) -> None:
    """Counting one foot only (43 in 30 s) or too many is refused on steps_in_30_s."""
    with pytest.raises(InvalidAnswer) as error:
        counted_cadence_spm(steps)

    assert error.value.field == "steps_in_30_s"
    assert "either foot" in error.value.message


@pytest.mark.parametrize("steps", [85.5, True, "85"])
def test_a_count_that_is_not_a_whole_number_is_refused(steps: object) -> None:
    """A count must be a whole number of steps."""
    with pytest.raises(InvalidAnswer, match="whole number") as error:
        counted_cadence_spm(steps)  # type: ignore[arg-type]  # what a careless caller passes

    assert error.value.field == "steps_in_30_s"


def test_a_counted_run_has_its_cadence_and_no_time_shares() -> None:
    """A counted run is a cadence with no file, spread or running time: unknown, not 0."""
    run = counted_run(START, 85)

    assert (run.avg_spm, run.source, run.file) == (170.0, CadenceSource.COUNTED, None)
    assert (run.percentiles_spm, run.running_s, run.running_share) == ((), None, None)


def test_stops_and_walking_breaks_are_left_out_of_the_average() -> None:
    """Only the running seconds count: the walk at 120 spm and the stop do not."""
    samples = one_hz((10, 170.0, 3.0), (10, 120.0, 1.5), (10, 0.0, 0.0), (10, 180.0, 3.2))

    run = run_cadence(samples)

    assert run.avg_spm == pytest.approx(175.0)
    assert run.speed_mps == pytest.approx(3.1)
    assert run.running_s == 20.0
    assert run.running_share == pytest.approx(0.5)


def test_a_slow_shuffle_at_running_cadence_is_a_stop() -> None:
    """Cadence without speed (jogging on the spot at a light) is a stop."""
    run = run_cadence(one_hz((10, 170.0, 3.0), (10, 150.0, 0.2)))

    assert run.avg_spm == pytest.approx(170.0)


@given(samples=run_samples(), data=st.data())
def test_more_samples_at_stops_do_not_change_the_running_average(
    samples: RunSamples, data: st.DataObject
) -> None:
    """Stop samples added anywhere but right before a running sample leave the run as it was."""
    cadence, speed = list(samples.cadence_spm), list(samples.speed_mps)
    elapsed = list(samples.elapsed_s)
    size = len(elapsed)
    places = [i for i in range(1, size + 1) if i == size or is_stop(samples, i)]
    for place in sorted(data.draw(st.lists(st.sampled_from(places), max_size=5)), reverse=True):
        before = elapsed[place - 1]
        after = elapsed[place] if place < len(elapsed) else before + 30
        at = data.draw(st.floats(before, after))
        stop = data.draw(st.sampled_from([(None, None), (0.0, 0.0), (175.0, 0.1), (0.0, 3.0)]))
        elapsed.insert(place, at)
        cadence.insert(place, stop[0])
        speed.insert(place, stop[1])
    more = RunSamples(samples.file, samples.start, (*elapsed,), (*cadence,), (*speed,))

    run, run_with_more = run_cadence(samples), run_cadence(more)

    assert run_with_more.avg_spm == run.avg_spm
    assert run_with_more.percentiles_spm == run.percentiles_spm
    assert run_with_more.running_s == run.running_s


@given(samples=run_samples())
def test_the_average_and_spread_lie_within_the_running_cadences(samples: RunSamples) -> None:
    """The average and percentiles lie within running cadences, the percentiles in order."""
    run = run_cadence(samples)

    if run.avg_spm is None:
        assert run.percentiles_spm == ()
        assert run.running_s == 0
        return
    spms = [spm for _, spm in run.percentiles_spm]
    assert spms == sorted(spms)
    assert 140 <= spms[0] <= spms[-1] <= 250
    assert 140 - 1e-9 <= run.avg_spm <= 250 + 1e-9
    assert 0 < (run.running_share or 0) <= 1


def test_a_sample_counts_for_the_time_since_the_one_before() -> None:
    """A reading after 10 s weighs ten times one after 1 s."""
    samples = RunSamples(None, START, (0.0, 1.0, 11.0), (0.0, 170.0, 181.0), (0.0, 3.0, 3.0))

    assert run_cadence(samples).avg_spm == pytest.approx((170 + 10 * 181) / 11)


def test_a_long_pause_counts_only_the_maximum_gap() -> None:
    """After a 10-minute gap in the samples the next reading counts only MAX_SAMPLE_GAP_S."""
    samples = RunSamples(None, START, (0.0, 1.0, 601.0), (0.0, 170.0, 181.0), (0.0, 3.0, 3.0))

    run = run_cadence(samples)

    assert run.running_s == 1 + MAX_SAMPLE_GAP_S
    assert run.avg_spm == pytest.approx((170 + MAX_SAMPLE_GAP_S * 181) / (1 + MAX_SAMPLE_GAP_S))


def test_a_run_without_cadence_readings_has_no_average() -> None:
    """No cadence at all reads as not enough data (None), never 0."""
    run = run_cadence(one_hz((60, None, 3.0)))

    assert (run.avg_spm, run.percentiles_spm, run.speed_mps) == (None, (), None)
    assert run.running_share == 0


def test_a_missing_speed_is_not_a_stop() -> None:
    """Without GPS (a treadmill) running cadence still counts; the speed is unknown."""
    run = run_cadence(one_hz((30, 172.0, None)))

    assert run.avg_spm == pytest.approx(172.0)
    assert run.speed_mps is None


def test_a_cadence_above_the_plausible_maximum_is_read_as_missing() -> None:
    """An invalid FIT value doubled (510) is a glitch, not a sprint."""
    run = run_cadence(one_hz((10, 170.0, 3.0), (1, 510.0, 3.0)))

    assert run.avg_spm == pytest.approx(170.0)


def test_the_percentiles_follow_the_running_time() -> None:
    """The median is the cadence held longest; the 10th percentile the slowest band."""
    run = run_cadence(one_hz((10, 160.0, 3.0), (70, 170.0, 3.0), (20, 180.0, 3.0)))

    assert dict(run.percentiles_spm) == {10: 160.0, 25: 170.0, 50: 170.0, 75: 170.0, 90: 180.0}


@pytest.mark.parametrize(
    ("samples", "field"),
    [
        (RunSamples(None, START, (0.0, 1.0), (170.0,), (3.0, 3.0)), "cadence_spm"),
        (RunSamples(None, START, (0.0, 1.0), (170.0, 170.0), (3.0,)), "speed_mps"),
        (RunSamples(None, START, (5.0, 1.0), (170.0, 170.0), (3.0, 3.0)), "elapsed_s"),
        (RunSamples(None, START, (0.0, math.nan), (170.0, 170.0), (3.0, 3.0)), "elapsed_s"),
        (RunSamples(None, START, (0.0, 1.0), (170.0, -170.0), (3.0, 3.0)), "cadence_spm"),
        (RunSamples(None, START, (0.0, 1.0), (170.0, math.inf), (3.0, 3.0)), "cadence_spm"),
        (RunSamples(None, START, (0.0, 1.0), (170.0, 170.0), (3.0, math.nan)), "speed_mps"),
        (RunSamples(None, START.replace(tzinfo=None), (0.0,), (170.0,), (3.0,)), "start"),
    ],
)
def test_unreadable_samples_are_refused_naming_their_field(samples: RunSamples, field: str) -> None:
    """Mismatched lengths, time going back, bad readings or a naive start name the field."""
    with pytest.raises(InvalidAnswer) as error:
        run_cadence(samples)

    assert error.value.field == field


def test_the_easy_run_cadence_is_the_median_of_the_slower_half() -> None:
    """Faster runs, with their higher cadence, do not raise the easy-run cadence."""
    runs = [a_run(START, spm, mps) for spm, mps in [(160, 2.5), (175, 3.5), (164, 2.7), (162, 2.6)]]

    assert easy_run_cadence_spm([*runs, a_run(START, 185, 4.0)]) == 162.0


def test_runs_without_speed_count_as_easy() -> None:
    """Counted cadences (taken on an easy run) join the easy runs."""
    runs = [a_run(START, 160, 2.5), a_run(START, 180, 3.5), counted_run(START, 81)]

    assert easy_run_cadence_spm(runs) == 161.0


@pytest.mark.parametrize("runs", [[], [a_run(START, None, 3.0)]])
def test_without_a_cadence_there_is_no_easy_run_cadence(runs: list[RunCadence]) -> None:
    """No cadence yet reads as None, not 0."""
    assert easy_run_cadence_spm(runs) is None


def test_the_trend_has_every_week_from_the_first_run_to_the_last() -> None:
    """A week without runs is in the trend with no cadence (None), not 0."""
    runs = [a_run(START + timedelta(days=days), 165, 3.0) for days in (0, 2, 15)]

    weeks = weekly_cadence(runs)

    assert [w.week_of for w in weeks] == [date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)]
    assert [w.run_count for w in weeks] == [2, 0, 1]
    assert [w.median_spm for w in weeks] == [165.0, None, 165.0]
    assert weeks[1].median_speed_mps is None


@given(start=run_starts, weekly_rise_spm=st.floats(0.5, 3), runs_a_week=st.integers(1, 4))
def test_the_trend_follows_a_cadence_that_rises_week_by_week(
    start: datetime, weekly_rise_spm: float, runs_a_week: int
) -> None:
    """Runs that rise in cadence every week give a weekly median that rises too."""
    runs = [
        a_run(start + timedelta(weeks=week, hours=run), 160 + week * weekly_rise_spm, 3.0)
        for week in range(8)
        for run in range(runs_a_week)
    ]

    medians = [w.median_spm for w in weekly_cadence(runs) if w.median_spm is not None]

    assert len(medians) >= 8
    assert all(a <= b for a, b in itertools.pairwise(medians))


def test_a_run_belongs_to_the_week_of_its_local_date() -> None:
    """Monday 00:30 at UTC+2 is Sunday in UTC, but the runner's week is the Monday's."""
    monday = datetime(2025, 3, 10, 0, 30, tzinfo=timezone(timedelta(hours=2)))

    assert weekly_cadence([a_run(monday, 170, 3.0)])[0].week_of == date(2025, 3, 10)
