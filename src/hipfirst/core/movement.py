"""The movement check of issue #9: knee and pelvis angles from a phone video, and what they mean.

:func:`analyse_movement` runs a :class:`PoseEstimator` over a clip's frames and measures
what was filmed: single-leg or two-leg squats from the front (each rep's start, deepest
point and end, its peak frontal plane projection angle (FPPA) and the knee bend there)
or running from behind (pelvic drop at each mid-stance, step rate). It checks first that
the clip can be measured, and says in plain words what to change if not; then compares
the result with the published norms for the runner's sex. Pure: frames are numpy arrays,
the model comes in through the protocol, and ``hipfirst.vision`` does the rest.

Modules: :mod:`~hipfirst.core.movement_clip` (vocabulary, body points, recording),
:mod:`~hipfirst.core.movement_angles` (angles a frame), :mod:`~hipfirst.core.movement_events`
(reps and steps), :mod:`~hipfirst.core.movement_quality`, :mod:`~hipfirst.core.movement_verdict`.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from hipfirst.core.assessment import Sex
from hipfirst.core.movement_angles import (
    AngleSeries,
    FrameAngles,
    Track,
    angle_series,
    fppa_deg,
    frame_angles,
    knee_flexion_deg,
    pelvic_obliquity_deg,
    track,
)
from hipfirst.core.movement_clip import (
    Clip,
    Exercise,
    Frame,
    Joint,
    Landmarks,
    Leg,
    Point,
    PoseEstimator,
    RecordedPose,
    Recording,
    record_pose,
)
from hipfirst.core.movement_events import (
    RunningStep,
    SquatRep,
    running_steps,
    squat_reps,
    step_rate_spm,
)
from hipfirst.core.movement_quality import (
    Quality,
    camera_problems,
    clip_problems,
    how_to_film,
    sight_problems,
)
from hipfirst.core.movement_verdict import (
    NOT_COMPARED,
    FppaNorm,
    fppa_norms,
    running_verdict,
    squat_verdict,
)

__all__ = [
    "Clip",
    "Exercise",
    "FppaNorm",
    "Frame",
    "FrameAngles",
    "Joint",
    "Landmarks",
    "Leg",
    "MovementCheck",
    "MovementReport",
    "Point",
    "PoseEstimator",
    "Quality",
    "RecordedPose",
    "Recording",
    "RunningStep",
    "SquatRep",
    "analyse_movement",
    "analyse_recording",
    "fppa_deg",
    "fppa_norms",
    "knee_flexion_deg",
    "movement_as_json",
    "pelvic_obliquity_deg",
    "record_pose",
]

NO_SQUAT = (
    "We found no squat in the video: go down slowly until your knee is well bent, then "
    "back up, 3 times."
)
BOTH_FEET_DOWN = "Both your feet seemed to stay on the ground: for a single-leg squat, lift one."
NO_STEPS = "We could not count your steps: film at least 10 s of steady running."


@dataclass(frozen=True, slots=True)
class MovementCheck:
    """What the runner filmed, and what we know about them that the result depends on."""

    exercise: Exercise = Exercise.SINGLE_LEG_SQUAT
    side: Leg | None = None  # the standing leg of a single-leg squat; None: find it
    sex: Sex | None = None  # None: compare with the norms of both sexes


@dataclass(frozen=True, slots=True)
class MovementReport:
    """Everything a movement check found in one clip."""

    check: MovementCheck
    fps: float
    frames: int  # analysed; 0 when the clip was refused before any frame was looked at
    reps: tuple[SquatRep, ...]
    steps: tuple[RunningStep, ...]
    pelvic_drop_deg: float | None  # mean over the steps; None: not running, or no step
    step_rate_spm: float | None  # None: not running, or too few steps to count
    quality: Quality
    verdict: tuple[str, ...]
    angles: tuple[FrameAngles, ...]  # one a frame

    @property
    def film_again(self) -> str | None:
        """How to film the exercise, when this clip could not be measured."""
        return None if self.quality.is_ok else how_to_film(self.check.exercise)


def _refused(
    check: MovementCheck, clip: Clip, problems: tuple[str, ...], *, frames: int = 0
) -> MovementReport:
    quality = Quality(problems)
    return MovementReport(check, clip.fps, frames, (), (), None, None, quality, (NOT_COMPARED,), ())


def _squats(
    body: Track, angles: AngleSeries, check: MovementCheck, problems: tuple[str, ...]
) -> tuple[tuple[SquatRep, ...], Quality]:
    single_leg = check.exercise is Exercise.SINGLE_LEG_SQUAT
    reps = squat_reps(body, angles, single_leg=single_leg, side=check.side)
    if not (problems or reps):
        problems = (NO_SQUAT,)
    bottoms = [rep.bottom_frame for rep in reps]
    if single_leg and check.side is None and len(set(bottoms)) < len(bottoms):
        problems = (*problems, BOTH_FEET_DOWN)
    return reps, Quality(problems)


def analyse_recording(recording: Recording, *, clip: Clip, check: MovementCheck) -> MovementReport:
    """Measure a clip from the body points a pose model found in it.

    Parameters
    ----------
    recording : Recording
        The model's output, one entry a frame.
    clip : Clip
        The clip's frame rate (its frame count is taken from ``recording``).
    check : MovementCheck
        What was filmed, which leg and the runner's sex.

    Returns
    -------
    MovementReport
        With quality problems in plain words when it cannot be measured. When the body
        cannot be seen (dark, out of the picture, two people) nothing is measured; when
        only the camera angle is wrong, reps and steps are measured but the verdict does
        not compare them with the norms.
    """
    clip = replace(clip, frame_count=len(recording.landmarks))
    if problems := clip_problems(clip, check.exercise):
        return _refused(check, clip, problems)
    body = track(recording, fps=clip.fps)
    if problems := sight_problems(body, recording.brightness):
        return _refused(check, clip, problems, frames=clip.frame_count)
    angles = angle_series(body)
    problems = camera_problems(body, check.exercise)
    if check.exercise is Exercise.RUNNING:
        steps = running_steps(body, angles)
        rate = step_rate_spm(steps)
        drop = round(statistics.fmean(s.pelvic_drop_deg for s in steps), 1) if steps else None
        quality = Quality(problems if problems or steps else (NO_STEPS,))
        verdict = running_verdict(steps, step_rate_spm=rate)
        reps: tuple[SquatRep, ...] = ()
    else:
        reps, quality = _squats(body, angles, check, problems)
        verdict = squat_verdict(
            reps, single_leg=check.exercise is Exercise.SINGLE_LEG_SQUAT, sex=check.sex
        )
        steps, rate, drop = (), None, None
    verdict = verdict if quality.is_ok else (NOT_COMPARED,)
    series = frame_angles(angles, fps=clip.fps)
    return MovementReport(
        check, clip.fps, clip.frame_count, reps, steps, drop, rate, quality, verdict, series
    )


def analyse_movement(
    frames: Iterable[Frame],
    *,
    clip: Clip,
    estimator: PoseEstimator,
    check: MovementCheck,
    on_frame: Callable[[int], None] | None = None,
) -> MovementReport:
    """Run the pose model over a clip and measure the movement in it.

    Parameters
    ----------
    frames : Iterable[Frame]
        The clip's frames in order, RGB; not read at all when the clip is too short or
        too long.
    clip : Clip
        What the container says: frame rate and frame count (0 when it does not say;
        the length is then checked once the frames are read).
    estimator : PoseEstimator
        The pose model (``hipfirst.vision.MediaPipePose``) or a :class:`RecordedPose`.
    check : MovementCheck
        What was filmed, which leg and the runner's sex.
    on_frame : Callable[[int], None], optional
        Progress: called with the frames done so far.

    Returns
    -------
    MovementReport
        See :func:`analyse_recording`.
    """
    known_length = clip.frame_count > 0  # some containers do not say how many frames
    if known_length and (problems := clip_problems(clip, check.exercise)):
        return _refused(check, clip, problems)
    recording = record_pose(frames, estimator=estimator, on_frame=on_frame)
    return analyse_recording(recording, clip=clip, check=check)


def _rep_as_json(rep: SquatRep) -> dict[str, object]:
    return {
        "side": rep.side.value,
        "start_s": rep.start_s,
        "bottom_s": rep.bottom_s,
        "end_s": rep.end_s,
        "peak_fppa_deg": rep.peak_fppa_deg,
        "knee_flexion_deg": rep.knee_flexion_deg,
        "bottom_fppa_deg": rep.bottom_fppa_deg,
    }


def movement_as_json(report: MovementReport) -> dict[str, object]:
    """The one JSON object ``hipfirst movement --json`` prints."""
    return {
        "frames": report.frames,
        "fps": round(report.fps, 3),
        "reps": [_rep_as_json(rep) for rep in report.reps],
        "pelvic_drop_deg": report.pelvic_drop_deg,
        "step_rate_spm": report.step_rate_spm,
        "quality": {
            "ok": report.quality.is_ok,
            "problems": list(report.quality.problems),
            "film_again": report.film_again,
        },
        "exercise": report.check.exercise.value,
        "steps": [
            {
                "side": s.side.value,
                "midstance_s": s.midstance_s,
                "pelvic_drop_deg": s.pelvic_drop_deg,
            }
            for s in report.steps
        ],
        "verdict": list(report.verdict),
    }
