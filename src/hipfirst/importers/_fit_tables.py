"""Decode a FIT file into tables of the values hipfirst uses, by either of two paths.

* ``tables_fast``: our vectorised reader (``_fit_stream``);
* ``tables_from_fitdecode``: fitdecode 0.11 with CRC checks off, the kept fallback.

Both give ``{message: {field: column}}`` with the FIT profile's scale and offset applied
(positions stay in semicircles, times in FIT seconds), so ``fit.py`` cannot tell them
apart. Field numbers, scales and offsets are those of the FIT profile as fitdecode 0.11
ships it (``fitdecode.profile``).
"""

from __future__ import annotations

import warnings

import fitdecode
import numpy as np
import numpy.typing as npt

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers._fit_stream import scan_fit

__all__ = ["MESSAGES", "Tables", "tables_fast", "tables_from_fitdecode"]

FloatArray = npt.NDArray[np.float64]
Tables = dict[str, dict[str, FloatArray]]

# message -> (global number, {field: (number, scale, offset)}); value = raw / scale - offset
MESSAGES: dict[str, tuple[int, dict[str, tuple[int, float, float]]]] = {
    "file_id": (0, {"type": (0, 1, 0)}),
    "sport": (12, {"sport": (0, 1, 0), "sub_sport": (1, 1, 0)}),
    "activity": (34, {"timestamp": (253, 1, 0), "local_timestamp": (5, 1, 0)}),
    "lap": (19, {"start_time": (2, 1, 0), "sport": (25, 1, 0), "sub_sport": (39, 1, 0)}),
    "session": (
        18,
        {
            "start_time": (2, 1, 0),
            "sport": (5, 1, 0),
            "sub_sport": (6, 1, 0),
            "total_elapsed_time": (7, 1000, 0),
            "total_timer_time": (8, 1000, 0),
            "total_distance": (9, 100, 0),
            "avg_heart_rate": (16, 1, 0),
            "max_heart_rate": (17, 1, 0),
            "avg_cadence": (18, 1, 0),
            "total_ascent": (22, 1, 0),
            "avg_fractional_cadence": (92, 128, 0),
        },
    ),
    "record": (
        20,
        {
            "timestamp": (253, 1, 0),
            "position_lat": (0, 1, 0),
            "position_long": (1, 1, 0),
            "altitude": (2, 5, 500),
            "heart_rate": (3, 1, 0),
            "cadence": (4, 1, 0),
            "distance": (5, 100, 0),
            "speed": (6, 1000, 0),
            "fractional_cadence": (53, 128, 0),
            "enhanced_speed": (73, 1000, 0),
            "enhanced_altitude": (78, 5, 500),
        },
    ),
}
_WANTED = frozenset(number for number, _ in MESSAGES.values())
_BY_NUMBER = {number: name for name, (number, _) in MESSAGES.items()}


def tables_fast(data: bytes) -> tuple[Tables, str | None]:
    """The tables, decoded by our reader; and why it stopped early, if it did.

    Raises
    ------
    NotFitError
        If the bytes do not start with a FIT file header.
    """
    scan = scan_fit(data, wanted=_WANTED)
    tables: Tables = {}
    for name, (number, spec) in MESSAGES.items():
        raw = scan.columns(number, tuple(num for num, _, _ in spec.values()))
        tables[name] = {
            field: raw[num] / scale - offset for field, (num, scale, offset) in spec.items()
        }
    record = tables["record"]
    packed = scan.byte_columns(20, 8, 3)  # compressed_speed_distance, older devices
    if packed.size and (packed[:, 0] >= 0).any():
        speed, distance = _expand_speed_distance(packed)
        record["speed"] = np.where(np.isnan(record["speed"]), speed, record["speed"])
        record["distance"] = np.where(np.isnan(record["distance"]), distance, record["distance"])
    return tables, scan.problem


def _expand_speed_distance(packed: npt.NDArray[np.int64]) -> tuple[FloatArray, FloatArray]:
    """Components of ``compressed_speed_distance``: 12-bit speed/100, 12-bit distance/16.

    The distance component accumulates, rolling over at 4096 (FIT profile, record field 8).
    """
    present = (packed[:, 0] >= 0) & ~np.all(packed == 0xFF, axis=1)
    speed_raw = packed[:, 0] | ((packed[:, 1] & 0x0F) << 8)
    distance_raw = (packed[:, 1] >> 4) | (packed[:, 2] << 4)
    speed = np.where(present, speed_raw / 100.0, np.nan)
    steps = np.diff(distance_raw[present], prepend=0) % 4096
    distance = np.full(len(packed), np.nan)
    distance[present] = np.cumsum(steps) / 16.0
    return speed, distance


def tables_from_fitdecode(data: bytes, *, filename: str) -> tuple[Tables, str | None]:
    """The same tables as the fast path, decoded by fitdecode (the tolerant fallback).

    Parameters
    ----------
    data
        The file's bytes.
    filename
        Its name, for messages.

    Returns
    -------
    tuple
        The tables and, if decoding stopped early, why in plain words.

    Raises
    ------
    UnreadableFile
        If fitdecode cannot read even the file header.
    """
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in MESSAGES}
    problem = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # CRC and developer-data warnings: we go on
            reader = fitdecode.FitReader(
                data,
                check_crc=fitdecode.CrcCheck.DISABLED,
                error_handling=fitdecode.ErrorHandling.IGNORE,
            )
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage):
                    name = _BY_NUMBER.get(frame.global_mesg_num)
                    if name is not None:
                        rows[name].append(_frame_values(frame, MESSAGES[name][1]))
    except fitdecode.FitError as exc:
        if not any(rows.values()):
            raise UnreadableFile(
                "This is not a FIT file, or its first bytes are damaged.", field=filename
            ) from exc
        problem = "The file ends part-way through, or is damaged there."
    tables: Tables = {
        name: {
            field: np.array([row.get(field, np.nan) for row in rows[name]], dtype=np.float64)
            for field in spec
        }
        for name, (_, spec) in MESSAGES.items()
    }
    return tables, problem


def _frame_values(
    frame: fitdecode.FitDataMessage, spec: dict[str, tuple[int, float, float]]
) -> dict[str, float]:
    """Values of the profile's own fields; developer fields can reuse their numbers."""
    wanted = {num: field for field, (num, _, _) in spec.items()}
    values: dict[str, float] = {}
    for item in frame.fields:
        if isinstance(item.field_def, fitdecode.types.DevFieldDefinition):
            continue
        field = wanted.get(item.def_num)
        value = item.value if isinstance(item.value, int | float) else item.raw_value
        if field and field not in values and isinstance(value, int | float):
            values[field] = float(value)
    return values
