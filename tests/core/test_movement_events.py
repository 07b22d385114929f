"""Squat reps and running steps found in synthetic clips whose timing is known."""

from __future__ import annotations

import pytest

from hipfirst.core.movement import Leg
from hipfirst.core.movement_angles import angle_series, track
from hipfirst.core.movement_events import running_steps, squat_reps, step_rate_spm
from tests.core.movement_bodies import Pose, recording, running, squats

# squats(): 1 s standing, then each rep 2 s down and up with 1 s between.
BOTTOMS_S = (2.0, 5.0, 8.0)


def _reps(poses: list[Pose], *, single_leg: bool, side: Leg | None = None, fps: float = 30):
    body = track(recording(poses), fps=fps)
    return squat_reps(body, angle_series(body), single_leg=single_leg, side=side)


def test_three_squats_give_three_reps_on_each_leg() -> None:
    """Each two-leg squat is a rep measured on both legs, deepest where it was deepest."""

    def pose(bend: float) -> Pose:  # the knees go in as they bend, most at the bottom
        return Pose(knee_flexion_deg=bend, left_fppa_deg=bend / 10, right_fppa_deg=bend / 10)

    reps = _reps(squats(pose_at=pose), single_leg=False)

    assert [rep.side for rep in reps] == [Leg.LEFT, Leg.RIGHT] * 3
    assert [rep.bottom_s for rep in reps[::2]] == pytest.approx(BOTTOMS_S, abs=0.05)
    assert all(rep.start_s < rep.bottom_s < rep.end_s for rep in reps)
    assert all(rep.peak_fppa_deg == pytest.approx(9.0, abs=0.1) for rep in reps)
    assert all(rep.knee_flexion_deg == pytest.approx(90, abs=1) for rep in reps)


def test_a_rep_starts_and_ends_near_standing() -> None:
    """Start and end lie where the squat is within 20% of its depth from the top."""
    (rep, _) = _reps(squats(reps=1), single_leg=False)

    assert rep.start_s == pytest.approx(1.3, abs=0.1)
    assert rep.end_s == pytest.approx(2.7, abs=0.1)


def test_the_peak_fppa_and_the_bend_where_it_happened() -> None:
    """A knee that goes in most at 60° of bend reports 14° there, and 6° at the bottom."""

    def pose(bend: float) -> Pose:
        inward = 6.0 + 8.0 * max(0.0, 1 - abs(bend - 60) / 30)
        return Pose(knee_flexion_deg=bend, right_fppa_deg=inward)

    reps = _reps(squats(reps=1, pose_at=pose), single_leg=False)
    right = next(rep for rep in reps if rep.side is Leg.RIGHT)

    assert right.peak_fppa_deg == pytest.approx(14.0, abs=1.0)  # smoothing blunts the tip
    assert right.knee_flexion_deg == pytest.approx(60, abs=3)
    assert right.bottom_fppa_deg == pytest.approx(6.0, abs=0.5)


@pytest.mark.parametrize("standing", [Leg.LEFT, Leg.RIGHT])
def test_a_single_leg_squat_is_measured_on_the_leg_on_the_ground(standing: Leg) -> None:
    """The foot off the ground tells which leg is squatting."""

    def pose(bend: float) -> Pose:
        lift = {Leg.LEFT: 0.0, Leg.RIGHT: 0.0, standing.other: 0.15}
        return Pose(
            knee_flexion_deg=bend, left_ankle_lift=lift[Leg.LEFT], right_ankle_lift=lift[Leg.RIGHT]
        )

    reps = _reps(squats(pose_at=pose), single_leg=True)

    assert [rep.side for rep in reps] == [standing] * 3


def test_the_side_given_overrides_the_feet() -> None:
    """With --side, that leg is measured whatever the feet do."""
    reps = _reps(squats(), single_leg=True, side=Leg.RIGHT)

    assert [rep.side for rep in reps] == [Leg.RIGHT] * 3


def test_a_bounce_at_the_bottom_is_one_rep() -> None:
    """Going down, up a little and down again without standing is one rep, not two."""
    bends = [0.0] * 30 + [min(i * 3, 90) for i in range(40)]
    bends += [90 - 30 * (i / 10) for i in range(10)] + [60 + i * 3 for i in range(11)]
    bends += [90 - i * 3 for i in range(31)] + [0.0] * 30

    reps = _reps([Pose(knee_flexion_deg=b) for b in bends], single_leg=False)

    assert len(reps) == 2  # one rep, two legs


def test_standing_still_is_no_rep() -> None:
    """No depth, no rep."""
    assert _reps([Pose()] * 90, single_leg=False) == ()


def test_a_clip_that_ends_at_the_bottom_has_no_whole_rep() -> None:
    """Going down until the clip ends is not a rep: its deepest point may be yet to come."""
    bends = [0.0] * 30 + [i * 2.0 for i in range(46)]

    assert _reps([Pose(knee_flexion_deg=b) for b in bends], single_leg=False) == ()


@pytest.mark.parametrize("rate", [150.0, 170.0, 190.0])
def test_the_step_rate_is_counted_from_the_feet(rate: float) -> None:
    """Steps a minute from the video match the rate the synthetic runner ran at."""
    body = track(recording(running(step_rate_spm=rate)), fps=60)

    steps = running_steps(body, angle_series(body))

    assert step_rate_spm(steps) == pytest.approx(rate, rel=0.02)
    assert {step.side for step in steps} == {Leg.LEFT, Leg.RIGHT}


@pytest.mark.parametrize("drop", [0.0, 3.0, 7.5])
def test_pelvic_drop_at_mid_stance_is_the_swing_sides_drop(drop: float) -> None:
    """With the swing side's hip dropped by a known angle, each step reads that angle."""
    body = track(recording(running(drop_deg=drop)), fps=60)

    steps = running_steps(body, angle_series(body))

    assert len(steps) >= 14
    assert all(step.pelvic_drop_deg == pytest.approx(drop, abs=0.3) for step in steps)


def test_too_few_steps_give_no_rate() -> None:
    """Three steps are too few to count a rate from."""
    body = track(recording(running(seconds=1.0)), fps=60)

    steps = running_steps(body, angle_series(body))

    assert len(steps) < 4
    assert step_rate_spm(steps) is None
