"""``hipfirst import PATH...``: read training files, folders and exports (zip, gzip).

Prints each activity found, each file skipped with the reason, and each duplicate with
the file it repeats. ``--json`` prints one object: ``{"activities": [...], "skipped":
[...], "duplicates": [...]}``. Exits 0 when anything was read, 2 when nothing could be.
A progress bar shows on a terminal (stderr) only.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from hipfirst.cli.output import print_json
from hipfirst.cli.reading import read_training_files
from hipfirst.importers import Activity, ImportReport


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "import",
        help="read training files, folders, Strava and Garmin exports",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a file, folder or archive")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--workers", type=int, default=None, help="processes to decode on (default: all cores)"
    )
    parser.set_defaults(handler=import_files)


def import_files(args: argparse.Namespace) -> int:
    """Import the paths given; print the report; 0 if anything was read, else 2."""
    report = read_training_files(args.paths, workers=args.workers)
    if args.json:
        print_json(report_document(report))
    else:
        _print_text(report)
    if report.has_read_anything:
        return 0
    print("hipfirst: nothing could be read from the paths given", file=sys.stderr)
    return 2


def report_document(report: ImportReport) -> dict[str, Any]:  # Any: JSON values
    """The JSON form of an import report (the ``--json`` output)."""
    return {
        "activities": [_activity_document(a) for a in report.activities],
        "skipped": [{"file": s.file, "reason": s.reason} for s in report.skipped],
        "duplicates": [{"file": d.file, "same_as": d.same_as} for d in report.duplicates],
    }


def _activity_document(activity: Activity) -> dict[str, Any]:  # Any: JSON values
    return {
        "file": activity.file_name,
        "sport": str(activity.sport),
        "start": activity.start.isoformat().replace("+00:00", "Z"),
        "elapsed_s": round(activity.elapsed_s, 1),
        "moving_s": _rounded(activity.moving_s),
        "distance_m": _rounded(activity.distance_m),
        "avg_cadence_spm": _rounded(activity.avg_cadence_spm),
        "avg_hr_bpm": _rounded(activity.avg_hr_bpm),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _print_text(report: ImportReport) -> None:
    for a in report.activities:
        distance = f"{a.distance_m / 1000:6.2f} km" if a.distance_m is not None else "     – km"
        cadence = f"{a.avg_cadence_spm:4.0f} spm" if a.avg_cadence_spm is not None else "   – spm"
        heart = f"{a.avg_hr_bpm:4.0f} bpm" if a.avg_hr_bpm is not None else "   – bpm"
        hours, rest = divmod(round(a.elapsed_s), 3600)
        print(
            f"{a.start:%Y-%m-%d %H:%M}Z  {a.sport:<8} {distance}  {hours}:{rest // 60:02d}:"
            f"{rest % 60:02d}  {cadence}  {heart}  {a.file_name}"
        )
    for skipped in report.skipped:
        print(f"skipped {skipped.file}: {skipped.reason}")
    for duplicate in report.duplicates:
        print(f"duplicate {duplicate.file}: the same activity as {duplicate.same_as}")
    print(
        f"{len(report.activities)} activities, {len(report.skipped)} skipped, "
        f"{len(report.duplicates)} duplicates"
    )
