"""Angles in each frame: FPPA, pelvic obliquity, knee bend; gaps filled, jitter smoothed."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.movement import Joint, Landmarks, Leg, Point, Recording
from hipfirst.core.movement_angles import (
    Floats,
    angle_series,
    fppa_deg,
    frame_angles,
    knee_flexion_deg,
    pelvic_obliquity_deg,
    track,
)
from tests.core.movement_bodies import WIDTH_PX, Pose, landmarks, recording


def _leg(fppa: float) -> tuple[Floats, Floats, Floats, Floats]:
    """Hip, knee, ankle and other hip of a left leg (picture right) with a known FPPA."""
    points = landmarks(Pose(left_fppa_deg=fppa))
    return tuple(  # type: ignore[return-value]  # four points
        np.array([points[j].x_px, points[j].y_px])
        for j in (Joint.LEFT_HIP, Joint.LEFT_KNEE, Joint.LEFT_ANKLE, Joint.RIGHT_HIP)
    )


def _moved(points: Floats, turn_deg: float, scale: float, shift: Floats) -> Floats:
    turn = math.radians(turn_deg)
    rotation = np.array([[math.cos(turn), -math.sin(turn)], [math.sin(turn), math.cos(turn)]])
    moved: Floats = scale * points @ rotation.T + shift
    return moved


@pytest.mark.parametrize("fppa", [0.0, 5.0, 8.4, 16.8, 30.0, -10.0])
def test_fppa_is_the_angle_the_knee_was_moved(fppa: float) -> None:
    """A knee moved in by a known angle reads that angle; out reads it negative."""
    assert float(fppa_deg(*_leg(fppa))) == pytest.approx(fppa, abs=1e-9)


@given(
    fppa=st.floats(-40, 40),
    turn_deg=st.floats(-180, 180),
    scale=st.floats(0.05, 20),
    shift=st.tuples(st.floats(-2000, 2000), st.floats(-2000, 2000)),
    is_mirrored=st.booleans(),
)
def test_turning_scaling_shifting_or_mirroring_the_picture_keeps_fppa(
    fppa: float, turn_deg: float, scale: float, shift: tuple[float, float], is_mirrored: bool
) -> None:
    """The FPPA of a leg needs no picture axes: any similarity transform leaves it as it was."""
    points = np.stack(_leg(fppa))
    if is_mirrored:
        points = points * np.array([-1.0, 1.0])

    moved = _moved(points, turn_deg, scale, np.array(shift))

    assert float(fppa_deg(*moved)) == pytest.approx(fppa, abs=1e-6)


def _flipped(found: Landmarks) -> Landmarks:
    """The picture flipped left to right, names kept."""
    return Landmarks(
        found.width_px,
        found.height_px,
        tuple(
            Point(found.width_px - p.x_px, p.y_px, p.depth_px, p.visibility) for p in found.points
        ),
    )


def _mirrored_names(found: Landmarks) -> Landmarks:
    """The same picture with every left and right name swapped."""
    other = {j: Joint.of(Leg(j.value.split("_")[0]).other, j.value.split("_")[1]) for j in Joint}
    return Landmarks(found.width_px, found.height_px, tuple(found[other[j]] for j in Joint))


def test_a_mirrored_picture_swaps_the_knees() -> None:
    """Flip the picture: the left knee's FPPA becomes the right's and the other way round."""
    pose = Pose(left_fppa_deg=12.0, right_fppa_deg=-4.0)
    original = angle_series(track(recording([pose]), fps=30))
    mirrored = angle_series(
        # A model names the mirrored person's sides as it sees them: the names swap too.
        track(Recording((_mirrored_names(_flipped(landmarks(pose))),), 128.0), fps=30)
    )

    assert mirrored.fppa_deg[Leg.LEFT][0] == pytest.approx(original.fppa_deg[Leg.RIGHT][0])
    assert mirrored.fppa_deg[Leg.RIGHT][0] == pytest.approx(original.fppa_deg[Leg.LEFT][0])


@pytest.mark.parametrize("faces_camera", [True, False])
@pytest.mark.parametrize("tilt", [-8.0, 0.0, 3.0])
def test_pelvic_obliquity_is_positive_when_the_left_hip_is_lower(
    tilt: float, faces_camera: bool
) -> None:
    """Whichever way the runner faces, a lower left hip reads positive."""
    found = landmarks(Pose(pelvic_obliquity_deg=tilt, faces_camera=faces_camera))
    left = np.array([found[Joint.LEFT_HIP].x_px, found[Joint.LEFT_HIP].y_px])
    right = np.array([found[Joint.RIGHT_HIP].x_px, found[Joint.RIGHT_HIP].y_px])

    assert float(pelvic_obliquity_deg(left, right)) == pytest.approx(tilt)


@pytest.mark.parametrize("bend", [0.0, 30.0, 60.0, 90.0])
def test_knee_bend_is_read_from_how_short_thigh_and_shin_look(bend: float) -> None:
    """With the standing lengths known, the foreshortening gives the knee bend back."""
    found = landmarks(Pose(knee_flexion_deg=bend))
    hip, knee, ankle = (
        np.array([found[j].x_px, found[j].y_px])
        for j in (Joint.LEFT_HIP, Joint.LEFT_KNEE, Joint.LEFT_ANKLE)
    )

    assert float(knee_flexion_deg(hip, knee, ankle, thigh_px=200, shank_px=200)) == pytest.approx(
        bend
    )


def test_a_short_gap_is_filled_and_a_long_one_left_unknown() -> None:
    """Unseen for 0.1 s: filled; for 0.5 s: unknown (max_gap_s is 0.25 s)."""
    poses: list[Pose | None] = [Pose()] * 10 + [None] * 3 + [Pose()] * 10 + [None] * 15 + [Pose()]

    body = track(recording(poses), fps=30)

    hip_x = body.at(Joint.LEFT_HIP)[:, 0]
    assert np.isfinite(hip_x[10:13]).all()
    assert np.isnan(hip_x[23:38]).all()
    assert not body.is_found[10:13].any()


def test_a_point_the_model_barely_sees_counts_as_unseen() -> None:
    """Visibility under 0.5 is treated like a missing point, then filled like one."""
    poses = [Pose()] * 5 + [Pose(visibility=0.2)] * 2 + [Pose()] * 5

    body = track(recording(poses), fps=30)

    assert not body.is_seen[5:7].any()
    assert np.isfinite(body.xy_px[5:7]).all()


def test_smoothing_calms_jitter_but_keeps_a_still_body_still() -> None:
    """Jitter of ±4 px is at least halved; a still point stays where it was."""
    jitter = [Pose(centre_x_px=360 + (4 if i % 2 else -4)) for i in range(30)]

    body = track(recording(jitter), fps=30)

    inner = body.at(Joint.LEFT_HIP)[2:-2, 0] - 410  # centre 360 + half width 50
    assert np.abs(inner).max() <= 2.0
    still = track(recording([Pose()] * 30), fps=30)
    assert np.allclose(still.at(Joint.LEFT_HIP)[:, 0], 410)


def test_frames_whose_sides_the_model_swapped_are_swapped_back() -> None:
    """A few frames named as if the runner had turned round are named as the rest."""
    poses = [Pose(left_fppa_deg=10.0)] * 20
    found = [landmarks(p) for p in poses]
    found[8:12] = [_mirrored_names(f) for f in found[8:12]]

    body = track(Recording(tuple(found), 128.0), fps=30)

    assert body.swapped_frames == 4
    assert angle_series(body).fppa_deg[Leg.LEFT] == pytest.approx([10.0] * 20)


def test_frame_angles_are_rounded_and_none_where_unknown() -> None:
    """Each frame's angles come rounded to 0.1°, and None where nobody was found."""
    body = track(recording([Pose(left_fppa_deg=8.44)] * 3 + [None] * 20), fps=10)

    angles = frame_angles(angle_series(body), fps=10)

    assert angles[0].left_fppa_deg == 8.4
    assert angles[1].at_s == 0.1
    assert angles[-1].left_fppa_deg is None
    assert body.width_px == WIDTH_PX
