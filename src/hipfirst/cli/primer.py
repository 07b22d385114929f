"""``hipfirst primer``: the 5-minute pre-run routine, step by step with its timings."""

from __future__ import annotations

import argparse
from typing import Any

from hipfirst.cli.output import print_json
from hipfirst.core.primer import PRIMER, Primer, PrimerStep, PrimerStepKind, primer_as_json


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "primer",
        help="print the 5-minute hip routine to do before a run",
        description="Print the 5-minute pre-run primer: each step, when it starts and its cues.",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.json:
        print_json(primer_as_json(PRIMER))
    else:
        print(describe(PRIMER))
    return 0


def describe(primer: Primer) -> str:
    """The routine in plain words: a line per step with its clock time, then its cues."""
    lines = [f"The pre-run primer: {_clock(primer.total_s)} minutes, no equipment.", ""]
    for step in primer.steps:
        lines += _step_lines(step)
    lines += [
        f"{_clock(primer.total_s)}  {primer.closing_cue}",
        "",
        f"Counts from: {primer.source.removesuffix(' (none)')}",  # no fact sheet to point to
    ]
    return "\n".join(lines)


def _step_lines(step: PrimerStep) -> list[str]:
    when = _clock(step.start_s)
    if step.kind is PrimerStepKind.SET_UP:
        return [f"{when}  {step.title}: get set ({step.duration_s} s)", f"       {step.spoken_cue}"]
    return [
        f"{when}  {step.reps} reps, about {step.rep_s} s each: {step.rep_cue}",
        f"       Check: {step.check}",
        "",
    ]


def _clock(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"
