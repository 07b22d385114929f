"""Can we measure this clip? Quality problems in plain words, and how to film again.

Every threshold is a design choice in ``data/movement_norms.toml`` (``[quality]``),
tuned on the clips in ../shared/data/media; none is a published figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from hipfirst.core.movement_angles import Bools, Floats, Track
from hipfirst.core.movement_clip import Clip, Exercise, Joint, Leg, movement_data
from hipfirst.core.movement_events import leg_length_px

__all__ = [
    "Quality",
    "camera_problems",
    "clip_problems",
    "how_to_film",
    "lower_limbs_seen",
    "sight_problems",
]

_QUALITY = movement_data()["quality"]
MIN_SEEN_SHARE: Final = float(_QUALITY["min_seen_share"])
MIN_FOUND_SHARE: Final = float(_QUALITY["min_found_share"])
MIN_HIP_WIDTH_SHARE: Final = float(_QUALITY["min_hip_width_share"])
MAX_TURN_DEG: Final = float(_QUALITY["max_turn_deg"])
MAX_JUMP_SHARE: Final = float(_QUALITY["max_jump_share"])
MIN_BRIGHTNESS: Final = float(_QUALITY["min_brightness"])
DURATION_S: Final = {
    Exercise(name): (float(low), float(high))
    for name, (low, high) in _QUALITY["duration_s"].items()
}
_LOWER_LIMB = tuple(Joint.of(leg, part) for leg in Leg for part in ("hip", "knee", "ankle"))

_HOW_TO_FILM = {
    Exercise.SINGLE_LEG_SQUAT: (
        "Film again like this: phone upright at hip height, 2–3 m in front of you and "
        "square-on; your whole body, feet included, in the picture; good light from behind "
        "the phone; 3 slow single-leg squats on the same leg."
    ),
    Exercise.SQUAT: (
        "Film again like this: phone upright at hip height, 2–3 m in front of you and "
        "square-on; your whole body, feet included, in the picture; good light from behind "
        "the phone; 3 slow squats."
    ),
    Exercise.RUNNING: (
        "Film again like this: phone at hip height, 2–3 m straight behind you on a "
        "treadmill (or as you run straight away from it); your whole body, feet included, "
        "in the picture; good light; at least 10 s of steady running."
    ),
}


@dataclass(frozen=True, slots=True)
class Quality:
    """Whether a clip can be measured; each problem says what was wrong in plain words."""

    problems: tuple[str, ...]

    @property
    def is_ok(self) -> bool:
        """No problem was found."""
        return not self.problems


def how_to_film(exercise: Exercise) -> str:
    """How to film ``exercise`` so that we can measure it."""
    return _HOW_TO_FILM[exercise]


def clip_problems(clip: Clip, exercise: Exercise) -> tuple[str, ...]:
    """Problems known before any frame is looked at: the clip is too short or too long."""
    shortest_s, longest_s = DURATION_S[exercise]
    if clip.frame_count < 1 or clip.duration_s < shortest_s:
        return (
            f"The video is too short ({clip.duration_s:.1f} s): we need at least "
            f"{shortest_s:.0f} s.",
        )
    if clip.duration_s > longest_s:
        return (
            f"The video is too long ({clip.duration_s:.0f} s): please trim it to the "
            f"exercise, at most {longest_s:.0f} s.",
        )
    return ()


def lower_limbs_seen(body: Track) -> Bools:
    """Frames where hips, knees and ankles were all seen, inside the picture."""
    columns = [joint.column for joint in _LOWER_LIMB]
    xy: Floats = body.xy_px[:, columns]
    with np.errstate(invalid="ignore"):
        inside = (xy >= 0) & (xy <= np.array([body.width_px, body.height_px]))
    return np.asarray(body.is_seen[:, columns].all(axis=1) & inside.all(axis=(1, 2)))


def sight_problems(body: Track, brightness: float | None) -> tuple[str, ...]:
    """Why the body points cannot be trusted: too dark, nobody, not all of them, two people.

    With any of these, nothing is measured.
    """
    problems: list[str] = []
    if brightness is not None and brightness < MIN_BRIGHTNESS:
        problems.append("The video is too dark for us to see your joints: film in good light.")
    if body.frame_count == 0 or body.is_found.mean() < MIN_FOUND_SHARE:
        return (*problems, "We could not find a person in most of the video.")
    seen = lower_limbs_seen(body)
    if seen.mean() < MIN_SEEN_SHARE:
        problems.append(
            f"We can't see your hips, knees and ankles in {1 - seen.mean():.0%} of the "
            "video: keep your whole body, feet included, in the picture."
        )
    if _has_switched_person(body):
        problems.append(
            "The video seems to show more than one person: film with only you in the picture."
        )
    return tuple(problems)


def camera_problems(body: Track, exercise: Exercise) -> tuple[str, ...]:
    """Why the angles would mislead: side-on, turned, or facing the wrong way.

    The body points are right, so reps and steps are still measured, but not compared
    with the norms.
    """
    seen = lower_limbs_seen(body)
    return tuple(_camera_angle_problems(body, seen, exercise)) if seen.any() else ()


def _has_switched_person(body: Track) -> bool:
    """The hips jump further between two frames than a body moves: another person."""
    return body.largest_hip_jump_px > MAX_JUMP_SHARE * leg_length_px(body)


def _camera_angle_problems(body: Track, seen: Bools, exercise: Exercise) -> list[str]:
    left, right = body.at(Joint.LEFT_HIP)[seen], body.at(Joint.RIGHT_HIP)[seen]
    across = left[:, 0] - right[:, 0]
    legs_px = sum(
        np.linalg.norm(
            body.at(Joint.of(leg, "hip"))[seen] - body.at(Joint.of(leg, "ankle"))[seen], axis=-1
        )
        for leg in Leg
    ) / len(Leg)
    from_behind = exercise.is_filmed_from_behind
    if np.median(np.abs(across) / legs_px) < MIN_HIP_WIDTH_SHARE:
        where = "straight behind you" if from_behind else "square-on in front of you"
        return [f"You are side-on to the camera: we need it {where}."]
    problems: list[str] = []
    faces_camera = bool(np.median(across) > 0)  # the runner's left hip on the picture's right
    if faces_camera and from_behind:
        problems.append("You are facing the camera: for running we need you filmed from behind.")
    if not faces_camera and not from_behind:
        problems.append("You have your back to the camera: face it for this exercise.")
    depth = body.depth_px[seen]
    turn_deg = np.degrees(
        np.arctan2(depth[:, Joint.LEFT_HIP.column] - depth[:, Joint.RIGHT_HIP.column], abs(across))
    )
    if abs(float(np.median(turn_deg))) > MAX_TURN_DEG:
        problems.append(
            "Your body is turned to one side of the camera: knee angles are only right when "
            "your hips are square to it."
        )
    return problems
