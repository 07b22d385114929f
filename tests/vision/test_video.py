"""Reading videos: the type comes from the content, and frames come shrunk and in RGB."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from hipfirst.core.errors import UnreadableFile
from hipfirst.vision import ANALYSIS_LONG_SIDE_PX, decoded_frames, open_video
from hipfirst.vision.video import looks_like_video
from tests.data import REPO_ROOT
from tests.vision.conftest import MEDIA


@pytest.mark.parametrize(
    "path",
    [REPO_ROOT / "README.md", MEDIA / "tfjs-models-pose.jpg", MEDIA / "tfjs-models-pose_1.json"],
    ids=lambda p: p.name,
)
def test_a_file_that_is_not_a_video_is_refused_in_plain_words(path: Path) -> None:
    """Text, a photo or JSON is not a video, and the message says what to send."""
    with pytest.raises(UnreadableFile, match="not a video we can read") as caught:
        open_video(path)

    assert caught.value.field == path.name


def test_a_cut_short_video_says_it_may_be_damaged(tmp_path: Path) -> None:
    """An MP4 whose end is missing opens as MP4 but gives no picture: "damaged or cut short"."""
    cut = tmp_path / "cut.mp4"
    cut.write_bytes((MEDIA / "tfjs-models-pose_1.mp4").read_bytes()[:3000])

    with pytest.raises(UnreadableFile, match="damaged or cut short"):
        open_video(cut)


def test_a_missing_file_is_an_unreadable_file(tmp_path: Path) -> None:
    """A path with nothing there gives the system's reason."""
    with pytest.raises(UnreadableFile, match="Cannot read the file"):
        open_video(tmp_path / "none.mp4")


def test_a_video_with_the_wrong_name_is_still_read(tmp_path: Path) -> None:
    """The name does not matter: an MP4 called notes.txt is read as the video it is."""
    renamed = tmp_path / "notes.txt"
    renamed.symlink_to(MEDIA / "tfjs-models-pose_1.mp4")

    clip = open_video(renamed)

    assert (clip.fps, clip.frame_count, clip.width_px, clip.height_px) == (30.0, 120, 576, 576)


@pytest.mark.parametrize(
    "head",
    [
        b"\x00\x00\x00\x18ftypmp42" + bytes(200),  # MP4
        b"\x00\x00\x00\x14ftypqt  " + bytes(200),  # QuickTime MOV (iPhone)
        b"\x1a\x45\xdf\xa3" + bytes(200),  # WebM / Matroska
        b"RIFF\x00\x00\x00\x00AVI LIST" + bytes(200),  # AVI
        b"\x47" + bytes(187) + b"\x47" + bytes(20),  # MPEG transport stream
    ],
)
def test_the_usual_containers_are_recognised(head: bytes) -> None:
    """MP4, MOV, WebM, AVI and MPEG-TS are recognised from their first bytes."""
    assert looks_like_video(head)


@pytest.mark.parametrize(
    "head", [b"", b"%PDF-1.7" + bytes(200), b"\xff\xd8\xff\xe0" + bytes(200), b"PK\x03\x04"]
)
def test_other_files_are_not_videos(head: bytes) -> None:
    """Empty, PDF, JPEG and zip heads are not videos."""
    assert not looks_like_video(head)


def test_frames_are_rgb_and_shrunk_to_the_analysis_size() -> None:
    """A 1080×1920 clip comes as 360×640 RGB frames, every one of them."""
    frames = list(decoded_frames(MEDIA / "pose2sim-balancing-cam01.mp4"))

    assert len(frames) == 100
    assert {frame.shape for frame in frames} == {(ANALYSIS_LONG_SIDE_PX, 360, 3)}
    assert frames[0].dtype == np.uint8
    assert frames[0].flags.c_contiguous


def test_frames_come_in_rgb_order() -> None:
    """Frames are RGB, as the pose model expects, not OpenCV's BGR."""
    capture = cv2.VideoCapture(str(MEDIA / "tfjs-models-pose_1.mp4"))
    _, bgr = capture.read()
    capture.release()

    assert np.array_equal(next(decoded_frames(MEDIA / "tfjs-models-pose_1.mp4")), bgr[..., ::-1])


def test_small_frames_are_not_enlarged() -> None:
    """A 576×576 clip keeps its size."""
    first = next(decoded_frames(MEDIA / "tfjs-models-pose_1.mp4"))

    assert first.shape == (576, 576, 3)


def test_a_vp9_clip_is_decoded() -> None:
    """pose2sim-balancing-cam02.mp4 is VP9 in MP4 and decodes like the H.264 ones."""
    assert sum(1 for _ in decoded_frames(MEDIA / "pose2sim-balancing-cam02.mp4")) == 100


def test_stopping_early_stops_the_decoder() -> None:
    """Closing the frames after one leaves no decoding thread behind."""
    frames = decoded_frames(MEDIA / "sports2d-demo.mp4")
    next(frames)

    frames.close()

    assert not any(t.name == "hipfirst-decoder" for t in threading.enumerate())


def test_a_damaged_clip_decodes_without_ffmpeg_writing_to_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """FFmpeg's complaints about broken macroblocks never reach the runner's terminal."""
    data = bytearray((MEDIA / "tfjs-models-pose_squats.mp4").read_bytes())
    for offset in range(len(data) // 3, len(data) // 2, 4099):  # frames, not the index
        data[offset] ^= 0xFF
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(bytes(data))

    frames = sum(1 for _ in decoded_frames(damaged, long_side_px=128))

    assert frames > 0
    assert capfd.readouterr().err == ""
