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


# Hostile input (tests/web/test_form_fuzzing.py and the parsers' fuzz tests): issue 12.
#: Text that breaks careless parsers: empty, huge, NUL, odd numbers, dates and markup.
HOSTILE_TEXTS = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "-0",
    "1.5",
    "1e308",
    "-1e309",
    "nan",
    "inf",
    "-Infinity",
    "9" * 30,
    "9" * 5000,  # past Python's 4300-digit limit for int()
    "0x1f",
    "1_000",
    "١٢",  # Arabic-Indic digits, which int() reads
    "²",
    "on",
    "true",
    "null",
    "[]",
    "{}",
    "2025-02-30",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "31/12/2025",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "%00",
    "\u202e",
    "\ufeff",
    "😀" * 50,
    "x" * 20_000,  # past every field's max_length; longer makes hypothesis' reports unreadable
)
_lone_surrogates = st.integers(0xD800, 0xDFFF).map(chr)
hostile_texts = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=40),
    st.lists(st.one_of(st.characters(), _lone_surrogates), max_size=10).map("".join),
)
#: Any decoded JSON, and what Python's json also reads: NaN, infinities, huge integers.
hostile_json = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([10**400, -(2**63), 2**64]),
        st.floats(),
        hostile_texts,
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_texts, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def spoilt(draw: st.DrawFn, value: object) -> object:
    """``value`` (decoded JSON) with parts kept, spoilt further, dropped or replaced."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            action = draw(st.sampled_from(["keep", "spoil", "drop", "replace"]))
            if action == "keep":
                out[key] = item
            elif action == "spoil":
                out[key] = draw(spoilt(item))
            elif action == "replace":
                out[key] = draw(hostile_json)
        if draw(st.integers(0, 3)) == 0:
            out[draw(hostile_texts)] = draw(hostile_json)  # a question nobody asked
        return out
    if isinstance(value, list):
        items = [draw(spoilt(item)) for item in value]
        return items[: draw(st.integers(0, len(items)))] if draw(st.booleans()) else items
    return draw(st.one_of(st.just(value), hostile_json))
