"""The activity record: dedupe keys, sport words, and the one-blob series."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers import (
    DedupeKey,
    Series,
    Sport,
    read_fit,
    series_from_bytes,
    series_to_bytes,
)
from tests.data import SHARED_DATA

START_S = int(datetime(2024, 5, 1, 7, 0, tzinfo=UTC).timestamp())


def test_a_start_two_minutes_apart_with_the_same_length_is_the_same_run() -> None:
    """Exports of one run may differ by a first point or a rounded second."""
    assert DedupeKey(START_S, 3600, 10_000).matches(DedupeKey(START_S + 120, 3620, 10_300))


def test_a_start_more_than_two_minutes_apart_is_another_run() -> None:
    """Two runs a few minutes apart are two runs."""
    assert not DedupeKey(START_S, 3600, 10_000).matches(DedupeKey(START_S + 121, 3600, 10_000))


def test_a_different_duration_is_another_activity() -> None:
    """A 20-minute and a 60-minute activity starting together are not one."""
    assert not DedupeKey(START_S, 1200, None).matches(DedupeKey(START_S, 3600, None))


def test_a_different_distance_is_another_activity() -> None:
    """Same start and duration but twice the distance: two recordings, two activities."""
    assert not DedupeKey(START_S, 3600, 10_000).matches(DedupeKey(START_S, 3600, 20_000))


def test_candidates_lie_in_neighbouring_buckets() -> None:
    """Any match within 120 s sits in the key's bucket or the one either side."""
    key = DedupeKey(START_S, 3600, None)
    later = DedupeKey(START_S + 120, 3600, None)

    assert later.bucket in key.neighbour_buckets()


@pytest.mark.parametrize(
    ("text", "sport"),
    [
        ("Running", Sport.RUNNING),
        ("Trail Run", Sport.RUNNING),
        ("Biking", Sport.CYCLING),
        ("Virtual Ride", Sport.CYCLING),
        ("Walk", Sport.WALKING),
        ("Hike", Sport.HIKING),
        ("Swim", Sport.SWIMMING),
        ("Nordic Ski", Sport.OTHER),
        ("", Sport.UNKNOWN),
        (None, Sport.UNKNOWN),
    ],
)
def test_sport_words_map_to_sports(text: str | None, sport: Sport) -> None:
    """TCX, GPX and Strava words for sports map onto our closed set."""
    assert Sport.from_text(text) is sport


def test_a_series_survives_its_blob() -> None:
    """A real run's series comes back from its blob equal (floats kept to float32 at least)."""
    data = (SHARED_DATA / "fit" / "runalyze-garmin-runPower.fit").read_bytes()
    (run,) = read_fit(data, filename="run.fit")

    blob = series_to_bytes(run.series)
    back = series_from_bytes(blob)

    assert np.array_equal(back.elapsed_s, run.series.elapsed_s, equal_nan=True)
    assert np.array_equal(back.latitude_deg, run.series.latitude_deg, equal_nan=True)
    assert np.allclose(back.cadence_spm, run.series.cadence_spm, equal_nan=True)
    assert len(blob) < 8 * 8 * len(run.series) / 2  # well under half the raw columns


def test_an_empty_series_survives_its_blob() -> None:
    """A summary-only activity stores an empty series."""
    assert series_from_bytes(series_to_bytes(Series.empty())) == Series.empty()


@pytest.mark.parametrize("blob", [b"", b"HFS1", b"HFS1\x05\x00\x00\x00{bad}", b"PK\x03\x04"])
def test_a_damaged_blob_raises_unreadable_file(blob: bytes) -> None:
    """A blob that is not one we wrote is refused in plain words."""
    with pytest.raises(UnreadableFile, match="damaged"):
        series_from_bytes(blob)


def test_series_columns_are_read_only() -> None:
    """A stored series cannot be changed by accident."""
    series = Series.empty()

    with pytest.raises(ValueError, match="read-only"):
        series.elapsed_s[:] = 1.0
