"""Adapting the plan to logs: pain may not rise from week to week (the pain-monitoring model).

The other adaptation rules are tested in test_programme.py, whose plan and log helpers
these tests share. With the default days, sessions 0–2 are week 1, 3–5 week 2, 6–8 week 3.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from hipfirst.core.exercises import Equipment, Version
from hipfirst.core.programme import Plan, Prescription, build_plan
from hipfirst.core.programme_adapt import DecisionKind, adapt_plan
from hipfirst.core.programme_logs import SessionLog
from tests.core.test_programme import (
    ACCEPTABLE,
    ALL_KIT,
    START,
    assessment,
    good_log,
    plan,
    prescription,
)
from tests.strategies import equipment_sets, session_logs

WEEKLY = "does not rise from week to week"  # in the reason of every step back of this rule
LOGGED_WEEKS = 5  # the properties log sessions of the first five weeks
Pains = Mapping[str, int | None]


def logs_of(built: Plan, pains: Mapping[int, Pains]) -> list[SessionLog]:
    """Good logs of the sessions at these indexes, each done as the plan is adapted so far."""
    logs: list[SessionLog] = []
    for index, scores in sorted(pains.items()):
        logs.append(good_log(adapt_plan(built, logs).plan.sessions[index], **scores))
    return logs


def during(pain_0_10: int) -> Pains:
    """A session with this pain during it, and 1/10 after, before and the next morning."""
    return {"pain_during_0_10": pain_0_10}


def reasons_on(built: Plan, logs: Sequence[SessionLog], index: int) -> list[str]:
    """The reasons of the decisions made by the log of the session at ``index``."""
    day = built.sessions[index].on
    return [d.reason for d in adapt_plan(built, logs).decisions if d.on == day]


def step(p: Prescription) -> tuple[int, int]:
    """How hard a prescription is: its version, then its dose step."""
    return tuple(Version).index(p.version), p.dose_step


def test_pain_higher_than_the_week_before_steps_every_exercise_back() -> None:
    """Week 1 at most 2/10, then 4/10 in week 2: each exercise is easier from the next session."""
    built = plan()
    logs = logs_of(built, {0: during(2), 1: during(2), 3: during(4)})

    adapted = adapt_plan(built, logs)
    decisions = [d for d in adapted.decisions if d.on == built.sessions[3].on]

    assert {d.kind for d in decisions} == {DecisionKind.REGRESS}
    assert all(d.after == prescription(adapted.plan.sessions[4], d.exercise_id) for d in decisions)
    assert all(d.after is not None and step(d.after) < step(d.before) for d in decisions)


def test_the_reason_gives_both_weeks_highest_pain_and_the_rule() -> None:
    """The reason names the two weeks, their highest scores, and the model it comes from."""
    built = plan()
    logs = logs_of(built, {0: during(2), 3: during(4)})

    reason = reasons_on(built, logs, 3)[0]

    assert reason.startswith(
        "Your highest knee pain in week 2 was 4/10, higher than in week 1 (2/10); the "
        "pain-monitoring model asks that pain does not rise from week to week. Next time, "
        "easier: "
    )


def test_pain_after_and_the_next_morning_count_toward_the_week() -> None:
    """The week's pain is the highest of during, after and the next morning."""
    built = plan()
    after = logs_of(built, {0: during(2), 3: {"pain_after_0_10": 4}})
    morning = logs_of(
        built, {0: during(2), 3: {"pain_before_0_10": 4, "pain_next_morning_0_10": 4}}
    )

    assert "week 2 was 4/10" in reasons_on(built, after, 3)[0]
    assert "week 2 was 4/10" in reasons_on(built, morning, 3)[0]


def test_pain_as_high_as_the_week_before_does_not_step_back() -> None:
    """Only an increase counts: 2/10 after a week at 2/10 holds."""
    built = plan()
    logs = logs_of(built, {0: during(2), 3: during(2)})

    kinds = {d.kind for d in adapt_plan(built, logs).decisions}

    assert kinds == {DecisionKind.HOLD}


def test_a_rise_within_the_safe_band_is_allowed() -> None:
    """1/10 then 3/10 stays in the safe band (0-3/10): nothing steps back for it."""
    built = plan()
    logs = logs_of(built, {0: during(1), 3: during(3)})

    assert not any(WEEKLY in d.reason for d in adapt_plan(built, logs).decisions)


def test_the_session_that_takes_the_week_higher_decides() -> None:
    """3/10 on week 2's Monday holds (safe band); 4/10 on its Wednesday steps back."""
    built = plan()
    logs = logs_of(built, {0: during(2), 3: during(3), 4: during(4)})

    monday, wednesday = reasons_on(built, logs, 3), reasons_on(built, logs, 4)

    assert not any(WEEKLY in reason for reason in monday)
    assert all(WEEKLY in reason for reason in wednesday)


def test_one_rise_steps_back_once_in_its_week() -> None:
    """After the step back, the rest of the week holds, even when its pain grows again."""
    built = plan()
    logs = logs_of(built, {0: during(2), 3: during(4), 4: during(4), 5: during(5)})

    adapted = adapt_plan(built, logs)
    weekly = [d for d in adapted.decisions if WEEKLY in d.reason]

    assert {d.on for d in weekly} == {built.sessions[3].on}
    assert all(
        d.kind is DecisionKind.HOLD for d in adapted.decisions if d.on > built.sessions[3].on
    )


def test_a_week_without_logs_is_skipped() -> None:
    """Nothing logged in week 2: week 3 is compared with week 1, and the reason says so."""
    built = plan()
    logs = logs_of(built, {0: during(2), 6: during(4)})

    reason = reasons_on(built, logs, 6)[0]

    assert "in week 3 was 4/10, higher than in week 1 (2/10)" in reason


def test_a_week_of_logs_without_pain_scores_is_skipped() -> None:
    """Week 2 logged without any pain score is not compared, nor compared with."""
    built = plan()
    no_pain = dict.fromkeys(("pain_during_0_10", "pain_after_0_10", "pain_next_morning_0_10"))
    logs = logs_of(built, {0: during(2), 3: no_pain, 6: during(4)})

    assert not any(WEEKLY in reason for reason in reasons_on(built, logs, 3))
    assert "higher than in week 1 (2/10)" in reasons_on(built, logs, 6)[0]


def test_the_first_week_logged_has_nothing_to_compare_with() -> None:
    """Week 1 not logged: week 2's first log, at 4/10, holds."""
    built = plan()
    logs = logs_of(built, {3: during(4)})

    assert not any(WEEKLY in reason for reason in reasons_on(built, logs, 3))


def test_pain_in_one_exercise_does_not_count_toward_the_week() -> None:
    """6/10 in the clamshell steps back the clamshell (rule 1); the other exercises hold."""
    built = plan()
    logs = logs_of(built, {0: during(2)})
    log = good_log(adapt_plan(built, logs).plan.sessions[3])
    entries = tuple(
        dataclasses.replace(e, pain_during_0_10=ACCEPTABLE + 1)
        if e.exercise_id == "precision_clamshell"
        else e
        for e in log.exercises
    )
    logs.append(dataclasses.replace(log, exercises=entries))

    decisions = [d for d in adapt_plan(built, logs).decisions if d.on == log.on]
    kinds = {d.exercise_id: d.kind for d in decisions}

    assert kinds.pop("precision_clamshell") is DecisionKind.REGRESS
    assert set(kinds.values()) == {DecisionKind.HOLD}
    assert not any(WEEKLY in d.reason for d in decisions)


def test_a_log_that_breaks_another_pain_rule_steps_back_once() -> None:
    """6/10 in week 2 steps back for being above 5/10, once; the week's rise adds nothing."""
    built = plan()
    logs = logs_of(built, {0: during(2), 3: during(ACCEPTABLE + 1), 4: during(3)})

    adapted = adapt_plan(built, logs)
    first = [d for d in adapted.decisions if d.on == built.sessions[3].on]
    later = [d for d in adapted.decisions if d.on == built.sessions[4].on]

    assert len(first) == len(built.sessions[3].prescriptions)
    assert all(d.kind is DecisionKind.REGRESS for d in first)
    assert all("Pain during the session reached 6/10" in d.reason for d in first)
    assert not any(WEEKLY in d.reason for d in first + later)
    assert {d.kind for d in later} == {DecisionKind.HOLD}


def test_a_rise_at_the_easiest_step_pauses_the_exercise() -> None:
    """High usual pain starts on the easier versions: a rise pauses them, as pain does."""
    built = build_plan(assessment(usual_pain=ACCEPTABLE + 2), start=START, equipment=ALL_KIT)
    logs = [good_log(built.sessions[0], pain_during_0_10=1)]
    logs.append(good_log(built.sessions[3], pain_during_0_10=4))

    clam = next(
        d
        for d in adapt_plan(built, logs).decisions
        if d.exercise_id == "precision_clamshell" and d.on == built.sessions[3].on
    )

    assert clam.kind is DecisionKind.PAUSE
    assert WEEKLY in clam.reason
    assert "physiotherapist" in clam.reason


def test_the_plan_notes_tell_the_runner_about_the_rule() -> None:
    """The plan's note on moving up and down names the week-to-week rule."""
    notes = " ".join(plan().notes)

    assert "highest pain in a week is above 3/10 and higher than in the week before" in notes


# Properties


def week_scores(log: SessionLog) -> list[int]:
    """The scores of a log that count toward its week's pain."""
    scores = (log.pain_during_0_10, log.pain_after_0_10, log.pain_next_morning_0_10)
    return [score for score in scores if score is not None]


def at_most(score: int | None, ceiling: int | None) -> int | None:
    """The score, lowered to the ceiling if there is one; None stays None."""
    if score is None or ceiling is None:
        return score
    return min(score, ceiling)


def capped(log: SessionLog, cap: int | None) -> SessionLog:
    """The log with its week's scores no higher than ``cap``."""
    return dataclasses.replace(
        log,
        pain_during_0_10=at_most(log.pain_during_0_10, cap),
        pain_after_0_10=at_most(log.pain_after_0_10, cap),
        pain_next_morning_0_10=at_most(log.pain_next_morning_0_10, cap),
    )


def never_rising(built: Plan, logs: Sequence[SessionLog]) -> list[SessionLog]:
    """The logs with each week's pain capped at the highest of the last week with pain."""
    kept: list[SessionLog] = []
    cap: int | None = None
    for week in built.weeks:
        days = {session.on for session in week.sessions}
        these = [capped(log, cap) for log in logs if log.on in days]
        kept += these
        cap = max((score for log in these for score in week_scores(log)), default=cap)
    return kept


def within_the_log_rules(built: Plan, log: SessionLog, ceiling: int) -> SessionLog:
    """The log with pain at most ``ceiling`` (up to 5/10) and no worse the next morning.

    So that rules 1 and 2 leave it alone and the week's rule is the one that decides.
    """
    before = built.baseline_pain_0_10 if log.pain_before_0_10 is None else log.pain_before_0_10
    ceiling = min(ceiling, ACCEPTABLE)
    return dataclasses.replace(
        log,
        exercises=tuple(
            dataclasses.replace(e, pain_during_0_10=at_most(e.pain_during_0_10, ceiling))
            for e in log.exercises
        ),
        pain_during_0_10=at_most(log.pain_during_0_10, ceiling),
        pain_after_0_10=at_most(log.pain_after_0_10, ceiling),
        pain_next_morning_0_10=at_most(log.pain_next_morning_0_10, min(before, ceiling)),
    )


def some_logs(data: st.DataObject, built: Plan) -> list[SessionLog]:
    """Logs of any sessions of the first weeks, with any scores, most within rules 1 and 2."""
    sessions = [s for s in built.sessions if s.week <= LOGGED_WEEKS]
    logs = [data.draw(session_logs(s)) for s in sessions if data.draw(st.booleans())]
    ceilings = [data.draw(st.one_of(st.none(), st.integers(0, ACCEPTABLE))) for _ in logs]
    return [
        log if ceiling is None else within_the_log_rules(built, log, ceiling)
        for log, ceiling in zip(logs, ceilings, strict=True)
    ]


@settings(max_examples=40)
@given(equipment=equipment_sets, data=st.data())
def test_pain_that_never_rises_from_week_to_week_never_steps_back_for_it(
    equipment: frozenset[Equipment], data: st.DataObject
) -> None:
    """With each week's highest pain no higher than the last logged week's, the rule is silent."""
    built = plan(equipment=equipment)
    logs = never_rising(built, some_logs(data, built))

    adapted = adapt_plan(built, logs)

    assert not any(WEEKLY in d.reason for d in adapted.decisions)


@settings(max_examples=40)
@given(equipment=equipment_sets, data=st.data())
def test_a_step_back_for_rising_pain_never_makes_the_plan_harder(
    equipment: frozenset[Equipment], data: st.DataObject
) -> None:
    """Any logs: the rule only regresses or pauses, and once per exercise and week at most."""
    built = plan(equipment=equipment)
    logs = some_logs(data, built)

    weekly = [d for d in adapt_plan(built, logs).decisions if WEEKLY in d.reason]
    weeks = {s.on: s.week for s in built.sessions}

    for d in weekly:
        assert d.kind in {DecisionKind.REGRESS, DecisionKind.PAUSE}
        assert d.after is None or step(d.after) < step(d.before)
    pairs = [(weeks[d.on], d.exercise_id) for d in weekly]
    assert len(pairs) == len(set(pairs))
