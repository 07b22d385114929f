"""`hipfirst metronome`: a playable WAV of the asked length, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path


def _metronome(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hipfirst.cli", "metronome", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_it_writes_a_wav_of_the_asked_length(tmp_path: Path) -> None:
    """Two minutes at 172 spm is a two-minute mono WAV with 344 clicks reported."""
    track = tmp_path / "track.wav"

    result = _metronome("--spm", "172", "--minutes", "2", "-o", track, "--json")
    with wave.open(str(track)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
        channels = audio.getnchannels()

    assert result.returncode == 0
    assert json.loads(result.stdout)["beats"] == 344
    assert abs(seconds - 120) < 0.5
    assert channels == 1


def test_an_impossible_cadence_exits_2_with_one_line(tmp_path: Path) -> None:
    """400 steps a minute is refused in one plain line, and no file is written."""
    track = tmp_path / "track.wav"

    result = _metronome("--spm", "400", "-o", track)

    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "steps a minute" in result.stderr
    assert not track.exists()
