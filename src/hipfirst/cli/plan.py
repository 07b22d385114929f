"""``hipfirst plan ANSWERS.json --start DATE``: the 12-week hip programme, as text, JSON or ICS."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from hipfirst.calendar_ics import plan_ics
from hipfirst.cli.arguments import iso_date
from hipfirst.cli.assess import read_json_document
from hipfirst.cli.output import print_json
from hipfirst.core.assessment import assess, parse_answers
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.exercises import Equipment
from hipfirst.core.programme import Plan, Prescription, ProgrammeWeek, build_plan, plan_as_json
from hipfirst.core.programme_calendar import plan_events
from hipfirst.core.programme_rules import RULES, Weekday, parse_days, parse_equipment


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "plan",
        help="build the 12-week hip programme from an answers file",
        description=(
            "Build the 12-week hip-strength programme from an answers file (the same file "
            "'hipfirst assess' reads). With a warning sign in the answers it stops and says "
            "whom to see."
        ),
    )
    parser.add_argument("answers", type=Path, metavar="ANSWERS.json")
    parser.add_argument(
        "--start", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the first day"
    )
    parser.add_argument(
        "--days",
        type=_names,
        default=None,
        metavar="DAYS",
        help=f"exercise days, e.g. mon,wed,fri (default); any of {','.join(Weekday)}",
    )
    parser.add_argument(
        "--equipment",
        type=_names,
        default=(),
        metavar="KIT",
        help=f"what you have, e.g. band,step; any of {','.join(Equipment)} (default: none)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument(
        "--ics", type=Path, metavar="FILE", help="write the plan as a calendar file (.ics)"
    )
    parser.add_argument(
        "--calendar-key",
        default=None,
        metavar="KEY",
        help="keeps event ids the same between exports (default: the answers file's name)",
    )
    parser.set_defaults(handler=run)


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip().lower() for name in text.split(",") if name.strip())


def run(args: argparse.Namespace) -> int:
    result = assess(parse_answers(read_json_document(args.answers)))
    plan = build_plan(
        result,
        start=args.start,
        equipment=parse_equipment(args.equipment),
        days=None if args.days is None else parse_days(args.days),
    )
    if args.json:
        print_json(plan_as_json(plan))
    elif args.ics is not None:
        key = args.calendar_key or args.answers.name
        ics = plan_ics(plan, runner_key=key, stamp=datetime.now(UTC))  # the edge reads the clock
        try:
            args.ics.write_bytes(ics)
        except OSError as exc:
            raise InvalidAnswer(f"Cannot write {args.ics}: {exc.strerror}.", field="ics") from exc
        events = len(plan_events(plan, runner_key=key))
        print(f"Wrote {args.ics}: {events} calendar events, from {plan.start:%d %b %Y}.")
    else:
        print(describe(plan))
    return 0


def describe(plan: Plan) -> str:
    """The plan in plain words for a person at a terminal: notes, then week by week."""
    lines = [f"Your 12-week hip plan, from {_day(plan.start)}", ""]
    lines += [f"* {note}" for note in plan.notes]
    sources: dict[str, int] = {}
    for week in plan.weeks:
        lines += ["", _week_heading(week)]
        # Sessions of a week usually share their exercises: list those once per group.
        for exercises, group in groupby(week.sessions, key=lambda s: s.prescriptions):
            days = ", ".join(_day(session.on) for session in group)
            lines.append(f"  {days}:")
            lines += [f"    - {_prescription(p, sources)}" for p in exercises]
            if not exercises:
                lines.append("    - nothing your equipment allows; see the notes above")
    if sources:
        lines += ["", "GTA index: higher means the buttock muscles work more compared with the"]
        lines += ["muscle at the front of the hip (the TFL). Measured in:"]
        lines += [f"  [{number}] {source}" for source, number in sources.items()]
    lines += ["", "This is general information, not a diagnosis."]
    return "\n".join(lines)


def _week_heading(week: ProgrammeWeek) -> str:
    phase = RULES.phase_of(week.week)
    runs = f", {week.planned_km:g} km of running" if week.planned_km is not None else ""
    return f"Week {week.week} · phase {week.phase.number}: {phase.title}{runs}"


def _prescription(p: Prescription, sources: dict[str, int]) -> str:
    dose = p.dose.text if p.dose is not None else "as you can"
    if p.gta_index is None or p.gta_source is None:
        return f"{p.name}: {dose} (GTA index not measured)"
    number = sources.setdefault(p.gta_source, len(sources) + 1)
    return f"{p.name}: {dose} (GTA index {p.gta_index} [{number}])"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
