"""Find the training files inside what a runner uploads: plain files, gzip, zip exports.

Understands a Strava bulk export (``activities.csv`` naming each file in ``activities/``,
often ``.fit.gz``/``.gpx.gz``/``.tcx.gz``) and a Garmin Connect account export (FIT files
inside zips inside the zip). Nothing is written to disk. Every archive is checked before
and while it is opened:

* size: no decompressed file over ``Limits.max_file_bytes``, no archive expanding past
  ``max_total_bytes``, at most ``max_members`` entries;
* zip bombs: a member expanding more than ``max_ratio`` times (past 1 MiB) is refused,
  and so is a zip whose members together do (entries overlapping one compressed kernel);
  sizes are counted as bytes come out, never trusted from headers;
* path traversal: members named with ``..``, an absolute path or a drive are refused;
* nesting: archives inside archives are opened ``max_depth`` levels deep, no deeper.

A refused or damaged part becomes a `Skipped` with a reason; the rest goes on.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from hipfirst.importers.activity import Sport

__all__ = ["Limits", "Member", "Skipped", "expand"]

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx")
_RATIO_FLOOR_BYTES = 1 << 20  # small files may compress extremely well; that is no bomb
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits for one upload; the defaults suit a decade of one runner's data."""

    max_file_bytes: int = 128 << 20  # a week-long 1 Hz TCX is about 100 MB
    max_total_bytes: int = 4 << 30  # all files expanded from one upload
    max_ratio: float = 100.0  # real FIT/GPX/TCX compress 3-20 times
    max_depth: int = 3  # zip in zip in zip (Garmin's export uses two)
    max_members: int = 100_000


@dataclass(frozen=True, slots=True)
class Member:
    """One training file found in the upload, decompressed and ready to read."""

    name: str  # where it was found, e.g. "export.zip/activities/123.fit.gz"
    data: bytes
    kind: str  # "fit", "gpx" or "tcx"
    title: str | None = None  # the activity's name in a Strava export
    sport: Sport | None = None  # the sport a Strava export gives it
    problem: str | None = None  # set when only the start of a damaged gzip could be read


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file, or part of an archive, that was not imported, and why in plain words."""

    file: str
    reason: str


@dataclass(slots=True)
class _Budget:
    """Bytes still allowed to come out of the current upload."""

    remaining: int
    members: int


def expand(name: str, data: bytes, *, limits: Limits | None = None) -> Iterator[Member | Skipped]:
    """Yield every training file in `data` (a file, a gzip, a zip, nested), or why not.

    Parameters
    ----------
    name
        The upload's name, used in every member's name and in messages.
    data
        Its bytes.
    limits
        Safety limits; ``Limits()`` when not given.

    Yields
    ------
    Member or Skipped
        In archive order.
    """
    limits = limits or Limits()
    budget = _Budget(limits.max_total_bytes, limits.max_members)
    yield from _expand(name, data, limits, budget, depth=0)


def _expand(
    name: str, data: bytes, limits: Limits, budget: _Budget, *, depth: int
) -> Iterator[Member | Skipped]:
    if not data:
        yield Skipped(name, "The file is empty.")
    elif len(data) > limits.max_file_bytes:
        yield Skipped(name, f"The file is larger than {limits.max_file_bytes >> 20} MB.")
    elif data.startswith(GZIP_MAGIC) or data.startswith(ZIP_MAGICS):
        if depth >= limits.max_depth:
            yield Skipped(
                name, f"Archives nested more than {limits.max_depth} deep are not opened."
            )
        elif data.startswith(GZIP_MAGIC):
            yield from _gunzip(name, data, limits, budget, depth=depth)
        else:
            yield from _unzip(name, data, limits, budget, depth=depth)
    elif (kind := sniff(data)) is not None:
        yield Member(name, data, kind)
    else:
        yield Skipped(name, "This is not a FIT, GPX or TCX file, nor a zip or gzip of them.")


def sniff(data: bytes) -> str | None:
    """The format of a training file from its first bytes: "fit", "gpx", "tcx" or None."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<gpx" in head or b":gpx" in head:
            return "gpx"
        if b"trainingcenterdatabase" in head:
            return "tcx"
    return None


def _gunzip(
    name: str, data: bytes, limits: Limits, budget: _Budget, *, depth: int
) -> Iterator[Member | Skipped]:
    """Decompress a gzip (all its members), keeping the part before any damage."""
    inner = name.removesuffix(".gz") if name.endswith(".gz") else name
    out = bytearray()
    damaged = False
    rest = data
    while rest.startswith(GZIP_MAGIC):
        decompressor = zlib.decompressobj(wbits=31)
        try:
            while not decompressor.eof and rest:
                out += decompressor.decompress(rest, _CHUNK)
                rest = decompressor.unconsumed_tail
                refusal = _refuse(len(out), len(data), limits, budget)
                if refusal:
                    yield Skipped(name, refusal)
                    return
        except zlib.error:
            damaged = True
            break
        if not decompressor.eof:
            damaged = True
            break
        rest = decompressor.unused_data
    if not out:
        yield Skipped(name, "The compressed file is damaged or cut short; nothing could be read.")
        return
    budget.remaining -= len(out)
    for found in _expand(inner, bytes(out), limits, budget, depth=depth + 1):
        if damaged and isinstance(found, Member):
            yield replace(found, problem="The compressed file is damaged or cut short.")
        else:
            yield found


_WHOLE_ZIP_BOMB = (
    "The zip expands far more than any export of training files (a zip bomb?), so the rest "
    "of it was not opened."
)


def _refuse(size: int, compressed: int, limits: Limits, budget: _Budget) -> str | None:
    if size > limits.max_file_bytes:
        return f"It expands to more than {limits.max_file_bytes >> 20} MB, too large to import."
    if size > _RATIO_FLOOR_BYTES and size > limits.max_ratio * compressed:
        return "It expands far more than any training file (a zip bomb?), so it was not opened."
    if size > budget.remaining:
        return "The upload expands to more than the total allowed, so the rest was not opened."
    return None


def _unzip(
    name: str, data: bytes, limits: Limits, budget: _Budget, *, depth: int
) -> Iterator[Member | Skipped]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        yield Skipped(name, "The zip file is damaged or cut short; nothing could be read.")
        return
    if len(entries) > budget.members:
        yield Skipped(name, f"The zip holds more than {limits.max_members} files.")
        return
    budget.members -= len(entries)
    strava = _strava_index(archive, entries)
    # Entries may overlap (one small compressed kernel named by many entries, each ratio
    # honest on its own), so the whole zip may expand at most max_ratio times its size.
    allowance = max(int(limits.max_ratio * len(data)), _RATIO_FLOOR_BYTES)
    for info in entries:
        inner = f"{name}/{info.filename}"
        if not _is_safe_path(info.filename):
            yield Skipped(inner, "Its path leads outside the archive, so it was not opened.")
            continue
        if not _may_hold_activities(info.filename):
            continue  # photos, profile.csv and the like: not training files
        content = _read_member(archive, info, limits, budget, allowance=allowance)
        if content == _WHOLE_ZIP_BOMB:
            yield Skipped(inner, content)
            return  # the entries left would expand the same kernel again
        if isinstance(content, str):
            yield Skipped(inner, content)
            continue
        allowance -= len(content)
        budget.remaining -= len(content)
        title, sport = strava.pop(info.filename.lower().removesuffix(".gz"), (None, None))
        for found in _expand(inner, content, limits, budget, depth=depth + 1):
            if isinstance(found, Member) and (title or sport):
                yield replace(found, title=title, sport=sport)
            else:
                yield found
    for missing in strava:
        yield Skipped(f"{name}/{missing}", "activities.csv lists it, but it is not in the zip.")


def _read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limits: Limits,
    budget: _Budget,
    *,
    allowance: int,
) -> bytes | str:
    """The member's bytes, counted as they come out; a reason string if refused.

    ``allowance`` is what the whole zip may still expand to (see ``_unzip``).
    """
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                refusal = _refuse(len(out), max(info.compress_size, 1), limits, budget)
                if refusal:
                    return refusal
                if len(out) > allowance:
                    return _WHOLE_ZIP_BOMB
    except (RuntimeError, NotImplementedError):  # zipfile's words for encrypted, unknown packing
        return "It is encrypted or packed in a way we cannot open."
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return "It is damaged inside the zip (its checksum or data is wrong)."
    return bytes(out)


def _is_safe_path(path: str) -> bool:
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return bool(parts) and not (path.startswith(("/", "\\")) or ".." in parts or ":" in parts[0])


def _may_hold_activities(path: str) -> bool:
    return path.lower().removesuffix(".gz").endswith((*ACTIVITY_SUFFIXES, ".zip"))


def _strava_index(
    archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]
) -> dict[str, tuple[str | None, Sport | None]]:
    """Names and sports that a Strava export's ``activities.csv`` gives its files."""
    csv_entry = next(
        (info for info in entries if PurePosixPath(info.filename).name == "activities.csv"), None
    )
    if csv_entry is None or csv_entry.file_size > 64 << 20:
        return {}
    try:
        text = archive.read(csv_entry).decode("utf-8-sig", errors="replace")
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError):
        return {}
    prefix = str(PurePosixPath(csv_entry.filename).parent)
    prefix = "" if prefix == "." else f"{prefix}/"
    index: dict[str, tuple[str | None, Sport | None]] = {}
    try:
        for row in csv.DictReader(io.StringIO(text)):
            # A short row holds None, a long one a list of the extra values under None.
            columns = {
                (key or "").strip().lower(): value.strip()
                for key, value in row.items()
                if isinstance(value, str)
            }
            filename = columns.get("filename", "")
            if filename:
                key = f"{prefix}{filename}".lower().removesuffix(".gz")
                # Control characters (NUL, which PostgreSQL refuses) are no part of a name.
                title = "".join(c for c in columns.get("activity name", "") if c.isprintable())
                sport = (
                    Sport.from_text(columns.get("activity type"))
                    if columns.get("activity type")
                    else None
                )
                index[key] = (title or None, sport)
    except csv.Error:  # a field past the csv module's limit: the names are not readable
        return {}
    return index
