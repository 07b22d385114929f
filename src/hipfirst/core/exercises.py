r"""The exercise library: instructions, cues, checks, dose and the EMG figures behind each.

Everything lives in ``data/exercises.toml`` (checked against ``data/exercises.schema.json``
by the tests), each figure with its source and how far we could check it
(../shared/science/gluteal_emg.md and programme.md). The GTA index is the
gluteal-to-tensor-fascia-latae (TFL) activation index of Selkowitz et al. 2013: higher
means more gluteal activity relative to the TFL. Only its five verified values are
encoded; an exercise without one has ``gta_index`` None and a note saying why, never a
guess, and no GTA is ever computed from %MVIC (per cent of a maximal voluntary isometric
contraction), since the formula is unverified.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import Any

from hipfirst.core.errors import InvalidAnswer

__all__ = [
    "EXERCISES",
    "EXERCISES_SCHEMA",
    "EXERCISE_SOURCES",
    "Dose",
    "DoseLadder",
    "EmgFigure",
    "Equipment",
    "Evidence",
    "Exercise",
    "ExerciseVersion",
    "Gta",
    "Movement",
    "Muscle",
    "Phase",
    "Variant",
    "Version",
    "exercise_version",
    "gta_order",
]


class Equipment(StrEnum):
    """Kit an exercise needs; the runner says which they have."""

    BAND = "band"  # a resistance band
    STEP = "step"  # a step or a stair
    DUMBBELL = "dumbbell"
    WALL = "wall"  # a clear stretch of wall


class Phase(StrEnum):
    """The two phases of the 12-week programme."""

    NEURAL_RESET = "neural_reset"  # weeks 1-4: low-load, high-GTA isolation
    FUNCTIONAL_INTEGRATION = "functional_integration"  # weeks 5-12: standing and loaded

    @property
    def number(self) -> int:
        """1 for the neural reset, 2 for functional integration."""
        return tuple(Phase).index(self) + 1


class Movement(StrEnum):
    """What an exercise trains; the programme fills each slot from one or more of these."""

    CLAM = "clam"
    SIDE_LYING_ABDUCTION = "side_lying_abduction"
    BRIDGE = "bridge"
    QUADRUPED_EXTENSION = "quadruped_extension"
    BAND_WALK = "band_walk"
    HINGE = "hinge"
    PELVIC_DROP = "pelvic_drop"
    STEP_UP = "step_up"
    SINGLE_LEG_SQUAT = "single_leg_squat"
    SQUAT = "squat"
    LUNGE = "lunge"
    SIDE_PLANK = "side_plank"
    HIP_FLEXOR_STRETCH = "hip_flexor_stretch"


class Muscle(StrEnum):
    """Muscles with EMG figures: gluteus medius, gluteus maximus, tensor fasciae latae."""

    GMED = "gmed"
    GMAX = "gmax"
    TFL = "tfl"


class Evidence(StrEnum):
    """How far a figure was checked, as in the status key of ../shared/science."""

    VERIFIED = "verified"  # read in the abstract, a table or the publisher's page
    SECONDARY = "secondary"  # read only in a third-party page
    UNVERIFIED = "unverified"  # not confirmed from any source we could read
    DESIGN_CHOICE = "design_choice"  # hipfirst's choice, built on the source named


class Version(StrEnum):
    """Which version of an exercise is prescribed: the easier, the standard or the harder."""

    EASIER = "easier"
    STANDARD = "standard"
    HARDER = "harder"


@dataclass(frozen=True, slots=True)
class Gta:
    """An exercise's GTA index (Selkowitz 2013), or None with the reason there is none."""

    index: int | None  # None: not measured, or not verified
    rank: int | None  # Selkowitz's rank, 1 = highest GTA, where a source gives it
    rank_of: int | None  # how many exercises were ranked
    measured_as: str | None  # the exercise as the study named it
    source: str | None  # a key of EXERCISE_SOURCES
    status: Evidence | None
    note: str


@dataclass(frozen=True, slots=True)
class EmgFigure:
    """One muscle's activation in one study's version of the exercise, in %MVIC."""

    muscle: Muscle
    mvic_pct: float
    sd_pct: float | None  # None where the source gives no standard deviation
    measured_as: str
    source: str
    status: Evidence
    note: str | None


@dataclass(frozen=True, slots=True)
class Dose:
    """Sets of reps, or sets of holds in seconds, on each side when ``is_per_side``."""

    sets: int
    reps: int | None  # None for a hold
    hold_s: int | None  # None for reps
    is_per_side: bool

    @property
    def text(self) -> str:
        """The dose in plain words, e.g. "3 × 10 each side" or "2 × 15 s hold"."""
        amount = f"{self.reps}" if self.reps is not None else f"{self.hold_s} s hold"
        return f"{self.sets} × {amount}" + (" each side" if self.is_per_side else "")


@dataclass(frozen=True, slots=True)
class DoseLadder:
    """The doses an exercise moves through, easiest first, and where they come from."""

    steps: tuple[Dose, ...]
    source: str
    status: Evidence
    note: str


@dataclass(frozen=True, slots=True)
class Variant:
    """The easier or harder version of an exercise."""

    name: str
    how: str  # what changes
    exercise_id: str | None  # when the version is itself an exercise of the library
    equipment: frozenset[Equipment] | None  # None: the same as the exercise's


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of the library."""

    id: str
    name: str
    phase: Phase
    movement: Movement
    equipment: frozenset[Equipment]
    is_in_seed: bool
    summary: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    cheating_if: tuple[str, ...]  # "you're cheating if..." checks
    gta: Gta
    emg: tuple[EmgFigure, ...]
    measured_as: str | None  # the exercise whose figures these are, when not this one
    measured_as_note: str | None
    dose: DoseLadder | None  # None: no source gives one; see dose_note
    dose_note: str | None
    easier: Variant
    harder: Variant

    @property
    def gta_index(self) -> int | None:
        """The verified GTA index; None when it was not measured or not verified."""
        return self.gta.index


@dataclass(frozen=True, slots=True)
class ExerciseVersion:
    """What the runner does for one version of an exercise, resolved from the library."""

    exercise_id: str  # the exercise the programme chose
    version: Version
    shown_id: str  # the library entry to show: a linked version's own id, else exercise_id
    name: str
    change: str | None  # how an unlinked version differs from the exercise
    equipment: frozenset[Equipment]
    gta_index: int | None  # None for a version that was not itself measured
    gta_source: str | None  # a key of EXERCISE_SOURCES
    dose: DoseLadder | None


def _text(name: str) -> str:
    return resources.files("hipfirst.core").joinpath("data", name).read_text("utf-8")


def _equipment(names: Iterable[str]) -> frozenset[Equipment]:
    return frozenset(Equipment(name) for name in names)


def _gta(row: Mapping[str, Any]) -> Gta:  # Any: one parsed TOML table
    status = row.get("status")
    return Gta(
        index=row.get("index"),
        rank=row.get("rank"),
        rank_of=row.get("rank_of"),
        measured_as=row.get("measured_as"),
        source=row.get("source"),
        status=None if status is None else Evidence(status),
        note=str(row["note"]),
    )


def _emg(row: Mapping[str, Any]) -> EmgFigure:  # Any: one parsed TOML table
    sd = row.get("sd_pct")
    return EmgFigure(
        muscle=Muscle(row["muscle"]),
        mvic_pct=float(row["mvic_pct"]),
        sd_pct=None if sd is None else float(sd),
        measured_as=str(row["measured_as"]),
        source=str(row["source"]),
        status=Evidence(row["status"]),
        note=row.get("note"),
    )


def _dose(row: Mapping[str, Any] | None) -> DoseLadder | None:  # Any: a parsed TOML table
    if row is None:
        return None
    is_hold, per_side = row["unit"] == "hold_s", bool(row["is_per_side"])
    steps = tuple(
        Dose(sets, None if is_hold else amount, amount if is_hold else None, per_side)
        for sets, amount in row["steps"]
    )
    return DoseLadder(steps, str(row["source"]), Evidence(row["status"]), str(row["note"]))


def _variant(row: Mapping[str, Any]) -> Variant:  # Any: one parsed TOML table
    kit = row.get("equipment")
    return Variant(
        name=str(row["name"]),
        how=str(row["how"]),
        exercise_id=row.get("exercise"),
        equipment=None if kit is None else _equipment(kit),
    )


def _exercise(row: Mapping[str, Any], rows: Mapping[str, Any]) -> Exercise:  # Any: TOML
    measured = rows[row["measured_as"]] if "measured_as" in row else row  # whose figures
    return Exercise(
        id=str(row["id"]),
        name=str(row["name"]),
        phase=Phase(row["phase"]),
        movement=Movement(row["movement"]),
        equipment=_equipment(row["equipment"]),
        is_in_seed=bool(row["is_in_seed"]),
        summary=str(row["summary"]),
        steps=tuple(row["steps"]),
        cues=tuple(row["cues"]),
        cheating_if=tuple(row["cheating_if"]),
        gta=_gta(measured["gta"]),
        emg=tuple(_emg(figure) for figure in measured["emg"]),
        measured_as=row.get("measured_as"),
        measured_as_note=row.get("measured_as_note"),
        dose=_dose(row.get("dose")),
        dose_note=row.get("dose_note"),
        easier=_variant(row["easier"]),
        harder=_variant(row["harder"]),
    )


_DATA: dict[str, Any] = tomllib.loads(_text("exercises.toml"))  # Any: parsed TOML
_ROWS: dict[str, Any] = {row["id"]: row for row in _DATA["exercises"]}  # Any: TOML tables

#: The JSON Schema (draft 2020-12) of ``data/exercises.toml`` once parsed.
EXERCISES_SCHEMA: Mapping[str, Any] = MappingProxyType(json.loads(_text("exercises.schema.json")))
#: Every exercise by id, in library order.
EXERCISES: Mapping[str, Exercise] = MappingProxyType(
    {key: _exercise(row, _ROWS) for key, row in _ROWS.items()}
)
#: Full citations by key, each with the ../shared/science file that discusses it.
EXERCISE_SOURCES: Mapping[str, str] = MappingProxyType(
    {key: f"{s['citation']} ({s['science']})" for key, s in _DATA["sources"].items()}
)


def gta_order(exercise: Exercise) -> tuple[bool, int, bool, int]:
    """Sort key putting the highest verified GTA index first, then the best Selkowitz rank.

    Exercises with neither come last; ``sorted`` keeps their library order.

    Examples
    --------
    >>> [e.id for e in sorted(EXERCISES.values(), key=gta_order)][:3]
    ['precision_clamshell', 'clam', 'sidestep']
    """
    index, rank = exercise.gta.index, exercise.gta.rank
    return (index is None, -(index or 0), rank is None, rank or 0)


def exercise_version(exercise_id: str, version: Version) -> ExerciseVersion:
    """Resolve the standard, easier or harder version of a library exercise.

    Parameters
    ----------
    exercise_id : str
        A key of ``EXERCISES``.
    version : Version
        Which version.

    Returns
    -------
    ExerciseVersion
        A version that is itself a library exercise (``Variant.exercise_id``) brings its
        own name, equipment, GTA index and dose; any other version keeps the exercise's
        dose, says how it differs, and has no GTA index, as it was not measured.

    Raises
    ------
    InvalidAnswer
        If ``exercise_id`` is not in the library.
    """
    if exercise_id not in EXERCISES:
        raise InvalidAnswer(f"There is no exercise '{exercise_id}'.", field="exercise_id")
    base = EXERCISES[exercise_id]
    if version is Version.STANDARD:
        return _as_version(base, exercise_id, version)
    variant = base.easier if version is Version.EASIER else base.harder
    if variant.exercise_id is not None:
        return _as_version(EXERCISES[variant.exercise_id], exercise_id, version)
    return ExerciseVersion(
        exercise_id=exercise_id,
        version=version,
        shown_id=exercise_id,
        name=variant.name,
        change=variant.how,
        equipment=base.equipment if variant.equipment is None else variant.equipment,
        gta_index=None,
        gta_source=None,
        dose=base.dose,
    )


def _as_version(shown: Exercise, exercise_id: str, version: Version) -> ExerciseVersion:
    return ExerciseVersion(
        exercise_id=exercise_id,
        version=version,
        shown_id=shown.id,
        name=shown.name,
        change=None,
        equipment=shown.equipment,
        gta_index=shown.gta.index,
        gta_source=shown.gta.source if shown.gta.index is not None else None,
        dose=shown.dose,
    )
