"""The shoe advisor: the catalogue as data, the answers, each rule and what it never says."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.shoe_catalogue import (
    ShoeCatalogue,
    SupportCategory,
    parse_shoe_catalogue,
    read_shoe_catalogue,
)
from hipfirst.core.shoes import (
    ANSWER_FIELDS,
    FootStrike,
    Pronation,
    ShoeAdvice,
    ShoeAnswers,
    parse_shoe_answers,
    recommend_shoes,
    shoe_advice_as_json,
)

CATALOGUE = read_shoe_catalogue()
PLAIN = ShoeAnswers(
    has_knee_collapse=False,
    overpronation=Pronation.NONE,
    has_cadence_goal=False,
    foot_strike=FootStrike.UNKNOWN,
    preferred_drop_mm=None,
    budget_usd=None,
)
VALID = {
    "knee_collapse": True,
    "overpronation": "mild",
    "cadence_goal": False,
    "foot_strike": "heel",
    "preferred_drop_mm": 8,
    "budget": 150,
}
# Words hipfirst never uses about shoes or the runner (STYLE.md, shoes.md section 5).
FORBIDDEN = re.compile(r"\b(fix|fixes|cure|cures|you have|prevents)\b", re.IGNORECASE)

# A strategy local to this module: no other test needs shoe answers.
shoe_answers = st.builds(
    ShoeAnswers,
    has_knee_collapse=st.booleans(),
    overpronation=st.sampled_from(Pronation),
    has_cadence_goal=st.booleans(),
    foot_strike=st.sampled_from(FootStrike),
    preferred_drop_mm=st.none() | st.integers(0, 16),
    budget_usd=st.none() | st.integers(1, 400),
)


def _ids(advice: ShoeAdvice) -> list[str]:
    return [pick.shoe.id for pick in advice.recommendations]


def _texts(advice: ShoeAdvice) -> list[str]:
    reasons = [reason.text for pick in advice.recommendations for reason in pick.reasons]
    return reasons + [caveat.text for caveat in advice.caveats]


def _raw_catalogue() -> dict[str, Any]:
    text = (files("hipfirst.core") / "data" / "shoes.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


# --- The catalogue.
def test_the_catalogue_holds_ten_shoes_of_every_support_category() -> None:
    """Ten shoes with unique ids, covering neutral, stability and motion control."""
    ids = [shoe.id for shoe in CATALOGUE.shoes]

    assert len(ids) == 10
    assert len(set(ids)) == 10
    assert {shoe.category for shoe in CATALOGUE.shoes} == set(SupportCategory)


def test_every_shoe_names_where_its_figures_come_from() -> None:
    """Each shoe has a source and a status from the fact sheets' key."""
    for shoe in CATALOGUE.shoes:
        assert shoe.source.strip()
        assert shoe.status in {"verified", "secondary", "unverified"}


def test_a_shoe_added_as_data_is_recommended_without_code() -> None:
    """A new [[shoes]] table is read and can be picked."""
    raw = _raw_catalogue()
    raw["shoes"].append(
        {
            "id": "test-zero",
            "name": "Test Zero",
            "category": "neutral",
            "support_technology": "no support technology",
            "drop_mm": 4,
            "weight_g": 200,
            "list_price_usd": 60,
            "source": "a test",
            "status": "unverified",
        }
    )
    catalogue = parse_shoe_catalogue(raw)

    advice = recommend_shoes(replace(PLAIN, budget_usd=60), catalogue)

    assert _ids(advice) == ["test-zero"]


def test_a_shoe_without_a_drop_is_refused_with_the_field_named() -> None:
    """A catalogue row missing drop_mm raises, naming the row and the field."""
    raw = _raw_catalogue()
    del raw["shoes"][3]["drop_mm"]

    with pytest.raises(InvalidAnswer) as raised:
        parse_shoe_catalogue(raw)

    assert raised.value.field == "shoes[3].drop_mm"


def test_two_shoes_with_one_id_are_refused() -> None:
    """Ids must be unique, or a recommendation would be ambiguous."""
    raw = _raw_catalogue()
    raw["shoes"].append(dict(raw["shoes"][0]))

    with pytest.raises(InvalidAnswer, match="share the id"):
        parse_shoe_catalogue(raw)


# --- The answers.
def test_valid_answers_are_read() -> None:
    """The documented answers file becomes typed answers."""
    answers = parse_shoe_answers(VALID)

    assert answers == ShoeAnswers(True, Pronation.MILD, False, FootStrike.HEEL, 8, 150)


def test_drop_and_budget_may_be_left_out() -> None:
    """No preference: the two optional answers may be missing or null."""
    answers = parse_shoe_answers({k: v for k, v in VALID.items() if k != "budget"})

    assert answers.budget_usd is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("knee_collapse", "yes"),
        ("knee_collapse", None),
        ("overpronation", "severe"),
        ("cadence_goal", 1),
        ("foot_strike", "toe"),
        ("preferred_drop_mm", 30),
        ("preferred_drop_mm", True),
        ("preferred_drop_mm", 8.5),
        ("budget", 0),
        ("budget", "cheap"),
    ],
)
def test_a_wrong_answer_is_refused_naming_its_field(field: str, value: object) -> None:
    """Each malformed answer raises InvalidAnswer on its own field."""
    with pytest.raises(InvalidAnswer) as raised:
        parse_shoe_answers({**VALID, field: value})

    assert raised.value.field == field


@pytest.mark.parametrize("field", ["knee_collapse", "overpronation", "cadence_goal", "foot_strike"])
def test_a_missing_required_answer_is_refused(field: str) -> None:
    """A missing answer is never taken as 'no'."""
    with pytest.raises(InvalidAnswer) as raised:
        parse_shoe_answers({k: v for k, v in VALID.items() if k != field})

    assert raised.value.field == field


def test_an_unknown_answer_is_refused() -> None:
    """A misspelt question is an error, not silently ignored."""
    with pytest.raises(InvalidAnswer) as raised:
        parse_shoe_answers({**VALID, "knee_colapse": True})

    assert raised.value.field == "knee_colapse"


# --- The rules, one by one.
def test_feet_that_roll_in_a_lot_put_the_motion_control_shoe_first() -> None:
    """Heavy overpronation: the motion-control shoe leads, the rest are stability shoes."""
    advice = recommend_shoes(replace(PLAIN, overpronation=Pronation.HEAVY))
    categories = [pick.shoe.category for pick in advice.recommendations]

    assert categories[0] is SupportCategory.MOTION_CONTROL
    assert SupportCategory.NEUTRAL not in categories
    assert "Malisoux 2016" in advice.recommendations[0].reasons[1].text


def test_feet_that_roll_in_a_little_get_stability_shoes() -> None:
    """Mild overpronation: stability shoes, citing the trial, with 'an option, not a need'."""
    advice = recommend_shoes(replace(PLAIN, overpronation=Pronation.MILD))

    assert {p.shoe.category for p in advice.recommendations} == {SupportCategory.STABILITY}
    assert "an option, not a need" in advice.recommendations[0].reasons[1].text


def test_feet_that_do_not_roll_in_get_neutral_shoes() -> None:
    """No overpronation: neutral shoes, after the review's general advice."""
    advice = recommend_shoes(PLAIN)

    assert {p.shoe.category for p in advice.recommendations} == {SupportCategory.NEUTRAL}
    assert "Agresta 2022" in advice.recommendations[0].reasons[1].text


def test_a_heel_striker_gets_the_higher_drop_first() -> None:
    """Landing on the heel favours drops of 8 mm or more (preferred movement path)."""
    heel = recommend_shoes(replace(PLAIN, foot_strike=FootStrike.HEEL))
    fore = recommend_shoes(replace(PLAIN, foot_strike=FootStrike.FORE))

    assert heel.recommendations[0].shoe.drop_mm >= 8
    assert fore.recommendations[0].shoe.drop_mm <= 8
    assert "Nigg 2015" in " ".join(r.text for r in heel.recommendations[0].reasons)


def test_a_preferred_drop_brings_shoes_of_that_drop() -> None:
    """A preferred drop of 0 mm puts the zero-drop shoe in the three."""
    advice = recommend_shoes(replace(PLAIN, preferred_drop_mm=0))

    assert advice.recommendations[0].shoe.drop_mm == 0
    assert "the same as the 0 mm you prefer" in advice.recommendations[0].reasons[-1].text


def test_a_much_lower_drop_than_preferred_loses_points_and_says_why() -> None:
    """Preferring 12 mm: the zero-drop shoe scores lower, citing the drop trial."""
    without = {p.shoe.id: p for p in _all_scores(PLAIN)}
    with_12 = {p.shoe.id: p for p in _all_scores(replace(PLAIN, preferred_drop_mm=12))}

    assert with_12["altra-torin-8"].score < without["altra-torin-8"].score
    assert any("12 mm lower" in r.text for r in with_12["altra-torin-8"].reasons)


def _all_scores(answers: ShoeAnswers):  # every shoe scored: a catalogue asking for all ten
    many = replace(CATALOGUE, rules=replace(CATALOGUE.rules, count=len(CATALOGUE.shoes)))
    return recommend_shoes(answers, many).recommendations


def test_a_knee_that_moves_inward_alone_changes_no_score() -> None:
    """No shoe study measured knee collapse: the picks stay; a caveat says to train it."""
    advice = recommend_shoes(replace(PLAIN, has_knee_collapse=True))

    assert _ids(advice) == _ids(recommend_shoes(PLAIN))
    assert any("something to train" in caveat.text for caveat in advice.caveats)


def test_a_knee_that_moves_inward_with_rolling_feet_adds_the_secondary_analysis() -> None:
    """With overpronation, the Willems 2021 analysis (kneecap pain among the injuries) adds."""
    advice = recommend_shoes(replace(PLAIN, has_knee_collapse=True, overpronation=Pronation.MILD))

    assert all(
        any("Willems 2021" in r.text for r in pick.reasons) for pick in advice.recommendations
    )


def test_a_cadence_goal_favours_light_shoes_and_points_to_the_metronome() -> None:
    """Working on step rate: light shoes get a reason; a caveat says shoes don't set it."""
    advice = recommend_shoes(replace(PLAIN, has_cadence_goal=True))

    assert advice.recommendations[0].shoe.weight_g <= CATALOGUE.rules.light_max_g
    assert any("metronome" in caveat.text for caveat in advice.caveats)


def test_a_budget_below_every_price_gives_no_shoe_and_says_so() -> None:
    """Nothing is recommended over the budget, even when that leaves nothing."""
    advice = recommend_shoes(replace(PLAIN, budget_usd=50))

    assert advice.recommendations == ()
    assert any("None of the 10 shoes" in caveat.text for caveat in advice.caveats)


def test_the_low_drop_caveat_comes_with_a_low_drop_shoe() -> None:
    """A pick of 6 mm or less brings the calf and Achilles trade-off; 12 mm picks don't."""
    low = recommend_shoes(replace(PLAIN, preferred_drop_mm=0))
    high = recommend_shoes(replace(PLAIN, overpronation=Pronation.HEAVY, preferred_drop_mm=12))

    assert any("Achilles" in caveat.text for caveat in low.caveats)
    assert all(pick.shoe.drop_mm > 6 for pick in high.recommendations)
    assert not any("Achilles" in caveat.text for caveat in high.caveats)


def test_rolling_feet_are_not_called_a_cause_of_knee_pain() -> None:
    """With overpronation the advice cites Nielsen 2014: no more injuries in neutral shoes."""
    advice = recommend_shoes(replace(PLAIN, overpronation=Pronation.HEAVY))

    assert any("Nielsen 2014" in caveat.text for caveat in advice.caveats)


# --- What always holds.
@given(answers=shoe_answers)
def test_three_shoes_whenever_the_catalogue_allows(answers: ShoeAnswers) -> None:
    """Three recommendations, or every affordable shoe when fewer fit the budget."""
    affordable = [
        s
        for s in CATALOGUE.shoes
        if answers.budget_usd is None or s.list_price_usd <= answers.budget_usd
    ]

    assert len(recommend_shoes(answers).recommendations) == min(3, len(affordable))


@given(answers=shoe_answers)
def test_no_shoe_is_ever_above_the_budget(answers: ShoeAnswers) -> None:
    """With a budget, every recommended shoe costs no more."""
    advice = recommend_shoes(answers)

    if answers.budget_usd is not None:
        assert all(p.shoe.list_price_usd <= answers.budget_usd for p in advice.recommendations)


@given(answers=shoe_answers)
def test_the_caveats_always_say_what_shoes_cannot_do(answers: ShoeAnswers) -> None:
    """Every answer set gets the treatment, glutes, comfort and general-information caveats."""
    caveats = " ".join(caveat.text for caveat in recommend_shoes(answers).caveats)

    assert "No shoe has been shown to prevent or treat kneecap pain" in caveats
    assert "cannot strengthen your glutes" in caveats
    assert "comfortable" in caveats
    assert "not a medical recommendation" in caveats


@given(answers=shoe_answers)
def test_no_text_calls_a_shoe_a_fix_or_diagnoses(answers: ShoeAnswers) -> None:
    """No reason or caveat says 'fix', 'cure', 'prevents' or 'you have'."""
    assert not [text for text in _texts(recommend_shoes(answers)) if FORBIDDEN.search(text)]


@given(answers=shoe_answers)
def test_every_reason_but_the_description_names_a_study_or_says_it_is_hipfirsts(
    answers: ShoeAnswers,
) -> None:
    """A rule's reason cites a source, or says it is hipfirst's choice, or is about drop feel."""
    for pick in recommend_shoes(answers).recommendations:
        for reason in pick.reasons[1:]:
            assert reason.sources or "higher than you prefer" in reason.text
            assert all(key in CATALOGUE.sources for key in reason.sources)


@given(answers=shoe_answers)
def test_the_advice_is_the_same_every_time(answers: ShoeAnswers) -> None:
    """Deterministic: ties break on price, then id."""
    assert recommend_shoes(answers) == recommend_shoes(answers)


def test_the_json_has_exactly_the_documented_keys() -> None:
    """{"recommendations": [{"id", "name", "reasons"}], "caveats"}, reasons as strings."""
    document = shoe_advice_as_json(recommend_shoes(parse_shoe_answers(VALID)))

    assert list(document) == ["recommendations", "caveats"]
    assert all(list(pick) == ["id", "name", "reasons"] for pick in document["recommendations"])
    assert all(
        isinstance(text, str) for pick in document["recommendations"] for text in pick["reasons"]
    )
    assert all(isinstance(text, str) for text in document["caveats"])


def test_the_answer_fields_are_the_documented_six() -> None:
    """The CLI's and the web form's field names."""
    assert ANSWER_FIELDS == (
        "knee_collapse",
        "overpronation",
        "cadence_goal",
        "foot_strike",
        "preferred_drop_mm",
        "budget",
    )


def test_the_catalogue_is_a_shoe_catalogue() -> None:
    """read_shoe_catalogue returns the parsed data file, cached."""
    assert isinstance(CATALOGUE, ShoeCatalogue)
    assert read_shoe_catalogue() is CATALOGUE
