"""``hipfirst cadence PATH...``: your easy-run cadence, a target over it and a plan to reach it.

Reads training files, folders and exports as ``hipfirst import`` does and keeps the runs
(walks, rides and swims are left out). A run's cadence counts its running only: stops and
walking breaks are left out. Without a watch, count every time either foot lands for 30
seconds on an easy run and give ``--steps-in-30s N`` (with or without files); ``--today``
dates that count. ``--json`` prints one object: ``{"runs": [{"file", "start", "avg_spm",
"speed_mps"}], "easy_run_spm", "target_spm", "plan": [{"week", "target_spm"}],
"sources"}``, null where there is not enough data yet. Exits 2 with one line when nothing
could be read or none of it is a run.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime, time
from pathlib import PurePath
from typing import Any

from hipfirst.cli.arguments import iso_date
from hipfirst.cli.output import print_json
from hipfirst.cli.reading import read_training_files
from hipfirst.core.cadence import RunCadence, counted_run, easy_run_cadence_spm
from hipfirst.core.cadence_target import (
    FIRST_PCT,
    GOAL_PCT,
    SOURCES,
    CadenceTarget,
    cadence_report_as_json,
    cadence_target,
)
from hipfirst.core.errors import InvalidAnswer
from hipfirst.importers.cadence_samples import activity_cadence

WIDTH = 88  # text output is wrapped to this many columns
RUNS_SHOWN = 12  # the text output lists the latest runs only; --json lists all


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "cadence",
        help="your easy-run cadence from training files, a target and a plan to reach it",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a file, folder or archive")
    parser.add_argument(
        "--steps-in-30s",
        type=int,
        metavar="N",
        help="steps you counted in 30 s on an easy run, both feet (for runners without a watch)",
    )
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day you counted your steps (default: today)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the cadence report for the paths and the counted cadence given; 0, else raise."""
    if not args.paths and args.steps_in_30s is None:
        raise InvalidAnswer(
            "Give training files, or the steps you counted in 30 s with --steps-in-30s N."
        )
    runs, left_out = _runs_in(args.paths) if args.paths else ([], 0)
    if args.steps_in_30s is not None:
        today = args.today or datetime.now(UTC).astimezone().date()
        runs.append(counted_run(datetime.combine(today, time(), tzinfo=UTC), args.steps_in_30s))
    if args.json:
        print_json(cadence_report_as_json(runs))
    else:
        print(describe(runs, left_out=left_out))
    return 0


def _runs_in(paths: Sequence[str]) -> tuple[list[RunCadence], int]:
    """Each run's cadence, and how many activities were not runs; raise if there is none."""
    report = read_training_files(paths)
    if not report.has_read_anything:
        if len(report.skipped) == 1:
            only = report.skipped[0]
            raise InvalidAnswer(f"Nothing could be read from {only.file}: {only.reason}")
        raise InvalidAnswer(
            f"Nothing could be read from the {len(report.skipped)} files given; "
            "'hipfirst import' on them says why."
        )
    for skipped in report.skipped:
        print(f"hipfirst: skipped {skipped.file}: {skipped.reason}", file=sys.stderr)
    runs = [activity for activity in report.activities if activity.is_running]
    if not runs:
        raise InvalidAnswer(
            f"None of the {len(report.activities)} activities read is a run, so there is no "
            "running cadence; count your steps with --steps-in-30s N instead."
        )
    cadences: list[RunCadence] = []
    for activity in runs:
        try:
            cadences.append(activity_cadence(activity))
        except InvalidAnswer as exc:  # one unreadable run must not hide the others
            print(f"hipfirst: skipped {activity.file_name}: {exc.message}", file=sys.stderr)
    return cadences, len(report.activities) - len(runs)


def describe(runs: Sequence[RunCadence], *, left_out: int = 0) -> str:
    """The cadence report in plain words for a person at a terminal."""
    lines = ["Your runs (running only: stops and walking breaks are left out):"]
    ordered = sorted(runs, key=lambda run: run.start)
    if len(ordered) > RUNS_SHOWN:
        lines.append(f"  ... {len(ordered) - RUNS_SHOWN} earlier runs (--json lists them all)")
    lines += [f"  {_run_line(run)}" for run in ordered[-RUNS_SHOWN:]]
    if left_out:
        lines.append(f"  Left out, as they are not runs: {left_out} (walks, rides, swims ...)")
    easy_spm = easy_run_cadence_spm(runs)
    if easy_spm is None:
        lines += [
            "",
            "Your easy-run cadence: not enough data yet. None of these runs recorded a "
            "cadence; count every time either foot lands for 30 seconds on an easy run and "
            "give the count with --steps-in-30s N.",
        ]
    else:
        lines += ["", *_target_lines(cadence_target(easy_spm))]
    return "\n".join(_wrapped(lines))


def _run_line(run: RunCadence) -> str:
    spm = f"{run.avg_spm:3.0f} steps a minute" if run.avg_spm is not None else "no cadence"
    if run.file is None:
        return f"{run.start:%Y-%m-%d}         {spm}  (counted)"
    pace = ""
    if run.speed_mps:
        minutes, seconds = divmod(round(1000 / run.speed_mps), 60)
        pace = f"  {minutes}:{seconds:02d} min/km"
    return f"{run.start:%Y-%m-%d %H:%M}Z  {spm}{pace}  {PurePath(run.file).name}"


def _target_lines(target: CadenceTarget) -> list[str]:
    numbers = {key: n for n, key in enumerate(SOURCES, start=1)}
    lines = [
        f"Your easy-run cadence: {target.easy_run_spm:.0f} steps a minute (the median of your "
        "slower runs, as cadence rises with speed).",
        f"Target: {target.target_spm} steps a minute (+{FIRST_PCT:g}%), then step by step up "
        f"to {target.goal_spm} (+{GOAL_PCT:g}%), at your usual easy pace.",
        f"Why: {target.reason}",
        "",
        "Plan:",
        *(f"  From week {step.week}: {step.target_spm} steps a minute" for step in target.plan),
        *(f"  - {advice}" for advice in target.advice),
        f"  A click track to run to: hipfirst metronome --spm {target.target_spm} -o track.wav",
        "",
        f"What it does to knee load: {target.knee_load}",
        "",
        "What the evidence says:",
    ]
    for item in target.evidence:
        cited = "".join(f"[{numbers[key]}]" for key in item.sources)
        lines.append(f"  - {item.says} {cited}")
    lines += ["", "Sources:", *(f"  [{numbers[key]}] {text}" for key, text in SOURCES.items())]
    return lines


def _wrapped(lines: Sequence[str]) -> list[str]:
    """Long lines wrapped to ``WIDTH``, continuation lines indented under their text."""
    out: list[str] = []
    for line in lines:
        body = line.lstrip()
        hang = len(line) - len(body)
        if body.startswith(("- ", "[")):  # a list item: hang under the text, not the marker
            hang += len(body.split(" ", 1)[0]) + 1
        wrapped = textwrap.wrap(line, WIDTH, subsequent_indent=" " * hang, break_on_hyphens=False)
        out += wrapped or [""]
    return out
