"""`hipfirst movement`: the JSON shape, the pictures, and one plain line for a bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hipfirst.cli import main
from tests.data import REPO_ROOT
from tests.vision.conftest import MEDIA

DAMAGED = "No picture could be read from this video: it may be damaged or cut short."
REP_KEYS = {"side", "start_s", "bottom_s", "end_s", "peak_fppa_deg", "knee_flexion_deg"}


def test_json_and_pictures_for_the_squats_clip(tmp_path: Path) -> None:
    """One JSON object with the documented keys, a picture a rep, and nothing else on stderr."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hipfirst.cli",
            "movement",
            str(MEDIA / "tfjs-models-pose_squats.mp4"),
            "--exercise",
            "squat",
            "--json",
            "--frames",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert {"frames", "fps", "reps", "pelvic_drop_deg", "step_rate_spm", "quality"} <= set(document)
    assert (document["frames"], document["fps"]) == (65, 5.0)
    assert len(document["reps"]) == 6
    assert all(set(rep) >= REP_KEYS for rep in document["reps"])
    assert document["quality"]["ok"] is False
    assert (document["pelvic_drop_deg"], document["step_rate_spm"]) == (None, None)
    assert len(document["pictures"]) == 3
    assert all(Path(picture).is_file() for picture in document["pictures"])


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (REPO_ROOT / "README.md", "This is not a video we can read"),
        (MEDIA / "tfjs-models-pose.jpg", "This is not a video we can read"),
        (REPO_ROOT / "no-such-video.mp4", "Cannot read the file"),
    ],
    ids=["text", "photo", "missing"],
)
def test_a_file_that_is_not_a_video_exits_2_with_one_line(
    capfd: pytest.CaptureFixture[str], path: Path, message: str
) -> None:
    """Exit status 2, one line on stderr naming the file, nothing on stdout."""
    status = main(["movement", str(path), "--json"])

    out, err = capfd.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"hipfirst: {message}")
    assert path.name in err


def test_a_damaged_video_exits_2_with_one_line(
    capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A cut-short MP4 gives one line too, with none of FFmpeg's own messages."""
    cut = tmp_path / "cut.mp4"
    cut.write_bytes((MEDIA / "tfjs-models-pose_1.mp4").read_bytes()[:3000])

    status = main(["movement", str(cut)])

    _, err = capfd.readouterr()
    assert status == 2
    assert err == f"hipfirst: {DAMAGED} (cut.mp4)\n"
