"""The pose model: MediaPipe's BlazePose through its ``solutions.pose`` interface.

``mediapipe==0.10.21`` with ``model_complexity=1`` (BlazePose GHUM "full"), whose
weights (``pose_detection.tflite``, ``pose_landmark_full.tflite``) ship inside the wheel,
so it runs offline; complexities 0 and 2 download their weights at start-up and fail
without a network. Apache-2.0. On ../shared/data/media/tfjs-models-pose_squats.mp4 its
hips, knees and ankles are a median 3.4 px from TF.js's own BlazePose-full output
(tests/vision/test_pose.py). It follows one person, and names left and right from the
person's side, whichever way they face.
"""

from __future__ import annotations

from types import TracebackType
from typing import Final

import mediapipe as mp
import numpy as np

from hipfirst.core.movement_clip import Frame, Joint, Landmarks, Point
from hipfirst.vision.native_logs import native_logs_quieted

__all__ = ["MODEL_COMPLEXITY", "MediaPipePose"]

#: The only complexity whose weights ship in the wheel (../shared/DESIGN.md, "Pose model").
MODEL_COMPLEXITY: Final = 1
#: BlazePose's 33 landmarks, by number, for the joints the movement check uses.
BLAZEPOSE_INDEX: Final = {
    Joint.LEFT_SHOULDER: 11,
    Joint.RIGHT_SHOULDER: 12,
    Joint.LEFT_HIP: 23,
    Joint.RIGHT_HIP: 24,
    Joint.LEFT_KNEE: 25,
    Joint.RIGHT_KNEE: 26,
    Joint.LEFT_ANKLE: 27,
    Joint.RIGHT_ANKLE: 28,
}
_ORDER: Final = tuple(BLAZEPOSE_INDEX[joint] for joint in Joint)


class MediaPipePose:
    """A :class:`~hipfirst.core.movement_clip.PoseEstimator` running BlazePose on the CPU.

    Frames go in the order of the video: between frames it follows the person found
    instead of searching the whole picture again, and smooths the points. Use it in a
    ``with`` block (or call :meth:`close`) to free the model.

    Parameters
    ----------
    is_still_image : bool
        Treat every frame as a separate photo (no following, no smoothing).
    """

    def __init__(self, *, is_still_image: bool = False) -> None:
        with native_logs_quieted():
            self._pose = mp.solutions.pose.Pose(
                static_image_mode=is_still_image,
                model_complexity=MODEL_COMPLEXITY,
                smooth_landmarks=True,
                enable_segmentation=False,
            )
            # The graph starts (and logs) on its own threads: a blank frame waits for it.
            self._pose.process(np.zeros((32, 32, 3), dtype=np.uint8))
        # It logs once more the first time it finds someone.
        self._is_starting = True

    def landmarks(self, frame: Frame) -> Landmarks | None:
        """The body points in one RGB frame, in its pixels; ``None`` when nobody is found."""
        if self._is_starting:
            with native_logs_quieted():
                result = self._pose.process(frame)
            self._is_starting = result.pose_landmarks is None
        else:
            result = self._pose.process(frame)
        if result.pose_landmarks is None:
            return None
        height_px, width_px = frame.shape[:2]
        found = result.pose_landmarks.landmark
        # MediaPipe's z is on "roughly the same scale as x", so it is scaled by the width.
        points = tuple(
            Point(
                float(found[i].x) * width_px,
                float(found[i].y) * height_px,
                float(found[i].z) * width_px,
                float(found[i].visibility),
            )
            for i in _ORDER
        )
        return Landmarks(width_px, height_px, points)

    def close(self) -> None:
        """Free the model."""
        self._pose.close()

    def __enter__(self) -> MediaPipePose:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
