"""Annotated pictures at the deepest point of each rep."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from hipfirst.core.movement import Exercise, Joint, MovementCheck, analyse_recording
from hipfirst.vision import draw_rep, frames_at, write_rep_frames
from hipfirst.vision.overlay import MEASURED_LEG
from tests.vision.conftest import Recorded

SQUATS = "tfjs-models-pose_squats.mp4"


def _squat_reps(recorded: Callable[[str], Recorded]):
    clip = recorded(SQUATS)
    return analyse_recording(
        clip.recording, clip=clip.clip, check=MovementCheck(Exercise.SQUAT)
    ).reps


def test_the_measured_leg_is_drawn_on_a_copy(recorded: Callable[[str], Recorded]) -> None:
    """The knee of the measured leg is painted orange; the frame given is left alone."""
    rep = _squat_reps(recorded)[0]
    frame = frames_at(recorded(SQUATS).path, [rep.bottom_frame])[rep.bottom_frame]
    before = frame.copy()

    drawn = draw_rep(frame, [rep])

    assert np.array_equal(frame, before)
    assert drawn.shape == frame.shape
    landmarks = rep.bottom_landmarks
    knee = landmarks[Joint.of(rep.side, "knee")]
    x = round(knee.x_px * frame.shape[1] / landmarks.width_px)
    y = round(knee.y_px * frame.shape[0] / landmarks.height_px)
    patch = drawn[y - 12 : y + 12, x - 12 : x + 12].reshape(-1, 3).astype(int)
    assert (np.abs(patch - MEASURED_LEG).sum(axis=1) < 60).any()


def test_no_rep_leaves_the_picture_as_it_was(recorded: Callable[[str], Recorded]) -> None:
    """Without a rep there is nothing to draw."""
    frame = frames_at(recorded(SQUATS).path, [0])[0]

    assert np.array_equal(draw_rep(frame, []), frame)


def test_one_picture_a_rep_at_full_size(
    recorded: Callable[[str], Recorded], tmp_path: Path
) -> None:
    """Three squats measured on both legs give three JPEGs of the clip's own size."""
    written = write_rep_frames(recorded(SQUATS).path, _squat_reps(recorded), tmp_path / "reps")

    assert [path.name for path in written] == [
        "rep01-2.0s.jpg",
        "rep02-6.6s.jpg",
        "rep03-11.8s.jpg",
    ]
    assert {cv2.imread(str(path)).shape for path in written} == {(1280, 720, 3)}
