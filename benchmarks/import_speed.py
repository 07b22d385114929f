"""How fast the importers read ../shared/data and a 1,000-activity Strava-style export.

Prints one JSON object. Run from the repository root:

    .venv/bin/python benchmarks/import_speed.py

In the same run it times bare decoding of the same files by the peers (fitdecode with
its default settings, garmin-fit-sdk, gpxpy, tcxreader, and fitfast / pyfitparsernative
when installed) and our whole import path (sniff, decode, normalise, dedupe), and
gives our speed as a multiple of each peer's. Then it builds a Strava-style export of
1,000 activities from the shared files in a temporary folder (``activities.csv`` and
``activities/`` holding ``.fit.gz``, ``.gpx`` and ``.tcx.gz``, as Strava exports) and
imports it with ``import_many`` on every core. Targets (issue 5): our FIT import path at
10x bare fitdecode or more while reading every file that is not truly corrupt; the
1,000-activity export in under 20 s on 2 cores.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("HIPFIRST_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
ARCHIVE_ACTIVITIES = 1000
FOLDERS = ("fit", "gpx", "tcx")
REPEATS = 3  # runs shorter than LONG_RUN_S are repeated and the median run is reported
LONG_RUN_S = 5.0  # a longer run already averages out other load on the machine

sys.path.insert(0, str(REPO_ROOT / "src"))

from hipfirst.importers import ImportReport, import_blobs, import_many  # noqa: E402


def _files(kind: str) -> list[Path]:
    return sorted((SHARED_DATA / kind).glob(f"*.{kind}"))


def _median_run(run: Callable[[], tuple[float, Any]]) -> tuple[float, Any, int]:
    """Run once, and twice more if short; the median time, its result, and the run count."""
    runs = [run()]
    if runs[0][0] < LONG_RUN_S:
        runs += [run() for _ in range(REPEATS - 1)]
    runs.sort(key=lambda r: r[0])
    seconds, result = runs[len(runs) // 2]
    return seconds, result, len(runs)


def _timed(decode: Callable[[Path, bytes], int], files: list[Path]) -> dict[str, Any]:
    """Decode each file; count those read without error and the records they gave."""
    blobs = [(path, path.read_bytes()) for path in files]
    size = sum(len(data) for _, data in blobs)

    def run() -> tuple[float, tuple[int, list[str]]]:
        records = 0
        failed: list[str] = []
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for path, data in blobs:
                try:
                    records += decode(path, data)
                except Exception:  # a peer's failure is a result here, not an error
                    failed.append(path.name)
        return time.perf_counter() - start, (records, failed)

    seconds, (records, failed), runs = _median_run(run)
    return {
        "files": len(files),
        "files_read": len(files) - len(failed),
        "failed": failed,
        "runs": runs,
        "seconds": round(seconds, 3),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "files_per_s": round(len(files) / seconds, 1),
        "records_per_s": round(records / seconds),
    }


def _fitdecode(_: Path, data: bytes) -> int:
    import fitdecode  # peers load only when measured

    with fitdecode.FitReader(data) as reader:
        return sum(
            1
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record"
        )


def _garmin_sdk(_: Path, data: bytes) -> int:
    from garmin_fit_sdk import Decoder, Stream

    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    if errors:
        raise ValueError(str(errors[0]))
    return len(messages.get("record_mesgs", []))


def _fitfast(_: Path, data: bytes) -> int:
    import fitfast

    columns = fitfast.records(data)
    return len(next(iter(columns.values()))) if columns else 0


def _pyfitparsernative(_: Path, data: bytes) -> int:
    import pyfitparsernative

    messages = pyfitparsernative.parse_fit_bytes(data)
    return sum(1 for m in messages if m.get("message_type") == "record")


def _gpxpy(_: Path, data: bytes) -> int:
    import gpxpy

    parsed = gpxpy.parse(data.decode("utf-8-sig", errors="replace"))
    return sum(len(s.points) for t in parsed.tracks for s in t.segments)


def _tcxreader(path: Path, _: bytes) -> int:
    from tcxreader.tcxreader import TCXReader

    return len(TCXReader().read(str(path)).trackpoints)  # default only_gps=True


def _ours(files: list[Path]) -> dict[str, Any]:
    blobs = [(path.name, path.read_bytes()) for path in files]
    size = sum(len(data) for _, data in blobs)

    def run() -> tuple[float, ImportReport]:
        start = time.perf_counter()
        report = import_blobs(blobs)
        return time.perf_counter() - start, report

    seconds, report, runs = _median_run(run)
    return {**_summary(report, len(files), size, seconds), "runs": runs}


def _summary(report: ImportReport, files: int, size: int, seconds: float) -> dict[str, Any]:
    records = sum(len(a.series) for a in report.activities)
    activity_files = {a.file_name for a in report.activities} | {d.file for d in report.duplicates}
    return {
        "files": files,
        "files_with_activities": len(activity_files),
        "activities": len(report.activities),
        "duplicates": len(report.duplicates),
        "partial": sum(a.is_partial for a in report.activities),
        "skipped": len(report.skipped),
        "skipped_reasons": sorted({s.reason for s in report.skipped}),
        "seconds": round(seconds, 3),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "files_per_s": round(files / seconds, 1),
        "records_per_s": round(records / seconds),
    }


def _strava_export(folder: Path) -> tuple[Path, int]:
    """A Strava-style export of ARCHIVE_ACTIVITIES activities cycled from the shared files."""
    sources = [path for kind in FOLDERS for path in _files(kind)]
    archive = folder / "export_strava.zip"
    rows = ["Activity ID,Activity Date,Activity Name,Activity Type,Filename"]
    size = 0
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as handle:
        for number in range(ARCHIVE_ACTIVITIES):
            source = sources[number % len(sources)]
            data = source.read_bytes()
            size += len(data)
            kind = source.suffix
            name = f"activities/{number}{kind}" + ("" if kind == ".gpx" else ".gz")
            handle.writestr(name, data if kind == ".gpx" else gzip.compress(data, 6))
            rows.append(f"{number},2024-01-01,{source.stem},,{name}")  # type: the file's own
        handle.writestr("activities.csv", "\n".join(rows) + "\n")
    return archive, size


def main() -> dict[str, Any]:
    """Run every measurement; return the JSON document."""
    fit, gpx, tcx = (_files(kind) for kind in FOLDERS)
    peers: dict[str, dict[str, Any]] = {
        "fitdecode": _timed(_fitdecode, fit),
        "garmin_fit_sdk": _timed(_garmin_sdk, fit),
        "gpxpy": _timed(_gpxpy, gpx),
        "tcxreader": _timed(_tcxreader, tcx),
    }
    for name, decode in (("fitfast", _fitfast), ("pyfitparsernative", _pyfitparsernative)):
        if importlib.util.find_spec(name) is not None:
            peers[name] = _timed(decode, fit)
    ours = {"fit": _ours(fit), "gpx": _ours(gpx), "tcx": _ours(tcx)}
    ratios = {
        f"fit_vs_{peer}": round(ours["fit"]["mb_per_s"] / peers[peer]["mb_per_s"], 1)
        for peer in ("fitdecode", "garmin_fit_sdk", "fitfast", "pyfitparsernative")
        if peer in peers
    }
    ratios["gpx_vs_gpxpy"] = round(ours["gpx"]["mb_per_s"] / peers["gpxpy"]["mb_per_s"], 1)
    ratios["tcx_vs_tcxreader"] = round(ours["tcx"]["mb_per_s"] / peers["tcxreader"]["mb_per_s"], 1)
    everything = [*fit, *gpx, *tcx]
    whole_size = sum(path.stat().st_size for path in everything)
    start = time.perf_counter()
    whole = import_many([SHARED_DATA / kind for kind in FOLDERS])
    whole_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        archive, archive_size = _strava_export(Path(folder))
        zip_bytes = archive.stat().st_size
        start = time.perf_counter()
        export = import_many([archive])
        export_s = time.perf_counter() - start
    return {
        "cores": os.cpu_count(),
        "peers_bare_decoding": peers,
        "ours_one_process": ours,
        "ours_vs_peers_mb_per_s": ratios,
        "target_fit_10x_fitdecode_met": ratios["fit_vs_fitdecode"] >= 10,
        "all_shared_data_all_cores": _summary(whole, len(everything), whole_size, whole_s),
        "strava_export_1000_all_cores": {
            **_summary(export, ARCHIVE_ACTIVITIES, archive_size, export_s),
            "zip_mb": round(zip_bytes / 1e6, 1),
            "unpacked_mb": round(archive_size / 1e6, 1),
            "target_under_20_s_met": export_s < 20,
        },
    }


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=2)
    sys.stdout.write("\n")
