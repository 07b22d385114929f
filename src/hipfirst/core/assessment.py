"""The assessment: read a runner's answers, then screen, explain and score them.

``parse_answers`` checks an answers document (the CLI's ANSWERS.json, or a form's data)
against ``data/answers.schema.json`` and turns the first problem into an
``InvalidAnswer`` naming the answer; ``assess`` combines the red-flag screen, the likely
conditions and the Kujala score; ``result_as_json`` is the shape the CLI and API print.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator, TypeChecker, ValidationError, validators
from jsonschema.exceptions import best_match

from hipfirst.core.conditions import (
    Aggravator,
    LikelyCondition,
    Onset,
    PainLocation,
    Side,
    Symptoms,
    likely_conditions,
)
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.kujala import KujalaScore, score_kujala
from hipfirst.core.triage import RedFlagScreen, screen_red_flags

__all__ = [
    "ANSWERS_SCHEMA",
    "Answers",
    "AssessmentResult",
    "PainScores",
    "Profile",
    "Sex",
    "Symptoms",
    "assess",
    "check_section",
    "parse_answers",
    "result_as_json",
]


class Sex(StrEnum):
    """The runner's sex, as they give it."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Profile:
    """Who the runner is and how they train."""

    age_years: int
    sex: Sex
    height_cm: float
    weight_kg: float | None  # None when not given
    weekly_km: float
    years_running: float
    sitting_hours_per_day: float
    shoes: str  # free text
    injuries: str  # free text


@dataclass(frozen=True, slots=True)
class PainScores:
    """Pain now, usually and at its worst, each 0 (none) to 10 (worst imaginable)."""

    now_0_10: int
    usual_0_10: int
    worst_0_10: int


@dataclass(frozen=True, slots=True)
class Answers:
    """A runner's checked answers to the whole assessment."""

    profile: Profile
    red_flags: Mapping[str, bool]  # read-only; every question answered
    symptoms: Symptoms
    pain: PainScores
    kujala: tuple[str, ...]  # one option letter per Kujala item
    is_cleared_by_clinician: bool = False


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    """What the assessment found: red flags, likely conditions, the Kujala score."""

    red_flags: RedFlagScreen
    likely_conditions: tuple[LikelyCondition, ...]
    kujala: KujalaScore
    pain: PainScores
    allows_programme: bool


def _load_schema() -> dict[str, Any]:  # Any: a JSON Schema document
    text = resources.files("hipfirst.core").joinpath("data/answers.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _is_finite_number(checker: TypeChecker, instance: object) -> bool:
    """A JSON number; not NaN or an infinity, which Python's json reads but JSON lacks."""
    is_number = Draft202012Validator.TYPE_CHECKER.is_type(instance, "number")
    return is_number and not (isinstance(instance, float) and not math.isfinite(instance))


# NaN passes every minimum and maximum, as comparisons with it are false: refuse it as
# "not a number" so it is never taken for an answer, nor stored (no JSON column holds it).
_Validator = validators.extend(  # type: ignore[no-untyped-call]  # jsonschema's is untyped
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("number", _is_finite_number),
)

#: The JSON Schema (draft 2020-12) of an answers document.
ANSWERS_SCHEMA: Mapping[str, Any] = MappingProxyType(_load_schema())  # Any: JSON values
_VALIDATOR = _Validator(dict(ANSWERS_SCHEMA))
#: One validator per section: the whole schema narrowed to that section, so the
#: error messages and field paths are the same as for a whole document.
_SECTION_VALIDATORS = {
    name: _Validator(
        {
            **ANSWERS_SCHEMA,
            "required": [name],
            "properties": {name: ANSWERS_SCHEMA["properties"][name]},
        }
    )
    for name in ("profile", "red_flags", "symptoms", "pain", "kujala")
}


def parse_answers(document: Mapping[str, Any]) -> Answers:  # Any: decoded JSON
    """Check an answers document against the schema and read it into ``Answers``.

    Parameters
    ----------
    document : Mapping[str, Any]
        Decoded JSON with ``profile``, ``red_flags``, ``symptoms``, ``pain`` and
        ``kujala`` (see ``data/answers.schema.json``), and optionally
        ``cleared_by_clinician``.

    Returns
    -------
    Answers
        The answers as typed values.

    Raises
    ------
    InvalidAnswer
        For the most relevant problem found, its ``field`` naming the answer
        (``"profile.age"``, ``"red_flags.locked_knee"``, ``"kujala[3]"``).

    Examples
    --------
    >>> parse_answers({"profile": {}})
    Traceback (most recent call last):
    ...
    hipfirst.core.errors.InvalidAnswer: The warning-sign section is missing.
    """
    if (error := best_match(_VALIDATOR.iter_errors(document))) is not None:
        raise _invalid_answer(error)
    profile, symptoms, pain = document["profile"], document["symptoms"], document["pain"]
    return Answers(
        profile=Profile(
            age_years=int(profile["age"]),
            sex=Sex(profile["sex"]),
            height_cm=float(profile["height_cm"]),
            weight_kg=None if profile.get("weight_kg") is None else float(profile["weight_kg"]),
            weekly_km=float(profile["weekly_km"]),
            years_running=float(profile["years_running"]),
            sitting_hours_per_day=float(profile["sitting_hours_per_day"]),
            shoes=str(profile["shoes"]),
            injuries=str(profile["injuries"]),
        ),
        red_flags=MappingProxyType(dict(document["red_flags"])),
        symptoms=Symptoms(
            pain_location=PainLocation(symptoms["pain_location"]),
            worse_with=frozenset(Aggravator(a) for a in symptoms["worse_with"]),
            onset=Onset(symptoms["onset"]),
            has_dead_butt_feeling=bool(symptoms["dead_butt_feeling"]),
            has_tight_hamstrings=bool(symptoms["tight_hamstrings"]),
            side=Side(symptoms["side"]),
        ),
        pain=PainScores(int(pain["now"]), int(pain["usual"]), int(pain["worst"])),
        kujala=tuple(document["kujala"]),
        is_cleared_by_clinician=bool(document.get("cleared_by_clinician", False)),
    )


def check_section(name: str, value: Any) -> None:  # Any: decoded JSON or form data
    """Check one section of an answers document on its own, as a wizard step saves it.

    Parameters
    ----------
    name : str
        ``"profile"``, ``"red_flags"``, ``"symptoms"``, ``"pain"`` or ``"kujala"``.
    value : Any
        The section as the answers document holds it.

    Raises
    ------
    InvalidAnswer
        For the most relevant problem, ``field`` naming the answer (``"profile.age"``),
        exactly as ``parse_answers`` would for the whole document.

    Examples
    --------
    >>> check_section("pain", {"now": 2, "usual": 3, "worst": 11})
    Traceback (most recent call last):
    ...
    hipfirst.core.errors.InvalidAnswer: Your worst pain should be at most 10.
    """
    if name not in _SECTION_VALIDATORS:
        raise InvalidAnswer("This is not a section of the assessment.", field=name)
    if (error := best_match(_SECTION_VALIDATORS[name].iter_errors({name: value}))) is not None:
        raise _invalid_answer(error)


def assess(answers: Answers) -> AssessmentResult:
    """Screen for red flags, find the likely conditions and score the Kujala scale.

    Parameters
    ----------
    answers : Answers
        The runner's checked answers, as ``parse_answers`` returns them.

    Returns
    -------
    AssessmentResult
        The red-flag screen, the likely conditions, the Kujala score, the pain scores
        and whether the exercise programme may start (no red flag, or cleared by a
        clinician).

    Notes
    -----
    The parts and their sources: ``screen_red_flags`` (triage.py), ``likely_conditions``
    (conditions.py) and ``score_kujala`` (kujala.py); see their References.
    """
    screen = screen_red_flags(
        answers.red_flags,
        age_years=answers.profile.age_years,
        is_cleared_by_clinician=answers.is_cleared_by_clinician,
    )
    return AssessmentResult(
        red_flags=screen,
        likely_conditions=likely_conditions(answers.symptoms, answers.profile, screen),
        kujala=score_kujala(answers.kujala),
        pain=answers.pain,
        allows_programme=screen.allows_programme,
    )


def result_as_json(result: AssessmentResult) -> dict[str, Any]:  # Any: JSON values
    """The result as the JSON object the CLI and the API print.

    Parameters
    ----------
    result : AssessmentResult
        What ``assess`` returned.

    Returns
    -------
    dict[str, Any]
        ``red_flags`` (ids, most urgent first), ``referral`` (``null`` or
        ``urgency``/``who``/``why``), ``likely_conditions`` (``id``, ``reasons_for``,
        ``reasons_against``), ``kujala`` (``score``, ``meaning``) and
        ``programme_allowed``.
    """
    referral = result.red_flags.referral
    return {
        "red_flags": list(result.red_flags.ids),
        "referral": None
        if referral is None
        else {"urgency": referral.urgency.value, "who": referral.who, "why": referral.why},
        "likely_conditions": [
            {
                "id": condition.id.value,
                "reasons_for": list(condition.reasons_for),
                "reasons_against": list(condition.reasons_against),
            }
            for condition in result.likely_conditions
        ],
        "kujala": {"score": result.kujala.total, "meaning": result.kujala.meaning},
        "programme_allowed": result.allows_programme,
    }


_KINDS = {
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "string": "text",
    "object": "a group of answers (a JSON object)",
    "array": "a list",
    "null": "left empty (null)",
}


def _invalid_answer(error: ValidationError) -> InvalidAnswer:
    """Turn a schema error into plain words about one answer."""
    path: list[str | int] = list(error.absolute_path)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    instance: Any = error.instance  # Any: the part of the document that failed
    if error.validator == "required":
        required: list[str] = list(schema.get("required", []))
        missing = next(name for name in required if name not in instance)
        path.append(missing)
        return InvalidAnswer(f"{_title(schema, missing)} is missing.", field=_field(path))
    if error.validator == "additionalProperties":
        known = schema.get("properties", {})
        path.append(next(name for name in instance if name not in known))
        return InvalidAnswer("hipfirst does not ask this question.", field=_field(path))
    title = str(schema.get("title") or "This answer")
    return InvalidAnswer(f"{title} {_problem(error)}.", field=_field(path))


def _title(parent: Mapping[str, Any], name: str) -> str:
    child = parent.get("properties", {}).get(name, {})
    return str(child.get("title") or f"The answer '{name}'")


def _problem(error: ValidationError) -> str:  # noqa: PLR0911  # one plain sentence per keyword
    expected: Any = error.validator_value  # Any: the failed keyword's value in the schema
    match error.validator:
        case "type":
            kinds = [expected] if isinstance(expected, str) else list(expected)
            return "should be " + " or ".join(_KINDS.get(kind, kind) for kind in kinds)
        case "enum":
            return "should be one of: " + ", ".join(str(value) for value in expected)
        case "minimum":
            return f"should be at least {expected}"
        case "exclusiveMinimum":
            return f"should be more than {expected}"
        case "maximum":
            return f"should be at most {expected}"
        case "minItems" | "maxItems":
            count = error.schema.get("maxItems") if isinstance(error.schema, Mapping) else None
            return f"should have exactly {count} answers" if count == expected else "is too long"
        case "uniqueItems":
            return "lists the same answer twice"
        case "maxLength":
            return f"is too long: keep it under {expected} characters"
        case _:
            return "is not an answer hipfirst understands"


def _field(path: list[str | int]) -> str | None:
    """``["profile", "age"]`` -> ``"profile.age"``; ``["kujala", 3]`` -> ``"kujala[3]"``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text or None
