"""The core's readers of answers fuzzed: only ``InvalidAnswer`` escapes them (issue 12).

An answers document (``hipfirst assess``, ``plan``, the API), a wizard section, the shoe
advisor's answers and the programme's day and kit names, each given structured-but-wrong
input: the real documents with parts dropped, replaced by any JSON (NaN, infinities,
huge integers, NUL) or added. Whatever is accepted must give a result that prints as
strict JSON.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hipfirst.core.assessment import assess, check_section, parse_answers, result_as_json
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.programme_rules import parse_days, parse_equipment
from hipfirst.core.shoes import parse_shoe_answers, recommend_shoes, shoe_advice_as_json
from tests.data import REPO_ROOT
from tests.strategies import hostile_json, hostile_texts, spoilt

EXAMPLES = settings(max_examples=150, deadline=None)
CLEAN: dict[str, Any] = json.loads((REPO_ROOT / "examples" / "answers-clean.json").read_text())
SHOES: dict[str, Any] = {
    "knee_collapse": True,
    "overpronation": "mild",
    "cadence_goal": False,
    "foot_strike": "heel",
    "preferred_drop_mm": 8,
    "budget": 150,
}
SECTIONS = ("profile", "red_flags", "symptoms", "pain", "kujala")
T = TypeVar("T")


def _read(parse: Callable[[Any], T], value: Any) -> tuple[Any, InvalidAnswer | None]:
    """What ``parse`` makes of ``value``, or the InvalidAnswer it raises (and no other)."""
    try:
        return parse(value), None
    except InvalidAnswer as exc:
        return None, exc


@EXAMPLES
@given(document=spoilt(CLEAN))
def test_an_answers_document_is_read_or_refused_with_invalid_answer(document: Any) -> None:
    """Any spoilt answers document gives a result printable as JSON, or InvalidAnswer."""
    answers, refusal = _read(parse_answers, document)

    if refusal is not None:
        assert refusal.message
    else:
        json.dumps(result_as_json(assess(answers)), allow_nan=False)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinities_are_not_numbers(value: float) -> None:
    """NaN passed every range check and reached the database, which refused it (a 500)."""
    document = {**CLEAN, "profile": {**CLEAN["profile"], "weekly_km": value}}

    with pytest.raises(InvalidAnswer, match="should be a number") as caught:
        parse_answers(document)

    assert caught.value.field == "profile.weekly_km"


@EXAMPLES
@given(name=st.one_of(st.sampled_from(SECTIONS), hostile_texts), value=hostile_json)
def test_a_section_is_checked_or_refused_with_invalid_answer(name: str, value: Any) -> None:
    """Any section name with any value: accepted, or InvalidAnswer naming what is wrong."""
    _, refusal = _read(lambda v: check_section(name, v), value)

    assert refusal is None or refusal.message


@pytest.mark.parametrize("section", SECTIONS)
def test_a_spoilt_section_is_checked_or_refused_with_invalid_answer(section: str) -> None:
    """Each real section with parts dropped or replaced: accepted, or InvalidAnswer."""

    @EXAMPLES
    @given(value=spoilt(CLEAN[section]))
    def check_once(value: Any) -> None:
        _, refusal = _read(lambda v: check_section(section, v), value)

        assert refusal is None or refusal.message

    check_once()


@EXAMPLES
@given(document=spoilt(SHOES))
@example(document={**SHOES, "budget": 10**400})
def test_shoe_answers_give_advice_or_invalid_answer(document: Any) -> None:
    """Any spoilt shoe answers give advice printable as JSON, or InvalidAnswer."""
    answers, refusal = _read(parse_shoe_answers, document)

    if refusal is not None:
        assert refusal.field is not None  # the unknown or wrong answer's name, maybe ""
    else:
        json.dumps(shoe_advice_as_json(recommend_shoes(answers)), allow_nan=False)


@EXAMPLES
@given(names=st.lists(st.one_of(st.sampled_from(["mon", "band", "wall"]), hostile_texts)))
def test_day_and_kit_names_are_read_or_refused_with_invalid_answer(names: list[str]) -> None:
    """Any names, as days and as equipment: read, or InvalidAnswer on its field."""
    for parse, field in ((parse_days, "days"), (parse_equipment, "equipment")):
        _, refusal = _read(parse, names)

        assert refusal is None or refusal.field == field
