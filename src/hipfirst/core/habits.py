"""Optional daily habits: small things to do through the day, each with its evidence.

The habits live in ``data/habits.toml``. The plan and calendar can offer them with
``daily_habits()``; the learn pages show them. Most are the product seed's advice, and
each says so: only the reason for breaking up long sitting (it aggravates kneecap pain,
Willy 2019) and the morning pain check (the pain-monitoring model, read in secondary
sources) have a source (../shared/science/conditions_and_red_flags.md, programme.md).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

from hipfirst.core.exercises import EXERCISES

__all__ = ["Habit", "HabitEvidence", "daily_habits"]


class HabitEvidence(StrEnum):
    """How far a habit is backed (the status key of ../shared/science)."""

    SOURCED = "sourced"
    SECONDARY = "secondary"  # the sources are secondary: a blog, or a quote of the paper
    SEED = "seed"  # the product seed's advice; no source we read supports or tests it


@dataclass(frozen=True, slots=True)
class Habit:
    """One optional daily habit, how to do it and how sure we are of it."""

    id: str
    title: str
    why: str
    how: tuple[str, ...]  # steps, in order
    watch_out: tuple[str, ...]  # signs it is being done wrong; empty when none
    how_often: str
    evidence: HabitEvidence
    note: str  # how sure we are, in plain words
    sources: tuple[str, ...]  # full citations; empty for the seed's own advice
    is_optional: bool = True


@cache
def daily_habits() -> tuple[Habit, ...]:
    """The optional daily habits, in the order to show them.

    Returns
    -------
    tuple[Habit, ...]
        Alternating sitting and standing, the couch stretch and the morning knee check.
        A habit that names an exercise of the library takes its steps and checks from it.

    Notes
    -----
    That long sitting aggravates patellofemoral pain is in the guideline [1]_; the
    interval and the stretch are the product seed's advice. The morning check follows
    the pain-monitoring model [2]_, whose "settled by the next morning" rule we read
    only in secondary sources.

    References
    ----------
    .. [1] Willy RW, Hoglund LT, Barton CJ, et al. Patellofemoral pain: clinical practice
       guidelines linked to the ICF. J Orthop Sports Phys Ther. 2019;49(9):CPG1-CPG95.
       doi:10.2519/jospt.2019.0302. In ../shared/science/conditions_and_red_flags.md.
    .. [2] Silbernagel KG, Thomeé R, Eriksson BI, Karlsson J. Am J Sports Med.
       2007;35(6):897-906. doi:10.1177/0363546506298279. In ../shared/science/programme.md.

    Examples
    --------
    >>> [habit.id for habit in daily_habits()]
    ['alternate_sitting_standing', 'couch_stretch', 'morning_knee_check']
    """
    text = (files("hipfirst.core") / "data" / "habits.toml").read_text(encoding="utf-8")
    toml = tomllib.loads(text)
    return tuple(_habit(row, toml["sources"]) for row in toml["habits"])


def _habit(row: Mapping[str, Any], sources: Mapping[str, str]) -> Habit:  # Any: parsed TOML
    exercise = EXERCISES[row["exercise"]] if "exercise" in row else None
    return Habit(
        id=str(row["id"]),
        title=str(row["title"]),
        why=str(row["why"]),
        how=tuple(exercise.steps if exercise else row["how"]),
        watch_out=tuple(exercise.cheating_if if exercise else row.get("watch_out", ())),
        how_often=str(row["how_often"]),
        evidence=HabitEvidence(row["evidence"]),
        note=str(row["note"]),
        sources=tuple(sources[key] for key in row["sources"]),
    )
