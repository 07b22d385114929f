"""``hipfirst movement VIDEO``: knee and pelvis angles from a phone video.

Single-leg squats or squats filmed from the front: each rep's start, deepest point and
end, its peak knee angle (FPPA, positive = inward) and the knee bend there. Running
filmed from behind: the pelvic drop at each mid-stance and the step rate. Then whether
the video could be measured, and what it means against the published norms.
``--json`` prints one object: ``{"frames", "fps", "reps": [{"side", "start_s",
"bottom_s", "end_s", "peak_fppa_deg", "knee_flexion_deg", ...}], "pelvic_drop_deg",
"step_rate_spm", "quality": {"ok", "problems", ...}, ...}``. A file that is not a video
exits 2 with one line. A progress bar shows on a terminal (stderr) only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress

from hipfirst.cli.output import print_json
from hipfirst.core.assessment import Sex
from hipfirst.core.movement import (
    Exercise,
    Leg,
    MovementCheck,
    MovementReport,
    SquatRep,
    movement_as_json,
)


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "movement",
        help="measure knee and pelvis angles in a squat or running video",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("video", type=Path, metavar="VIDEO")
    parser.add_argument(
        "--exercise",
        choices=[exercise.value for exercise in Exercise],
        default=Exercise.SINGLE_LEG_SQUAT.value,
        help="what the video shows (default: single_leg_squat)",
    )
    parser.add_argument(
        "--side",
        choices=[leg.value for leg in Leg],
        help="the standing leg of a single-leg squat (default: the one on the ground)",
    )
    parser.add_argument(
        "--sex",
        choices=[Sex.FEMALE.value, Sex.MALE.value],
        help="compare with the norms for this sex (default: both)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--frames", type=Path, metavar="DIR", help="write an annotated picture of each rep here"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Analyse the video, print the report, write the pictures asked for."""
    # Imported here, not at the top: MediaPipe takes a second to load, and every other
    # command builds this parser.
    from hipfirst.vision import (  # noqa: PLC0415
        MediaPipePose,
        analyse_video,
        open_video,
        write_rep_frames,
    )

    open_video(args.video)  # a file that is not a video fails here, before the model loads
    check = MovementCheck(
        exercise=Exercise(args.exercise),
        side=Leg(args.side) if args.side else None,
        sex=Sex(args.sex) if args.sex else None,
    )
    with MediaPipePose() as estimator:
        if sys.stderr.isatty():
            report = _with_progress_bar(
                lambda advance: analyse_video(
                    args.video, check=check, estimator=estimator, on_frame=advance
                )
            )
        else:
            report = analyse_video(args.video, check=check, estimator=estimator)
    written = write_rep_frames(args.video, report.reps, args.frames) if args.frames else []
    if args.json:
        print_json({**movement_as_json(report), "pictures": [str(path) for path in written]})
    else:
        print(describe(report, written))
    return 0


def _with_progress_bar(
    analyse: Callable[[Callable[[int], None]], MovementReport],
) -> MovementReport:
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Finding hips, knees and ankles", total=None)
        return analyse(lambda done: bar.update(task, completed=done))


def _inward(fppa_deg: float) -> str:
    return f"{abs(fppa_deg):.0f}° {'inward' if fppa_deg >= 0 else 'outward'}"


def _rep_lines(reps: tuple[SquatRep, ...]) -> list[str]:
    by_frame: dict[int, list[SquatRep]] = {}
    for rep in reps:
        by_frame.setdefault(rep.bottom_frame, []).append(rep)
    lines: list[str] = []
    for number, legs in enumerate(by_frame.values(), start=1):
        first = legs[0]
        lines.append(
            f"  rep {number}: {first.start_s:.1f}–{first.end_s:.1f} s, deepest at "
            f"{first.bottom_s:.1f} s"
        )
        for rep in legs:
            bend = f" at about {rep.knee_flexion_deg:.0f}° of bend" if rep.knee_flexion_deg else ""
            lines.append(
                f"    {rep.side} knee {_inward(rep.bottom_fppa_deg)} at the deepest point; "
                f"most inward {_inward(rep.peak_fppa_deg)}{bend}"
            )
    return lines


def describe(report: MovementReport, pictures: list[Path]) -> str:
    """The report in plain words for a person at a terminal."""
    name = report.check.exercise.value.replace("_", "-")
    lines = [f"Movement check ({name}): {report.frames} frames at {report.fps:g} frames/s"]
    lines += _rep_lines(report.reps)
    if report.step_rate_spm is not None:
        lines.append(f"  step rate: {report.step_rate_spm:.0f} steps a minute")
    if report.pelvic_drop_deg is not None:
        lines.append(
            f"  pelvic drop at mid-stance: {report.pelvic_drop_deg:.1f}° on average "
            f"({len(report.steps)} steps)"
        )
    if not report.quality.is_ok:
        lines += ["", "We can't measure this video properly:"]
        lines += [f"  - {problem}" for problem in report.quality.problems]
        lines.append(f"  {report.film_again}")
    lines += ["", *report.verdict]
    if pictures:
        lines += ["", "Annotated pictures:", *(f"  {path}" for path in pictures)]
    return "\n".join(lines)
