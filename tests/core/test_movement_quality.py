"""Quality problems, each in plain words: what was wrong with the clip and how to film again."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from hipfirst.core.movement import Clip, Exercise
from hipfirst.core.movement_angles import track
from hipfirst.core.movement_quality import (
    camera_problems,
    clip_problems,
    how_to_film,
    sight_problems,
)
from tests.core.movement_bodies import Pose, recording


def _sight(poses: Sequence[Pose | None], brightness: float = 128.0) -> tuple[str, ...]:
    return sight_problems(track(recording(poses), fps=30), brightness)


def _camera(poses: list[Pose], exercise: Exercise = Exercise.SQUAT) -> tuple[str, ...]:
    return camera_problems(track(recording(poses), fps=30), exercise)


@pytest.mark.parametrize(
    ("seconds", "problem"),
    [
        (1.5, "The video is too short (1.5 s): we need at least 2 s."),
        (120.0, "The video is too long (120 s): please trim it to the exercise, at most 90 s."),
    ],
)
def test_a_clip_too_short_or_too_long_is_refused(seconds: float, problem: str) -> None:
    """Length is checked from the header, before any frame is analysed."""
    assert clip_problems(Clip(30.0, round(30 * seconds), 720, 1280), Exercise.SQUAT) == (problem,)


def test_running_needs_a_longer_clip() -> None:
    """Two and a half seconds will do for a squat but not for running."""
    clip = Clip(30.0, 75, 720, 1280)

    assert clip_problems(clip, Exercise.SQUAT) == ()
    assert "at least 3 s" in clip_problems(clip, Exercise.RUNNING)[0]


def test_a_well_filmed_clip_has_no_problem() -> None:
    """Square-on, whole body in the picture, light enough: nothing to say."""
    assert _sight([Pose()] * 60) == ()
    assert _camera([Pose()] * 60) == ()


def test_a_dark_clip_says_so() -> None:
    """A mean picture value under 40 of 255 is too dark."""
    assert _sight([Pose()] * 60, brightness=20.0) == (
        "The video is too dark for us to see your joints: film in good light.",
    )


def test_nobody_in_the_picture_says_so() -> None:
    """A person found in under half the frames: we could not find one."""
    assert _sight([None] * 50 + [Pose()] * 10) == (
        "We could not find a person in most of the video.",
    )


def test_joints_not_seen_in_most_frames_say_what_to_do() -> None:
    """Hips, knees and ankles unseen in most frames: keep your whole body in the picture."""
    (problem,) = _sight([Pose(visibility=0.99)] * 10 + [Pose(visibility=0.3)] * 50)

    assert re.match(r"We can't see your hips, knees and ankles in 8\d% of the video", problem)
    assert "feet included" in problem


def test_a_body_outside_the_picture_is_not_seen() -> None:
    """Points the model places outside the picture count as not seen."""
    assert "can't see your hips" in _sight([Pose(centre_x_px=-100)] * 60)[0]


def test_two_people_in_turn_say_so() -> None:
    """The model jumping from one person to another between frames is flagged."""
    poses = [Pose(centre_x_px=200)] * 30 + [Pose(centre_x_px=600)] * 30

    assert _sight(poses) == (
        "The video seems to show more than one person: film with only you in the picture.",
    )


def test_side_on_says_where_the_camera_should_be() -> None:
    """Hips seen almost edge-on (side view) mean the camera is at the side."""
    side_on = [Pose(hip_half_width_px=10)] * 60

    assert _camera(side_on) == (
        "You are side-on to the camera: we need it square-on in front of you.",
    )
    assert "straight behind you" in _camera(side_on, Exercise.RUNNING)[0]


def test_a_turned_body_is_flagged() -> None:
    """One hip well behind the other (the model's depth) means the body is turned."""
    (problem,) = _camera([Pose(turn_depth_px=200)] * 60)

    assert problem.startswith("Your body is turned to one side of the camera")


def test_facing_the_wrong_way_is_flagged() -> None:
    """A squat filmed from behind, or running filmed from the front, is the wrong view."""
    assert _camera([Pose(faces_camera=False)] * 60) == (
        "You have your back to the camera: face it for this exercise.",
    )
    assert _camera([Pose()] * 60, Exercise.RUNNING) == (
        "You are facing the camera: for running we need you filmed from behind.",
    )


@pytest.mark.parametrize("exercise", list(Exercise))
def test_each_exercise_says_how_to_film_it(exercise: Exercise) -> None:
    """The advice starts "Film again like this" and asks for the whole body in the picture."""
    advice = how_to_film(exercise)

    assert advice.startswith("Film again like this:")
    assert "whole body, feet included" in advice
