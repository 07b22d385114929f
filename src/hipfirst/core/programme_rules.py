"""The programme's rules as data: weeks, phases, slots, pain ceilings and progression counts.

Read once from ``data/programme.toml``, where each number sits beside its source and how
far we could check it (../shared/science/programme.md). The exercises and their doses are
in ``hipfirst.core.exercises``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import Any

from hipfirst.core.conditions import ConditionId
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.exercises import Equipment, Movement, Phase

__all__ = [
    "PROGRAMME_DATA",
    "PROGRAMME_SOURCES",
    "RULES",
    "PhaseWeeks",
    "ProgrammeRules",
    "Slot",
    "Weekday",
    "parse_days",
    "parse_equipment",
]


class Weekday(StrEnum):
    """A day of the week, Monday first as in ``date.weekday()``."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def weekday(self) -> int:
        """0 for Monday to 6 for Sunday, as ``date.weekday()`` counts."""
        return tuple(Weekday).index(self)

    @classmethod
    def of(cls, day: date) -> Weekday:
        """The weekday of a date."""
        return tuple(cls)[day.weekday()]


@dataclass(frozen=True, slots=True)
class PhaseWeeks:
    """The weeks of one phase, its name and what it is for, in plain words."""

    phase: Phase
    first_week: int
    last_week: int
    title: str
    what: str


@dataclass(frozen=True, slots=True)
class Slot:
    """A place in every session of a phase, filled from one or more movements."""

    id: str
    phase: Phase
    title: str  # what the slot trains, in plain words
    movements: tuple[Movement, ...]


@dataclass(frozen=True, slots=True)
class ProgrammeRules:
    """Every number and rule of ``data/programme.toml`` but the primer's."""

    weeks: int
    default_days: frozenset[Weekday]
    phases: tuple[PhaseWeeks, ...]
    slots: tuple[Slot, ...]
    pain_safe_max_0_10: int
    pain_acceptable_max_0_10: int
    progress_after_sessions: int
    regress_after_short_sessions: int
    condition_notes: Mapping[ConditionId, str]

    def phase_of(self, week: int) -> PhaseWeeks:
        """The phase that week ``week`` (1 is the first) belongs to."""
        return next(p for p in self.phases if p.first_week <= week <= p.last_week)


def _load() -> dict[str, Any]:  # Any: parsed TOML
    text = resources.files("hipfirst.core").joinpath("data", "programme.toml").read_text("utf-8")
    return tomllib.loads(text)


def _rules(data: Mapping[str, Any]) -> ProgrammeRules:  # Any: parsed TOML
    return ProgrammeRules(
        weeks=int(data["schedule"]["weeks"]),
        default_days=frozenset(Weekday(day) for day in data["frequency"]["default_days"]),
        phases=tuple(
            PhaseWeeks(
                Phase(p["id"]), int(p["first_week"]), int(p["last_week"]), p["title"], p["what"]
            )
            for p in data["phases"]
        ),
        slots=tuple(
            Slot(s["id"], Phase(s["phase"]), s["title"], tuple(Movement(m) for m in s["movements"]))
            for s in data["slots"]
        ),
        pain_safe_max_0_10=int(data["pain_safe"]["max_0_10"]),
        pain_acceptable_max_0_10=int(data["pain_acceptable"]["max_0_10"]),
        progress_after_sessions=int(data["progression"]["after_good_sessions"]),
        regress_after_short_sessions=int(data["regression"]["after_short_sessions"]),
        condition_notes=MappingProxyType(
            {ConditionId(key): str(row["text"]) for key, row in data["conditions"].items()}
        ),
    )


#: ``data/programme.toml`` as parsed, read-only; the primer reads its own table from it.
PROGRAMME_DATA: Mapping[str, Any] = MappingProxyType(_load())  # Any: parsed TOML
#: The programme's rules; see ``data/programme.toml`` for each one's source.
RULES: ProgrammeRules = _rules(PROGRAMME_DATA)
#: Full citations by key, each with the ../shared/science file that discusses it.
PROGRAMME_SOURCES: Mapping[str, str] = MappingProxyType(
    {key: f"{s['citation']} ({s['science']})" for key, s in PROGRAMME_DATA["sources"].items()}
)


def parse_days(names: Iterable[str]) -> frozenset[Weekday]:
    """Read training days from names such as ``{"mon", "wed", "fri"}``.

    Raises
    ------
    InvalidAnswer
        For an unknown name or no day at all (``field="days"``).
    """
    names = list(names)
    for name in names:
        if name not in {day.value for day in Weekday}:
            raise InvalidAnswer(f"'{name}' is not a day; use {', '.join(Weekday)}.", field="days")
    if not names:
        raise InvalidAnswer("Choose at least one day a week for the exercises.", field="days")
    return frozenset(Weekday(name) for name in names)


def parse_equipment(names: Iterable[str]) -> frozenset[Equipment]:
    """Read the runner's equipment from names such as ``{"band", "wall"}``.

    Raises
    ------
    InvalidAnswer
        For a name that is not one of ``Equipment`` (``field="equipment"``).
    """
    names, known = list(names), ", ".join(Equipment)
    for name in names:
        if name not in {item.value for item in Equipment}:
            raise InvalidAnswer(
                f"'{name}' is not equipment hipfirst knows; choose from {known}.",
                field="equipment",
            )
    return frozenset(Equipment(name) for name in names)
