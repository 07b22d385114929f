"""Import a batch: files, folders and archives in; activities, skipped files and duplicates out.

A file that cannot be read is listed in ``skipped`` with the reason and the batch goes
on. The same activity met twice (one run exported as GPX and TCX, or uploaded twice) is
kept once, the richer recording winning, and the other listed in ``duplicates``.
``import_many`` decodes on several processes; the results do not depend on how many.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers.activity import Activity, Sport
from hipfirst.importers.archive import Limits, Member, Skipped, expand
from hipfirst.importers.fit import read_fit
from hipfirst.importers.gpx import read_gpx
from hipfirst.importers.tcx import read_tcx

__all__ = [
    "Duplicate",
    "ImportReport",
    "deduplicate",
    "import_blobs",
    "import_many",
    "import_paths",
    "read_member",
]

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (files done, files found so far)
_READERS: dict[str, Callable[..., tuple[Activity, ...]]] = {
    "fit": read_fit,
    "gpx": read_gpx,
    "tcx": read_tcx,
}
_CHUNK_SIZE = 4  # members sent to a worker at once: fewer round trips, still balanced


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An activity left out because the batch already holds it from `same_as`."""

    file: str
    same_as: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What a batch gave: activities to store, files skipped (why), duplicates (of what)."""

    activities: tuple[Activity, ...]
    skipped: tuple[Skipped, ...]
    duplicates: tuple[Duplicate, ...]

    @property
    def has_read_anything(self) -> bool:
        """Whether any file gave an activity (duplicates count: they were read)."""
        return bool(self.activities or self.duplicates)


def read_member(member: Member) -> tuple[Activity, ...] | Skipped:
    """Decode one training file; a `Skipped` instead of raising when it cannot be read.

    A Strava export's name and sport for the file, and a damaged-gzip note, are applied.
    """
    try:
        activities = _READERS[member.kind](member.data, filename=member.name, sport=member.sport)
    except UnreadableFile as exc:
        return Skipped(member.name, exc.message)
    except Exception:  # the batch boundary: a reader bug must not lose the other files
        logger.exception("could not read %s", member.name)
        return Skipped(member.name, "hipfirst could not read this file (an error on our side).")
    if member.title:
        activities = tuple(replace(a, name=member.title) for a in activities)
    if member.problem:
        note = f"{member.problem} Only the part before it was read."
        activities = tuple(replace(a, is_partial=True, notes=(*a.notes, note)) for a in activities)
    return activities


def import_blobs(
    blobs: Iterable[tuple[str, bytes]],
    *,
    workers: int = 1,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """Import named byte strings (files, gzips, zips).

    Parameters
    ----------
    blobs
        ``(name, bytes)`` pairs; names appear in the report.
    workers
        Processes to decode on; 1 decodes here.
    progress
        Called with (files done, files found) as files finish.
    limits
        Archive and size limits.

    Returns
    -------
    ImportReport
        Activities in input order, then the skipped files and the duplicates.
    """
    return _import(blobs, workers=workers, progress=progress, limits=limits)


def import_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int = 1,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """Import files, folders (searched recursively) and archives from disk.

    A path that does not exist or cannot be read is listed as skipped.
    """
    limits = limits or Limits()
    return _import(_read_paths(paths, limits), workers=workers, progress=progress, limits=limits)


def import_many(
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """`import_paths` on every core (or on `workers` processes), for big exports."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    return import_paths(paths, workers=count, progress=progress, limits=limits)


def _import(
    items: Iterable[tuple[str, bytes] | Skipped],
    *,
    workers: int,
    progress: Progress | None,
    limits: Limits | None,
) -> ImportReport:
    skipped: list[Skipped] = []
    members: list[Member] = []
    for item in items:
        found = [item] if isinstance(item, Skipped) else expand(*item, limits=limits)
        for part in found:
            if isinstance(part, Skipped):
                skipped.append(part)
            else:
                members.append(part)
    activities: list[Activity] = []
    for result in _decode(members, workers, progress):
        if isinstance(result, Skipped):
            skipped.append(result)
        else:
            activities.extend(result)
    kept, duplicates = deduplicate(activities)
    return ImportReport(tuple(kept), tuple(skipped), tuple(duplicates))


def _read_paths(
    paths: Sequence[str | os.PathLike[str]], limits: Limits
) -> Iterator[tuple[str, bytes] | Skipped]:
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield Skipped(str(path), "It does not exist.")
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                if file.stat().st_size > limits.max_file_bytes:  # refused before it is read
                    yield Skipped(
                        str(file), f"The file is larger than {limits.max_file_bytes >> 20} MB."
                    )
                    continue
                yield str(file), file.read_bytes()
            except OSError:
                yield Skipped(str(file), "It cannot be read (check its permissions).")


def _decode(
    members: list[Member], workers: int, progress: Progress | None
) -> list[tuple[Activity, ...] | Skipped]:
    total = len(members)
    if workers <= 1 or total < 2:
        results = []
        for done, member in enumerate(members, start=1):
            results.append(read_member(member))
            if progress:
                progress(done, total)
        return results
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = []
        for done, result in enumerate(
            pool.map(read_member, members, chunksize=_CHUNK_SIZE), start=1
        ):
            results.append(result)
            if progress:
                progress(done, total)
        return results


def deduplicate(activities: Sequence[Activity]) -> tuple[list[Activity], list[Duplicate]]:
    """Keep one of each activity met more than once; the richer recording wins.

    Parameters
    ----------
    activities
        In input order.

    Returns
    -------
    tuple
        The activities kept (in the order first met) and the duplicates left out.

    Notes
    -----
    Two activities are the same when their `DedupeKey` values match (start within
    120 s, duration and distance within 5 %; see ``activity.py``). Richer means: the
    sport is known, then more kinds of measurement, then more records.
    """
    kept: list[Activity] = []
    buckets: dict[int, list[int]] = {}
    duplicates: list[Duplicate] = []
    for activity in activities:
        key = activity.dedupe_key
        match = next(
            (
                index
                for bucket in key.neighbour_buckets()
                for index in buckets.get(bucket, ())
                if kept[index].dedupe_key.matches(key)
            ),
            None,
        )
        if match is None:
            buckets.setdefault(key.bucket, []).append(len(kept))
            kept.append(activity)
            continue
        held = kept[match]
        if _richness(activity) > _richness(held):
            kept[match] = activity
            duplicates.append(Duplicate(held.file_name, same_as=activity.file_name))
        else:
            duplicates.append(Duplicate(activity.file_name, same_as=held.file_name))
    return kept, duplicates


def _richness(activity: Activity) -> tuple[int, int, int]:
    measured = sum(
        value is not None
        for value in (activity.avg_hr_bpm, activity.avg_cadence_spm, activity.distance_m)
    )
    return (activity.sport is not Sport.UNKNOWN, measured, len(activity.series))
