r"""Angles in each frame: knee FPPA, knee flexion and pelvic obliquity, from body points.

A :class:`Track` is a clip's body points as arrays, with short unseen stretches filled
and the jitter smoothed; :func:`angle_series` measures it frame by frame. The
frontal plane projection angle (FPPA) is defined in ../shared/science/movement_norms.md §1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from hipfirst.core.movement_clip import Joint, Leg, Recording, movement_data

__all__ = [
    "AngleSeries",
    "FrameAngles",
    "Track",
    "angle_series",
    "fppa_deg",
    "frame_angles",
    "knee_flexion_deg",
    "pelvic_obliquity_deg",
    "track",
]

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

_DETECTION = movement_data()["detection"]
MIN_VISIBILITY: Final = float(_DETECTION["min_visibility"])
MAX_GAP_S: Final = float(_DETECTION["max_gap_s"])
SMOOTHING_S: Final = float(_DETECTION["smoothing_s"])
#: Segment length taken as "seen full length" (standing, segment square to the camera).
FULL_LENGTH_PERCENTILE: Final = 90


def _cross(u: Floats, v: Floats) -> Floats:
    return u[..., 0] * v[..., 1] - u[..., 1] * v[..., 0]


def fppa_deg(hip: Floats, knee: Floats, ankle: Floats, other_hip: Floats) -> Floats:
    r"""Frontal plane projection angle (FPPA) of one knee, positive when it goes inward.

    Parameters
    ----------
    hip, knee, ankle : ndarray
        Image points ``(..., 2)`` of one leg, in pixels.
    other_hip : ndarray
        The other hip ``(..., 2)``: it says which side is the body's midline.

    Returns
    -------
    ndarray
        Degrees, ``(...)``; 0 when hip, knee and ankle are in line, positive (valgus)
        when the knee lies on the midline's side of the hip–ankle line, negative (varus)
        otherwise; NaN where a point is missing or two coincide.

    Notes
    -----
    With :math:`v_1 = hip - knee` and :math:`v_2 = ankle - knee`,
    :math:`FPPA = 180° - \angle(v_1, v_2)` [1]_ [2]_. The hip point is the pose model's
    hip joint centre, not a mid-thigh marker. The sign compares the knee's side of the
    hip–ankle line with the other hip's, so it needs no image axes: turning, scaling or
    shifting the picture leaves it unchanged, and a mirrored picture swaps the legs.

    References
    ----------
    .. [1] Willson JD, Davis IS. Utility of the frontal plane projection angle in females
       with patellofemoral pain. J Orthop Sports Phys Ther. 2008;38(10):606-615.
       doi:10.2519/jospt.2008.2706
    .. [2] Munro A, Herrington L, Carolan M. Reliability of two-dimensional video
       assessment of frontal plane dynamic knee valgus during common athletic screening
       tasks. J Sport Rehabil. 2012;21(1):7-11. Both in ../shared/science/movement_norms.md.

    Examples
    --------
    >>> import numpy as np
    >>> hip, knee, ankle = np.array([0.0, 0.0]), np.array([1.0, 10.0]), np.array([0.0, 20.0])
    >>> round(float(fppa_deg(hip, knee, ankle, other_hip=np.array([5.0, 0.0]))), 1)
    11.4
    """
    v1, v2 = hip - knee, ankle - knee
    # atan2 of |v1 × v2| and v1 · v2 is the angle between them, exact near 180° too
    magnitude = 180.0 - np.degrees(np.arctan2(np.abs(_cross(v1, v2)), (v1 * v2).sum(axis=-1)))
    coincide = (np.linalg.norm(v1, axis=-1) == 0) | (np.linalg.norm(v2, axis=-1) == 0)
    magnitude = np.where(coincide, np.nan, magnitude)
    hip_to_ankle = ankle - hip
    inward = np.sign(_cross(hip_to_ankle, knee - hip)) * np.sign(
        _cross(hip_to_ankle, other_hip - hip)
    )
    return np.asarray(np.where(inward < 0, -magnitude, magnitude), dtype=np.float64)


def pelvic_obliquity_deg(left_hip: Floats, right_hip: Floats) -> Floats:
    """Tilt of the line between the hips from the picture's horizontal.

    Parameters
    ----------
    left_hip, right_hip : ndarray
        The runner's left and right hip points ``(..., 2)``, in pixels, y down.

    Returns
    -------
    ndarray
        Degrees, positive when the left hip is lower in the picture, whichever way the
        runner faces. Meaningful only with a level camera.
    """
    down = left_hip[..., 1] - right_hip[..., 1]
    across = np.abs(left_hip[..., 0] - right_hip[..., 0])
    return np.asarray(np.degrees(np.arctan2(down, across)), dtype=np.float64)


def knee_flexion_deg(
    hip: Floats, knee: Floats, ankle: Floats, *, thigh_px: float, shank_px: float
) -> Floats:
    r"""Knee bend estimated from a front view by how much thigh and shin look shorter.

    Parameters
    ----------
    hip, knee, ankle : ndarray
        Image points ``(..., 2)`` of one leg, in pixels.
    thigh_px, shank_px : float
        The thigh's and shin's lengths when square to the camera (standing).

    Returns
    -------
    ndarray
        Degrees, 0 standing straight; NaN where a point is missing.

    Notes
    -----
    Seen from the front, a segment of length :math:`L` tilted by :math:`\theta` towards
    the camera looks :math:`L\cos\theta` long, so
    :math:`flexion = \arccos(l_{thigh}/L_{thigh}) + \arccos(l_{shank}/L_{shank})`.
    Our estimate, not a published method: it assumes both segments tilt in the sagittal
    plane and ignores perspective, so read it to about ±15°.
    """
    thigh = np.linalg.norm(hip - knee, axis=-1) / thigh_px
    shank = np.linalg.norm(ankle - knee, axis=-1) / shank_px
    tilt = np.degrees(np.arccos(np.clip(thigh, 0.0, 1.0)) + np.arccos(np.clip(shank, 0.0, 1.0)))
    return np.asarray(tilt, dtype=np.float64)


@dataclass(frozen=True, slots=True, eq=False)
class Track:
    """A clip's body points as arrays: gaps of up to ``max_gap_s`` filled, then smoothed."""

    fps: float
    width_px: int  # of the frames measured; 0 when no person was ever found
    height_px: int
    xy_px: Floats  # frames × joints × 2, NaN where unknown
    depth_px: Floats  # frames × joints
    is_found: Bools  # frames: the model found a person
    is_seen: Bools  # frames × joints: found with at least MIN_VISIBILITY, before filling
    swapped_frames: int = 0  # frames whose left and right the model had named the wrong way
    largest_hip_jump_px: float = 0.0  # between frames found within JUMP_WITHIN_S, unsmoothed

    @property
    def frame_count(self) -> int:
        """Frames in the clip."""
        return int(self.is_found.shape[0])

    def at(self, joint: Joint) -> Floats:
        """The ``(frames, 2)`` positions of one joint."""
        return self.xy_px[:, joint.column]


def _filled(values: Floats, known: Bools, max_gap: int) -> Floats:
    """``values`` where known, straight lines across unknown stretches of ``max_gap`` or less."""
    out = np.full(values.shape, np.nan)
    where = np.flatnonzero(known)
    if where.size == 0:
        return out
    frames = np.arange(values.size)
    line = np.interp(frames, where, values[where])
    after = np.searchsorted(where, frames)  # first known frame at or after each frame
    before = where[np.clip(after - 1, 0, where.size - 1)]
    nxt = where[np.clip(after, 0, where.size - 1)]
    inside = (frames > where[0]) & (frames < where[-1]) & (nxt - before - 1 <= max_gap)
    return np.where(known | inside, line, out)


def _smoothed(values: Floats, window: int) -> Floats:
    """Centred moving average that ignores NaN and leaves unknown frames unknown."""
    if window <= 1:
        return values
    valid = np.isfinite(values)
    kernel, centre = np.ones(window), slice(window // 2, window // 2 + values.size)
    total = np.convolve(np.where(valid, values, 0.0), kernel)[centre]  # clips shorter than
    count = np.convolve(valid.astype(np.float64), kernel)[centre]  # the window too
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(valid, total / count, np.nan)


def _other_side(joint: Joint) -> Joint:
    side, part = joint.value.split("_", 1)
    return Joint.of(Leg(side).other, part)


_MIRRORED = [_other_side(joint).column for joint in Joint]
#: A frame must face the other way by at least this share of the clip's usual width
#: (shoulders and hips) before its sides are swapped back: a design choice.
MIN_SWAP_WIDTH_SHARE: Final = 0.25
#: Hips found this far apart in time count as one move (a design choice).
JUMP_WITHIN_S: Final = 0.5


def _sides_made_consistent(raw: Floats) -> tuple[Floats, int]:
    """``raw`` with frames whose left and right are named the other way round swapped back.

    MediaPipe at times names the whole body's sides the wrong way round for a stretch of
    frames, confidently (about a third of pose2sim-balancing-cam02.mp4, filmed from the
    front and a little to the side). Nobody turns round during these exercises, so a
    frame that faces the other way from most of the clip, clearly, is swapped back. Also
    returns how many frames were.
    """
    shoulders, hips = (
        raw[:, Joint.of(Leg.LEFT, part).column, 0] - raw[:, Joint.of(Leg.RIGHT, part).column, 0]
        for part in ("shoulder", "hip")
    )
    width = shoulders + hips
    known = width[np.isfinite(width)]
    if known.size == 0:
        return raw, 0
    usual = float(np.median(known))
    with np.errstate(invalid="ignore"):
        swapped = (np.sign(width) == -np.sign(usual)) & (
            np.abs(width) > MIN_SWAP_WIDTH_SHARE * abs(usual)
        )
    out = raw.copy()
    out[swapped] = raw[swapped][:, _MIRRORED]
    return out, int(swapped.sum())


def track(recording: Recording, *, fps: float) -> Track:
    """Arrays of a recording's body points, with short gaps filled and jitter smoothed.

    Frames whose sides the model named the wrong way round are swapped back first
    (:func:`_sides_made_consistent`). A point is unseen when the model found no one or
    gave it less than
    ``min_visibility``; unseen stretches up to ``max_gap_s`` are filled by straight lines
    and the result smoothed over ``smoothing_s`` (design choices, ``data/movement_norms.toml``).
    """
    n, joints = len(recording.landmarks), len(Joint)
    raw = np.full((n, joints, 4), np.nan)
    size = (0, 0)
    for i, found in enumerate(recording.landmarks):
        if found is not None:
            raw[i] = [(p.x_px, p.y_px, p.depth_px, p.visibility) for p in found.points]
            size = (found.width_px, found.height_px)
    raw, swapped_frames = _sides_made_consistent(raw)
    is_found = ~np.isnan(raw[:, 0, 0])
    is_seen = is_found[:, None] & (np.nan_to_num(raw[..., 3]) >= MIN_VISIBILITY)
    max_gap = round(MAX_GAP_S * fps)
    window = max(1, round(SMOOTHING_S * fps)) | 1  # odd, so the average stays centred
    clean = np.empty((n, joints, 3))
    for j in range(joints):
        for k in range(3):
            clean[:, j, k] = _smoothed(_filled(raw[:, j, k], is_seen[:, j], max_gap), window)
    found_at = np.flatnonzero(is_found)
    hips = (
        raw[found_at, Joint.LEFT_HIP.column, :2] + raw[found_at, Joint.RIGHT_HIP.column, :2]
    ) / 2
    jumps = np.linalg.norm(np.diff(hips, axis=0), axis=-1)
    within = np.diff(found_at) <= JUMP_WITHIN_S * fps  # lost for a moment, found elsewhere
    jump = float(np.max(jumps[within], initial=0.0))
    xy, depth = clean[..., :2], clean[..., 2]
    return Track(fps, size[0], size[1], xy, depth, is_found, is_seen, swapped_frames, jump)


@dataclass(frozen=True, slots=True, eq=False)
class AngleSeries:
    """Each frame's angles, NaN where a point needed is unknown."""

    fppa_deg: dict[Leg, Floats]
    knee_flexion_deg: dict[Leg, Floats]
    pelvic_obliquity_deg: Floats  # positive: left hip lower


def _full_length_px(lengths: Floats) -> float:
    known = lengths[np.isfinite(lengths)]
    return float(np.percentile(known, FULL_LENGTH_PERCENTILE)) if known.size else float("nan")


def angle_series(body: Track) -> AngleSeries:
    """FPPA and knee flexion of each leg and the pelvis's tilt, frame by frame."""
    fppa: dict[Leg, Floats] = {}
    flexion: dict[Leg, Floats] = {}
    for leg in Leg:
        hip, knee = body.at(Joint.of(leg, "hip")), body.at(Joint.of(leg, "knee"))
        ankle, other_hip = body.at(Joint.of(leg, "ankle")), body.at(Joint.of(leg.other, "hip"))
        fppa[leg] = fppa_deg(hip, knee, ankle, other_hip)
        thigh = _full_length_px(np.linalg.norm(hip - knee, axis=-1))
        shank = _full_length_px(np.linalg.norm(ankle - knee, axis=-1))
        flexion[leg] = knee_flexion_deg(hip, knee, ankle, thigh_px=thigh, shank_px=shank)
    tilt = pelvic_obliquity_deg(body.at(Joint.LEFT_HIP), body.at(Joint.RIGHT_HIP))
    return AngleSeries(fppa, flexion, tilt)


@dataclass(frozen=True, slots=True)
class FrameAngles:
    """The angles in one frame; ``None`` where a point needed was not seen."""

    at_s: float
    left_fppa_deg: float | None
    right_fppa_deg: float | None
    left_knee_flexion_deg: float | None
    right_knee_flexion_deg: float | None
    pelvic_obliquity_deg: float | None  # positive: left hip lower


def _value(series: Floats, i: int) -> float | None:
    value = float(series[i])
    return round(value, 1) if np.isfinite(value) else None


def frame_angles(series: AngleSeries, *, fps: float) -> tuple[FrameAngles, ...]:
    """The series as one :class:`FrameAngles` a frame, rounded to 0.1°."""
    return tuple(
        FrameAngles(
            at_s=round(i / fps, 3),
            left_fppa_deg=_value(series.fppa_deg[Leg.LEFT], i),
            right_fppa_deg=_value(series.fppa_deg[Leg.RIGHT], i),
            left_knee_flexion_deg=_value(series.knee_flexion_deg[Leg.LEFT], i),
            right_knee_flexion_deg=_value(series.knee_flexion_deg[Leg.RIGHT], i),
            pelvic_obliquity_deg=_value(series.pelvic_obliquity_deg, i),
        )
        for i in range(series.pelvic_obliquity_deg.shape[0])
    )
