"""The metronome track: beats where they are meant to be, to the millisecond, for an hour."""

from __future__ import annotations

import io
import tracemalloc
import wave

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.metronome import metronome_beats, metronome_wav

ONE_MS = 0.001


def pcm(track: bytes) -> tuple[int, npt.NDArray[np.int16]]:
    """The sample rate and samples of a mono 16-bit WAV."""
    with wave.open(io.BytesIO(track)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        return wav.getframerate(), np.frombuffer(wav.readframes(wav.getnframes()), "<i2")


def detected_onsets(
    samples: npt.NDArray[np.int16], rate: int, *, threshold: float = 0.05, quiet_s: float = 0.05
) -> npt.NDArray[np.intp]:
    """Samples where the absolute signal crosses ``threshold`` of full scale after ``quiet_s``."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold * 32767)
    quiet = round(quiet_s * rate)
    return loud[np.diff(loud, prepend=-quiet - 1) > quiet]


def zero_crossings(samples: npt.NDArray[np.int16]) -> int:
    """How often the signal changes sign: twice a cycle of its tone."""
    signs = np.sign(samples[samples != 0])
    return int(np.count_nonzero(np.diff(signs)))


@pytest.mark.parametrize(
    ("spm", "minutes", "sample_rate_hz"),
    [(171, 20, 8000), (163, 5, 22050), (250, 5, 44100), (100, 5, 11025)],
)
def test_detected_onsets_fall_on_the_intended_beats_within_1_ms(
    spm: int, minutes: int, sample_rate_hz: int
) -> None:
    """Onsets found in the audio fall within 1 ms of each beat and of the beat interval."""
    rate, samples = pcm(metronome_wav(spm, minutes, sample_rate_hz=sample_rate_hz))

    onsets_s = detected_onsets(samples, rate) / rate
    intended_s = np.array([beat.at_s for beat in metronome_beats(spm, minutes)])
    assert rate == sample_rate_hz
    assert len(onsets_s) == len(intended_s) == spm * minutes
    assert np.abs(onsets_s - intended_s).max() < ONE_MS
    assert np.abs(np.diff(onsets_s) - 60 / spm).max() < ONE_MS
    assert abs((onsets_s[-1] - onsets_s[0]) - (len(onsets_s) - 1) * 60 / spm) < ONE_MS


def test_a_beat_starts_on_its_rounded_sample() -> None:
    """Beat i sounds from sample round(i * 60 / spm * rate), not from a summed period."""
    rate, samples = pcm(metronome_wav(173, 3))

    expected = [round(i * 60 / 173 * rate) for i in range(173 * 3)]
    assert detected_onsets(samples, rate).tolist() == expected


def test_accents_fall_every_n_beats_louder_and_higher() -> None:
    """With an accent every 4 beats, beats 0, 4, 8… are louder and higher in pitch."""
    rate, samples = pcm(metronome_wav(180, 1, accent_every=4))

    onsets = detected_onsets(samples, rate)
    peaks = np.abs(samples[onsets].astype(np.int32))
    ten_ms = rate // 100
    crossings = [zero_crossings(samples[at : at + ten_ms]) for at in onsets]
    accented = np.arange(len(onsets)) % 4 == 0
    assert [beat.is_accent for beat in metronome_beats(180, 1, accent_every=4)] == list(accented)
    assert peaks[accented].min() > 1.5 * peaks[~accented].max()
    assert min(c for c, a in zip(crossings, accented, strict=True) if a) > max(
        c for c, a in zip(crossings, accented, strict=True) if not a
    )


def test_without_accents_every_beat_is_the_same_click() -> None:
    """No accent: every click has the same level."""
    rate, samples = pcm(metronome_wav(170, 1))

    assert len(set(np.abs(samples[detected_onsets(samples, rate)]).tolist())) == 1
    assert not any(beat.is_accent for beat in metronome_beats(170, 1))


def test_an_hour_long_track_is_57_6_mb_and_built_without_copies() -> None:
    """60 min at 8 kHz is 57.6 MB of WAV; building it needs little more than that."""
    tracemalloc.start()
    track = metronome_wav(250, 60, accent_every=4)
    peak_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    rate, samples = pcm(track)
    assert len(track) == 44 + 2 * 60 * 60 * 8000
    assert peak_bytes < 1.3 * len(track)
    onsets_s = detected_onsets(samples, rate) / rate
    assert len(onsets_s) == 250 * 60
    assert abs(onsets_s[-1] - (250 * 60 - 1) * 60 / 250) < ONE_MS


@given(spm=st.integers(100, 250), minutes=st.integers(1, 60), accent_every=st.integers(2, 16))
def test_there_is_a_beat_a_step_for_the_whole_track(
    spm: int, minutes: int, accent_every: int
) -> None:
    """spm × minutes beats, from 0 s to before the end, the first of each group accented."""
    beats = metronome_beats(spm, minutes, accent_every=accent_every)

    assert len(beats) == spm * minutes
    assert beats[0].at_s == 0
    assert beats[-1].at_s < 60 * minutes
    assert sum(beat.is_accent for beat in beats) == -(-len(beats) // accent_every)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"spm": 99, "minutes": 5}, "spm"),
        ({"spm": 251, "minutes": 5}, "spm"),
        ({"spm": 170.5, "minutes": 5}, "spm"),
        ({"spm": True, "minutes": 5}, "spm"),
        ({"spm": 170, "minutes": 0}, "minutes"),
        ({"spm": 170, "minutes": 61}, "minutes"),
        ({"spm": 170, "minutes": 5, "accent_every": 1}, "accent_every"),
        ({"spm": 170, "minutes": 5, "accent_every": 17}, "accent_every"),
        ({"spm": 170, "minutes": 5, "sample_rate_hz": 4000}, "sample_rate_hz"),
        ({"spm": 170, "minutes": 5, "sample_rate_hz": 96000}, "sample_rate_hz"),
    ],
)
def test_out_of_range_arguments_are_refused_naming_their_field(
    arguments: dict[str, object], field: str
) -> None:
    """Each argument outside its range is refused with its own field name."""
    with pytest.raises(InvalidAnswer) as error:
        metronome_wav(**arguments)  # type: ignore[arg-type]  # deliberately wrong types too

    assert error.value.field == field
