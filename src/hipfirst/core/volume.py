"""A safe running-volume plan for the next 4 to 12 weeks.

The plan is rebuilt from the runs and pain logs whenever it is asked for, so it steps back
and forward as new logs arrive. It starts on the Monday after ``today``.

* **Walk–run** after a break (no run in the last 28 days) or pain above the acceptable
  level: the return-to-running table of Crowell et al. 2023, one phase a week. Since the
  return began, each full week with runs and pain in the safe band moves one phase on; a
  week with worsening pain moves one back; anything else repeats the phase. A runner whose
  last 7 days already exceed the table's last week by more than the weekly limit, with pain
  now within the acceptable level, is treated as running continuously.
* **Continuous running** otherwise, from the distance of the last 7 days (no more than 10%
  above the 7 days before; after a quiet week, the 4-week average). Pain in the safe band
  lets the first week rise by the weekly limit; acceptable or unlogged pain holds it;
  worsening pain takes it one step back. Later weeks rise by the weekly limit, each week's
  long run by at most the single-run limit over the longest run of the 30 days before any
  day of that week (Frandsen et al. 2025), and never above the week's distance. Later weeks
  assume pain stays in the safe band: they show the way, and the plan changes when the logs
  say otherwise.
Distances are ceilings, not targets: the plan never asks for more than the limits allow, and
keeps rising by them for as long as it runs.

The limits, the pain bands and the walk–run table are in ``data/load_thresholds.toml``;
evidence in ``../shared/science/training_load.md`` and ``programme.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.load import CHRONIC_DAYS, SPIKE_PRIOR_DAYS, DailyRunning, monday_of
from hipfirst.core.load_thresholds import LoadThresholds, WalkRunPhase, read_load_thresholds
from hipfirst.core.pain import PainLog, PainState, pain_state

PLAN_WEEKS_MIN, PLAN_WEEKS_MAX = 4, 12  # the span issue #6 asks for


class PlanStep(StrEnum):
    """What the plan's first week does."""

    FORWARD = "forward"
    HOLD = "hold"
    STEP_BACK = "step_back"
    WALK_RUN = "walk_run"


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """One week of the plan, Monday to Sunday in the runner's time zone."""

    week_start: date
    distance_km: float  # the most to run this week
    long_run_km: float  # the most for the week's longest run
    walk_run: WalkRunPhase | None  # None: continuous running


@dataclass(frozen=True, slots=True)
class VolumePlan:
    """The weeks ahead, what the first one does and why, in one sentence."""

    step: PlanStep
    advice: str
    weeks: tuple[PlanWeek, ...]


def _km_between(daily: DailyRunning, today: date, newest: int, oldest: int) -> float:
    """Distance on the days ``newest`` to ``oldest`` days before ``today``, both included."""
    km = daily.distance_km
    return sum(km.get(today - timedelta(days=d), 0.0) for d in range(newest, oldest + 1))


def _longest_km(daily: DailyRunning, today: date, days: int) -> float:
    """The longest run of the ``days`` days up to and including ``today``."""
    longest = daily.longest_run_km
    return max((longest.get(today - timedelta(days=d), 0.0) for d in range(days)), default=0.0)


def _return_start(
    daily: DailyRunning, logs: Sequence[PainLog], today: date, t: LoadThresholds
) -> date | None:
    """The day the latest return to running began: after a 28-day break or too much pain.

    A return after pain begins the day after it, so it may be tomorrow.
    """
    days = sorted(day for day in daily.distance_km if day <= today)
    after_break = [b for a, b in pairwise(days) if (b - a).days > CHRONIC_DAYS]
    ceiling = t.pain_acceptable_max_0_10
    too_painful = [log.on for log in logs if log.on <= today and ceiling < log.pain_0_10]
    return max([*after_break, *(day + timedelta(days=1) for day in too_painful)], default=None)


def _walk_run_phase(
    daily: DailyRunning,
    logs: Sequence[PainLog],
    today: date,
    state: PainState | None,
    t: LoadThresholds,
) -> int | None:
    """The walk–run phase (from 1) for next week, or ``None`` for continuous running."""
    if _km_between(daily, today, 0, CHRONIC_DAYS - 1) <= 0:
        return 1
    last = t.walk_run_phases[-1]
    top_km = (
        t.walk_run_sessions_per_week * last.session_km * (1 + t.change_moderate_above_pct / 100)
    )
    is_beyond = _km_between(daily, today, 0, 6) > top_km and state is not PainState.UNACCEPTABLE
    if is_beyond or (start := _return_start(daily, logs, today, t)) is None:
        return None
    recent = [log for log in logs if start - timedelta(days=14) <= log.on <= today]
    phase = 1
    for week in range(((today - start).days + 1) // 7):
        end = start + timedelta(days=7 * week + 6)
        week_state = pain_state(recent, today=end, thresholds=t)
        if week_state is PainState.SAFE and _km_between(daily, end, 0, 6) > 0:
            phase += 1
        elif week_state is PainState.WORSENING:
            phase = max(phase - 1, 1)
        if phase > len(t.walk_run_phases):
            return None  # the walk–run is done: back to continuous running
    return phase


def _continuous_weeks(
    km: float, long_km: float, start: date, count: int, t: LoadThresholds
) -> list[PlanWeek]:
    """``count`` weeks from ``start``, each rising by the weekly and single-run limits."""
    rate, long_rate = 1 + t.change_moderate_above_pct / 100, 1 + t.spike_moderate_above_pct / 100
    weeks = []
    for week in range(count):
        long_km = min(long_km, km)
        weeks.append(PlanWeek(start + timedelta(weeks=week), km, long_km, None))
        km, long_km = km * rate, long_km * long_rate
    return weeks


def _walk_run_weeks(phase: int, start: date, count: int, t: LoadThresholds) -> tuple[PlanWeek, ...]:
    """Walk–run phases from ``phase``, one a week, then continuous running from the last."""
    sessions, phases = t.walk_run_sessions_per_week, t.walk_run_phases
    weeks = [
        PlanWeek(start + timedelta(weeks=i), sessions * p.session_km, p.session_km, p)
        for i, p in enumerate(phases[phase - 1 : phase - 1 + count])
    ]
    last = phases[-1]
    rate, long_rate = 1 + t.change_moderate_above_pct / 100, 1 + t.spike_moderate_above_pct / 100
    after = start + timedelta(weeks=len(weeks))
    rest = _continuous_weeks(
        sessions * last.session_km * rate,
        last.session_km * long_rate,
        after,
        count - len(weeks),
        t,
    )
    return tuple(weeks + rest)


def running_volume_plan(
    daily: DailyRunning,
    pain_logs: Sequence[PainLog] = (),
    *,
    today: date,
    weeks: int = 8,
    thresholds: LoadThresholds | None = None,
) -> VolumePlan:
    """Plan weekly distance and a long-run cap for the ``weeks`` weeks after ``today``.

    Parameters
    ----------
    daily : DailyRunning
        From :func:`hipfirst.core.load.daily_running`.
    pain_logs : Sequence[PainLog]
        Pain scores; the pain-monitoring model decides the first week's step.
    today : date
        The runner's local date; the plan starts the Monday after.
    weeks : int
        4 to 12.
    thresholds : LoadThresholds, optional
        Defaults to :func:`hipfirst.core.load_thresholds.read_load_thresholds`.

    Raises
    ------
    InvalidAnswer
        When ``weeks`` is outside 4 to 12.

    Notes
    -----
    Weekly distance rises by at most the lowest band of weekly progression [1]_, the long
    run by at most the single-run limit [2]_; walk–run follows [3]_, pain [4]_.

    References
    ----------
    .. [1] Nielsen RØ et al. J Orthop Sports Phys Ther. 2014.
    .. [2] Frandsen JSB et al. Br J Sports Med. 2025;59(17):1203-1210.
    .. [3] Crowell MS et al. Trials. 2023. doi:10.1186/s13063-023-07502-x, Table 1.
    .. [4] Silbernagel KG et al. Am J Sports Med. 2007;35(6):897-906 (SECONDARY).
    """
    if not PLAN_WEEKS_MIN <= weeks <= PLAN_WEEKS_MAX:
        raise InvalidAnswer("A plan covers 4 to 12 weeks.", field="plan_weeks")
    t = thresholds or read_load_thresholds()
    start = monday_of(today) + timedelta(weeks=1)
    state = pain_state(pain_logs, today=today, thresholds=t)
    if (phase := _walk_run_phase(daily, pain_logs, today, state, t)) is not None:
        advice = _walk_run_advice(phase, state, _km_between(daily, today, 0, CHRONIC_DAYS - 1), t)
        return VolumePlan(PlanStep.WALK_RUN, advice, _walk_run_weeks(phase, start, weeks, t))
    steps = {PainState.SAFE: PlanStep.FORWARD, PainState.WORSENING: PlanStep.STEP_BACK}
    step = steps.get(state, PlanStep.HOLD) if state is not None else PlanStep.HOLD
    power = {PlanStep.FORWARD: 1, PlanStep.HOLD: 0, PlanStep.STEP_BACK: -1}[step]
    rate, long_rate = 1 + t.change_moderate_above_pct / 100, 1 + t.spike_moderate_above_pct / 100
    last_km, before_km = _km_between(daily, today, 0, 6), _km_between(daily, today, 7, 13)
    base_km = last_km if last_km > 0 else _km_between(daily, today, 0, CHRONIC_DAYS - 1) / 4
    base_km = min(base_km, before_km * rate) if before_km > 0 else base_km
    # Runs from 24 days before the plan starts are in the 30-day window of all its first 7 days.
    shared_days = (today - start).days + SPIKE_PRIOR_DAYS - 5
    prior_km = _longest_km(daily, today, shared_days) or _longest_km(daily, today, SPIKE_PRIOR_DAYS)
    long_km = prior_km * long_rate**power
    plan = _continuous_weeks(base_km * rate**power, long_km, start, weeks, t)
    return VolumePlan(step, _continuous_advice(step, state, t), tuple(plan))


def _walk_run_advice(
    phase: int, state: PainState | None, recent_km: float, t: LoadThresholds
) -> str:
    p = t.walk_run_phases[phase - 1]
    why = (
        "No run in the last 4 weeks, so start again with walk–run"
        if recent_km <= 0
        else f"Pain went above {t.pain_acceptable_max_0_10}/10, so return through walk–run"
        if state is PainState.UNACCEPTABLE
        else "Carry on with walk–run"
    )
    pattern = f"walk {p.walk_min} min, run {p.run_min} min" if p.run_min else "running non-stop"
    log = (
        " Log pain during and after runs: unlogged weeks do not move you on."
        if state is None
        else ""
    )
    return (
        f"{why}: phase {phase} ({pattern}, effort {p.rpe_0_10}/10 on level ground), "
        f"{t.walk_run_sessions_per_week} times a week with a rest day between; move on only when "
        f"pain stays at {t.pain_safe_max_0_10}/10 or less with no swelling or stiffness.{log}"
    )


def _continuous_advice(step: PlanStep, state: PainState | None, t: LoadThresholds) -> str:
    safe, ceiling = t.pain_safe_max_0_10, t.pain_acceptable_max_0_10
    rise = f"{t.change_moderate_above_pct:.0f}%"
    if step is PlanStep.FORWARD:
        return f"Pain stayed at {safe}/10 or less, so this week can rise by up to {rise}."
    if step is PlanStep.STEP_BACK:
        return "Pain rose on the week before or had not settled by morning, so step back a week."
    if state is None:
        return "Log pain during and after runs; until then the plan keeps your distance the same."
    return (
        f"Pain up to {ceiling}/10 is acceptable if it settles by morning; keep the same distance."
    )
