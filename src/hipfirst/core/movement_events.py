"""Events in a clip: squat reps (start, deepest point, end) and running steps.

Both read the arrays of :mod:`hipfirst.core.movement_angles`. Thresholds are design
choices in ``data/movement_norms.toml`` (``[detection]``), not published figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from hipfirst.core.cadence import PLAUSIBLE_MAX_SPM, PLAUSIBLE_MIN_SPM
from hipfirst.core.movement_angles import AngleSeries, Bools, Track
from hipfirst.core.movement_clip import Joint, Landmarks, Leg, Point, movement_data

__all__ = [
    "RunningStep",
    "SquatRep",
    "leg_length_px",
    "running_steps",
    "squat_reps",
    "step_rate_spm",
]

_DETECTION = movement_data()["detection"]
REP_MIN_DEPTH: Final = float(_DETECTION["rep_min_depth"])
REP_EDGE_SHARE: Final = float(_DETECTION["rep_edge_share"])
STANCE_FOOT_MARGIN: Final = float(_DETECTION["stance_foot_margin"])
STEP_MARGIN: Final = float(_DETECTION["step_margin"])
MIN_STEPS_FOR_RATE: Final = int(_DETECTION["min_steps_for_rate"])


@dataclass(frozen=True, slots=True)
class SquatRep:
    """One leg's measures in one squat: down from standing, the deepest point, back up."""

    side: Leg
    start_s: float
    bottom_s: float
    end_s: float
    peak_fppa_deg: float  # the most inward the knee went during the rep
    knee_flexion_deg: float | None  # at that peak; None when it could not be estimated
    bottom_fppa_deg: float  # at the deepest point, where the published norms measure it
    bottom_frame: int
    bottom_landmarks: Landmarks  # the smoothed points at the deepest point, for the overlay


@dataclass(frozen=True, slots=True)
class RunningStep:
    """One step of running seen from behind, at mid-stance."""

    side: Leg  # the stance leg
    midstance_s: float
    midstance_frame: int
    pelvic_drop_deg: float  # positive: the swing leg's side of the pelvis is lower


def leg_length_px(body: Track) -> float:
    """Hip-to-ankle length standing: the 90th percentile over frames and legs (NaN: unseen)."""
    lengths = np.concatenate(
        [
            np.linalg.norm(body.at(Joint.of(leg, "hip")) - body.at(Joint.of(leg, "ankle")), axis=-1)
            for leg in Leg
        ]
    )
    known = lengths[np.isfinite(lengths)]
    return float(np.percentile(known, 90)) if known.size else float("nan")


def _runs(mask: Bools) -> list[tuple[int, int]]:
    """(first, last) frame of each stretch where ``mask`` holds."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return [(int(first), int(last)) for first, last in zip(starts, ends, strict=True)]


def _landmarks_at(body: Track, i: int) -> Landmarks:
    points = tuple(
        Point(float(x), float(y), float(z), 1.0 if seen else 0.0)
        for (x, y), z, seen in zip(body.xy_px[i], body.depth_px[i], body.is_seen[i], strict=True)
    )
    return Landmarks(body.width_px, body.height_px, points)


def _stance_legs(body: Track, bottom: int, leg_px: float) -> tuple[Leg, ...]:
    """Both legs, or the one whose ankle is clearly lower (the other foot is lifted)."""
    left_lower_px = body.at(Joint.LEFT_ANKLE)[bottom, 1] - body.at(Joint.RIGHT_ANKLE)[bottom, 1]
    if not np.isfinite(left_lower_px) or abs(left_lower_px) < STANCE_FOOT_MARGIN * leg_px:
        return tuple(Leg)
    return (Leg.LEFT,) if left_lower_px > 0 else (Leg.RIGHT,)


def squat_reps(
    body: Track, angles: AngleSeries, *, single_leg: bool, side: Leg | None = None
) -> tuple[SquatRep, ...]:
    """The squats in a clip, each measured on its standing leg (both for a two-leg squat).

    Parameters
    ----------
    body : Track
        The clip's body points.
    angles : AngleSeries
        Their angles, frame by frame.
    single_leg : bool
        A single-leg squat: measure the standing leg only.
    side : Leg, optional
        The standing leg of a single-leg squat; without it, the leg whose ankle is
        clearly lower at the deepest point (the other foot is off the ground).

    Returns
    -------
    tuple[SquatRep, ...]
        In time order; for a two-leg squat, left then right for each rep.

    Notes
    -----
    Depth is how far the midpoint of the hips is below its highest position, as a share
    of the standing hip-to-ankle length. A rep is a stretch deeper than ``rep_min_depth``;
    it starts and ends where the depth is back within ``rep_edge_share`` of its deepest
    (or at the clip's edge). Our design, tuned on the repo's squat clip; not published.
    """
    leg_px = leg_length_px(body)
    hips_y = (body.at(Joint.LEFT_HIP)[:, 1] + body.at(Joint.RIGHT_HIP)[:, 1]) / 2
    if not np.isfinite(leg_px) or not np.isfinite(hips_y).any():
        return ()
    depth = (hips_y - np.nanpercentile(hips_y, 5)) / leg_px
    known_depth = np.nan_to_num(depth, nan=0.0)
    windows: list[tuple[int, int, int]] = []  # (start, bottom, end) frames
    for first, last in _runs(known_depth > REP_MIN_DEPTH):
        bottom = first + int(np.argmax(known_depth[first : last + 1]))
        if bottom in (0, depth.size - 1):
            continue  # the clip starts or ends at the deepest point: not a whole rep
        shallow = np.flatnonzero(known_depth <= REP_EDGE_SHARE * known_depth[bottom])
        start = int(shallow[shallow < bottom].max(initial=0))
        end = int(shallow[shallow > bottom].min(initial=depth.size - 1))
        if windows and start < windows[-1][2]:  # never back up between: one rep, two dips
            before = windows.pop()
            deeper = max(before[1], bottom, key=lambda i: known_depth[i])
            start, bottom, end = before[0], deeper, max(before[2], end)
        windows.append((start, bottom, end))
    reps: list[SquatRep] = []
    for start, bottom, end in windows:
        if not single_leg:
            legs: tuple[Leg, ...] = tuple(Leg)
        else:
            legs = (side,) if side is not None else _stance_legs(body, bottom, leg_px)
        reps += [_rep(body, angles, leg, (start, bottom, end)) for leg in legs]
    return tuple(reps)


def _rep(body: Track, angles: AngleSeries, leg: Leg, frames: tuple[int, int, int]) -> SquatRep:
    start, bottom, end = frames
    fppa = angles.fppa_deg[leg]
    window = fppa[start : end + 1]
    peak = start + int(np.nanargmax(window)) if np.isfinite(window).any() else bottom
    flexion = float(angles.knee_flexion_deg[leg][peak])
    return SquatRep(
        side=leg,
        start_s=round(start / body.fps, 3),
        bottom_s=round(bottom / body.fps, 3),
        end_s=round(end / body.fps, 3),
        peak_fppa_deg=round(float(fppa[peak]), 1),
        knee_flexion_deg=round(flexion, 1) if np.isfinite(flexion) else None,
        bottom_fppa_deg=round(float(fppa[bottom]), 1),
        bottom_frame=bottom,
        bottom_landmarks=_landmarks_at(body, bottom),
    )


def running_steps(body: Track, angles: AngleSeries) -> tuple[RunningStep, ...]:
    """Each step of a run filmed from behind, with the pelvic drop at its mid-stance.

    Notes
    -----
    The stance foot is the one whose ankle is lower in the picture by at least
    ``step_margin`` of leg length; mid-stance is taken where the other (swing) ankle is
    highest above it, as the swing foot passes the stance leg. The drop is the pelvis's
    tilt then towards the swing side (movement_norms.md §2; the 2-D definition there is
    UNVERIFIED, and hip points are not PSIS markers).
    """
    leg_px = leg_length_px(body)
    if not np.isfinite(leg_px):
        return ()
    left_lower = (body.at(Joint.LEFT_ANKLE)[:, 1] - body.at(Joint.RIGHT_ANKLE)[:, 1]) / leg_px
    steps: list[RunningStep] = []
    for leg, sign in ((Leg.LEFT, 1.0), (Leg.RIGHT, -1.0)):
        lower = np.nan_to_num(sign * left_lower, nan=0.0)
        for first, last in _runs(lower > STEP_MARGIN):
            mid = first + int(np.argmax(lower[first : last + 1]))
            drop = sign * -float(angles.pelvic_obliquity_deg[mid])  # swing side lower: +
            if first > 0 and last < lower.size - 1 and np.isfinite(drop):
                steps.append(RunningStep(leg, round(mid / body.fps, 3), mid, round(drop, 1)))
    return tuple(sorted(steps, key=lambda step: step.midstance_frame))


def step_rate_spm(steps: tuple[RunningStep, ...]) -> float | None:
    """Steps a minute, both feet, from the mid-stances counted; ``None`` if too few or implausible.

    With :math:`n` mid-stances from :math:`t_1` to :math:`t_n`, the rate is
    :math:`60 (n - 1) / (t_n - t_1)`; outside the plausible range of
    ``data/cadence.toml`` it is a miscount, not a cadence.
    """
    if len(steps) < MIN_STEPS_FOR_RATE:
        return None
    span_s = steps[-1].midstance_s - steps[0].midstance_s
    rate = 60 * (len(steps) - 1) / span_s if span_s > 0 else 0.0
    return round(rate, 1) if PLAUSIBLE_MIN_SPM <= rate <= PLAUSIBLE_MAX_SPM else None
