"""``hipfirst metronome``: write a click track at a cadence, to run to with headphones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hipfirst.cli.output import print_json
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.metronome import DEFAULT_SAMPLE_RATE_HZ, metronome_beats, metronome_wav


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "metronome",
        help="write a WAV click track at a cadence in steps per minute",
        description="Write a WAV click track, one click per step, to run to with headphones.",
    )
    parser.add_argument("--spm", type=int, required=True, help="steps per minute, e.g. 172")
    parser.add_argument("--minutes", type=int, default=20, help="1 to 60 (default: 20)")
    parser.add_argument(
        "--accent-every", type=int, default=None, metavar="N", help="a higher click every N steps"
    )
    parser.add_argument(
        "--sample-rate", type=int, default=DEFAULT_SAMPLE_RATE_HZ, help=argparse.SUPPRESS
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="the WAV file to write")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    track = metronome_wav(
        args.spm, args.minutes, accent_every=args.accent_every, sample_rate_hz=args.sample_rate
    )
    try:
        args.output.write_bytes(track)
    except OSError as exc:
        raise InvalidAnswer(f"Cannot write {args.output}: {exc.strerror}.", field="output") from exc
    beats = len(metronome_beats(args.spm, args.minutes, accent_every=args.accent_every))
    if args.json:
        print_json(
            {
                "file": str(args.output),
                "spm": args.spm,
                "minutes": args.minutes,
                "beats": beats,
                "accent_every": args.accent_every,
                "bytes": len(track),
            }
        )
    else:
        print(
            f"Wrote {args.output}: {beats} clicks at {args.spm} steps per minute.", file=sys.stdout
        )
    return 0
