"""A filmed movement: the clip, the body points a pose model finds in each frame.

The pose model is a heavy collaborator, so it comes in through :class:`PoseEstimator`;
``hipfirst.vision.MediaPipePose`` is the real one and :class:`RecordedPose` replays
body points found earlier (a stored analysis, or a reference file in the tests).
Coordinates are pixels of the frame the model was given, x to the right, y down.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

__all__ = [
    "Clip",
    "Exercise",
    "Frame",
    "Joint",
    "Landmarks",
    "Leg",
    "Point",
    "PoseEstimator",
    "RecordedPose",
    "Recording",
    "movement_data",
    "record_pose",
]

#: One picture of a video: height × width × 3 values 0–255 in RGB order.
Frame = npt.NDArray[np.uint8]


@cache
def movement_data() -> dict[str, Any]:  # Any: a TOML document
    """``data/movement_norms.toml``: the norms with their sources, and our design choices."""
    path = resources.files("hipfirst.core").joinpath("data", "movement_norms.toml")
    return tomllib.loads(path.read_text("utf-8"))


class Exercise(StrEnum):
    """What the runner filmed, and so which way the camera should look."""

    SINGLE_LEG_SQUAT = "single_leg_squat"  # from the front
    SQUAT = "squat"  # from the front: a simpler screen on two legs
    RUNNING = "running"  # from behind, on a treadmill or running away from the camera

    @property
    def is_filmed_from_behind(self) -> bool:
        """Running is filmed from behind, the squats from the front."""
        return self is Exercise.RUNNING


class Leg(StrEnum):
    """The runner's own left or right, whichever way they face the camera."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Leg:
        """The opposite leg."""
        return Leg.RIGHT if self is Leg.LEFT else Leg.LEFT


class Joint(StrEnum):
    """The body points the movement check uses, named from the runner's side."""

    LEFT_SHOULDER = "left_shoulder"
    RIGHT_SHOULDER = "right_shoulder"
    LEFT_HIP = "left_hip"
    RIGHT_HIP = "right_hip"
    LEFT_KNEE = "left_knee"
    RIGHT_KNEE = "right_knee"
    LEFT_ANKLE = "left_ankle"
    RIGHT_ANKLE = "right_ankle"

    @property
    def column(self) -> int:
        """Position of this joint in :attr:`Landmarks.points`."""
        return _JOINT_INDEX[self]

    @classmethod
    def of(cls, leg: Leg, part: str) -> Joint:
        """The joint ``part`` ("hip", "knee", "ankle", "shoulder") of ``leg``'s side."""
        return cls(f"{leg.value}_{part}")


_JOINT_INDEX = {joint: i for i, joint in enumerate(Joint)}


@dataclass(frozen=True, slots=True)
class Point:
    """One body point in one frame."""

    x_px: float
    y_px: float
    depth_px: float  # the model's guess of distance from the camera, relative to the hips
    visibility: float  # 0–1: the model's confidence that the point is in view


@dataclass(frozen=True, slots=True)
class Landmarks:
    """The body points of the one person the model follows, in one frame."""

    width_px: int  # of the frame the points are measured in
    height_px: int
    points: tuple[Point, ...]  # one per Joint, in Joint order

    def __getitem__(self, joint: Joint) -> Point:
        return self.points[joint.column]


@dataclass(frozen=True, slots=True)
class Clip:
    """What the video's container says about it, before any frame is analysed."""

    fps: float
    frame_count: int
    width_px: int
    height_px: int

    @property
    def duration_s(self) -> float:
        """Length of the clip, from its frame count and rate."""
        return self.frame_count / self.fps


class PoseEstimator(Protocol):
    """Finds one person's body points in the frames of a video, given in order."""

    def landmarks(self, frame: Frame) -> Landmarks | None:
        """The body points in ``frame``, or ``None`` when no person is found."""


class RecordedPose:
    """A :class:`PoseEstimator` that replays body points found earlier, one per frame.

    Parameters
    ----------
    recorded : Sequence[Landmarks | None]
        What a model found in each frame, in order; frames past the end find no one.
    """

    def __init__(self, recorded: Sequence[Landmarks | None]) -> None:
        self._recorded: Iterator[Landmarks | None] = iter(recorded)

    def landmarks(self, frame: Frame) -> Landmarks | None:
        """The next recorded frame's body points; ``frame`` itself is not looked at."""
        return next(self._recorded, None)


@dataclass(frozen=True, slots=True)
class Recording:
    """A pose model's output over a whole clip, and how bright the picture was."""

    landmarks: tuple[Landmarks | None, ...]  # one per frame
    brightness: float | None  # mean picture value 0–255 over sampled frames; None: no frame


def record_pose(
    frames: Iterable[Frame],
    *,
    estimator: PoseEstimator,
    on_frame: Callable[[int], None] | None = None,
) -> Recording:
    """Run ``estimator`` over every frame and sample the picture's brightness.

    Parameters
    ----------
    frames : Iterable[Frame]
        The clip's frames in order, RGB.
    estimator : PoseEstimator
        The pose model, or a recording of one.
    on_frame : Callable[[int], None], optional
        Called with the count of frames done after each frame (a progress bar).

    Returns
    -------
    Recording
        The body points of each frame; brightness is the mean of every
        ``brightness_every_frames``-th frame, looked at every eighth pixel (a design
        choice in ``data/movement_norms.toml``: cheap, and a dark clip is dark all over).
    """
    every = int(movement_data()["quality"]["brightness_every_frames"])
    found: list[Landmarks | None] = []
    brightness: list[float] = []
    for i, frame in enumerate(frames):
        if i % every == 0:
            brightness.append(float(frame[::8, ::8].mean()))
        found.append(estimator.landmarks(frame))
        if on_frame is not None:
            on_frame(i + 1)
    return Recording(tuple(found), float(np.mean(brightness)) if brightness else None)
