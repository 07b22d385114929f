"""Reading an answers document and assessing it: errors name the answer that is wrong."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from hipfirst.core.assessment import ANSWERS_SCHEMA, assess, parse_answers, result_as_json
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.kujala import KUJALA_ITEMS
from hipfirst.core.triage import RED_FLAG_QUESTIONS
from tests.data import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
CLEAN = EXAMPLES / "answers-clean.json"
RED_FLAG = EXAMPLES / "answers-red-flag.json"
RESULT_KEYS = ["red_flags", "referral", "likely_conditions", "kujala", "programme_allowed"]


def document(path: Path = CLEAN) -> dict[str, Any]:  # Any: decoded JSON
    """A fresh copy of an example answers document."""
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def set_at(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, Any]], None]:
    """A change that puts `value` at `path` in a document."""

    def change(doc: dict[str, Any]) -> None:
        *parents, last = path
        target: Any = doc  # Any: walking decoded JSON
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def delete_at(*path: str) -> Callable[[dict[str, Any]], None]:
    """A change that removes the answer at `path` from a document."""

    def change(doc: dict[str, Any]) -> None:
        *parents, last = path
        target: Any = doc  # Any: walking decoded JSON
        for key in parents:
            target = target[key]
        del target[last]

    return change


BAD_ANSWERS = [
    pytest.param(set_at(("profile", "age"), "thirty"), "profile.age", id="age-as-text"),
    pytest.param(set_at(("profile", "age"), 34.5), "profile.age", id="age-not-whole"),
    pytest.param(set_at(("profile", "age"), -1), "profile.age", id="age-negative"),
    pytest.param(delete_at("profile", "sex"), "profile.sex", id="sex-missing"),
    pytest.param(set_at(("profile", "sex"), "f"), "profile.sex", id="sex-unknown"),
    pytest.param(set_at(("profile", "sitting_hours_per_day"), 25), "profile.sitting_hours_per_day"),
    pytest.param(set_at(("profile", "shoe_size"), 42), "profile.shoe_size", id="extra-answer"),
    pytest.param(delete_at("red_flags", "locked_knee"), "red_flags.locked_knee", id="flag-missing"),
    pytest.param(set_at(("red_flags", "locked_knee"), "no"), "red_flags.locked_knee"),
    pytest.param(set_at(("red_flags", "sore_toe"), True), "red_flags.sore_toe", id="flag-unknown"),
    pytest.param(set_at(("symptoms", "pain_location"), "shin"), "symptoms.pain_location"),
    pytest.param(set_at(("symptoms", "worse_with", 1), "cycling"), "symptoms.worse_with[1]"),
    pytest.param(set_at(("pain", "worst"), 11), "pain.worst", id="pain-above-10"),
    pytest.param(set_at(("kujala", 3), "z"), "kujala[3]", id="kujala-letter"),
    pytest.param(set_at(("kujala", 0), "d"), "kujala[0]", id="kujala-letter-not-in-item"),
    pytest.param(set_at(("kujala",), ["a"] * 12), "kujala", id="kujala-short"),
    pytest.param(delete_at("pain"), "pain", id="pain-missing"),
]


@pytest.mark.parametrize("path", [CLEAN, RED_FLAG], ids=lambda path: path.stem)
def test_the_examples_are_valid_answers(path: Path) -> None:
    """Both example documents pass the schema."""
    assert not list(Draft202012Validator(dict(ANSWERS_SCHEMA)).iter_errors(document(path)))


def test_the_schema_is_valid_draft_2020_12() -> None:
    """The answers schema is itself a valid draft 2020-12 schema."""
    Draft202012Validator.check_schema(dict(ANSWERS_SCHEMA))


def test_the_schema_requires_every_red_flag_question_but_the_optional_ones() -> None:
    """The schema asks exactly the screen's questions and requires all not marked optional."""
    red_flags = ANSWERS_SCHEMA["properties"]["red_flags"]
    asked = {flag.id for flag in RED_FLAG_QUESTIONS}
    required = {flag.id for flag in RED_FLAG_QUESTIONS if not flag.is_optional}

    assert set(red_flags["properties"]) == asked
    assert set(red_flags["required"]) == required
    assert len(required) == 13


def test_the_schema_quotes_each_red_flag_question() -> None:
    """Each red-flag answer's title in the schema quotes the question as the screen asks it."""
    titles = {
        name: answer["title"]
        for name, answer in ANSWERS_SCHEMA["properties"]["red_flags"]["properties"].items()
    }

    assert all(flag.question in titles[flag.id] for flag in RED_FLAG_QUESTIONS if flag.question)


def test_the_schema_kujala_letters_match_the_scale() -> None:
    """Each Kujala position in the schema accepts exactly that item's letters."""
    positions = ANSWERS_SCHEMA["properties"]["kujala"]["prefixItems"]

    assert [p["enum"] for p in positions] == [list(item.letters) for item in KUJALA_ITEMS]


@pytest.mark.parametrize(("change", "field"), BAD_ANSWERS)
def test_a_wrong_answer_is_named_by_its_field(
    change: Callable[[dict[str, Any]], None], field: str
) -> None:
    """Each kind of wrong answer raises InvalidAnswer naming that answer."""
    doc = document()
    change(doc)

    with pytest.raises(InvalidAnswer) as raised:
        parse_answers(doc)

    assert raised.value.field == field


def test_an_error_message_is_in_plain_words() -> None:
    """The message says which answer is wrong and what it should be."""
    doc = document()
    doc["profile"]["age"] = "thirty"

    with pytest.raises(InvalidAnswer, match=r"^Your age should be a whole number\.$"):
        parse_answers(doc)


def test_a_missing_red_flag_answer_quotes_the_question() -> None:
    """A missing warning-sign answer is never read as no; the message quotes the question."""
    doc = document()
    del doc["red_flags"]["hot_swollen_or_fever"]

    with pytest.raises(InvalidAnswer, match="Is your knee hot, red and swollen"):
        parse_answers(doc)


def test_a_wrong_kujala_letter_lists_the_letters_allowed() -> None:
    """A letter an item does not have names the item and the letters it has."""
    doc = document()
    doc["kujala"][0] = "d"

    with pytest.raises(InvalidAnswer, match=r"Knee question 1 \(limp\) should be one of: a, b, c"):
        parse_answers(doc)


def test_a_missing_weight_reads_as_not_given() -> None:
    """Weight is optional: left out, it is None, never 0."""
    assert parse_answers(document(RED_FLAG)).profile.weight_kg is None


def test_a_whole_number_written_with_a_decimal_point_is_read_as_a_whole_number() -> None:
    """Pain 3.0 passes the schema's integer check and is read as the int 3."""
    doc = document()
    doc["pain"]["now"] = 3.0

    now = parse_answers(doc).pain.now_0_10

    assert now == 3
    assert isinstance(now, int)


def test_the_clean_example_gives_the_expected_result() -> None:
    """The clean example: no flags, PFP with the glute amnesia pattern, Kujala 79, may start."""
    result = result_as_json(assess(parse_answers(document(CLEAN))))

    assert list(result) == RESULT_KEYS
    assert result["red_flags"] == []
    assert result["referral"] is None
    assert [c["id"] for c in result["likely_conditions"]] == ["pfp", "glute_amnesia"]
    assert result["kujala"]["score"] == 79
    assert result["programme_allowed"] is True


def test_the_red_flag_example_blocks_the_programme_and_refers() -> None:
    """The red-flag example: two flags, an urgent referral, "other" only, no programme."""
    result = result_as_json(assess(parse_answers(document(RED_FLAG))))

    assert result["red_flags"] == ["locked_knee", "night_or_rest_pain"]
    assert result["referral"]["urgency"] == "urgent"
    assert set(result["referral"]) == {"urgency", "who", "why"}
    assert [c["id"] for c in result["likely_conditions"]] == ["other"]
    assert result["kujala"]["score"] == 56
    assert result["programme_allowed"] is False


@pytest.mark.parametrize("path", [CLEAN, RED_FLAG], ids=lambda path: path.stem)
def test_each_likely_condition_has_exactly_id_and_reasons(path: Path) -> None:
    """Conditions in the JSON carry only id, reasons_for and reasons_against."""
    result = result_as_json(assess(parse_answers(document(path))))

    for condition in result["likely_conditions"]:
        assert list(condition) == ["id", "reasons_for", "reasons_against"]


@pytest.mark.parametrize("path", [CLEAN, RED_FLAG], ids=lambda path: path.stem)
def test_the_result_survives_a_json_round_trip(path: Path) -> None:
    """The JSON result holds only JSON values."""
    result = result_as_json(assess(parse_answers(document(path))))

    assert json.loads(json.dumps(result)) == result


def test_a_clinicians_clearance_lets_a_flagged_runner_start() -> None:
    """With cleared_by_clinician true, the referral stays and the programme is allowed."""
    doc = document(RED_FLAG)
    doc["cleared_by_clinician"] = True

    result = result_as_json(assess(parse_answers(doc)))

    assert result["programme_allowed"] is True
    assert result["referral"] is not None


def test_a_runner_aged_16_is_referred_from_the_profile_age() -> None:
    """The age in the profile raises the adolescent flag without any yes answer."""
    doc = copy.deepcopy(document(CLEAN))
    doc["profile"]["age"] = 16

    result = result_as_json(assess(parse_answers(doc)))

    assert result["red_flags"] == ["adolescent_knee_pain"]
    assert result["programme_allowed"] is False


def test_a_file_with_only_the_thirteen_original_red_flag_ids_is_accepted() -> None:
    """The issue's minimum vocabulary is enough: the extra injury questions are optional."""
    document = json.loads((EXAMPLES / "answers-clean.json").read_text())
    for extra in (
        "recent_knee_injury",
        "injury_cannot_bend_knee",
        "injury_kneecap_or_fibula_tender",
    ):
        del document["red_flags"][extra]

    result = assess(parse_answers(document))

    assert result_as_json(result)["programme_allowed"] is True
