"""Likely conditions: the patterns the answers are consistent with, never a diagnosis."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import given

from hipfirst.core.assessment import Profile, Sex
from hipfirst.core.conditions import (
    Aggravator,
    ConditionId,
    LikelyCondition,
    Onset,
    PainLocation,
    Side,
    Symptoms,
    likely_conditions,
)
from hipfirst.core.triage import RED_FLAG_QUESTIONS, RedFlagScreen, screen_red_flags
from tests.strategies import any_symptoms, red_flag_answers, runner_ages_years

PROFILE = Profile(
    age_years=34,
    sex=Sex.FEMALE,
    height_cm=168,
    weight_kg=None,
    weekly_km=40,
    years_running=5,
    sitting_hours_per_day=8,
    shoes="road shoes",
    injuries="",
)
FRONT_PAIN_ON_STAIRS = Symptoms(
    pain_location=PainLocation.FRONT,
    worse_with=frozenset({Aggravator.STAIRS_DOWN, Aggravator.SQUATTING}),
    onset=Onset.GRADUAL,
    has_dead_butt_feeling=False,
    has_tight_hamstrings=False,
    side=Side.RIGHT,
)
OUTSIDE_PAIN_WHEN_RUNNING = Symptoms(
    pain_location=PainLocation.OUTSIDE,
    worse_with=frozenset({Aggravator.RUNNING}),
    onset=Onset.GRADUAL,
    has_dead_butt_feeling=False,
    has_tight_hamstrings=False,
    side=Side.LEFT,
)


def no_flags() -> RedFlagScreen:
    """The screen of an adult who answered no to every red-flag question."""
    return screen_red_flags({flag.id: False for flag in RED_FLAG_QUESTIONS}, age_years=34)


def one_flag(question: str) -> RedFlagScreen:
    """The screen of an adult who answered yes to one red-flag question."""
    answers = {flag.id: flag.id == question for flag in RED_FLAG_QUESTIONS}
    return screen_red_flags(answers, age_years=34)


def ids(conditions: tuple[LikelyCondition, ...]) -> list[ConditionId]:
    """The ids, in order."""
    return [condition.id for condition in conditions]


def likely(symptoms: Symptoms, **changes: Any) -> tuple[LikelyCondition, ...]:  # Any: fields
    """The likely conditions of these symptoms, changed as asked, with no red flag."""
    return likely_conditions(dataclasses.replace(symptoms, **changes), PROFILE, no_flags())


def every_text(condition: LikelyCondition) -> list[str]:
    """All the words a runner reads about one condition."""
    return [
        condition.title,
        condition.what_this_means,
        *condition.reasons_for,
        *condition.reasons_against,
    ]


def test_front_pain_worse_on_stairs_is_consistent_with_pfp() -> None:
    """Front-of-knee pain, worse on stairs and squatting, with a gradual onset, suggests PFP."""
    assert ids(likely(FRONT_PAIN_ON_STAIRS)) == [ConditionId.PFP]


def test_pfp_reasons_repeat_the_runners_own_answers() -> None:
    """The reasons for PFP name where it hurts and what makes it worse, in plain words."""
    (pfp,) = likely(FRONT_PAIN_ON_STAIRS)
    reasons = " ".join(pfp.reasons_for)

    assert "at the front of the knee (right knee)" in reasons
    assert "going down stairs" in reasons
    assert "squatting" in reasons


def test_pfp_says_only_a_clinician_can_rule_out_other_causes() -> None:
    """The meaning of PFP says it is likely, not certain, and a clinician must confirm."""
    (pfp,) = likely(FRONT_PAIN_ON_STAIRS)

    assert "consistent with" in pfp.what_this_means
    assert "clinician" in pfp.what_this_means


def test_pain_around_the_kneecap_when_sitting_is_consistent_with_pfp() -> None:
    """Long sitting counts as an activity loading the bent knee."""
    conditions = likely(
        FRONT_PAIN_ON_STAIRS,
        pain_location=PainLocation.AROUND_KNEECAP,
        worse_with=frozenset({Aggravator.PROLONGED_SITTING}),
    )

    assert ids(conditions) == [ConditionId.PFP]


def test_front_pain_worse_only_when_kneeling_is_something_else() -> None:
    """Kneeling is not one of the activities the PFP definitions name."""
    conditions = likely(FRONT_PAIN_ON_STAIRS, worse_with=frozenset({Aggravator.KNEELING}))

    assert ids(conditions) == [ConditionId.OTHER]


def test_outside_pain_worse_when_running_is_consistent_with_itbs() -> None:
    """Pain on the outside of the knee that builds with running suggests ITBS."""
    assert ids(likely(OUTSIDE_PAIN_WHEN_RUNNING)) == [ConditionId.ITBS]


def test_downhill_running_is_a_reason_for_itbs() -> None:
    """Running downhill, a known risk factor, is listed as a reason for ITBS."""
    (itbs,) = likely(
        OUTSIDE_PAIN_WHEN_RUNNING,
        worse_with=frozenset({Aggravator.DOWNHILL_RUNNING}),
    )

    assert itbs.id is ConditionId.ITBS
    assert any("downhill" in reason for reason in itbs.reasons_for)


def test_outside_pain_not_worse_with_running_is_something_else() -> None:
    """Without running making it worse, outside pain fits no pattern we check."""
    (other,) = likely(OUTSIDE_PAIN_WHEN_RUNNING, worse_with=frozenset({Aggravator.SQUATTING}))

    assert other.id is ConditionId.OTHER
    assert any("running" in reason for reason in other.reasons_for)
    assert any("outside" in reason for reason in other.reasons_against)


def test_pain_at_the_back_of_the_knee_is_something_else() -> None:
    """Back-of-knee pain fits neither PFP nor ITBS, and the reason says where it hurts."""
    (other,) = likely(FRONT_PAIN_ON_STAIRS, pain_location=PainLocation.BACK)

    assert other.id is ConditionId.OTHER
    assert "at the back of the knee" in other.reasons_for[0]


def test_pain_on_the_inside_of_the_knee_is_something_else() -> None:
    """Inside-of-knee pain fits neither PFP nor ITBS."""
    assert ids(likely(FRONT_PAIN_ON_STAIRS, pain_location=PainLocation.INSIDE)) == [
        ConditionId.OTHER
    ]


def test_pain_that_started_suddenly_is_something_else() -> None:
    """A sudden onset takes PFP off the list and says a clinician should check it."""
    (other,) = likely(FRONT_PAIN_ON_STAIRS, onset=Onset.SUDDEN)

    assert other.id is ConditionId.OTHER
    assert any("suddenly" in reason for reason in other.reasons_for)
    assert any("front of the knee" in reason for reason in other.reasons_against)


def test_a_red_flag_leaves_only_something_else_and_a_clinician_first() -> None:
    """With a red flag even a textbook PFP picture gives only "other", clinician first."""
    symptoms = dataclasses.replace(FRONT_PAIN_ON_STAIRS, has_dead_butt_feeling=True)
    (other,) = likely_conditions(symptoms, PROFILE, one_flag("locked_knee"))

    assert other.id is ConditionId.OTHER
    assert "clinician must look at your knee first" in other.reasons_for[0]
    assert "warning sign" in other.what_this_means


def test_a_dead_butt_feeling_adds_the_glute_amnesia_pattern() -> None:
    """A 'dead butt' feeling adds the glute amnesia pattern after the knee pattern."""
    conditions = likely(FRONT_PAIN_ON_STAIRS, has_dead_butt_feeling=True)

    assert ids(conditions) == [ConditionId.PFP, ConditionId.GLUTE_AMNESIA]


def test_glute_amnesia_is_presented_as_an_idea_not_a_diagnosis() -> None:
    """The glute amnesia pattern says plainly that it is not an established diagnosis."""
    glute = likely(FRONT_PAIN_ON_STAIRS, has_dead_butt_feeling=True)[-1]

    assert "not a diagnosis" in glute.title
    assert "not an established diagnosis" in glute.what_this_means
    assert any("no source" in source for source in glute.sources)


def test_tight_hamstrings_alone_do_not_add_glute_amnesia() -> None:
    """Without the 'dead butt' feeling, tight hamstrings are not enough."""
    conditions = likely(FRONT_PAIN_ON_STAIRS, has_tight_hamstrings=True)

    assert ConditionId.GLUTE_AMNESIA not in ids(conditions)


def test_hamstrings_that_are_not_tight_count_against_glute_amnesia() -> None:
    """A 'no' to tight hamstrings is listed against the pattern."""
    glute = likely(FRONT_PAIN_ON_STAIRS, has_dead_butt_feeling=True)[-1]

    assert glute.reasons_against == ("You did not say your hamstrings feel tight.",)


def test_sitting_hours_are_repeated_not_judged() -> None:
    """The runner's sitting hours appear in their own words, with no threshold applied."""
    glute = likely(FRONT_PAIN_ON_STAIRS, has_dead_butt_feeling=True)[-1]

    assert any("about 8 hours a day" in reason for reason in glute.reasons_for)


@given(symptoms=any_symptoms, answers=red_flag_answers, age_years=runner_ages_years)
def test_there_is_always_one_knee_pattern_or_something_else(
    symptoms: Symptoms, answers: dict[str, bool], age_years: int
) -> None:
    """Exactly one of PFP, ITBS or "other" comes first; glute amnesia may follow it."""
    screen = screen_red_flags(answers, age_years=age_years)
    found = ids(likely_conditions(symptoms, PROFILE, screen))

    assert found[0] in {ConditionId.PFP, ConditionId.ITBS, ConditionId.OTHER}
    assert found[1:] in ([], [ConditionId.GLUTE_AMNESIA])


@given(symptoms=any_symptoms, answers=red_flag_answers, age_years=runner_ages_years)
def test_no_condition_ever_tells_the_runner_they_have_it(
    symptoms: Symptoms, answers: dict[str, bool], age_years: int
) -> None:
    """No title, meaning or reason says "you have"."""
    screen = screen_red_flags(answers, age_years=age_years)

    for condition in likely_conditions(symptoms, PROFILE, screen):
        assert not any("you have" in text.lower() for text in every_text(condition))


@given(symptoms=any_symptoms, answers=red_flag_answers, age_years=runner_ages_years)
def test_a_red_flag_always_means_something_else_only(
    symptoms: Symptoms, answers: dict[str, bool], age_years: int
) -> None:
    """Whenever a red flag is raised, "other" is the only condition listed."""
    screen = screen_red_flags(answers, age_years=age_years)
    found = ids(likely_conditions(symptoms, PROFILE, screen))

    assert (found == [ConditionId.OTHER]) or not screen.flags
