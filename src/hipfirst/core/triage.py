"""Red-flag screen: the answers that mean "see a clinician before self-managing".

Each red flag, its question in plain words, its urgency, whom to see and why live in
``data/red_flags.toml`` with their sources (../shared/science/conditions_and_red_flags.md,
section 3). Any flag blocks the exercise programme until the runner confirms that a
clinician has cleared them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

from hipfirst.core.errors import InvalidAnswer

__all__ = [
    "RED_FLAGS",
    "RED_FLAG_QUESTIONS",
    "RedFlag",
    "RedFlagScreen",
    "Referral",
    "Urgency",
    "screen_red_flags",
]


class Urgency(StrEnum):
    """How soon to see a clinician, most urgent first (conditions_and_red_flags.md, section 3)."""

    EMERGENCY = "emergency"  # same day: A&E
    URGENT = "urgent"  # within days: an urgent clinic or GP appointment
    ROUTINE = "routine"  # book a clinician; don't start the programme until seen

    @property
    def rank(self) -> int:
        """0 for the most urgent level; a lower rank is more urgent."""
        return tuple(Urgency).index(self)


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One red flag: asked as a question, or worked out from age and other answers."""

    id: str
    question: str | None  # None when worked out rather than asked
    urgency: Urgency
    who: str  # whom to see, and how soon, in plain words
    why: str  # "consistent with ...", in plain words
    source: str  # the papers and the row of the science file's table
    age_at_most_years: int | None = None
    age_at_least_years: int | None = None
    requires_any: tuple[str, ...] = ()  # question ids, one of which must be "yes"
    is_optional: bool = False  # may be left out of an answers file (always asked on the web)


@dataclass(frozen=True, slots=True)
class Referral:
    """Whom to see, how soon and why, combined over every red flag answered yes."""

    urgency: Urgency
    who: str
    why: str


@dataclass(frozen=True, slots=True)
class RedFlagScreen:
    """The red flags raised, most urgent first, and whether the programme may start."""

    flags: tuple[RedFlag, ...]
    referral: Referral | None  # None when no flag was raised
    allows_programme: bool
    is_cleared_by_clinician: bool

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the flags raised, most urgent first."""
        return tuple(flag.id for flag in self.flags)


def _load() -> list[dict[str, Any]]:  # Any: parsed TOML, converted field by field below
    text = resources.files("hipfirst.core").joinpath("data/red_flags.toml").read_text("utf-8")
    flags: list[dict[str, Any]] = tomllib.loads(text)["flags"]
    return flags


def _red_flag(row: Mapping[str, Any]) -> RedFlag:  # Any: one parsed TOML table
    def optional_int(key: str) -> int | None:
        return int(row[key]) if key in row else None

    return RedFlag(
        id=str(row["id"]),
        question=str(row["question"]) if "question" in row else None,
        urgency=Urgency(row["urgency"]),
        who=str(row["who"]),
        why=str(row["why"]),
        source=str(row["source"]),
        age_at_most_years=optional_int("age_at_most_years"),
        age_at_least_years=optional_int("age_at_least_years"),
        requires_any=tuple(str(q) for q in row.get("requires_any", ())),
        is_optional=bool(row.get("is_optional", False)),
    )


#: Every red flag, in the order forms ask them.
RED_FLAGS: tuple[RedFlag, ...] = tuple(_red_flag(row) for row in _load())
#: The red flags a form asks, each with its question; all but the optional ones must be
#: answered.
RED_FLAG_QUESTIONS: tuple[RedFlag, ...] = tuple(f for f in RED_FLAGS if f.question is not None)
_QUESTION_IDS = frozenset(flag.id for flag in RED_FLAG_QUESTIONS)


def screen_red_flags(
    answers: Mapping[str, bool], *, age_years: int, is_cleared_by_clinician: bool = False
) -> RedFlagScreen:
    """Find the red flags in a runner's answers and the referral they call for.

    Parameters
    ----------
    answers : Mapping[str, bool]
        Every question of ``RED_FLAG_QUESTIONS`` by id, ``True`` for "yes". A missing
        answer is an error, never a "no", except for the few marked ``is_optional``.
    age_years : int
        The runner's age; some flags depend on it (16 or under, 55 or over).
    is_cleared_by_clinician : bool, optional
        The runner confirms a clinician has seen them and cleared them to exercise.

    Returns
    -------
    RedFlagScreen
        The flags raised, most urgent first; one referral with the most urgent level,
        whom to see for it and every reason; and whether the programme may start
        (no flag, or cleared by a clinician).

    Raises
    ------
    InvalidAnswer
        If an answer is missing, unknown or not true/false (``field="red_flags.<id>"``),
        or the age is not a whole number of years (``field="profile.age"``).

    Notes
    -----
    Urgency follows the table of ../shared/science/conditions_and_red_flags.md: the
    Ottawa knee rules for injuries [1]_, NHS referral criteria for the rest and
    slipped capital femoral epiphysis for anyone 16 or under [2]_. The sources of each
    flag are in ``data/red_flags.toml``.

    References
    ----------
    .. [1] Stiell IG, Greenberg GH, Wells GA, et al. Prospective validation of a decision
       rule for the use of radiography in acute knee injuries. JAMA.
       1996;275(8):611-615. doi:10.1001/jama.1996.03530320035031.
    .. [2] Ankarath S, Ng ABY, Giannoudis PV, Scott BW. Delay in diagnosis of slipped
       upper femoral epiphysis. J R Soc Med. 2002;95(7):356-358.
       doi:10.1258/jrsm.95.7.356. Both in ../shared/science/conditions_and_red_flags.md.

    Examples
    --------
    >>> answers = {flag.id: False for flag in RED_FLAG_QUESTIONS}
    >>> screen_red_flags(answers, age_years=34).allows_programme
    True
    >>> screen_red_flags({**answers, "locked_knee": True}, age_years=34).referral.urgency
    <Urgency.URGENT: 'urgent'>
    """
    _check_answers(answers)
    _check_age(age_years)
    said_yes = frozenset(question for question, yes in answers.items() if yes)
    raised = [flag for flag in RED_FLAGS if _is_raised(flag, said_yes, age_years)]
    flags = tuple(sorted(raised, key=lambda flag: flag.urgency.rank))  # stable: form order
    return RedFlagScreen(
        flags=flags,
        referral=_combined_referral(flags),
        allows_programme=not flags or is_cleared_by_clinician,
        is_cleared_by_clinician=is_cleared_by_clinician,
    )


def _check_answers(answers: Mapping[str, object]) -> None:
    for question in answers:
        if question not in _QUESTION_IDS:
            raise InvalidAnswer(
                "This is not one of hipfirst's warning-sign questions.",
                field=f"red_flags.{question}",
            )
    for flag in RED_FLAG_QUESTIONS:
        if flag.id not in answers and flag.is_optional:
            continue
        if flag.id not in answers:
            raise InvalidAnswer(
                f"Please answer yes or no: {flag.question}", field=f"red_flags.{flag.id}"
            )
        if not isinstance(answers[flag.id], bool):
            raise InvalidAnswer(
                f"Please answer yes or no (true or false): {flag.question}",
                field=f"red_flags.{flag.id}",
            )


def _check_age(age_years: object) -> None:
    if isinstance(age_years, bool) or not isinstance(age_years, int) or age_years < 0:
        raise InvalidAnswer("Your age should be a whole number of years.", field="profile.age")


def _is_raised(flag: RedFlag, said_yes: frozenset[str], age_years: int) -> bool:
    if flag.question is not None:
        return flag.id in said_yes
    if flag.age_at_most_years is not None and age_years > flag.age_at_most_years:
        return False
    if flag.age_at_least_years is not None and age_years < flag.age_at_least_years:
        return False
    return not flag.requires_any or any(q in said_yes for q in flag.requires_any)


def _combined_referral(flags: Sequence[RedFlag]) -> Referral | None:
    """Most urgent level and whom to see for it; every distinct reason, most urgent first."""
    if not flags:
        return None
    reasons = " ".join(dict.fromkeys(flag.why for flag in flags))
    return Referral(urgency=flags[0].urgency, who=flags[0].who, why=reasons)
