"""Reading uploaded videos fuzzed: a clip, or ``UnreadableFile``, never a crash (issue 12).

Damaged real clips and random bytes behind a real container's first bytes reach OpenCV
and FFmpeg; whatever they make of them, only ``UnreadableFile`` may escape, with the
file's name. Decoding is bounded to a few frames an example.
"""

from __future__ import annotations

import tempfile
from itertools import islice
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hipfirst.core.errors import UnreadableFile
from hipfirst.vision import decoded_frames, open_video
from hipfirst.vision.video import looks_like_video
from tests.data import shared_files
from tests.importers.strategies import damaged

EXAMPLES = settings(max_examples=30, deadline=None)
SMALL_CLIPS = shared_files("media/pose2sim-static-cam0*.mp4")  # about 50 KB each
FRAMES_AN_EXAMPLE = 5
_container_heads = st.sampled_from(
    [
        b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom",
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01",
        b"\x00\x00\x01\xba",
        b"RIFF\x00\x00\x00\x00AVI LIST",
        b"\x47" + bytes(187) + b"\x47",
    ]
)
videos = st.one_of(
    damaged(SMALL_CLIPS),
    st.tuples(_container_heads, st.binary(max_size=4096)).map(b"".join),
)


def _reads_or_refuses(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.mp4"
        path.write_bytes(data)
        try:
            fps = open_video(path).fps
            frames = list(islice(decoded_frames(path), FRAMES_AN_EXAMPLE))
        except UnreadableFile as exc:
            refusal: UnreadableFile | None = exc
        else:
            refusal = None

    if refusal is not None:
        assert refusal.field == "upload.mp4"
        assert refusal.message
    else:
        assert fps > 0
        assert all(frame.ndim == 3 for frame in frames)


@EXAMPLES
@given(data=videos)
def test_a_damaged_or_forged_video_is_read_or_refused_in_plain_words(data: bytes) -> None:
    """Cut, flipped or forged video bytes give frames or UnreadableFile, nothing else."""
    _reads_or_refuses(data)


@settings(max_examples=200, deadline=None)
@given(head=st.binary(max_size=400))
def test_the_content_check_answers_any_bytes(head: bytes) -> None:
    """The upload form's check takes any first bytes, even too few, and answers yes or no."""
    assert looks_like_video(head) in {True, False}
