"""The movement check end to end on synthetic clips: reps, steps, quality, verdict, JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import numpy as np
import pytest

from hipfirst.core.assessment import Sex
from hipfirst.core.movement import (
    Exercise,
    Frame,
    Leg,
    MovementCheck,
    RecordedPose,
    analyse_movement,
    analyse_recording,
    fppa_norms,
    movement_as_json,
    record_pose,
)
from hipfirst.core.movement_clip import movement_data
from tests.core.movement_bodies import Pose, clip, recording, running, squats

GREY: Frame = np.full((64, 36, 3), 128, dtype=np.uint8)


def _single_leg_squats(fppa: float, reps: int = 3) -> list[Pose]:
    """Single-leg squats on the right leg, the knee going ``fppa`` in at the bottom."""
    return squats(
        reps=reps,
        pose_at=lambda bend: Pose(
            knee_flexion_deg=bend, right_fppa_deg=fppa * bend / 90, left_ankle_lift=0.15
        ),
    )


def _report(poses: list[Pose], check: MovementCheck, fps: float = 30.0):
    return analyse_recording(recording(poses), clip=clip(len(poses), fps), check=check)


def test_the_model_sees_every_frame_through_the_protocol() -> None:
    """analyse_movement gives each frame to the estimator and measures what it returns."""
    poses = _single_leg_squats(10.0)

    report = analyse_movement(
        [GREY] * len(poses),
        clip=clip(len(poses)),
        estimator=RecordedPose(recording(poses).landmarks),
        check=MovementCheck(),
    )

    assert report.frames == len(poses)
    assert [rep.side for rep in report.reps] == [Leg.RIGHT] * 3
    assert report.quality.is_ok


def test_record_pose_samples_brightness_and_reports_progress() -> None:
    """Brightness is the mean picture value; progress counts the frames done."""
    done: list[int] = []

    recorded = record_pose([GREY] * 25, estimator=RecordedPose([]), on_frame=done.append)

    assert recorded.brightness == 128.0
    assert done == list(range(1, 26))
    assert recorded.landmarks == (None,) * 25


def test_a_clip_too_long_is_refused_before_the_model_runs() -> None:
    """A 2-minute clip is refused without reading a single frame."""

    def frames() -> Iterator[Frame]:
        raise AssertionError("no frame should be read")
        yield GREY

    report = analyse_movement(
        frames(), clip=clip(3600), estimator=RecordedPose([]), check=MovementCheck()
    )

    assert report.frames == 0
    assert report.quality.problems[0].startswith("The video is too long (120 s)")


def test_a_clip_of_unknown_length_is_read_and_then_measured() -> None:
    """A container that does not say its frame count is analysed from the frames read."""
    poses = _single_leg_squats(10.0)

    report = analyse_movement(
        [GREY] * len(poses),
        clip=clip(0),
        estimator=RecordedPose(recording(poses).landmarks),
        check=MovementCheck(),
    )

    assert report.frames == len(poses)
    assert report.quality.is_ok


@pytest.mark.parametrize(
    ("fppa", "sex", "reading"),
    [
        (5.0, Sex.FEMALE, "within the range typical of people without knee pain"),
        (16.0, Sex.FEMALE, "more inward movement than is typical without knee pain"),
        (13.0, None, "at the upper end of the range typical"),
    ],
)
def test_single_leg_squats_are_compared_with_the_norms_for_the_runners_sex(
    fppa: float, sex: Sex | None, reading: str
) -> None:
    """The mean FPPA at the bottom is read against the controls' mean + 1 SD."""
    report = _report(_single_leg_squats(fppa), MovementCheck(sex=sex))

    verdict = " ".join(report.verdict)
    assert f"your right knee moved {fppa:.0f}° inward" in verdict
    assert reading in verdict
    assert ("Men without knee pain" in verdict) is (sex is None)
    assert "Herrington 2014" in verdict


def test_the_verdict_never_diagnoses() -> None:
    """A high FPPA reads "consistent with", never "you have"."""
    verdict = " ".join(_report(_single_leg_squats(20.0), MovementCheck(sex=Sex.MALE)).verdict)

    assert "consistent with" in verdict
    assert "not a diagnosis" in verdict
    assert not re.search(r"\byou have\b|\bdiagnos(is|ed) with\b", verdict, re.IGNORECASE)


def test_fewer_than_three_squats_ask_for_three() -> None:
    """The norms are a mean of three squats; one squat says so."""
    verdict = _report(_single_leg_squats(8.0, reps=1), MovementCheck()).verdict

    assert "The norms are a mean of 3 squats: film that many." in verdict


def test_two_leg_squats_are_described_but_not_compared() -> None:
    """There are no two-leg squat norms in our sources: the verdict says so."""
    verdict = " ".join(_report(squats(), MovementCheck(Exercise.SQUAT)).verdict)

    assert "left knee moved 0° inward" in verdict
    assert "norms for the single-leg squat only" in verdict


def test_both_feet_down_in_a_single_leg_squat_is_a_problem() -> None:
    """A "single-leg" squat with both feet down asks to lift one, and compares nothing."""
    report = _report(squats(), MovementCheck())

    assert report.quality.problems == (
        "Both your feet seemed to stay on the ground: for a single-leg squat, lift one.",
    )
    assert report.verdict == (
        "We can't compare this video with the norms: see the problems and film again.",
    )


def test_no_squat_in_the_clip_says_what_to_do() -> None:
    """Standing still for 3 s is no squat."""
    report = _report([Pose()] * 90, MovementCheck())

    assert report.reps == ()
    assert report.quality.problems[0].startswith("We found no squat in the video")


def test_running_from_behind_gives_pelvic_drop_and_step_rate() -> None:
    """Six seconds of running at 170 steps a minute with 4° of drop."""
    poses = running(step_rate_spm=170, drop_deg=4.0)

    report = _report(poses, MovementCheck(Exercise.RUNNING), fps=60)

    assert report.quality.is_ok
    assert report.step_rate_spm == pytest.approx(170, rel=0.02)
    assert report.pelvic_drop_deg == pytest.approx(4.0, abs=0.3)
    verdict = " ".join(report.verdict)
    assert "You took 170 steps a minute" in verdict
    assert "no verified norm" in verdict
    assert "Bramah 2018" in verdict


def test_a_short_run_asks_for_seven_steps_a_side() -> None:
    """Under 7 steps on a side, the mean is not yet stable (Dingenen 2018)."""
    report = _report(running(seconds=3.5), MovementCheck(Exercise.RUNNING), fps=60)

    assert any("fewer than 7 steps on a side" in line for line in report.verdict)


def test_the_json_has_the_documented_keys() -> None:
    """The --json object: frames, fps, reps with their six keys, drop, rate and quality."""
    document = movement_as_json(_report(_single_leg_squats(10.0), MovementCheck()))

    json.dumps(document)  # every value is JSON
    assert list(document)[:6] == [
        "frames",
        "fps",
        "reps",
        "pelvic_drop_deg",
        "step_rate_spm",
        "quality",
    ]
    assert set(document["reps"][0]) >= {  # type: ignore[index]
        "side",
        "start_s",
        "bottom_s",
        "end_s",
        "peak_fppa_deg",
        "knee_flexion_deg",
    }
    assert document["quality"] == {"ok": True, "problems": [], "film_again": None}


def test_every_norm_names_its_source_and_status() -> None:
    """Each sex's norm has a full reference, and what we could not verify says UNVERIFIED."""
    norms = fppa_norms()

    assert set(norms) == {Sex.FEMALE, Sex.MALE}
    assert norms[Sex.FEMALE].without_pain_mean_deg == 8.4
    assert norms[Sex.FEMALE].with_pain_mean_deg == 16.8
    assert all("doi:" in norm.source for norm in norms.values())
    assert "UNVERIFIED" in norms[Sex.MALE].status
    data = movement_data()
    assert data["pelvic_drop"]["definition_status"] == "UNVERIFIED"
    assert all("source" in data[section] for section in ("detection", "quality"))
