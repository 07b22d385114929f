"""Adapt the plan to the runner's session logs: (plan, logs) -> adapted plan + decisions.

For each logged session, every exercise of it gets one decision, in this order:

1. regress when pain during the exercise (or the session) or after the session is above
   the acceptable ceiling of the pain-monitoring model (5/10);
2. regress when pain the next morning is worse than before the session;
3. regress when the week's pain is higher than the week before's and above the safe band:
   decided at the session whose log first makes the highest pain of its programme week
   (during, after or the next morning) higher than that of the last earlier week with pain
   logged, and higher than 3/10;
4. regress after sessions below the prescribed dose several times in a row (EMPoweR);
5. progress after sessions in a row done in full, pain in the safe band (0–3/10), good form
   and no more pain the next morning;
6. otherwise hold, saying what is missing.

Rules 1–3 come from the pain-monitoring model of Achilles tendinopathy rehabilitation
(Silbernagel 2007), not from a knee-pain trial. The first that applies is the decision, so
one log never steps an exercise back twice. A decision changes that exercise in every later
session, one step at a time: the dose first, then the version (easier, standard, harder).
When pain calls for a regression and there is no easier step, the exercise is paused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from hipfirst.core.exercises import Dose, Equipment, Version, exercise_version
from hipfirst.core.programme import Plan, Prescription, Session, prescribe
from hipfirst.core.programme_logs import ExerciseLog, SessionLog
from hipfirst.core.programme_rules import RULES

__all__ = ["Adaptation", "Decision", "DecisionKind", "adapt_plan"]

_SAFE_MAX_0_10, _ACCEPTABLE_MAX_0_10 = RULES.pain_safe_max_0_10, RULES.pain_acceptable_max_0_10
_UP = {Version.EASIER: Version.STANDARD, Version.STANDARD: Version.HARDER}
_DOWN = {Version.HARDER: Version.STANDARD, Version.STANDARD: Version.EASIER}


class DecisionKind(StrEnum):
    """What a logged session does to one exercise."""

    PROGRESS = "progress"
    REGRESS = "regress"
    HOLD = "hold"
    PAUSE = "pause"  # pain called for a regression and there was no easier step


@dataclass(frozen=True, slots=True)
class Decision:
    """What happens to one exercise after one logged session, and why, in plain words."""

    on: date  # the logged session's date; the change applies to later sessions
    exercise_id: str
    kind: DecisionKind
    reason: str
    before: Prescription
    after: Prescription | None  # None when paused


@dataclass(frozen=True, slots=True)
class Adaptation:
    """The adapted plan and every decision that made it, oldest first."""

    plan: Plan
    decisions: tuple[Decision, ...]


@dataclass(frozen=True, slots=True)
class _Verdict:
    """A decision before it is applied: pain-driven regressions pause at the easiest step."""

    kind: DecisionKind
    reason: str
    is_pain: bool = False


@dataclass(slots=True)
class _Streak:
    """Sessions in a row at the current step: good ones, and ones below the dose."""

    good: int = 0
    short: int = 0


@dataclass(slots=True)
class _WeeklyPain:
    """The highest pain of each programme week logged so far, on 0–10."""

    highest_0_10: dict[int, int] = field(default_factory=dict)  # by week number

    def rise(self, week: int, log: SessionLog) -> _Verdict | None:
        """Add the log to its week; a regression when it first makes the week's pain higher.

        The week's pain is the highest pain logged during, after or the next morning of any
        of its sessions; pain before a session is what rule 2 compares with, and one
        exercise's own pain steps back only that exercise (rule 1). It is compared with the
        last earlier week with pain logged, so a week without logs is skipped; a rise that
        stays within the safe band (0–3/10) is allowed. The week's
        highest can only grow as sessions are logged, so the session that takes it past the
        earlier week's decides; later sessions of the week do not step back again for the
        same rise.
        """
        scores = (log.pain_during_0_10, log.pain_after_0_10, log.pain_next_morning_0_10)
        pain = max((score for score in scores if score is not None), default=None)
        if pain is None:
            return None
        so_far = self.highest_0_10.get(week)
        self.highest_0_10[week] = pain if so_far is None else max(so_far, pain)
        earlier = max((w for w in self.highest_0_10 if w < week), default=None)
        if earlier is None:
            return None
        ceiling = self.highest_0_10[earlier]
        # Rises within the safe band are allowed, as the running side reads the rule too
        # (core/pain.py): else 1/10 then 2/10 would step back what progression just moved up.
        allowed = max(ceiling, _SAFE_MAX_0_10)
        if pain <= allowed or (so_far is not None and so_far > allowed):
            return None
        return _Verdict(
            DecisionKind.REGRESS,
            f"Your highest knee pain in week {week} was {pain}/10, higher than in week "
            f"{earlier} ({ceiling}/10); the pain-monitoring model asks that pain does not "
            "rise from week to week.",
            is_pain=True,
        )


def adapt_plan(plan: Plan, logs: Iterable[SessionLog]) -> Adaptation:
    """Adapt the plan to the session logs, with a reason for every decision.

    Parameters
    ----------
    plan : Plan
        The plan as ``build_plan`` made it.
    logs : Iterable[SessionLog]
        Every log so far, in any order; a log on a day without a planned session is
        left out.

    Returns
    -------
    Adaptation
        The plan with later sessions changed, and one decision per exercise per logged
        session, oldest first.

    Notes
    -----
    Pain may reach 5/10 during and after exercise, should have settled by the next
    morning, and may not increase from week to week [1]_; 0–3/10 is the "safe" band [2]_.
    Which pain is "the week's" is our reading (``data/programme.toml``, ``pain_weekly``):
    the highest score logged during, after or the next morning of any session of a
    programme week, compared with the last earlier week with pain logged. [1]_ gives no
    margin; like ``core/pain.py`` we allow rises that stay within the safe band [2]_.
    The week's highest only grows as its sessions are logged, so the rule is decided at
    the session that takes it past the earlier week's, and its exercises step back from
    the next session on; waiting for the end of the week
    would keep the runner at a load already linked with more pain. Simplify after at
    least 3 sessions in a row below the dose, progress when the dose is consistently
    exceeded, one change at a time [3]_. Reading "consistently" as 3 sessions in a row
    follows the weekly progression at 3 sessions a week of [4]_ (a design choice,
    ``data/programme.toml``).

    References
    ----------
    .. [1] Silbernagel KG et al. Am J Sports Med. 2007;35(6):897-906 (as quoted, SECONDARY).
    .. [2] bim.physio, "The Pain-Monitoring Model" (SECONDARY).
    .. [3] EMPoweR study protocol. BMC Musculoskelet Disord. 2021;22:11.
       doi:10.1186/s12891-020-03866-2.
    .. [4] ITBS pilot RCT. J Orthop Surg Res. 2020. doi:10.1186/s13018-020-01713-7.
       All in ../shared/science/programme.md, sections 3-5.
    """
    streaks: dict[str, _Streak] = {}
    weekly = _WeeklyPain()
    decisions: list[Decision] = []
    for log in sorted(logs, key=lambda log: log.on):
        if (session := plan.session_on(log.on)) is None:
            continue
        rise = weekly.rise(session.week, log)
        for before in session.prescriptions:
            streak = streaks.setdefault(before.exercise_id, _Streak())
            verdict = _decide(
                before, log, streak, baseline_0_10=plan.baseline_pain_0_10, week_rise=rise
            )
            decision = _apply(before, verdict, log.on, plan.equipment)
            if decision.after != before:
                streaks[before.exercise_id] = _Streak()
                plan = _changed_from(plan, decision)
            decisions.append(decision)
    return Adaptation(plan, tuple(decisions))


def _decide(
    p: Prescription,
    log: SessionLog,
    streak: _Streak,
    *,
    baseline_0_10: int,
    week_rise: _Verdict | None,
) -> _Verdict:
    entry = log.entry_for(p.exercise_id)
    own = entry.pain_during_0_10 if entry is not None else None
    during = own if own is not None else log.pain_during_0_10
    whose = "this exercise" if own is not None else "the session"
    # The log's own pain rules first: their reason is the more specific, and one log steps
    # an exercise back once, whichever rules it breaks.
    verdict = _pain_verdict(log, during, whose, baseline_0_10=baseline_0_10) or week_rise
    if verdict is not None:
        return verdict
    is_complete = _is_complete(p, entry)
    streak.short = 0 if is_complete else streak.short + 1
    if streak.short >= RULES.regress_after_short_sessions:
        return _Verdict(
            DecisionKind.REGRESS,
            f"You did less than {_dose_text(p)} in {streak.short} sessions in a row; an "
            "easier step lets you do it in full.",
        )
    missing = _missing_for_progress(p, log, entry, is_complete=is_complete, during=during)
    streak.good = 0 if missing else streak.good + 1
    if streak.good >= RULES.progress_after_sessions:
        return _Verdict(
            DecisionKind.PROGRESS,
            f"{streak.good} sessions in a row done in full, with pain at {_SAFE_MAX_0_10}/10 "
            "or less, good form and no more pain the next morning.",
        )
    return _Verdict(
        DecisionKind.HOLD,
        missing
        or f"{streak.good} of {RULES.progress_after_sessions} sessions in a row done in full, "
        f"with pain at {_SAFE_MAX_0_10}/10 or less and good form; keep going and it moves up.",
    )


def _pain_verdict(
    log: SessionLog, during: int | None, whose: str, *, baseline_0_10: int
) -> _Verdict | None:
    """A regression the pain-monitoring model calls for, or None."""
    before = log.pain_before_0_10 if log.pain_before_0_10 is not None else baseline_0_10
    morning = log.pain_next_morning_0_10
    if during is not None and during > _ACCEPTABLE_MAX_0_10:
        return _Verdict(
            DecisionKind.REGRESS,
            f"Pain during {whose} reached {during}/10, above the {_ACCEPTABLE_MAX_0_10}/10 the "
            "pain-monitoring model accepts during exercise.",
            is_pain=True,
        )
    if log.pain_after_0_10 is not None and log.pain_after_0_10 > _ACCEPTABLE_MAX_0_10:
        return _Verdict(
            DecisionKind.REGRESS,
            f"Pain after the session reached {log.pain_after_0_10}/10, above the "
            f"{_ACCEPTABLE_MAX_0_10}/10 the pain-monitoring model accepts after exercise.",
            is_pain=True,
        )
    if morning is not None and morning > before:
        return _Verdict(
            DecisionKind.REGRESS,
            f"Your knee hurt more the next morning ({morning}/10) than before the session "
            f"({before}/10); pain should have settled by the next morning.",
            is_pain=True,
        )
    return None


def _is_complete(p: Prescription, entry: ExerciseLog | None) -> bool:
    if entry is None or p.dose is None:
        return False
    target = p.dose.reps if p.dose.reps is not None else p.dose.hold_s
    done = entry.reps_done if p.dose.reps is not None else entry.held_s
    return len(done) >= p.dose.sets and all(n >= (target or 0) for n in done[: p.dose.sets])


def _missing_for_progress(
    p: Prescription,
    log: SessionLog,
    entry: ExerciseLog | None,
    *,
    is_complete: bool,
    during: int | None,
) -> str:
    """Why this session does not count toward moving up; empty when it does."""
    if not is_complete:
        done = "none of it" if entry is None or not entry.sets_done else "less than that"
        return f"The dose was {_dose_text(p)} and you did {done}; keep this dose for now."
    if during is None:
        return "Pain during the session wasn't logged; log it so the plan can move you up."
    for when, pain in (("during", during), ("after", log.pain_after_0_10)):
        if pain is not None and pain > _SAFE_MAX_0_10:
            return (
                f"Pain {when} the session was {pain}/10: acceptable (up to "
                f"{_ACCEPTABLE_MAX_0_10}/10), so the dose stays; it moves up after sessions at "
                f"{_SAFE_MAX_0_10}/10 or less."
            )
    if entry is None or entry.has_good_form is not True:
        return (
            "Good form wasn't confirmed: check the \"you're cheating if\" list; the "
            "exercise moves up only with good form."
        )
    if log.pain_next_morning_0_10 is None:
        return "Next morning's pain isn't logged yet; it decides whether this session counts."
    return ""


def _dose_text(p: Prescription) -> str:
    return p.dose.text if p.dose is not None else "the dose"


def _apply(
    before: Prescription, verdict: _Verdict, on: date, kit: frozenset[Equipment]
) -> Decision:
    def decision(kind: DecisionKind, reason: str, after: Prescription | None) -> Decision:
        return Decision(on, before.exercise_id, kind, reason, before, after)

    kind, reason = verdict.kind, verdict.reason
    if kind is DecisionKind.HOLD:
        return decision(kind, reason, before)
    step = _next_step(before, is_up=kind is DecisionKind.PROGRESS, kit=kit)
    if step is not None:
        after = prescribe(before.slot, before.exercise_id, *step, why=reason)
        change = "Next time" if kind is DecisionKind.PROGRESS else "Next time, easier"
        full = f"{reason} {change}: {after.name}, {_dose_text(after)}."
        return decision(kind, full, replace(after, why=full))
    if kind is DecisionKind.PROGRESS:
        held = f"{reason} This is already the hardest step your equipment allows; keep it up."
        return decision(DecisionKind.HOLD, held, before)
    if not verdict.is_pain:
        held = f"{reason} This is already the easiest step; do what you can with good form."
        return decision(DecisionKind.HOLD, held, before)
    paused = (
        f"{reason} This is already the easiest step, so {before.name} is paused: skip it "
        "until a physiotherapist has looked at your knee."
    )
    return decision(DecisionKind.PAUSE, paused, None)


def _next_step(
    p: Prescription, *, is_up: bool, kit: frozenset[Equipment]
) -> tuple[Version, int] | None:
    """One step up or down: the dose first, then the version; None when there is none.

    Moving up a version starts its lowest dose. Moving down one keeps the biggest dose that
    is no more work than now (sets × reps or seconds), so a regression never adds load.
    """
    ladder = _ladder(p.exercise_id, p.version)
    if is_up and p.dose_step + 1 < len(ladder):
        return p.version, p.dose_step + 1
    if not is_up and p.dose_step > 0:
        return p.version, p.dose_step - 1
    version = (_UP if is_up else _DOWN).get(p.version)
    if version is None or not exercise_version(p.exercise_id, version).equipment <= kit:
        return None
    if is_up or p.dose is None:
        return version, 0
    now = _volume(p.dose)
    lighter = [i for i, dose in enumerate(_ladder(p.exercise_id, version)) if _volume(dose) <= now]
    return version, max(lighter, default=0)


def _ladder(exercise_id: str, version: Version) -> tuple[Dose, ...]:
    dose = exercise_version(exercise_id, version).dose
    return dose.steps if dose is not None else ()


def _volume(dose: Dose) -> int:
    return dose.sets * (dose.reps if dose.reps is not None else dose.hold_s or 0)


def _changed_from(plan: Plan, decision: Decision) -> Plan:
    """The plan with the decision applied to every session after its date."""
    return replace(
        plan,
        weeks=tuple(
            replace(week, sessions=tuple(_changed(s, decision) for s in week.sessions))
            for week in plan.weeks
        ),
    )


def _changed(session: Session, decision: Decision) -> Session:
    if session.on <= decision.on:
        return session
    kept = (
        decision.after if p.exercise_id == decision.exercise_id else p
        for p in session.prescriptions
    )
    return replace(session, prescriptions=tuple(p for p in kept if p is not None))
