"""Annotated frames: the skeleton and the measured knee angle at the deepest point of each rep."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

import cv2

from hipfirst.core.errors import HipfirstError
from hipfirst.core.movement_clip import Joint, Landmarks, Leg
from hipfirst.core.movement_events import SquatRep
from hipfirst.vision.video import BgrImage, frames_at

__all__ = ["draw_rep", "write_rep_frames"]

_BONES: Final = (
    (Joint.LEFT_SHOULDER, Joint.RIGHT_SHOULDER),
    (Joint.LEFT_HIP, Joint.RIGHT_HIP),
    *((Joint.of(leg, "shoulder"), Joint.of(leg, "hip")) for leg in Leg),
    *((Joint.of(leg, "hip"), Joint.of(leg, "knee")) for leg in Leg),
    *((Joint.of(leg, "knee"), Joint.of(leg, "ankle")) for leg in Leg),
)
# Colours are BGR.
SKELETON: Final = (235, 235, 235)
MEASURED_LEG: Final = (0, 140, 255)  # orange
REFERENCE_LINE: Final = (255, 200, 0)  # hip to ankle: the straight leg the angle is read from
TEXT_BACKGROUND: Final = (40, 40, 40)


def _pixel(landmarks: Landmarks, joint: Joint, image: BgrImage) -> tuple[int, int]:
    point = landmarks[joint]
    height, width = image.shape[:2]
    return (
        round(point.x_px * width / landmarks.width_px),
        round(point.y_px * height / landmarks.height_px),
    )


def _label(image: BgrImage, text: str, at: tuple[int, int], scale: float) -> None:
    thickness = max(1, round(scale * 2))
    (width, height), baseline = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
    x, y = at
    cv2.rectangle(image, (x, y - height - baseline), (x + width, y + baseline), TEXT_BACKGROUND, -1)
    cv2.putText(image, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), thickness)


def _direction(fppa_deg: float) -> str:
    return f"{abs(fppa_deg):.0f} deg {'inward' if fppa_deg >= 0 else 'outward'}"


def draw_rep(image: BgrImage, reps: Sequence[SquatRep]) -> BgrImage:
    """A copy of ``image`` with the skeleton and each rep's knee angle drawn on it.

    Parameters
    ----------
    image : ndarray
        The full-size BGR frame at the reps' deepest point.
    reps : Sequence[SquatRep]
        The reps measured at that frame (one leg, or both for a two-leg squat).

    Returns
    -------
    ndarray
        The annotated copy: measured legs in orange with their hip–ankle line, and the
        frontal plane projection angle written beside each knee (degrees, "inward" for
        valgus).
    """
    canvas = image.copy()
    if not reps:
        return canvas
    landmarks = reps[0].bottom_landmarks
    size = min(canvas.shape[:2])
    line, scale = max(2, size // 250), max(0.5, size / 900)
    for a, b in _BONES:
        cv2.line(canvas, _pixel(landmarks, a, canvas), _pixel(landmarks, b, canvas), SKELETON, line)
    header = [f"deepest point at {reps[0].bottom_s:.1f} s"]
    for rep in reps:
        hip, knee, ankle = (
            _pixel(landmarks, Joint.of(rep.side, part), canvas) for part in ("hip", "knee", "ankle")
        )
        cv2.line(canvas, hip, ankle, REFERENCE_LINE, max(1, line // 2))
        cv2.line(canvas, hip, knee, MEASURED_LEG, line * 2)
        cv2.line(canvas, knee, ankle, MEASURED_LEG, line * 2)
        for joint in (hip, knee, ankle):
            cv2.circle(canvas, joint, line * 2, (255, 255, 255), -1)
        other_knee = _pixel(landmarks, Joint.of(rep.side.other, "knee"), canvas)
        short = f"{abs(rep.bottom_fppa_deg):.0f}"
        width = cv2.getTextSize(short, cv2.FONT_HERSHEY_SIMPLEX, scale, max(1, round(scale * 2)))
        outside = (
            knee[0] + line * 4 if knee[0] >= other_knee[0] else knee[0] - line * 4 - width[0][0]
        )
        _label(canvas, short, (max(0, outside), knee[1]), scale)
        bend = f", bend ~{rep.knee_flexion_deg:.0f} deg" if rep.knee_flexion_deg else ""
        header.append(f"{rep.side} knee {_direction(rep.bottom_fppa_deg)}{bend}")
    for row, text in enumerate(header, start=1):
        _label(canvas, text, (line * 4, round(row * scale * 40)), scale)
    return canvas


def write_rep_frames(video: Path, reps: Sequence[SquatRep], folder: Path) -> list[Path]:
    """Write one annotated JPEG a rep, at its deepest point, into ``folder``.

    Returns
    -------
    list[Path]
        The files written, ``rep01-2.0s.jpg`` and so on, in time order.

    Raises
    ------
    HipfirstError
        The folder cannot be made or written to.
    """
    by_frame: dict[int, list[SquatRep]] = {}
    for rep in reps:
        by_frame.setdefault(rep.bottom_frame, []).append(rep)
    images = frames_at(video, sorted(by_frame))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HipfirstError(f"Cannot make {folder}: {exc.strerror}.") from exc
    written: list[Path] = []
    for number, (frame, image) in enumerate(sorted(images.items()), start=1):
        path = folder / f"rep{number:02d}-{by_frame[frame][0].bottom_s:.1f}s.jpg"
        if not cv2.imwrite(str(path), draw_rep(image, by_frame[frame])):
            raise HipfirstError(f"Cannot write {path}.")
        written.append(path)
    return written
