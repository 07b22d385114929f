"""Hypothesis strategies shared by the tests (attrs keeps them in one module too)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import accumulate

from hypothesis import strategies as st

from hipfirst.core.cadence import (
    PLAUSIBLE_MAX_SPM,
    PLAUSIBLE_MIN_SPM,
    STOPPED_BELOW_MPS,
    WALKING_BELOW_SPM,
    RunSamples,
)
from hipfirst.core.conditions import Aggravator, Onset, PainLocation, Side, Symptoms
from hipfirst.core.exercises import Equipment
from hipfirst.core.kujala import KUJALA_ITEMS
from hipfirst.core.primer import PRIMER
from hipfirst.core.programme import Session
from hipfirst.core.programme_logs import ExerciseLog, SessionLog
from hipfirst.core.programme_rules import Weekday
from hipfirst.core.triage import RED_FLAG_QUESTIONS

# Cadence (tests/core/test_cadence.py): a run's samples mix running, walking and stops.
run_starts = st.integers(0, 10 * 365 * 86_400).map(
    lambda s: datetime(2020, 1, 1, tzinfo=UTC) + timedelta(seconds=s)
)
running_cadences_spm = st.floats(WALKING_BELOW_SPM, PLAUSIBLE_MAX_SPM)
plausible_cadences_spm = st.floats(PLAUSIBLE_MIN_SPM, PLAUSIBLE_MAX_SPM)
counted_steps_in_30_s = st.integers(PLAUSIBLE_MIN_SPM // 2, PLAUSIBLE_MAX_SPM // 2)
_sample_cadences_spm = st.one_of(
    st.none(), st.just(0.0), st.floats(1, WALKING_BELOW_SPM, exclude_max=True), running_cadences_spm
)
_sample_speeds_mps = st.one_of(
    st.none(), st.floats(0, STOPPED_BELOW_MPS, exclude_max=True), st.floats(STOPPED_BELOW_MPS, 7)
)


@st.composite
def run_samples(draw: st.DrawFn, *, max_samples: int = 60) -> RunSamples:
    """A run of 1 to ``max_samples`` samples, 0.5 to 20 s apart, each of any gait."""
    size = draw(st.integers(1, max_samples))
    gaps_s = draw(st.lists(st.floats(0.5, 20), min_size=size, max_size=size))
    return RunSamples(
        file=draw(st.one_of(st.none(), st.just("run.fit"))),
        start=draw(run_starts),
        elapsed_s=tuple(accumulate(gaps_s)),
        cadence_spm=tuple(draw(st.lists(_sample_cadences_spm, min_size=size, max_size=size))),
        speed_mps=tuple(draw(st.lists(_sample_speeds_mps, min_size=size, max_size=size))),
    )


# Assessment (tests/core/test_kujala.py, test_triage.py, test_conditions.py): issue 4.
kujala_letters = st.tuples(*(st.sampled_from(item.letters) for item in KUJALA_ITEMS)).map(list)
red_flag_answers = st.fixed_dictionaries({flag.id: st.booleans() for flag in RED_FLAG_QUESTIONS})
runner_ages_years = st.integers(0, 120)
any_symptoms = st.builds(
    Symptoms,
    pain_location=st.sampled_from(PainLocation),
    worse_with=st.frozensets(st.sampled_from(Aggravator)),
    onset=st.sampled_from(Onset),
    has_dead_butt_feeling=st.booleans(),
    has_tight_hamstrings=st.booleans(),
    side=st.sampled_from(Side),
)


# Training load (tests/core/test_load.py, test_risk.py, test_volume.py): issue 6.
# Runs are drawn as (aware UTC start, km) pairs; the tests make hipfirst.core.load.Run of them.
# Starts span 2024-02-01 to 2024-11-30, across both of 2024's daylight-saving changes.
run_distances_km = st.floats(0.5, 42.2)
load_run_starts = st.integers(0, 303 * 86_400).map(
    lambda s: datetime(2024, 2, 1, tzinfo=UTC) + timedelta(seconds=s)
)
run_records = st.lists(st.tuples(load_run_starts, run_distances_km), max_size=40)
load_days = st.dates(
    datetime(2024, 2, 1, tzinfo=UTC).date(), datetime(2024, 11, 30, tzinfo=UTC).date()
)
daily_distances_km = st.dictionaries(load_days, run_distances_km, min_size=1, max_size=80)
steady_days = st.integers(28, 400)  # how long a steady daily load has gone on
pain_scores_0_10 = st.integers(0, 10)


# Exercise programme (tests/core/test_programme.py, test_primer.py): issue 8.

training_days = st.frozensets(st.sampled_from(Weekday), min_size=1)
equipment_sets = st.frozensets(st.sampled_from(Equipment))
plan_starts = st.dates(
    datetime(2024, 1, 1, tzinfo=UTC).date(), datetime(2030, 12, 31, tzinfo=UTC).date()
)
primer_elapsed_s = st.floats(0, PRIMER.total_s, exclude_max=True)
_logged_pain_0_10 = st.one_of(st.none(), st.integers(0, 10))


@st.composite
def session_logs(draw: st.DrawFn, session: Session) -> SessionLog:
    """A log of ``session``: any of its exercises, any sets, any pain, form and effort."""
    entries = tuple(
        ExerciseLog(
            p.exercise_id,
            reps_done=tuple(draw(st.lists(st.integers(0, 20), max_size=4))),
            held_s=tuple(draw(st.lists(st.integers(0, 40), max_size=4))),
            has_good_form=draw(st.one_of(st.none(), st.booleans())),
            pain_during_0_10=draw(_logged_pain_0_10),
        )
        for p in session.prescriptions
        if draw(st.booleans())
    )
    return SessionLog(
        session.on,
        entries,
        pain_during_0_10=draw(_logged_pain_0_10),
        pain_after_0_10=draw(_logged_pain_0_10),
        pain_next_morning_0_10=draw(_logged_pain_0_10),
        pain_before_0_10=draw(_logged_pain_0_10),
        effort_rpe_0_10=draw(_logged_pain_0_10),
    )
