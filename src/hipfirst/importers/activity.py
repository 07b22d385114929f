"""What an import produces: an `Activity`, its per-record `Series`, and how to spot a run twice.

Importers turn bytes into these plain records; the web layer stores an ``Activity`` as
one row and its ``Series`` as one blob (``series_to_bytes``), never a row per record.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from hipfirst.core.errors import UnreadableFile

__all__ = [
    "Activity",
    "DedupeKey",
    "Series",
    "Sport",
    "series_from_bytes",
    "series_to_bytes",
]

FloatArray = npt.NDArray[np.float64]

# Two recordings are one activity when they start within this many seconds of each other
# and their durations and distances agree within these shares. Our choice, set from the
# ggps-* pairs in ../shared/data (one run exported as GPX and TCX by Garmin Connect),
# whose starts agree to the second, durations within 1 % and distances within 2 %.
SAME_START_S = 120
SAME_ELAPSED_SHARE = 0.05
SAME_ELAPSED_FLOOR_S = 60.0
SAME_DISTANCE_SHARE = 0.05
DEDUPE_BUCKET_S = 600  # index width; a candidate is in this bucket or a neighbour


class Sport(StrEnum):
    """What the file says the activity was; only ``RUNNING`` counts as running load."""

    RUNNING = "running"
    WALKING = "walking"
    HIKING = "hiking"
    CYCLING = "cycling"
    SWIMMING = "swimming"
    OTHER = "other"
    UNKNOWN = "unknown"  # the file does not say (many GPX files)

    @classmethod
    def from_text(cls, text: str | None) -> Sport:
        """The sport a file or export names in words ("Running", "Trail Run", "Biking").

        Examples
        --------
        >>> Sport.from_text("Virtual Run"), Sport.from_text("Biking"), Sport.from_text(None)
        (<Sport.RUNNING: 'running'>, <Sport.CYCLING: 'cycling'>, <Sport.UNKNOWN: 'unknown'>)
        """
        words = (text or "").strip().lower().replace("_", " ")
        if not words:
            return cls.UNKNOWN
        for sport, stems in _SPORT_WORDS:
            if any(stem in words for stem in stems):
                return sport
        return cls.OTHER


# Word stems in sport names (TCX Sport="Running", GPX <type>, Strava's "Activity Type").
_SPORT_WORDS: tuple[tuple[Sport, tuple[str, ...]], ...] = (
    (Sport.SWIMMING, ("swim",)),
    (Sport.CYCLING, ("bik", "cycl", "ride", "velo")),
    (Sport.HIKING, ("hik",)),
    (Sport.WALKING, ("walk",)),
    (Sport.RUNNING, ("run", "jog")),
)

#: Sports on foot, where cadence counts steps (../shared/science/cadence.md, §5).
FOOT_SPORTS = frozenset({Sport.RUNNING, Sport.WALKING, Sport.HIKING})


@dataclass(frozen=True, slots=True, eq=False)
class Series:
    """Per-record samples of one activity, as equal-length float64 columns; NaN is "no value".

    ``elapsed_s`` counts from ``Activity.start``. Arrays are read-only. Equality compares
    values (NaN equal to NaN), so two reads of one file compare equal.
    """

    elapsed_s: FloatArray
    distance_m: FloatArray
    speed_mps: FloatArray
    heart_rate_bpm: FloatArray
    cadence_spm: FloatArray
    latitude_deg: FloatArray
    longitude_deg: FloatArray
    altitude_m: FloatArray

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "elapsed_s",
        "distance_m",
        "speed_mps",
        "heart_rate_bpm",
        "cadence_spm",
        "latitude_deg",
        "longitude_deg",
        "altitude_m",
    )

    def __post_init__(self) -> None:
        lengths = {len(getattr(self, name)) for name in self.COLUMNS}
        if len(lengths) > 1:
            raise ValueError(f"series columns differ in length: {sorted(lengths)}")
        for name in self.COLUMNS:
            getattr(self, name).flags.writeable = False

    def __len__(self) -> int:
        return len(self.elapsed_s)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Series):
            return NotImplemented
        return all(
            np.array_equal(getattr(self, name), getattr(other, name), equal_nan=True)
            for name in self.COLUMNS
        )

    __hash__ = None  # type: ignore[assignment]  # mutable-looking arrays: not hashable

    @classmethod
    def empty(cls) -> Series:
        """A series with no records, for activities known only from their summary."""
        return cls(*(np.empty(0) for _ in cls.COLUMNS))

    @property
    def has_positions(self) -> bool:
        """Whether any record carries a latitude and longitude."""
        return bool(np.any(~np.isnan(self.latitude_deg) & ~np.isnan(self.longitude_deg)))


_BLOB_MAGIC = b"HFS1"
# Column storage: times, distances and positions need float64 (a float32 latitude is only
# good to about 1 m); the rest lose nothing a runner could see in float32.
_BLOB_DTYPES = {
    "elapsed_s": "<f8",
    "distance_m": "<f8",
    "speed_mps": "<f4",
    "heart_rate_bpm": "<f4",
    "cadence_spm": "<f4",
    "latitude_deg": "<f8",
    "longitude_deg": "<f8",
    "altitude_m": "<f4",
}
MAX_SERIES_RECORDS = 2_000_000  # about 23 days at one record a second


def series_to_bytes(series: Series) -> bytes:
    """One compressed blob holding a whole series, for one database field per activity.

    Parameters
    ----------
    series
        The per-record columns.

    Returns
    -------
    bytes
        ``HFS1``, a 4-byte header length, a JSON header naming each column's dtype and
        length, then the zlib-compressed column bytes. No pickle: safe to load.

    Examples
    --------
    >>> s = Series.empty()
    >>> series_from_bytes(series_to_bytes(s)) == s
    True
    """
    header = json.dumps({"n": len(series), "columns": _BLOB_DTYPES}).encode()
    body = b"".join(
        np.ascontiguousarray(getattr(series, name), dtype=dtype).tobytes()
        for name, dtype in _BLOB_DTYPES.items()
    )
    return _BLOB_MAGIC + len(header).to_bytes(4, "little") + header + zlib.compress(body, 6)


def series_from_bytes(blob: bytes) -> Series:
    """The series that `series_to_bytes` stored.

    Raises
    ------
    UnreadableFile
        If the blob is not one `series_to_bytes` wrote, or is damaged.
    """
    try:
        if blob[:4] != _BLOB_MAGIC:
            raise ValueError("not a series blob")
        size = int.from_bytes(blob[4:8], "little")
        header = json.loads(blob[8 : 8 + size])
        count = int(header["n"])
        dtypes: dict[str, str] = header["columns"]
        if not 0 <= count <= MAX_SERIES_RECORDS or set(dtypes) != set(Series.COLUMNS):
            raise ValueError("bad series header")
        expected = sum(np.dtype(d).itemsize for d in dtypes.values()) * count
        decompressor = zlib.decompressobj()
        body = decompressor.decompress(blob[8 + size :], expected)
        if len(body) != expected or decompressor.unconsumed_tail:
            raise ValueError("series blob has the wrong length")
        columns: dict[str, FloatArray] = {}
        at = 0
        for name, dtype in dtypes.items():
            width = np.dtype(dtype).itemsize * count
            columns[name] = np.frombuffer(body[at : at + width], dtype=dtype).astype(np.float64)
            at += width
        return Series(**columns)
    except (ValueError, KeyError, TypeError, RecursionError, zlib.error) as exc:
        # RecursionError: json.loads on a header of deeply nested brackets
        raise UnreadableFile("The stored records are damaged.", field="series") from exc


@dataclass(frozen=True, slots=True)
class DedupeKey:
    """What identifies one recorded activity across exports: start, duration, distance.

    Store ``bucket`` in an indexed column; candidates for a new activity are those in
    ``neighbour_buckets()``, and ``matches`` decides.
    """

    start_s: int  # Unix seconds, UTC
    elapsed_s: float
    distance_m: float | None

    @property
    def bucket(self) -> int:
        """The index value: start time in ``DEDUPE_BUCKET_S`` slots."""
        return self.start_s // DEDUPE_BUCKET_S

    def neighbour_buckets(self) -> tuple[int, int, int]:
        """Buckets that can hold a match (a start within ``SAME_START_S``)."""
        return (self.bucket - 1, self.bucket, self.bucket + 1)

    def matches(self, other: DedupeKey) -> bool:
        """Whether `other` is the same activity, within the stated tolerances.

        Notes
        -----
        Same when the starts differ by at most ``SAME_START_S`` (120 s), the elapsed
        times by at most the larger of 60 s and 5 %, and, where both know it, the
        distances by at most 5 %. These are our choice (see the module constants).
        """
        if abs(self.start_s - other.start_s) > SAME_START_S:
            return False
        longer = max(self.elapsed_s, other.elapsed_s)
        allowed_s = max(SAME_ELAPSED_FLOOR_S, SAME_ELAPSED_SHARE * longer)
        if abs(self.elapsed_s - other.elapsed_s) > allowed_s:
            return False
        if self.distance_m is None or other.distance_m is None:
            return True
        farther = max(self.distance_m, other.distance_m)
        return abs(self.distance_m - other.distance_m) <= SAME_DISTANCE_SHARE * farther + 10.0


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded activity: what a runner did, with the source it came from.

    ``start`` is UTC (timezone-aware); ``utc_offset_s`` is the local offset when the file
    says it. ``moving_s`` leaves out pauses and standing still. Missing measurements are
    ``None``, never 0. ``avg_cadence_spm`` is in steps per minute and ``None`` where
    steps mean nothing (rides, swims). ``is_partial`` marks a damaged file of which only
    the readable part was kept; ``notes`` say, in plain words, what was done to the data.
    """

    file_name: str
    file_sha256: str  # of the decompressed file, so a .fit and its .fit.gz hash alike
    sport: Sport
    sub_sport: str | None
    start: datetime
    utc_offset_s: int | None
    elapsed_s: float
    moving_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    avg_cadence_spm: float | None
    series: Series = field(repr=False)
    name: str | None = None
    is_partial: bool = False
    notes: tuple[str, ...] = ()

    @property
    def is_running(self) -> bool:
        """Whether this counts as running (swims, rides and walks do not)."""
        return self.sport is Sport.RUNNING

    @property
    def dedupe_key(self) -> DedupeKey:
        """The key that recognises this activity in another export."""
        return DedupeKey(int(self.start.timestamp()), self.elapsed_s, self.distance_m)
