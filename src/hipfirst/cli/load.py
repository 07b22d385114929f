"""``hipfirst load PATH...``: weekly running, the load-risk score and a safe plan, from files.

Reads training files, folders and exports (FIT, GPX, TCX, zip, gzip) in memory through
``hipfirst.importers``; nothing is stored. Only activities a file marks as runs count,
by distance and by moving time (elapsed time when the file has no moving time). Rides,
walks, swims, activities whose file names no sport (many GPX files) and runs without a
distance are listed as not counted. ``--json`` prints one object: the report of
``hipfirst.core.load_report.load_report_as_json``, then ``skipped`` (files that could not
be read) and ``not_counted``, each ``[{"file", "reason"}]``.

Days and weeks: with ``--tz ZONE`` (e.g. Europe/Oslo) each run counts on its date in that
zone and weeks run Monday to Sunday there. Without it, each run counts on the date of the
clock it was recorded by: the file's own UTC offset where the file gives one, else UTC.
``--today`` (default: today's date in ``--tz``, else on this computer's clock) is the day
the report is made on; runs after it are left out. ``--weeks`` is the plan's length.

Exit status 2 with one line: nothing could be read, no run on or before ``--today`` ("No
runs found in these files."), or a bad argument. With runs, the risk level is low, moderate
or high, except with under 4 weeks of runs and no two weeks to compare: then it is
``null``, "not enough data yet", never a guess.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hipfirst.cli.arguments import iso_date
from hipfirst.cli.output import print_json
from hipfirst.cli.reading import read_training_files
from hipfirst.core.errors import HipfirstError, UnreadableFile
from hipfirst.core.load import Run
from hipfirst.core.load_report import LoadReport, load_report_as_json, training_load_report
from hipfirst.core.risk import ComponentId, RiskComponent
from hipfirst.core.volume import PLAN_WEEKS_MAX, PLAN_WEEKS_MIN, PlanWeek
from hipfirst.importers import Activity, Skipped, Sport

DEFAULT_PLAN_WEEKS = 8
HISTORY_WEEKS_SHOWN = 8  # weeks in the plain-text table; --json lists every week
SKIPPED_SHOWN = 5  # unreadable files named in plain text; --json lists them all

_NOT_A_RUN = {
    Sport.WALKING: "It is a walk, not a run.",
    Sport.HIKING: "It is a hike, not a run.",
    Sport.CYCLING: "It is a ride, not a run.",
    Sport.SWIMMING: "It is a swim, not a run.",
    Sport.OTHER: "The file names another sport, not running.",
    Sport.UNKNOWN: "The file does not say it was a run.",
}
_COMPONENT_NAMES = {
    ComponentId.SINGLE_RUN_SPIKE: "Single-run spike",
    ComponentId.ACWR: "Acute:chronic workload ratio (ACWR)",
    ComponentId.WEEKLY_CHANGE: "Weekly change",
    ComponentId.CONSISTENCY: "Consistency",
    ComponentId.PAIN_TREND: "Pain",
}


@dataclass(frozen=True, slots=True)
class NotCounted:
    """An activity that was read but is not running load, and why."""

    file: str
    reason: str


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "load",
        help="weekly running, the load-risk score and a safe plan from training files",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a file, folder or archive")
    parser.add_argument(
        "--today", type=iso_date, metavar="YYYY-MM-DD", help="the day to report on (default: today)"
    )
    parser.add_argument(
        "--tz",
        type=time_zone,
        metavar="ZONE",
        help="your time zone, e.g. Europe/Oslo (default: each file's own clock)",
    )
    parser.add_argument(
        "--weeks",
        type=plan_weeks,
        default=DEFAULT_PLAN_WEEKS,
        metavar="N",
        help=f"weeks the plan covers, {PLAN_WEEKS_MIN} to {PLAN_WEEKS_MAX} (default: 8)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--workers", type=int, default=None, help="processes to decode on (default: all cores)"
    )
    parser.set_defaults(handler=run)


def time_zone(text: str) -> ZoneInfo:
    """``--tz``: a time zone of the IANA database, such as Europe/Oslo or UTC."""
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        message = f"{text!r} is not a time zone; use a name such as Europe/Oslo or UTC"
        raise argparse.ArgumentTypeError(message) from exc


def plan_weeks(text: str) -> int:
    """``--weeks``: how many weeks the plan covers."""
    if text.isdigit() and PLAN_WEEKS_MIN <= int(text) <= PLAN_WEEKS_MAX:
        return int(text)
    raise argparse.ArgumentTypeError(
        f"a plan covers {PLAN_WEEKS_MIN} to {PLAN_WEEKS_MAX} weeks, not {text!r}"
    )


def run(args: argparse.Namespace) -> int:
    """Read the paths, report the load on ``--today``; 0, or 2 when there are no runs."""
    imported = read_training_files(args.paths, workers=args.workers)
    if not imported.has_read_anything:
        raise UnreadableFile(_nothing_read(imported.skipped))
    today = args.today or _today(args.tz)  # the clock, read once
    runs, not_counted = runs_from_activities(imported.activities, zone=args.tz)
    report = training_load_report(runs, today=today, tz=args.tz or UTC, plan_weeks=args.weeks)
    if not any(week.runs for week in report.weeks):
        raise HipfirstError(
            f"No runs on or before {today} in these files."
            if runs
            else "No runs found in these files."
        )
    if args.json:
        print_json(load_document(report, imported.skipped, not_counted))
    else:
        zone = f"days in {args.tz.key}" if args.tz else "days on each file's own clock"
        print(describe(report, zone=zone, skipped=imported.skipped, not_counted=not_counted))
    return 0


def runs_from_activities(
    activities: Iterable[Activity], *, zone: tzinfo | None
) -> tuple[list[Run], list[NotCounted]]:
    """The load core's runs from imported activities, and those that are not running load.

    Parameters
    ----------
    activities
        From ``hipfirst.importers``.
    zone
        The runner's time zone (pass the same to the core); ``None`` counts each run on its
        own local date: the file's UTC offset where known, else UTC. The core is then given
        ``UTC`` and each run's wall-clock time labelled UTC, a label rather than an instant:
        the core takes only the date from it.

    Returns
    -------
    tuple
        Runs with distance in km and moving time (else elapsed time) in seconds; and the
        activities left out, with the reason in plain words.
    """
    runs: list[Run] = []
    not_counted: list[NotCounted] = []
    for activity in activities:
        distance_m = activity.distance_m
        if not activity.is_running or distance_m is None:
            reason = _NOT_A_RUN.get(activity.sport, "It has no distance; load is counted in km.")
            not_counted.append(NotCounted(activity.file_name, reason))
            continue
        start, offset_s = activity.start, activity.utc_offset_s
        if zone is None and offset_s is not None:
            start += timedelta(seconds=offset_s)
        duration_s = activity.elapsed_s if activity.moving_s is None else activity.moving_s
        runs.append(Run(start, distance_km=distance_m / 1000, duration_s=duration_s))
    return runs, not_counted


def load_document(
    report: LoadReport, skipped: Sequence[Skipped], not_counted: Sequence[NotCounted]
) -> dict[str, Any]:  # Any: JSON values
    """The one JSON object ``--json`` prints: the core's report, then what was left out."""
    return {
        **load_report_as_json(report),
        "skipped": [{"file": s.file, "reason": s.reason} for s in skipped],
        "not_counted": [{"file": n.file, "reason": n.reason} for n in not_counted],
    }


def _today(zone: tzinfo | None) -> date:
    """Today's date in ``zone``, else on this computer's clock."""
    now = datetime.now(UTC)
    return (now.astimezone(zone) if zone is not None else now.astimezone()).date()


def _nothing_read(skipped: Sequence[Skipped]) -> str:
    if not skipped:
        return "No training files (FIT, GPX, TCX) were found in these paths."
    more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
    return f"Nothing could be read. {skipped[0].file}: {skipped[0].reason}{more}"


def describe(
    report: LoadReport,
    *,
    zone: str,
    skipped: Sequence[Skipped] = (),
    not_counted: Sequence[NotCounted] = (),
) -> str:
    """The report in plain words for a person at a terminal."""
    shown = report.weeks[-HISTORY_WEEKS_SHOWN:]
    lines = [f"Training load on {report.today} ({zone})", "", "Week of      Distance  Runs"]
    lines += [f"{w.week_start}  {w.distance_km:6.1f} km  {w.runs:4d}" for w in shown]
    if len(report.weeks) > len(shown):
        lines.append(f"(the last {len(shown)} of {len(report.weeks)} weeks; --json has them all)")
    lines += ["", *_ratios(report), "", *_risk(report), "", *_plan(report)]
    lines += _left_out(skipped, not_counted)
    return "\n".join(lines)


def _ratios(report: LoadReport) -> list[str]:
    rolling, ewma, change = report.rolling.ratio, report.ewma.ratio, report.weekly_change_pct
    lines = [
        "Last 7 days against your 4-week average (ACWR): "
        + ("not enough data yet" if rolling is None else f"{rolling:.2f}")
        + ("" if ewma is None else f" (exponentially weighted: {ewma:.2f})"),
        "Last 7 days against the 7 before: "
        + ("not enough data yet" if change is None else f"{change:+.0f}%"),
    ]
    if (spike := report.spike) is not None:
        lines.append(
            f"Single-run spike on {spike.on}: {spike.distance_km:.1f} km, {spike.increase_pct:.0f}%"
            f" longer than your longest of the 30 days before ({spike.longest_prior_30d_km:.1f} km)"
        )
    return lines


def _risk(report: LoadReport) -> list[str]:
    level = report.risk.level
    lines = [f"Load risk: {'not enough data yet' if level is None else level.value}"]
    lines += [f"- {_component_words(c)}" for c in report.risk.components]
    lines.append("Zones are associations seen in groups of runners, not a prediction for you.")
    return lines


def _component_words(component: RiskComponent) -> str:
    name = _COMPONENT_NAMES.get(component.id, component.id.value)
    if component.value is None or component.zone is None:
        return f"{name}: {component.advice}"
    value = {
        ComponentId.SINGLE_RUN_SPIKE: f"{component.value:+.0f}%",
        ComponentId.WEEKLY_CHANGE: f"{component.value:+.0f}%",
        ComponentId.CONSISTENCY: f"{component.value:.0f} of 4 weeks with a run",
        ComponentId.PAIN_TREND: f"{component.value:.0f}/10 at most",
    }.get(component.id, f"{component.value:.2f}")
    return f"{name} {value}, {component.zone.value}: {component.advice} ({component.source})"


def _plan(report: LoadReport) -> list[str]:
    lines = [f"Plan: {report.plan.advice}", "Week of      Up to     Long run"]
    lines += [_plan_week_words(week) for week in report.plan.weeks]
    lines.append("Distances are ceilings, not targets.")
    return lines


def _plan_week_words(week: PlanWeek) -> str:
    words = f"{week.week_start}  {week.distance_km:5.1f} km  {week.long_run_km:5.1f} km"
    if (phase := week.walk_run) is None:
        return words
    pattern = f"walk {phase.walk_min} min, run {phase.run_min} min" if phase.run_min else "non-stop"
    return f"{words}  walk–run phase {phase.phase}: {pattern}, effort {phase.rpe_0_10}/10"


def _left_out(skipped: Sequence[Skipped], not_counted: Sequence[NotCounted]) -> list[str]:
    lines = []
    if not_counted:
        lines += ["", "Not counted:"]
        reasons = Counter(x.reason for x in not_counted).most_common()
        lines += [f"  {count} × {reason}" for reason, count in reasons]
    if skipped:
        lines += ["", f"Could not read {len(skipped)} {'file' if len(skipped) == 1 else 'files'}:"]
        lines += [f"  {s.file}: {s.reason}" for s in skipped[:SKIPPED_SHOWN]]
        if len(skipped) > SKIPPED_SHOWN:
            lines.append(f"  and {len(skipped) - SKIPPED_SHOWN} more (--json lists them all)")
    return lines
