"""A movement check from a video file: open it, run the pose model, measure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hipfirst.core.movement import MovementCheck, MovementReport, PoseEstimator, analyse_movement
from hipfirst.vision.video import decoded_frames, open_video

__all__ = ["analyse_video"]


def analyse_video(
    path: Path,
    *,
    check: MovementCheck,
    estimator: PoseEstimator,
    on_frame: Callable[[int], None] | None = None,
) -> MovementReport:
    """Measure the movement filmed in the video at ``path``.

    Parameters
    ----------
    path : Path
        Any video OpenCV decodes; its type is judged from its content.
    check : MovementCheck
        What was filmed, which leg and the runner's sex.
    estimator : PoseEstimator
        Usually a :class:`~hipfirst.vision.pose.MediaPipePose`.
    on_frame : Callable[[int], None], optional
        Progress: called with the frames done so far.

    Returns
    -------
    MovementReport
        See :func:`hipfirst.core.movement.analyse_movement`.

    Raises
    ------
    UnreadableFile
        The file is not a video we can decode.
    """
    clip = open_video(path)
    frames = decoded_frames(path)
    return analyse_movement(frames, clip=clip, estimator=estimator, check=check, on_frame=on_frame)
