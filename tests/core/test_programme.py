"""The 12-week programme: building it, adapting it to logs, adherence and calendar events."""

from __future__ import annotations

import dataclasses
import json
import statistics
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipfirst.core.assessment import AssessmentResult, PainScores, assess, parse_answers
from hipfirst.core.errors import InvalidAnswer, ProgrammeBlocked
from hipfirst.core.exercises import (
    EXERCISES,
    Equipment,
    Phase,
    Version,
    exercise_version,
    gta_order,
)
from hipfirst.core.programme import (
    Plan,
    PlannedRun,
    Prescription,
    Session,
    build_plan,
    plan_as_json,
)
from hipfirst.core.programme_adapt import DecisionKind, adapt_plan
from hipfirst.core.programme_calendar import EventKind, event_uid, plan_events
from hipfirst.core.programme_logs import ExerciseLog, SessionLog, weekly_adherence
from hipfirst.core.programme_rules import RULES, Weekday, parse_days
from tests.data import REPO_ROOT
from tests.strategies import (
    equipment_sets,
    plan_starts,
    session_logs,
    training_days,
)

CLEAN = REPO_ROOT / "examples" / "answers-clean.json"  # usual pain 3/10, no red flag
RED_FLAG = REPO_ROOT / "examples" / "answers-red-flag.json"  # locked knee, night pain
START = date(2025, 3, 3)  # a Monday
ALL_KIT = frozenset(Equipment)
ACCEPTABLE, SAFE = RULES.pain_acceptable_max_0_10, RULES.pain_safe_max_0_10


def assessment(path: Path = CLEAN, *, usual_pain: int | None = None) -> AssessmentResult:
    """The assessment of an example answers file, with another usual pain if given."""
    result = assess(parse_answers(json.loads(path.read_text(encoding="utf-8"))))
    if usual_pain is None:
        return result
    return dataclasses.replace(result, pain=PainScores(usual_pain, usual_pain, usual_pain))


def plan(
    *,
    equipment: Collection[Equipment] = ALL_KIT,
    days: Collection[Weekday] | None = None,
    runs: Sequence[PlannedRun] = (),
) -> Plan:
    """The clean example's plan from START, with every piece of equipment unless changed."""
    return build_plan(assessment(), start=START, equipment=equipment, days=days, runs=runs)


def in_full(p: Prescription, *, has_good_form: bool | None = True) -> ExerciseLog:
    """The log of an exercise done exactly as prescribed."""
    assert p.dose is not None
    done = (p.dose.reps or 0,) * p.dose.sets
    held = (p.dose.hold_s or 0,) * p.dose.sets
    return ExerciseLog(
        p.exercise_id,
        reps_done=done if p.dose.reps is not None else (),
        held_s=held if p.dose.hold_s is not None else (),
        has_good_form=has_good_form,
    )


def good_log(session: Session, **pain: int | None) -> SessionLog:
    """A session done in full with good form, pain 1/10 throughout unless changed."""
    scores: dict[str, int | None] = {
        "pain_during_0_10": 1,
        "pain_after_0_10": 1,
        "pain_next_morning_0_10": 1,
        "pain_before_0_10": 1,
    }
    scores.update(pain)
    return SessionLog(session.on, tuple(in_full(p) for p in session.prescriptions), **scores)


def prescription(session: Session | None, exercise_id: str) -> Prescription:
    """The prescription of one exercise in a session."""
    assert session is not None
    return next(p for p in session.prescriptions if p.exercise_id == exercise_id)


def decisions_on(logs: Sequence[SessionLog], the_plan: Plan, exercise_id: str) -> list[str]:
    """The kinds of decision made for one exercise, oldest first."""
    adaptation = adapt_plan(the_plan, logs)
    return [d.kind.value for d in adaptation.decisions if d.exercise_id == exercise_id]


# Building the plan


def test_a_red_flag_blocks_the_plan_and_says_whom_to_see() -> None:
    """An open red flag raises ProgrammeBlocked naming the referral's "who"."""
    flagged = assessment(RED_FLAG)
    referral = flagged.red_flags.referral
    assert referral is not None

    with pytest.raises(ProgrammeBlocked) as error:
        build_plan(flagged, start=START)

    assert referral.who in error.value.message


def test_a_red_flag_cleared_by_a_clinician_lets_the_plan_start() -> None:
    """Once a clinician has cleared the runner, the plan is built."""
    document = json.loads(RED_FLAG.read_text(encoding="utf-8")) | {"cleared_by_clinician": True}

    built = build_plan(assess(parse_answers(document)), start=START)

    assert len(built.weeks) == 12


def test_the_plan_has_twelve_weeks_in_two_phases() -> None:
    """Weeks 1–4 are the neural reset, weeks 5–12 functional integration."""
    phases = [week.phase for week in plan().weeks]

    assert phases == [Phase.NEURAL_RESET] * 4 + [Phase.FUNCTIONAL_INTEGRATION] * 8


def test_sessions_fall_on_monday_wednesday_and_friday_by_default() -> None:
    """Three sessions a week on the default days, starting on the start date."""
    built = plan()

    assert {Weekday.of(s.on) for s in built.sessions} == {Weekday.MON, Weekday.WED, Weekday.FRI}
    assert len(built.sessions) == 36
    assert built.sessions[0].on == START


def test_phase_one_is_chosen_by_gta_from_the_reset_exercises() -> None:
    """With every piece of kit: the precision clamshell, single-leg bridge and wall slide."""
    first = plan().sessions[0]

    assert [p.exercise_id for p in first.prescriptions] == [
        "precision_clamshell",
        "single_leg_bridge",
        "side_lying_wall_slide",
    ]
    assert [p.gta_index for p in first.prescriptions] == [115, 59, None]


def test_phase_two_is_standing_and_loaded() -> None:
    """Weeks 5–12 take the band sidestep first (GTA 64), then exercises on one leg."""
    week5 = plan().weeks[4].sessions[0]

    assert [p.exercise_id for p in week5.prescriptions] == [
        "sidestep",
        "single_leg_rdl",
        "hip_hike",
        "step_up",
    ]
    assert all(
        EXERCISES[p.exercise_id].phase is Phase.FUNCTIONAL_INTEGRATION for p in week5.prescriptions
    )


@given(equipment=equipment_sets)
def test_phase_one_choices_rank_above_phase_two_choices_on_gta(
    equipment: frozenset[Equipment],
) -> None:
    """Where both phases have a measured GTA, phase 1's best and mean are higher."""
    built = build_plan(assessment(), start=START, equipment=equipment)
    gta = {
        phase: [p.gta_index for p in week.sessions[0].prescriptions if p.gta_index is not None]
        for phase, week in (
            (Phase.NEURAL_RESET, built.weeks[0]),
            (Phase.FUNCTIONAL_INTEGRATION, built.weeks[4]),
        )
    }
    reset, functional = gta[Phase.NEURAL_RESET], gta[Phase.FUNCTIONAL_INTEGRATION]

    assert reset  # the clam (GTA 115) needs no equipment
    if functional:
        assert max(reset) > max(functional)
        assert statistics.mean(reset) > statistics.mean(functional)


@given(equipment=equipment_sets)
def test_each_slot_takes_the_highest_ranked_exercise_the_equipment_allows(
    equipment: frozenset[Equipment],
) -> None:
    """No exercise the runner could do for a slot ranks above the one chosen."""
    built = build_plan(assessment(), start=START, equipment=equipment)

    for week in (built.weeks[0], built.weeks[4]):
        chosen = {p.exercise_id for p in week.sessions[0].prescriptions}
        for p in week.sessions[0].prescriptions:
            slot = next(s for s in RULES.slots if s.id == p.slot)
            better = [
                e
                for e in EXERCISES.values()
                if e.phase is week.phase
                and e.movement in slot.movements
                and e.dose is not None
                and e.equipment <= equipment
                and e.id not in chosen
                and gta_order(e) < gta_order(EXERCISES[p.exercise_id])
            ]
            assert better == [], p.exercise_id


def test_a_missing_wall_is_replaced_by_the_best_alternative() -> None:
    """Without a wall: the clam (same GTA) and side-lying abduction, and the reason says why."""
    first = plan(equipment={Equipment.BAND}).sessions[0]
    clam = prescription(first, "clam")

    assert [p.exercise_id for p in first.prescriptions] == [
        "clam",
        "single_leg_bridge",
        "side_lying_hip_abduction",
    ]
    assert "Precision clamshell" in clam.why
    assert "needs a wall" in clam.why


def test_without_band_or_step_phase_two_uses_what_is_left_and_says_so() -> None:
    """The single-leg squat stands in once; the slot nothing fits is explained in the notes."""
    built = plan(equipment=frozenset())
    week5 = built.weeks[4].sessions[0]

    assert [p.exercise_id for p in week5.prescriptions] == ["single_leg_squat", "single_leg_rdl"]
    assert any("needs a step" in note for note in built.notes)


def test_high_usual_pain_starts_on_the_easier_versions() -> None:
    """Usual pain above the acceptable ceiling starts each exercise on its easier version."""
    built = build_plan(assessment(usual_pain=ACCEPTABLE + 1), start=START, equipment=ALL_KIT)
    first = built.sessions[0]

    assert {p.version for p in first.prescriptions} == {Version.EASIER}
    assert prescription(first, "single_leg_bridge").name == "Glute bridge"
    assert f"above {ACCEPTABLE}/10" in first.prescriptions[0].why


def test_high_pain_without_the_kit_for_the_easier_version_says_why_it_is_standard() -> None:
    """The easier single-leg RDL needs a wall: without one the reason says so."""
    built = build_plan(assessment(usual_pain=ACCEPTABLE + 1), start=START)
    rdl = prescription(built.weeks[4].sessions[0], "single_leg_rdl")

    assert rdl.version is Version.STANDARD
    assert "needs a wall" in rdl.why


def test_usual_pain_at_the_ceiling_starts_on_the_standard_versions() -> None:
    """5/10 is still acceptable."""
    built = build_plan(assessment(usual_pain=ACCEPTABLE), start=START)

    assert {p.version for p in built.sessions[0].prescriptions} == {Version.STANDARD}


def test_runs_from_the_running_plan_are_placed_and_the_other_days_rest() -> None:
    """Runs land on their dates; a day with neither a session nor a run is a rest day."""
    runs = [PlannedRun(START + timedelta(days=1), 5.0), PlannedRun(START + timedelta(days=5), 8.5)]
    week1 = plan(runs=runs).weeks[0]

    assert [r.on for r in week1.runs] == [START + timedelta(days=1), START + timedelta(days=5)]
    assert week1.planned_km == 13.5
    assert week1.rest_days == (START + timedelta(days=3), START + timedelta(days=6))


def test_runs_outside_the_twelve_weeks_are_left_out() -> None:
    """A run before the start or after week 12 is not in the plan."""
    runs = [
        PlannedRun(START - timedelta(days=1), 5.0),
        PlannedRun(START + timedelta(weeks=12), 5.0),
    ]
    built = plan(runs=runs)

    assert all(not week.runs for week in built.weeks)
    assert all(week.planned_km is None for week in built.weeks)


def test_no_exercise_day_at_all_is_refused() -> None:
    """An empty set of days is an InvalidAnswer on "days"."""
    with pytest.raises(InvalidAnswer) as error:
        plan(days=frozenset())

    assert error.value.field == "days"


def test_day_names_are_read_and_unknown_ones_refused() -> None:
    """parse_days reads "mon".."sun" and names the field for anything else."""
    assert parse_days(["mon", "thu"]) == {Weekday.MON, Weekday.THU}
    with pytest.raises(InvalidAnswer) as error:
        parse_days(["monday"])

    assert error.value.field == "days"


def test_back_to_back_days_get_a_note() -> None:
    """Days next to each other differ from the trials' rest day between sessions."""
    notes = plan(days={Weekday.SAT, Weekday.SUN, Weekday.WED}).notes

    assert any("rest day between" in note for note in notes)
    assert not any("rest day between" in note for note in plan().notes)


def test_the_notes_explain_the_phases_condition_and_knee_score() -> None:
    """The likely condition's note and the Kujala baseline are in the plan's notes."""
    notes = " ".join(plan().notes)

    assert "patellofemoral pain" in notes
    assert "Kujala" in notes
    assert "Weeks 1–4: Neural reset" in notes


@settings(max_examples=40)
@given(days=training_days, equipment=equipment_sets, start=plan_starts)
def test_any_plan_has_twelve_weeks_on_the_chosen_days_with_only_the_runners_kit(
    days: frozenset[Weekday], equipment: frozenset[Equipment], start: date
) -> None:
    """12 weeks of 7 days; sessions only on the chosen days; no exercise needing more kit."""
    built = build_plan(assessment(), start=start, equipment=equipment, days=days)

    assert len(built.weeks) == 12
    assert built.weeks[-1].first_day == start + timedelta(weeks=11)
    assert len(built.sessions) == 12 * len(days)
    assert all(Weekday.of(s.on) in days for s in built.sessions)
    for session in built.sessions:
        assert session.prescriptions
        for p in session.prescriptions:
            assert exercise_version(p.exercise_id, p.version).equipment <= equipment


def test_plan_as_json_has_the_cli_shape() -> None:
    """Weeks with phase numbers, dated sessions and exercises with gta_index or null."""
    document = plan_as_json(plan())
    week1, week5 = document["weeks"][0], document["weeks"][4]
    first = week1["sessions"][0]["exercises"]

    assert (week1["week"], week1["phase"], week5["phase"]) == (1, 1, 2)
    assert week1["sessions"][0]["date"] == "2025-03-03"
    assert {"id", "name", "sets", "reps", "gta_index", "source"} <= set(first[0])
    assert (first[0]["gta_index"], first[2]["gta_index"], first[2]["source"]) == (115, None, None)
    assert "Selkowitz" in first[0]["source"]
    assert json.loads(json.dumps(document)) == document


# Adapting the plan to logs


def test_pain_during_the_session_above_acceptable_regresses_its_exercises() -> None:
    """Pain 6/10 during a session: every exercise of it steps down, from the next session."""
    built = plan()
    first, second = built.sessions[0], built.sessions[1]

    adapted = adapt_plan(built, [good_log(first, pain_during_0_10=ACCEPTABLE + 1)])

    assert {d.kind for d in adapted.decisions} == {DecisionKind.REGRESS}
    assert all(f"{ACCEPTABLE + 1}/10" in d.reason for d in adapted.decisions)
    assert prescription(adapted.plan.sessions[1], "single_leg_bridge").name == "Glute bridge"
    assert adapted.plan.sessions[0] == first
    assert second != adapted.plan.sessions[1]


def test_pain_in_one_exercise_regresses_only_that_exercise() -> None:
    """Pain logged against one exercise steps down that one; the others hold."""
    built = plan()
    first = built.sessions[0]
    entries = tuple(
        dataclasses.replace(
            in_full(p), pain_during_0_10=7 if p.exercise_id == "precision_clamshell" else 1
        )
        for p in first.prescriptions
    )
    log = dataclasses.replace(good_log(first), exercises=entries)

    kinds = {d.exercise_id: d.kind for d in adapt_plan(built, [log]).decisions}

    assert kinds["precision_clamshell"] is DecisionKind.REGRESS
    assert kinds["single_leg_bridge"] is DecisionKind.HOLD


def test_a_regression_steps_down_the_version_without_adding_load() -> None:
    """At the lowest dose, down a version, at a dose no bigger than before."""
    built = plan()
    adapted = adapt_plan(built, [good_log(built.sessions[0], pain_during_0_10=8)])
    before = prescription(built.sessions[1], "precision_clamshell")
    after = prescription(adapted.plan.sessions[1], "precision_clamshell")

    assert (after.version, after.name) == (Version.EASIER, "Clam")
    assert before.dose is not None
    assert after.dose is not None
    assert after.dose.sets * (after.dose.reps or 0) <= before.dose.sets * (before.dose.reps or 0)


def test_pain_after_the_session_above_acceptable_regresses() -> None:
    """Pain 6/10 after the session steps the exercises down."""
    built = plan()

    adapted = adapt_plan(built, [good_log(built.sessions[0], pain_after_0_10=ACCEPTABLE + 1)])

    assert {d.kind for d in adapted.decisions} == {DecisionKind.REGRESS}
    assert "after the session" in adapted.decisions[0].reason


def test_next_morning_pain_worse_than_before_regresses() -> None:
    """Worse the next morning than before the session: step down, saying both scores."""
    built = plan()
    log = good_log(built.sessions[0], pain_before_0_10=2, pain_next_morning_0_10=3)

    decision = adapt_plan(built, [log]).decisions[0]

    assert decision.kind is DecisionKind.REGRESS
    assert "next morning (3/10)" in decision.reason
    assert "before the session (2/10)" in decision.reason


def test_without_a_before_score_the_next_morning_is_compared_with_usual_pain() -> None:
    """The assessment's usual pain (3/10 here) stands in for "before"."""
    built = plan()
    worse = good_log(built.sessions[0], pain_before_0_10=None, pain_next_morning_0_10=4)
    same = good_log(built.sessions[0], pain_before_0_10=None, pain_next_morning_0_10=3)

    assert adapt_plan(built, [worse]).decisions[0].kind is DecisionKind.REGRESS
    assert adapt_plan(built, [same]).decisions[0].kind is DecisionKind.HOLD


def test_three_pain_free_sessions_with_good_form_progress_the_dose() -> None:
    """The third good session in a row moves each exercise one dose step up."""
    built = plan()
    logs = [good_log(s) for s in built.sessions[:3]]

    adapted = adapt_plan(built, logs)
    kinds = [d.kind for d in adapted.decisions if d.exercise_id == "precision_clamshell"]
    after = prescription(adapted.plan.sessions[3], "precision_clamshell")

    assert kinds == [DecisionKind.HOLD, DecisionKind.HOLD, DecisionKind.PROGRESS]
    assert after.dose_step == 1
    assert "3 sessions in a row" in after.why


def test_progress_past_the_top_dose_moves_to_the_harder_version() -> None:
    """After the last dose step, the next progression is the harder version at its lowest dose."""
    built = plan()
    logs: list[SessionLog] = []
    for session in built.sessions[:9]:
        current = adapt_plan(built, logs).plan.session_on(session.on)
        assert current is not None
        logs.append(good_log(current))

    after = prescription(adapt_plan(built, logs).plan.sessions[9], "precision_clamshell")

    assert (after.version, after.dose_step) == (Version.HARDER, 0)
    assert after.gta_index is None  # the banded version was not itself measured


def test_progress_stops_where_the_harder_version_needs_missing_kit() -> None:
    """Without a band the banded clamshell is out of reach: hold, and say so."""
    built = plan(equipment={Equipment.WALL})
    logs: list[SessionLog] = []
    for session in built.sessions[:9]:
        current = adapt_plan(built, logs).plan.session_on(session.on)
        assert current is not None
        logs.append(good_log(current))

    last = [d for d in adapt_plan(built, logs).decisions if d.exercise_id == "precision_clamshell"]

    assert last[-1].kind is DecisionKind.HOLD
    assert "your equipment allows" in last[-1].reason


def test_two_good_sessions_hold_and_count_toward_progress() -> None:
    """Good sessions short of the count hold, saying how many are done."""
    built = plan()

    decision = adapt_plan(built, [good_log(s) for s in built.sessions[:2]]).decisions[-1]

    assert decision.kind is DecisionKind.HOLD
    assert f"2 of {RULES.progress_after_sessions} sessions" in decision.reason


def test_acceptable_pain_holds_the_dose() -> None:
    """Pain 4/10 is acceptable, not safe: hold, and say what moves it up."""
    built = plan()

    decision = adapt_plan(
        built, [good_log(built.sessions[0], pain_during_0_10=SAFE + 1)]
    ).decisions[0]

    assert decision.kind is DecisionKind.HOLD
    assert "acceptable" in decision.reason


@pytest.mark.parametrize("form", [False, None], ids=["bad-form", "form-not-reported"])
def test_sessions_without_confirmed_good_form_never_progress(form: bool | None) -> None:
    """Three pain-free sessions without good form hold, pointing at the checks."""
    built = plan()
    logs = [
        dataclasses.replace(
            good_log(s), exercises=tuple(in_full(p, has_good_form=form) for p in s.prescriptions)
        )
        for s in built.sessions[:3]
    ]

    decisions = adapt_plan(built, logs).decisions

    assert {d.kind for d in decisions} == {DecisionKind.HOLD}
    assert "cheating" in decisions[-1].reason


def test_a_session_without_next_morning_pain_does_not_count_yet() -> None:
    """Next morning's pain decides whether a session counts toward progress."""
    built = plan()

    decision = adapt_plan(
        built, [good_log(built.sessions[0], pain_next_morning_0_10=None)]
    ).decisions[0]

    assert decision.kind is DecisionKind.HOLD
    assert "Next morning" in decision.reason


def test_three_sessions_below_the_dose_in_a_row_regress() -> None:
    """Doing less than the dose three times in a row steps it down (EMPoweR)."""
    built = plan()
    logs = [dataclasses.replace(good_log(s), exercises=()) for s in built.sessions[:3]]

    kinds = decisions_on(logs, built, "single_leg_bridge")

    assert kinds == ["hold", "hold", "regress"]


def test_pain_at_the_easiest_step_pauses_the_exercise() -> None:
    """Nothing easier is left: the exercise is paused and later sessions leave it out."""
    built = build_plan(assessment(usual_pain=ACCEPTABLE + 2), start=START, equipment=ALL_KIT)

    adapted = adapt_plan(built, [good_log(built.sessions[0], pain_during_0_10=9)])
    clam = next(d for d in adapted.decisions if d.exercise_id == "precision_clamshell")

    assert clam.kind is DecisionKind.PAUSE
    assert clam.after is None
    assert "physiotherapist" in clam.reason
    assert all(
        p.exercise_id != "precision_clamshell"
        for s in adapted.plan.sessions[1:]
        if s.phase is Phase.NEURAL_RESET
        for p in s.prescriptions
    )


def test_a_log_on_a_day_without_a_session_is_left_out() -> None:
    """No session that day, so no decision."""
    built = plan()
    tuesday = SessionLog(START + timedelta(days=1), (), pain_during_0_10=9)

    adapted = adapt_plan(built, [tuesday])

    assert adapted.decisions == ()
    assert adapted.plan == built


def test_logs_are_read_in_date_order_whatever_order_they_come_in() -> None:
    """adapt_plan sorts the logs."""
    built = plan()
    logs = [good_log(s) for s in built.sessions[:3]]

    assert adapt_plan(built, logs) == adapt_plan(built, list(reversed(logs)))


def test_pain_scores_outside_0_to_10_are_refused() -> None:
    """An 11/10 is an InvalidAnswer naming the score."""
    with pytest.raises(InvalidAnswer) as error:
        SessionLog(START, (), pain_next_morning_0_10=11)

    assert error.value.field == "pain_next_morning"


@settings(max_examples=30)
@given(equipment=equipment_sets, data=st.data())
def test_adapting_keeps_the_dates_and_the_runners_kit(
    equipment: frozenset[Equipment], data: st.DataObject
) -> None:
    """Any logs: 12 weeks, the same session dates, kit only, a reason for every decision."""
    built = build_plan(assessment(), start=START, equipment=equipment)
    logs = [data.draw(session_logs(s)) for s in built.sessions[:12]]

    adapted = adapt_plan(built, logs)

    assert [s.on for s in adapted.plan.sessions] == [s.on for s in built.sessions]
    assert all(d.reason for d in adapted.decisions)
    for session in adapted.plan.sessions:
        for p in session.prescriptions:
            assert exercise_version(p.exercise_id, p.version).equipment <= equipment


# Adherence


def test_weekly_adherence_is_sessions_done_over_sessions_due() -> None:
    """Two of week 1's three sessions logged: 66.7%; later weeks not due yet: None."""
    built = plan()
    logs = [good_log(s) for s in built.sessions[:2]]

    rows = weekly_adherence(built, logs, today=START + timedelta(days=6))

    assert (rows[0].planned_sessions, rows[0].sessions_done) == (3, 2)
    assert rows[0].adherence_pct == pytest.approx(200 / 3)
    assert rows[1].adherence_pct is None


def test_adherence_counts_only_sessions_due_by_today() -> None:
    """On the Wednesday, two sessions are due; both done is 100%."""
    built = plan()
    logs = [good_log(s) for s in built.sessions[:2]]

    row = weekly_adherence(built, logs, today=START + timedelta(days=2))[0]

    assert (row.planned_sessions, row.adherence_pct) == (2, 100.0)


def test_adherence_ignores_empty_logs_and_unplanned_days() -> None:
    """A log with no set done, or on a day without a session, is not a session done."""
    built = plan()
    empty = SessionLog(START, (), pain_during_0_10=2)
    tuesday = good_log(dataclasses.replace(built.sessions[0], on=START + timedelta(days=1)))

    row = weekly_adherence(built, [empty, tuesday], today=START + timedelta(days=6))[0]

    assert (row.sessions_done, row.adherence_pct) == (0, 0.0)


# Calendar events


def test_event_ids_are_the_same_across_two_builds() -> None:
    """Exporting again, from a second build or an adapted plan, keeps every uid."""
    runs = [PlannedRun(START + timedelta(days=1), 5.0)]
    first = plan_events(plan(runs=runs), runner_key="runner-42")
    second = plan_events(plan(runs=runs), runner_key="runner-42")
    adapted = adapt_plan(plan(runs=runs), [good_log(plan().sessions[0], pain_during_0_10=7)])

    assert [e.uid for e in first] == [e.uid for e in second]
    assert [e.uid for e in first] == [
        e.uid for e in plan_events(adapted.plan, runner_key="runner-42")
    ]


def test_event_ids_are_unique_and_depend_on_the_runner() -> None:
    """One uid per event; another runner's are different."""
    runs = [PlannedRun(START, 5.0)]
    mine = [e.uid for e in plan_events(plan(runs=runs), runner_key="runner-42")]
    theirs = {e.uid for e in plan_events(plan(runs=runs), runner_key="runner-43")}

    assert len(set(mine)) == len(mine)
    assert theirs.isdisjoint(mine)


def test_the_uid_is_derived_from_key_date_and_kind_only() -> None:
    """The same key, date and kind give the same uid; it does not show the key."""
    uid = event_uid("runner-42", START, EventKind.EXERCISE)

    assert uid == event_uid("runner-42", START, EventKind.EXERCISE)
    assert uid != event_uid("runner-42", START, EventKind.RUN)
    assert "runner-42" not in uid
    assert uid.endswith("@hipfirst")


def test_runs_on_one_day_share_an_event() -> None:
    """Two runs on one day are one run event with their total distance."""
    runs = [PlannedRun(START + timedelta(days=1), 5.0), PlannedRun(START + timedelta(days=1), 3.0)]

    events = [e for e in plan_events(plan(runs=runs), runner_key="r") if e.kind is EventKind.RUN]

    assert [(e.on, e.title) for e in events] == [(START + timedelta(days=1), "Run: 8 km")]


def test_exercise_events_list_the_session() -> None:
    """A session event's description lists each exercise with its dose."""
    event = plan_events(plan(), runner_key="r")[0]

    assert event.kind is EventKind.EXERCISE
    assert "Precision clamshell, back against a wall: 2 × 8 each side" in event.description


def test_an_empty_runner_key_is_refused() -> None:
    """Without a key no stable uid can be made."""
    with pytest.raises(InvalidAnswer):
        plan_events(plan(), runner_key="")
