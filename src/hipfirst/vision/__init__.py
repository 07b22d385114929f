"""Vision: frames from a video, body points from the pose model, annotated pictures.

The only part of hipfirst that imports OpenCV (``cv2``) and MediaPipe; the measuring is
in :mod:`hipfirst.core.movement`, which sees numpy arrays and a ``PoseEstimator``.
"""

from hipfirst.vision.analysis import analyse_video
from hipfirst.vision.overlay import draw_rep, write_rep_frames
from hipfirst.vision.pose import MODEL_COMPLEXITY, MediaPipePose
from hipfirst.vision.video import ANALYSIS_LONG_SIDE_PX, decoded_frames, frames_at, open_video

__all__ = [
    "ANALYSIS_LONG_SIDE_PX",
    "MODEL_COMPLEXITY",
    "MediaPipePose",
    "analyse_video",
    "decoded_frames",
    "draw_rep",
    "frames_at",
    "open_video",
    "write_rep_frames",
]
