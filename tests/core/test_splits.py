"""Per-kilometre splits of a run's series."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.splits import kilometre_splits, pace_min_per_km


def test_a_steady_5_km_gives_five_equal_splits() -> None:
    """At 4 m/s every kilometre takes 250 s, a pace of 4:10 /km."""
    seconds = [float(s) for s in range(0, 1251)]
    metres = [4.0 * s for s in seconds]

    splits = kilometre_splits(seconds, metres)

    assert [s.km for s in splits] == [1, 2, 3, 4, 5]
    assert all(s.elapsed_s == pytest.approx(250) for s in splits)
    assert splits[0].pace_min_per_km == pytest.approx(250 / 60)


def test_a_last_part_under_100_m_is_dropped() -> None:
    """2,050 m gives two splits, not a third of 50 m."""
    splits = kilometre_splits([0.0, 1000.0], [0.0, 2050.0])

    assert [s.km for s in splits] == [1, 2]


def test_heart_rate_and_cadence_are_averaged_per_split() -> None:
    """Each split averages the samples inside it; zeros count as missing."""
    splits = kilometre_splits(
        [0.0, 100.0, 200.0, 300.0],
        [0.0, 500.0, 1000.0, 1500.0],
        heart_rate_bpm=[140.0, 150.0, 160.0, 0.0],
        cadence_spm=[170.0, 172.0, 174.0, 176.0],
    )

    assert splits[0].avg_hr_bpm == pytest.approx(150)
    assert splits[1].avg_hr_bpm == pytest.approx(160)
    assert splits[0].avg_cadence_spm == pytest.approx(172)


@given(speeds=st.lists(st.floats(0.5, 7.0), min_size=10, max_size=400))
def test_split_times_add_up_to_the_time_of_the_distance_covered(speeds: list[float]) -> None:
    """The splits' times sum to the time taken over the distance they cover."""
    metres, total = [0.0], 0.0
    for speed in speeds:
        total += speed * 10
        metres.append(total)
    seconds = [10.0 * i for i in range(len(metres))]

    splits = kilometre_splits(seconds, metres)
    covered_m = sum(s.distance_m for s in splits)

    if splits:
        assert sum(s.elapsed_s for s in splits) == pytest.approx(
            np.interp(covered_m, metres, seconds)
        )


def test_pace_of_standing_still_is_not_a_number() -> None:
    """Zero speed has no pace; 5 m/s is 3:20 /km."""
    assert pace_min_per_km(0.0) is None
    assert pace_min_per_km(5.0) == pytest.approx(200 / 60)
