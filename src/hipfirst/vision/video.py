"""Reading a phone video: is it one, what is in its header, and its frames.

The file's type is judged from its first bytes, then by OpenCV opening it and decoding a
picture, never from its name. :func:`decoded_frames` decodes and shrinks frames on a
second thread (OpenCV lets go of the interpreter lock while it works) so that the pose
model, on the first, never waits for a picture.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Final

import cv2
import numpy as np
import numpy.typing as npt

from hipfirst.core.errors import UnreadableFile
from hipfirst.core.movement_clip import Clip, Frame
from hipfirst.vision.native_logs import native_logs_quieted

# FFmpeg inside OpenCV writes each damaged macroblock of a bad clip to the terminal
# ("[h264 @ 0x...] error while decoding MB"); our own plain-words message says what went
# wrong instead. -8 is FFmpeg's AV_LOG_QUIET; OpenCV reads it when it first opens a video.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")

__all__ = ["ANALYSIS_LONG_SIDE_PX", "decoded_frames", "frames_at", "looks_like_video", "open_video"]

#: Frames are shrunk so their longer side is at most this before the pose model sees them.
#: The model looks at a 256-pixel crop around the person anyway; on a 1080×1920 clip
#: (pose2sim-balancing-cam01.mp4) 640 moved hips, knees and ankles a median 1.6 px from
#: where the model puts them at full size (bilinear; area averaging gave 1.7 px at three
#: times the cost), and made decoding cheap enough to hide behind the model.
ANALYSIS_LONG_SIDE_PX: Final = 640
#: Frames decoded ahead of the model: enough to ride out a slow frame, little memory.
QUEUE_FRAMES: Final = 8
#: ISO base media (MP4, MOV, M4V, 3GP) boxes that can open a file, at byte 4.
_ISO_BOXES: Final = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot")
_MATROSKA: Final = b"\x1a\x45\xdf\xa3"  # Matroska and WebM (EBML header)
_MPEG_PROGRAM: Final = b"\x00\x00\x01\xba"
_TS_SYNC, _TS_PACKET = 0x47, 188  # MPEG transport stream

BgrImage = npt.NDArray[np.uint8]


def looks_like_video(head: bytes) -> bool:
    """Whether a file's first bytes (at least 189) are those of a video container we read."""
    if head[4:8] in _ISO_BOXES or head.startswith((_MATROSKA, _MPEG_PROGRAM)):
        return True
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return True
    return len(head) > _TS_PACKET and head[0] == head[_TS_PACKET] == _TS_SYNC


def open_video(path: Path) -> Clip:
    """Check that ``path`` is a video we can decode, and read its header.

    Raises
    ------
    UnreadableFile
        The file cannot be read, is not a video (whatever its name), or no picture can be
        decoded from it; the message says which in plain words.
    """
    try:
        with path.open("rb") as file:
            head = file.read(_TS_PACKET + 1)
    except OSError as exc:
        raise UnreadableFile(f"Cannot read the file: {exc.strerror}.", field=path.name) from exc
    if not looks_like_video(head):
        raise UnreadableFile(
            "This is not a video we can read: send an MP4, MOV, WebM, MKV or AVI video.",
            field=path.name,
        )
    with native_logs_quieted():
        capture = cv2.VideoCapture(str(path))
        try:
            is_read, first = capture.read() if capture.isOpened() else (False, None)
            fps = float(capture.get(cv2.CAP_PROP_FPS))
            frame_count = int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
        finally:
            capture.release()
    if not is_read or first is None:
        raise UnreadableFile(
            "No picture could be read from this video: it may be damaged or cut short.",
            field=path.name,
        )
    if not 0 < fps <= 1000:
        raise UnreadableFile("This video has no usable frame rate.", field=path.name)
    height_px, width_px = first.shape[:2]
    return Clip(fps, max(frame_count, 0), width_px, height_px)


def _bgr(image: cv2.typing.MatLike) -> BgrImage:
    """OpenCV's decoded picture as the 8-bit array it is (no copy)."""
    return np.asarray(image, dtype=np.uint8)


def _for_model(bgr: BgrImage, long_side_px: int) -> Frame:
    height, width = bgr.shape[:2]
    scale = long_side_px / max(height, width)
    if scale < 1:  # shrink only
        size = (round(width * scale), round(height * scale))
        bgr = _bgr(cv2.resize(bgr, size, interpolation=cv2.INTER_LINEAR))
    return np.ascontiguousarray(_bgr(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)))


class _End:
    """The decoder's last word: the video ended, or it failed with ``error``."""

    def __init__(self, error: cv2.error | None = None) -> None:
        self.error = error


def decoded_frames(
    path: Path, *, long_side_px: int = ANALYSIS_LONG_SIDE_PX
) -> Generator[Frame, None, None]:
    """The video's frames in order, RGB, shrunk to ``long_side_px``, decoded on another thread.

    The decoder runs on one thread of its own, so that on two cores the pose model keeps
    the other. Closing the generator early stops it.

    Raises
    ------
    UnreadableFile
        Decoding failed part-way through.
    """
    # One thread for OpenCV's own work too: it would otherwise spread each resize over
    # both cores, onto the model's. The setting is process-wide; nothing else here needs more.
    cv2.setNumThreads(1)
    ready: queue.Queue[Frame | _End] = queue.Queue(maxsize=QUEUE_FRAMES)
    stop = threading.Event()

    def offer(item: Frame | _End) -> None:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
            except queue.Full:
                continue
            return

    def decode() -> None:
        capture = cv2.VideoCapture(str(path), cv2.CAP_ANY, [cv2.CAP_PROP_N_THREADS, 1])
        try:
            while not stop.is_set():
                is_read, bgr = capture.read()
                if not is_read:
                    break
                offer(_for_model(_bgr(bgr), long_side_px))
        except cv2.error as exc:
            offer(_End(exc))
        else:
            offer(_End())
        finally:
            capture.release()

    decoder = threading.Thread(target=decode, name="hipfirst-decoder", daemon=True)
    decoder.start()
    try:
        while not isinstance(item := ready.get(), _End):
            yield item
        if item.error is not None:
            message = "The video could not be decoded to the end: it may be damaged."
            raise UnreadableFile(message, field=path.name) from item.error
    finally:
        stop.set()
        decoder.join()


def frames_at(path: Path, indices: Sequence[int]) -> dict[int, BgrImage]:
    """Full-size BGR pictures of the frames numbered ``indices`` (for drawing on)."""
    wanted, found = set(indices), {}
    capture = cv2.VideoCapture(str(path))
    try:
        for i in range(max(wanted, default=-1) + 1):
            if not capture.grab():
                break
            if i in wanted:
                is_read, bgr = capture.retrieve()
                if is_read:
                    found[i] = _bgr(bgr)
    finally:
        capture.release()
    return found
