"""A cadence target over the runner's easy-run cadence, the plan to reach it, the evidence.

The target is relative to the runner's own easy-run cadence
(:func:`hipfirst.core.cadence.easy_run_cadence_spm`), never a fixed number
(../shared/science/cadence.md §4). Target, progression and evidence wording live in
``data/cadence.toml`` with their sources; the design choices among them say so there.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from hipfirst.core.cadence import (
    PLAUSIBLE_MAX_SPM,
    PLAUSIBLE_MIN_SPM,
    RunCadence,
    easy_run_cadence_spm,
)
from hipfirst.core.errors import InvalidAnswer

_DATA = tomllib.loads(
    resources.files("hipfirst.core").joinpath("data", "cadence.toml").read_text("utf-8")
)
FIRST_PCT, GOAL_PCT = float(_DATA["target"]["first_pct"]), float(_DATA["target"]["goal_pct"])
STEP_PCTS = tuple(float(pct) for pct in _DATA["progression"]["step_pcts"])
WEEKS_PER_STEP = int(_DATA["progression"]["weeks_per_step"])
SOURCES: dict[str, str] = {key: str(text) for key, text in _DATA["sources"].items()}


@dataclass(frozen=True, slots=True)
class PlanStep:
    """From ``week`` (1 is the first week) run at ``target_spm`` until it is comfortable."""

    week: int
    target_spm: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the sources say, in their terms; ``sources`` are keys of :data:`SOURCES`."""

    says: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CadenceTarget:
    """A target over the easy-run cadence, the steps to it, the reason and the evidence."""

    easy_run_spm: float
    target_spm: int  # the first step, +5%
    goal_spm: int  # the last step, at most +10%
    plan: tuple[PlanStep, ...]
    reason: str
    advice: tuple[str, ...]
    knee_load: str  # the evidence on knee load in one sentence
    evidence: tuple[Evidence, ...]


EVIDENCE = tuple(Evidence(str(e["says"]), tuple(e["sources"])) for e in _DATA["evidence"])
TARGET_REASON = str(_DATA["target"]["reason"])
PROGRESSION_ADVICE = tuple(str(line) for line in _DATA["progression"]["advice"])
KNEE_LOAD = str(_DATA["knee_load"]["summary"])


def cadence_target(easy_run_spm: float) -> CadenceTarget:
    r"""Target +5% first, then up to +10% in small steps, over the easy-run cadence.

    Raises
    ------
    InvalidAnswer
        If ``easy_run_spm`` is outside the plausible range in ``data/cadence.toml``.

    Notes
    -----
    Targets are whole steps a minute inside :math:`[1.05\,c, 1.10\,c]`: the first is
    rounded up, the goal down, steps between to the nearest. +5% and +10% reduced knee
    energy absorption [1]_; +10% reduced peak kneecap-joint force by 14% [2]_ and was used
    with runners with kneecap pain [3]_. The steps (5, 7.5, 10%, two weeks each, hold
    until comfortable, re-measure) are a design choice: the progression in
    ../shared/science/cadence.md §4 is unverified; +7.5% is the cue of Willy 2016.

    References
    ----------
    .. [1] Heiderscheit BC et al. Med Sci Sports Exerc. 2011;43(2):296-302.
       doi:10.1249/MSS.0b013e3181ebedf4
    .. [2] Lenhart RL et al. Med Sci Sports Exerc. 2014;46(3):557-564.
       doi:10.1249/MSS.0b013e3182a78c3a
    .. [3] Bramah C et al. Am J Sports Med. 2019;47(14):3406-3413.

    Examples
    --------
    >>> [(step.week, step.target_spm) for step in cadence_target(160.0).plan]
    [(1, 168), (3, 172), (5, 176)]
    """
    if not PLAUSIBLE_MIN_SPM <= easy_run_spm <= PLAUSIBLE_MAX_SPM:
        raise InvalidAnswer(
            f"An easy-run cadence of {easy_run_spm:g} steps a minute is outside the "
            f"{PLAUSIBLE_MIN_SPM}–{PLAUSIBLE_MAX_SPM} a runner takes.",
            field="easy_run_spm",
        )
    # Rounded to 6 places first so that 160 × 1.05 = 168.00000000000003 stays 168.
    first = math.ceil(round(easy_run_spm * (1 + FIRST_PCT / 100), 6))
    goal = math.floor(round(easy_run_spm * (1 + GOAL_PCT / 100), 6))
    plan: list[PlanStep] = []
    for n, pct in enumerate(STEP_PCTS):
        spm = min(max(round(easy_run_spm * (1 + pct / 100)), first), goal)
        if not plan or spm > plan[-1].target_spm:
            plan.append(PlanStep(week=1 + n * WEEKS_PER_STEP, target_spm=spm))
    return CadenceTarget(
        easy_run_spm=easy_run_spm,
        target_spm=first,
        goal_spm=goal,
        plan=tuple(plan),
        reason=TARGET_REASON,
        advice=PROGRESSION_ADVICE,
        knee_load=KNEE_LOAD,
        evidence=EVIDENCE,
    )


def cadence_report_as_json(runs: Sequence[RunCadence]) -> dict[str, object]:
    """What ``hipfirst cadence --json`` prints for the runner's runs, oldest first.

    ``easy_run_spm`` and ``target_spm`` are null (not enough data yet) until a run has a
    cadence; ``target_spm`` is the plan's first step; ``sources`` are full citations.
    """
    easy_spm = easy_run_cadence_spm(runs)
    target = cadence_target(easy_spm) if easy_spm is not None else None
    return {
        "runs": [
            {
                "file": run.file,
                "start": run.start.isoformat(),
                "avg_spm": None if run.avg_spm is None else round(run.avg_spm, 1),
                "speed_mps": None if run.speed_mps is None else round(run.speed_mps, 2),
            }
            for run in sorted(runs, key=lambda run: run.start)
        ],
        "easy_run_spm": None if easy_spm is None else round(easy_spm, 1),
        "target_spm": None if target is None else target.target_spm,
        "plan": [
            {"week": step.week, "target_spm": step.target_spm}
            for step in (target.plan if target else ())
        ],
        "sources": list(SOURCES.values()),
    }
