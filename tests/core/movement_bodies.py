"""Synthetic bodies for the movement-check tests: body points with angles known exactly.

A person stands facing the camera (their left on the picture's right) or with their back
to it, in a 720×1280 picture, y down. Each leg is hip, knee, ankle; thigh and shin are
the same length, so a knee bend of θ shortens each by cos(θ/2) as seen from the front and
lowers the hips by ``leg_px (1 - cos(θ/2))``; a knee moved sideways by
``tan(FPPA/2)`` of half the hip–ankle distance gives that FPPA.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hipfirst.core.movement import Clip, Joint, Landmarks, Leg, Point, Recording

WIDTH_PX, HEIGHT_PX = 720, 1280
LEG_PX = 400.0  # hip to ankle, standing
FLOOR_Y_PX = 1100.0


@dataclass(frozen=True)
class Pose:
    """What one synthetic frame shows."""

    knee_flexion_deg: float = 0.0  # both legs
    left_fppa_deg: float = 0.0  # positive: knee inward
    right_fppa_deg: float = 0.0
    left_ankle_lift: float = 0.0  # share of leg length the foot is off the ground
    right_ankle_lift: float = 0.0
    pelvic_obliquity_deg: float = 0.0  # positive: left hip lower
    faces_camera: bool = True
    turn_depth_px: float = 0.0  # left hip this much further from the camera than the right
    centre_x_px: float = 360.0
    hip_half_width_px: float = 50.0
    visibility: float = 0.99


def landmarks(pose: Pose) -> Landmarks:
    """The body points of ``pose``, in Joint order."""
    drop_px = LEG_PX * (1 - math.cos(math.radians(pose.knee_flexion_deg / 2)))
    hip_y = FLOOR_Y_PX - LEG_PX + drop_px
    tilt = pose.hip_half_width_px * math.tan(math.radians(pose.pelvic_obliquity_deg))
    points: dict[Joint, Point] = {}
    for leg in Leg:
        outward = 1.0 if (leg is Leg.LEFT) == pose.faces_camera else -1.0  # picture x
        hip_x = pose.centre_x_px + outward * pose.hip_half_width_px
        leg_hip_y = hip_y + (tilt if leg is Leg.LEFT else -tilt)
        lift = pose.left_ankle_lift if leg is Leg.LEFT else pose.right_ankle_lift
        ankle_y = FLOOR_Y_PX - lift * LEG_PX
        fppa = pose.left_fppa_deg if leg is Leg.LEFT else pose.right_fppa_deg
        half_px = (ankle_y - leg_hip_y) / 2
        inward_px = half_px * math.tan(math.radians(fppa / 2))
        knee = (hip_x - outward * inward_px, leg_hip_y + half_px)
        depth = pose.turn_depth_px / 2 * (1 if leg is Leg.LEFT else -1)
        seen = pose.visibility
        points[Joint.of(leg, "hip")] = Point(hip_x, leg_hip_y, depth, seen)
        points[Joint.of(leg, "knee")] = Point(*knee, depth, seen)
        points[Joint.of(leg, "ankle")] = Point(hip_x, ankle_y, depth, seen)
        shoulder_x = pose.centre_x_px + outward * pose.hip_half_width_px * 1.6
        points[Joint.of(leg, "shoulder")] = Point(shoulder_x, hip_y - 0.7 * LEG_PX, depth, seen)
    return Landmarks(WIDTH_PX, HEIGHT_PX, tuple(points[joint] for joint in Joint))


def recording(poses: Sequence[Pose | None], *, brightness: float = 128.0) -> Recording:
    """A recording of one frame a pose; ``None`` is a frame where nobody was found."""
    return Recording(tuple(None if p is None else landmarks(p) for p in poses), brightness)


def clip(frames: int, fps: float = 30.0) -> Clip:
    """A 720×1280 clip of ``frames`` frames."""
    return Clip(fps, frames, WIDTH_PX, HEIGHT_PX)


def squats(
    *, reps: int = 3, fps: float = 30.0, pose_at: Callable[[float], Pose] | None = None
) -> list[Pose]:
    """Reps of 2 s down to 90° knee bend and up, with 1 s standing before, between and after.

    ``pose_at(bend)`` gives the pose for a knee bend of ``bend`` (default: straight knees).
    """
    shape = pose_at or (lambda bend: Pose(knee_flexion_deg=bend))
    poses = [shape(0.0)] * round(fps)
    for _ in range(reps):
        n = round(2 * fps)
        poses += [shape(90 * math.sin(math.pi * i / n)) for i in range(n)]
        poses += [shape(0.0)] * round(fps)
    return poses


def running(
    *, seconds: float = 6.0, fps: float = 60.0, step_rate_spm: float = 170.0, drop_deg: float = 5.0
) -> list[Pose]:
    """Running seen from behind: feet lifting in turn, the swing side's hip ``drop_deg`` lower."""
    omega = math.pi * step_rate_spm / 60  # one step is half a cycle
    poses = []
    for i in range(round(seconds * fps)):
        phase = math.sin(omega * i / fps)
        poses.append(
            Pose(
                left_ankle_lift=0.3 * max(0.0, phase),
                right_ankle_lift=0.3 * max(0.0, -phase),
                pelvic_obliquity_deg=drop_deg * phase,
                faces_camera=False,
            )
        )
    return poses
