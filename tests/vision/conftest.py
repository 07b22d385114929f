"""The pose model's output on the real clips, computed once a test session.

Running BlazePose over all of ../shared/data/media's clips (about 900 frames) takes
20–30 s on one core, so every vision test that needs the model's output reads it from
the session-wide :func:`recorded` fixture instead of running the model again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from hipfirst.core.movement import Clip, Joint, Landmarks, Point, Recording, record_pose
from hipfirst.core.movement_angles import Floats
from hipfirst.vision import MediaPipePose, decoded_frames, open_video
from tests.data import SHARED_DATA

MEDIA = SHARED_DATA / "media"
#: BlazePose's numbering of the 33 landmarks in TF.js's reference file, for our joints.
BLAZEPOSE = {
    Joint.LEFT_SHOULDER: 11,
    Joint.RIGHT_SHOULDER: 12,
    Joint.LEFT_HIP: 23,
    Joint.RIGHT_HIP: 24,
    Joint.LEFT_KNEE: 25,
    Joint.RIGHT_KNEE: 26,
    Joint.LEFT_ANKLE: 27,
    Joint.RIGHT_ANKLE: 28,
}
LOWER_LIMB = tuple(
    Joint(f"{side}_{part}") for side in ("left", "right") for part in ("hip", "knee", "ankle")
)


@dataclass(frozen=True)
class Recorded:
    """One real clip and what MediaPipe found in every frame of it."""

    path: Path
    clip: Clip
    recording: Recording

    def lower_limbs_px(self) -> Floats:
        """Frames × 6 × 2: hips, knees, ankles in the clip's own pixels (NaN: nobody found)."""
        out = np.full((len(self.recording.landmarks), len(LOWER_LIMB), 2), np.nan)
        for i, found in enumerate(self.recording.landmarks):
            if found is not None:
                scale = (self.clip.width_px / found.width_px, self.clip.height_px / found.height_px)
                out[i] = [(found[j].x_px * scale[0], found[j].y_px * scale[1]) for j in LOWER_LIMB]
        return out

    def visibility(self) -> Floats:
        """Frames × 6: the model's visibility of hips, knees and ankles (0: nobody found)."""
        return np.array(
            [
                [found[j].visibility if found else 0.0 for j in LOWER_LIMB]
                for found in self.recording.landmarks
            ]
        )


@pytest.fixture(scope="session")
def recorded() -> Callable[[str], Recorded]:
    """Look up (and on first use, compute) MediaPipe's output for a clip in media/."""
    cache: dict[str, Recorded] = {}

    def get(name: str) -> Recorded:
        if name not in cache:
            path = MEDIA / name
            frames = decoded_frames(path)
            with MediaPipePose() as estimator:
                recording = record_pose(frames, estimator=estimator)
            cache[name] = Recorded(path, open_video(path), recording)
        return cache[name]

    return get


def tfjs_reference_squats() -> list[Landmarks]:
    """TF.js's own BlazePose-full output for tfjs-models-pose_squats.mp4, as our landmarks.

    The file holds 65 frames × 33 landmarks × [x_px, y_px, z]; it has no visibility, so
    every point counts as seen.
    """
    frames = json.loads((MEDIA / "tfjs-models-pose_squats.full.json").read_text())
    return [
        Landmarks(
            720,
            1280,
            tuple(
                Point(frame[BLAZEPOSE[j]][0], frame[BLAZEPOSE[j]][1], frame[BLAZEPOSE[j]][2], 1.0)
                for j in Joint
            ),
        )
        for frame in frames
    ]
