"""``hipfirst assess ANSWERS.json``: red flags, likely condition and Kujala score."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from hipfirst.cli.output import print_json
from hipfirst.core.assessment import AssessmentResult, assess, parse_answers, result_as_json
from hipfirst.core.errors import InvalidAnswer

#: Largest answers file read; a real one is about 2 KB.
MAX_ANSWERS_BYTES = 1024 * 1024


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "assess",
        help="check answers for warning signs, the likely condition and the Kujala score",
        description="Read an answers file (see the README for an example) and print the result.",
    )
    parser.add_argument("answers", type=Path, metavar="ANSWERS.json")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def read_json_document(path: Path) -> dict[str, Any]:  # Any: decoded JSON
    """The JSON object in ``path``; anything else is an ``InvalidAnswer`` in plain words."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_ANSWERS_BYTES + 1)
    except OSError as exc:
        raise InvalidAnswer(f"Cannot read {path}: {exc.strerror}.") from exc
    if len(data) > MAX_ANSWERS_BYTES:
        raise InvalidAnswer(f"{path} is too large for an answers file (over 1 MB).")
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidAnswer(f"{path} is not valid JSON ({exc}).") from exc
    except ValueError as exc:  # a number past Python's 4300-digit limit for int()
        raise InvalidAnswer(f"{path} holds a number too long to be an answer.") from exc
    except RecursionError as exc:
        raise InvalidAnswer(f"{path} nests its brackets too deep to be an answers file.") from exc
    if not isinstance(document, dict):
        raise InvalidAnswer(f"{path} must hold one JSON object with the answers.")
    return document


def run(args: argparse.Namespace) -> int:
    result = assess(parse_answers(read_json_document(args.answers)))
    if args.json:
        print_json(result_as_json(result))
    else:
        print(describe(result))
    return 0


def describe(result: AssessmentResult) -> str:
    """The result in plain words for a person at a terminal."""
    lines: list[str] = []
    referral = result.red_flags.referral
    if referral is not None:
        lines += [
            f"WARNING SIGNS ({referral.urgency.value}): {referral.who}",
            f"  Why: {referral.why}",
            "",
        ]
    lines.append("Your answers are consistent with:")
    for condition in result.likely_conditions:
        lines.append(f"- {condition.title}")
        lines += [f"    + {reason}" for reason in condition.reasons_for]
        lines += [f"    - {reason}" for reason in condition.reasons_against]
    lines += [
        "",
        result.kujala.meaning,
        "",
        "The exercise programme can start."
        if result.allows_programme
        else "The exercise programme waits until a clinician has seen you and cleared you.",
        "This is general information, not a diagnosis.",
    ]
    return "\n".join(lines)
