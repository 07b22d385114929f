"""``hipfirst shoes ANSWERS.json``: three shoes to try on, with reasons and caveats.

The answers file holds one JSON object::

    {"knee_collapse": false, "overpronation": "none", "cadence_goal": true,
     "foot_strike": "heel", "preferred_drop_mm": 8, "budget": 150}

``overpronation`` is none, mild or heavy; ``foot_strike`` heel, mid, fore or unknown;
``preferred_drop_mm`` (0 to 16) and ``budget`` (US dollars) may be null or left out.
``--json`` prints ``{"recommendations": [{"id", "name", "reasons"}], "caveats"}``. A
malformed file exits 2 with one line naming the answer. No shoe treats knee pain: the
caveats say what shoes can and cannot do.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hipfirst.cli.assess import read_json_document
from hipfirst.cli.output import print_json
from hipfirst.core.shoes import ShoeAdvice, parse_shoe_answers, recommend_shoes, shoe_advice_as_json

WIDTH = 88  # text output is wrapped to this many columns


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "shoes",
        help="three running shoes to try on, with the reasons and what shoes cannot do",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("answers", type=Path, metavar="ANSWERS.json")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the advice for the answers file; 0, else raise ``InvalidAnswer``."""
    advice = recommend_shoes(parse_shoe_answers(read_json_document(args.answers)))
    if args.json:
        print_json(shoe_advice_as_json(advice))
    else:
        print(describe(advice))
    return 0


def describe(advice: ShoeAdvice) -> str:
    """The advice in plain words for a person at a terminal."""
    lines = ["Shoes to try on (choose the one that feels most comfortable):"]
    if not advice.recommendations:
        lines.append("  None of the shoes in our list fits your budget.")
    for number, pick in enumerate(advice.recommendations, start=1):
        lines.append(f"{number}. {pick.shoe.name}")
        lines += _wrapped((reason.text for reason in pick.reasons), indent="   - ")
    lines += ["", "What shoes can and cannot do:"]
    lines += _wrapped((caveat.text for caveat in advice.caveats), indent="  - ")
    return "\n".join(lines)


def _wrapped(texts: Iterable[str], *, indent: str) -> list[str]:
    hang = " " * len(indent)
    return [
        line
        for text in texts
        for line in textwrap.wrap(
            text, WIDTH, initial_indent=indent, subsequent_indent=hang, break_on_hyphens=False
        )
    ]
