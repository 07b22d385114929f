"""A metronome track at a cadence: sample-accurate clicks, returned as WAV bytes.

The core builds the bytes; the edge (web download, ``hipfirst metronome``) writes them.
"""

from __future__ import annotations

import io
import math
import wave
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hipfirst.core.cadence import PLAUSIBLE_MAX_SPM, PLAUSIBLE_MIN_SPM
from hipfirst.core.errors import InvalidAnswer

MINUTES = (1, 60)  # shortest and longest track, from the issue
ACCENT_EVERY = (2, 16)  # fewest and most beats from one accent to the next
SAMPLE_RATES_HZ = (8000, 48000)  # 8 kHz keeps the tones well below Nyquist; 48 kHz is plenty
DEFAULT_SAMPLE_RATE_HZ = 8000  # 60 min is 57.6 MB; see metronome_wav

CLICK_S = 0.015  # long enough to hear, short enough to leave 225 ms of silence at 250 spm
CLICK_DECAY_S = 0.004  # exponential decay time constant of the click
CLICK_FADE_S = 0.002  # the tail is faded to zero so the click's end does not click itself
CLICK_HZ, ACCENT_HZ = 1000.0, 1500.0  # the accent a fifth higher
CLICK_LEVEL, ACCENT_LEVEL = 0.5, 0.9  # of full scale: the accent about 5 dB louder
CHUNK_S = 10  # the track is written ten seconds at a time to keep memory flat

Samples = npt.NDArray[np.int16]


@dataclass(frozen=True, slots=True)
class Beat:
    """One beat of the track: when it sounds and whether it is accented."""

    at_s: float
    is_accent: bool


def metronome_beats(spm: int, minutes: int, *, accent_every: int | None = None) -> tuple[Beat, ...]:
    r"""The beats a track is meant to have: every :math:`60/\text{spm}` s from 0, never drifting.

    Parameters
    ----------
    spm : int
        Steps a minute, one beat a step, within the plausible range of
        ``hipfirst.core.cadence`` (a design choice in ``data/cadence.toml``).
    minutes : int
        Length of the track, 1 to 60.
    accent_every : int, optional
        Accent the first beat and then every ``accent_every``-th, 2 to 16; None for none.

    Returns
    -------
    tuple of Beat
        Beat :math:`i` at :math:`60 i/\text{spm}` s, for every beat before the track ends.

    Raises
    ------
    InvalidAnswer
        If an argument is out of range; ``field`` names it.

    Examples
    --------
    >>> [beat.at_s for beat in metronome_beats(180, 1)[:3]]
    [0.0, 0.3333333333333333, 0.6666666666666666]
    """
    _check("spm", spm, (PLAUSIBLE_MIN_SPM, PLAUSIBLE_MAX_SPM), "steps a minute")
    _check("minutes", minutes, MINUTES, "minutes long")
    if accent_every is not None:
        _check("accent_every", accent_every, ACCENT_EVERY, "beats apart")
    return tuple(
        Beat(i * 60 / spm, accent_every is not None and i % accent_every == 0)
        for i in range(minutes * spm)  # beat minutes × spm would fall on the track's end
    )


def metronome_wav(
    spm: int,
    minutes: int,
    *,
    accent_every: int | None = None,
    sample_rate_hz: int = DEFAULT_SAMPLE_RATE_HZ,
) -> bytes:
    """A mono 16-bit PCM WAV track with a click on every beat of :func:`metronome_beats`.

    Parameters
    ----------
    spm, minutes, accent_every
        As in :func:`metronome_beats`.
    sample_rate_hz : int, optional
        8000 to 48000; 8000 by default.

    Returns
    -------
    bytes
        The whole WAV file: ``44 + 2 * 60 * minutes * sample_rate_hz`` bytes.

    Raises
    ------
    InvalidAnswer
        If an argument is out of range; ``field`` names it.

    Notes
    -----
    Beat :math:`i` starts on sample ``round(i * 60 / spm * sample_rate_hz)``, computed
    from :math:`i`, never by adding a rounded period, so the error stays under half a
    sample (0.0625 ms at 8 kHz) for the whole hour. A click starts at full level on that
    sample: a 1 kHz tone (the accent 1.5 kHz and louder) decaying over 15 ms.

    The default rate is 8 kHz: the tones sit well below its 4 kHz Nyquist limit, so a
    higher rate adds size, not sound. An hour is then 57.6 MB, against 159 MB at
    22.05 kHz, and it is built ten seconds at a time, so memory stays close to the size
    of the returned bytes.
    """
    beats = metronome_beats(spm, minutes, accent_every=accent_every)
    _check("sample_rate_hz", sample_rate_hz, SAMPLE_RATES_HZ, "samples a second")
    onsets = [round(beat.at_s * sample_rate_hz) for beat in beats]
    clicks = {
        False: _click(sample_rate_hz, CLICK_HZ, CLICK_LEVEL),
        True: _click(sample_rate_hz, ACCENT_HZ, ACCENT_LEVEL),
    }
    total = 60 * minutes * sample_rate_hz
    chunk = CHUNK_S * sample_rate_hz
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate_hz)
        wav.setnframes(total)
        first = 0  # the first beat whose click may still reach into this chunk
        for begin in range(0, total, chunk):
            block = np.zeros(min(chunk, total - begin), dtype=np.int16)
            while first < len(beats) and onsets[first] + len(clicks[True]) <= begin:
                first += 1
            i = first
            while i < len(beats) and onsets[i] < begin + len(block):
                click = clicks[beats[i].is_accent][max(0, begin - onsets[i]) :]
                at = max(0, onsets[i] - begin)
                block[at : at + len(click)] = click[: len(block) - at]
                i += 1
            wav.writeframesraw(block.astype("<i2", copy=False).tobytes())  # WAV is little-endian
    return buffer.getvalue()  # BytesIO hands over its buffer without a copy


def _click(sample_rate_hz: int, tone_hz: float, level: float) -> Samples:
    """A click: a cosine at full ``level`` on its first sample, decaying, faded to zero."""
    t = np.arange(round(CLICK_S * sample_rate_hz), dtype=np.float64) / sample_rate_hz
    fade = np.clip((CLICK_S - t) / CLICK_FADE_S, 0.0, 1.0)
    shape = np.cos(2 * math.pi * tone_hz * t) * np.exp(-t / CLICK_DECAY_S) * fade
    scaled: npt.NDArray[np.float64] = np.rint(level * 32767 * shape)  # ufuncs type as Any
    return scaled.astype(np.int16)


def _check(field: str, value: int, bounds: tuple[int, int], unit: str) -> None:
    """Refuse anything but a whole number within ``bounds``, naming ``field``."""
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidAnswer(
            f"The metronome takes a whole number from {low} to {high} {unit}; got {value!r}.",
            field=field,
        )
