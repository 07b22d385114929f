"""The red-flag screen: whom to see, how soon, and whether the programme may start."""

from __future__ import annotations

import pytest
from hypothesis import given

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.triage import (
    RED_FLAG_QUESTIONS,
    RED_FLAGS,
    RedFlag,
    Urgency,
    screen_red_flags,
)
from tests.strategies import red_flag_answers, runner_ages_years

# The ids the CLI's ANSWERS.json uses (issue 4); they must never be renamed.
ISSUE_IDS = {
    "trauma_cannot_bear_weight",
    "cannot_bear_weight",
    "hot_swollen_or_fever",
    "dislocation_or_tendon_rupture",
    "locked_knee",
    "giving_way_after_injury",
    "large_swelling_after_injury",
    "night_or_rest_pain",
    "weight_loss_or_lump",
    "numbness_or_cold_leg",
    "rapidly_worsening",
    "inflammatory_arthritis_history",
    "recent_knee_surgery",
}
# Urgency per question, from the table in ../shared/science/conditions_and_red_flags.md
# (row in the comment); where a row gives two levels we expect the more urgent one.
EXPECTED_URGENCY = {
    "trauma_cannot_bear_weight": Urgency.EMERGENCY,  # row 1
    "cannot_bear_weight": Urgency.EMERGENCY,  # row 10
    "hot_swollen_or_fever": Urgency.EMERGENCY,  # row 5
    "dislocation_or_tendon_rupture": Urgency.EMERGENCY,  # row 6
    "recent_knee_injury": Urgency.URGENT,  # rows 2-4, "treat trauma onset as see a clinician"
    "injury_cannot_bend_knee": Urgency.EMERGENCY,  # row 3
    "injury_kneecap_or_fibula_tender": Urgency.EMERGENCY,  # row 4
    "locked_knee": Urgency.URGENT,  # row 7
    "giving_way_after_injury": Urgency.URGENT,  # row 8
    "large_swelling_after_injury": Urgency.URGENT,  # row 9
    "night_or_rest_pain": Urgency.URGENT,  # row 11
    "weight_loss_or_lump": Urgency.URGENT,  # row 12
    "numbness_or_cold_leg": Urgency.URGENT,  # row 13
    "rapidly_worsening": Urgency.URGENT,  # row 14
    "inflammatory_arthritis_history": Urgency.ROUTINE,  # row 15
    "recent_knee_surgery": Urgency.ROUTINE,  # row 18
}
ADULT_YEARS = 35


def all_no() -> dict[str, bool]:
    """A "no" to every red-flag question."""
    return {flag.id: False for flag in RED_FLAG_QUESTIONS}


def test_every_issue_id_is_asked() -> None:
    """All 13 ids of the answers vocabulary are questions the screen asks."""
    assert ISSUE_IDS.issubset(flag.id for flag in RED_FLAG_QUESTIONS)


def test_every_question_has_an_expected_urgency() -> None:
    """This test's table covers every question the screen asks."""
    assert {flag.id for flag in RED_FLAG_QUESTIONS} == set(EXPECTED_URGENCY)


def test_no_yes_answers_raise_no_flag_and_allow_the_programme() -> None:
    """An adult answering no to everything has no flag, no referral and may start."""
    screen = screen_red_flags(all_no(), age_years=ADULT_YEARS)

    assert screen.flags == ()
    assert screen.referral is None
    assert screen.allows_programme


@pytest.mark.parametrize(("question", "urgency"), sorted(EXPECTED_URGENCY.items()))
def test_each_yes_raises_its_flag_with_its_urgency(question: str, urgency: Urgency) -> None:
    """A yes raises that flag alone, refers at its urgency and blocks the programme."""
    screen = screen_red_flags({**all_no(), question: True}, age_years=ADULT_YEARS)

    assert screen.ids == (question,)
    assert screen.referral is not None
    assert screen.referral.urgency is urgency
    assert not screen.allows_programme


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda flag: flag.id)
def test_each_flag_says_whom_to_see_and_why_in_cautious_words(flag: RedFlag) -> None:
    """Every flag has whom to see, a 'consistent with' reason and a source in the science file."""
    assert flag.who
    assert "consistent with" in flag.why
    assert "conditions_and_red_flags.md" in flag.source


@pytest.mark.parametrize("flag", RED_FLAG_QUESTIONS, ids=lambda flag: flag.id)
def test_each_question_is_one_plain_question(flag: RedFlag) -> None:
    """Every asked flag is a single question a runner can answer yes or no."""
    question = flag.question

    assert question is not None
    assert question.endswith("?")
    assert question.count("?") == 1


def test_urgencies_rank_emergency_then_urgent_then_routine() -> None:
    """Emergency is more urgent than urgent, which is more urgent than routine."""
    assert Urgency.EMERGENCY.rank < Urgency.URGENT.rank < Urgency.ROUTINE.rank


def test_the_most_urgent_flag_sets_the_referral() -> None:
    """With routine, urgent and emergency flags, the referral is the emergency one's."""
    answers = {
        **all_no(),
        "recent_knee_surgery": True,
        "locked_knee": True,
        "hot_swollen_or_fever": True,
    }
    screen = screen_red_flags(answers, age_years=ADULT_YEARS)
    hot = next(flag for flag in RED_FLAGS if flag.id == "hot_swollen_or_fever")

    assert screen.ids == ("hot_swollen_or_fever", "locked_knee", "recent_knee_surgery")
    assert screen.referral is not None
    assert screen.referral.urgency is Urgency.EMERGENCY
    assert screen.referral.who == hot.who


def test_the_referral_gives_every_reason() -> None:
    """The combined referral explains every flag raised, not only the most urgent."""
    answers = {**all_no(), "locked_knee": True, "recent_knee_surgery": True}
    screen = screen_red_flags(answers, age_years=ADULT_YEARS)

    assert screen.referral is not None
    assert all(flag.why in screen.referral.why for flag in screen.flags)


@given(answers=red_flag_answers, age_years=runner_ages_years)
def test_the_referral_is_as_urgent_as_the_most_urgent_flag(
    answers: dict[str, bool], age_years: int
) -> None:
    """Whatever the answers, the referral's urgency is the highest of the flags raised."""
    screen = screen_red_flags(answers, age_years=age_years)

    if screen.referral is None:
        assert screen.flags == ()
    else:
        assert screen.referral.urgency.rank == min(flag.urgency.rank for flag in screen.flags)


@given(answers=red_flag_answers, age_years=runner_ages_years)
def test_the_programme_waits_whenever_a_flag_is_raised(
    answers: dict[str, bool], age_years: int
) -> None:
    """Without a clinician's clearance, the programme is allowed exactly when no flag is raised."""
    screen = screen_red_flags(answers, age_years=age_years)

    assert screen.allows_programme is (screen.flags == ())


@given(answers=red_flag_answers, age_years=runner_ages_years)
def test_every_yes_answer_raises_its_flag(answers: dict[str, bool], age_years: int) -> None:
    """No question answered yes is ever left out of the flags."""
    screen = screen_red_flags(answers, age_years=age_years)

    assert {question for question, yes in answers.items() if yes} <= set(screen.ids)


@pytest.mark.parametrize("age_years", [8, 12, 16])
def test_a_runner_aged_16_or_under_is_sent_for_a_hip_check(age_years: int) -> None:
    """Knee pain at 16 or under raises the slipped-epiphysis flag, urgently."""
    screen = screen_red_flags(all_no(), age_years=age_years)

    assert screen.ids == ("adolescent_knee_pain",)
    assert screen.referral is not None
    assert screen.referral.urgency is Urgency.URGENT
    assert "hip" in screen.referral.who


def test_a_runner_aged_17_is_not_flagged_for_age() -> None:
    """At 17 age alone raises no flag."""
    assert screen_red_flags(all_no(), age_years=17).flags == ()


def test_a_young_runner_with_night_pain_is_sent_the_same_day() -> None:
    """At 16 or under, night pain adds the paediatric flag and an emergency referral."""
    screen = screen_red_flags({**all_no(), "night_or_rest_pain": True}, age_years=14)

    assert "adolescent_night_pain_or_fever" in screen.ids
    assert screen.referral is not None
    assert screen.referral.urgency is Urgency.EMERGENCY


def test_an_injury_at_55_needs_an_x_ray_the_same_day() -> None:
    """After a knee injury, age 55 or over raises the Ottawa age flag, an emergency."""
    screen = screen_red_flags({**all_no(), "recent_knee_injury": True}, age_years=55)

    assert screen.ids == ("injury_age_55_or_over", "recent_knee_injury")
    assert screen.referral is not None
    assert screen.referral.urgency is Urgency.EMERGENCY


def test_an_injury_at_54_is_urgent_but_not_an_emergency() -> None:
    """Below 55 an injury alone refers within days."""
    screen = screen_red_flags({**all_no(), "recent_knee_injury": True}, age_years=54)

    assert screen.ids == ("recent_knee_injury",)


def test_age_55_without_an_injury_raises_no_flag() -> None:
    """The Ottawa age item applies only after an injury."""
    assert screen_red_flags(all_no(), age_years=70).flags == ()


def test_a_clinicians_clearance_allows_the_programme_and_keeps_the_referral() -> None:
    """Once cleared, the runner may start, and the flags and referral stay on record."""
    screen = screen_red_flags(
        {**all_no(), "locked_knee": True}, age_years=ADULT_YEARS, is_cleared_by_clinician=True
    )

    assert screen.allows_programme
    assert screen.ids == ("locked_knee",)
    assert screen.referral is not None


def test_a_missing_answer_is_an_error_not_a_no() -> None:
    """Leaving a question out names it instead of treating it as no."""
    answers = all_no()
    del answers["locked_knee"]

    with pytest.raises(InvalidAnswer) as raised:
        screen_red_flags(answers, age_years=ADULT_YEARS)

    assert raised.value.field == "red_flags.locked_knee"


def test_an_unknown_question_is_rejected() -> None:
    """An id hipfirst does not ask is named in the error."""
    with pytest.raises(InvalidAnswer) as raised:
        screen_red_flags({**all_no(), "sore_toe": True}, age_years=ADULT_YEARS)

    assert raised.value.field == "red_flags.sore_toe"


def test_an_answer_that_is_not_true_or_false_is_rejected() -> None:
    """A text answer such as "no" is not read as false."""
    answers: dict[str, object] = {**all_no(), "locked_knee": "no"}

    with pytest.raises(InvalidAnswer) as raised:
        screen_red_flags(answers, age_years=ADULT_YEARS)  # type: ignore[arg-type]  # on purpose

    assert raised.value.field == "red_flags.locked_knee"


def test_a_negative_age_is_rejected() -> None:
    """An age below zero names the profile's age."""
    with pytest.raises(InvalidAnswer) as raised:
        screen_red_flags(all_no(), age_years=-1)

    assert raised.value.field == "profile.age"


def test_a_missing_optional_question_counts_as_not_asked() -> None:
    """Leaving out an optional injury question raises nothing and no flag."""
    answers = {k: v for k, v in all_no().items() if k != "recent_knee_injury"}

    assert screen_red_flags(answers, age_years=ADULT_YEARS).flags == ()


def test_a_missing_required_question_is_an_error_not_a_no() -> None:
    """Leaving out one of the required questions names it instead of guessing "no"."""
    answers = {k: v for k, v in all_no().items() if k != "locked_knee"}

    with pytest.raises(InvalidAnswer) as caught:
        screen_red_flags(answers, age_years=ADULT_YEARS)

    assert caught.value.field == "red_flags.locked_knee"
