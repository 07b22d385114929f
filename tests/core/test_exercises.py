"""The exercise library: its schema, the source of every figure, and the GTA index."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.exercises import (
    EXERCISE_SOURCES,
    EXERCISES,
    EXERCISES_SCHEMA,
    Dose,
    Equipment,
    Evidence,
    Phase,
    Version,
    exercise_version,
    gta_order,
)
from hipfirst.core.programme_rules import parse_equipment

# The seed's exercises (issue 8), by the ids the library gives them.
SEED = {
    "precision_clamshell": "Precision clamshell",
    "side_lying_wall_slide": "Side-lying wall slide",
    "single_leg_bridge": "Single-leg bridge",
    "glute_bridge": "Glute bridge",
    "monster_walk": "Monster walk",
    "single_leg_rdl": "Single-leg Romanian deadlift",
    "hip_hike": "Hip hike",
    "couch_stretch": "Couch stretch",
}
# The five GTA values ../shared/science/gluteal_emg.md marks VERIFIED (Selkowitz 2013),
# copied by hand from its table, as the exercise was named in the study.
VERIFIED_GTA = {
    "Clam": 115,
    "Sidestep": 64,
    "Unilateral bridge": 59,
    "Quadruped hip extension, knee flexed": 50,
    "Quadruped hip extension, knee extending": 50,
}
GTA_RANGE = (18, 115)  # "It ranged from 18 to 115" (Selkowitz 2013 abstract)


def data_file(name: str = "exercises.toml") -> dict[str, Any]:  # Any: parsed TOML
    """A fresh parse of one of the package's data files."""
    return tomllib.loads(resources.files("hipfirst.core").joinpath("data", name).read_text("utf-8"))


def library() -> dict[str, Any]:  # Any: parsed TOML
    """A fresh parse of data/exercises.toml."""
    return data_file("exercises.toml")


def tables_with_numbers(node: object, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every table holding a number (not a boolean), directly or in a list of numbers."""
    if isinstance(node, dict):
        if any(_has_number(value) for value in node.values()):
            yield path, node
        for key, value in node.items():
            yield from tables_with_numbers(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from tables_with_numbers(item, f"{path}[{index}]")


def _has_number(value: object) -> bool:
    if isinstance(value, list):
        return any(_has_number(item) for item in value)
    return isinstance(value, int | float) and not isinstance(value, bool)


def test_the_library_validates_against_its_schema() -> None:
    """data/exercises.toml, parsed, is valid against data/exercises.schema.json."""
    Draft202012Validator.check_schema(dict(EXERCISES_SCHEMA))
    errors = list(Draft202012Validator(dict(EXERCISES_SCHEMA)).iter_errors(library()))

    assert errors == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda e: e["gta"].pop("source"), "a GTA index without its source"),
        (lambda e: e["gta"].pop("note"), "a GTA table without its note"),
        (lambda e: e.pop("dose"), "neither a dose nor a note saying why there is none"),
        (lambda e: e["emg"].append({"muscle": "gmed", "mvic_pct": 50}), "an unsourced figure"),
        (lambda e: e.update(measured_as="clam"), "own figures and borrowed ones at once"),
        (lambda e: e.update(equipment=["sofa"]), "unknown equipment"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_the_schema_refuses_an_exercise_with(change: Any, reason: str) -> None:
    """The schema catches what the data rules forbid."""
    data = copy.deepcopy(library())
    clam = next(e for e in data["exercises"] if e["id"] == "clam")
    change(clam)

    assert not Draft202012Validator(dict(EXERCISES_SCHEMA)).is_valid(data), reason


@pytest.mark.parametrize("name", ["exercises.toml", "programme.toml"])
def test_every_number_in_the_data_sits_beside_a_known_source(name: str) -> None:
    """Each table with a figure names a source listed under [sources], and a status."""
    data = data_file(name)
    tables = [
        (path, table)
        for key, value in data.items()
        if key != "sources"
        for path, table in tables_with_numbers(value, key)
    ]

    assert tables, "the walk found no figures at all"
    for path, table in tables:
        assert table.get("source") in data["sources"], path
        assert Evidence(table["status"]), path


@pytest.mark.parametrize("name", ["exercises.toml", "programme.toml"])
def test_every_source_named_in_the_data_is_listed(name: str) -> None:
    """No `source` points at a key missing from [sources]."""
    data = data_file(name)
    named = {
        str(table["source"])
        for key, value in data.items()
        if key != "sources"
        for table in all_tables(value)
        if "source" in table
    }

    assert named
    assert named <= set(data["sources"])


def all_tables(node: object) -> Iterator[dict[str, Any]]:
    """Every table in a parsed TOML value, nested ones included."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from all_tables(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_tables(item)


def test_every_seed_exercise_is_in_the_library() -> None:
    """The eight exercises of the seed are there, marked as the seed's."""
    for exercise_id, name in SEED.items():
        assert EXERCISES[exercise_id].name.startswith(name)
        assert EXERCISES[exercise_id].is_in_seed


def test_only_the_verified_gta_values_are_encoded() -> None:
    """Every GTA index is one of the five verified values, under the study's own name."""
    encoded = {
        e.gta.measured_as: e.gta.index for e in EXERCISES.values() if e.gta.index is not None
    }

    assert encoded
    for measured_as, index in encoded.items():
        name = next(name for name in VERIFIED_GTA if str(measured_as).startswith(name))
        assert index == VERIFIED_GTA[name]
        assert GTA_RANGE[0] <= index <= GTA_RANGE[1]


def test_every_verified_gta_value_is_used() -> None:
    """None of the five verified values is left out of the library."""
    names = {str(e.gta.measured_as) for e in EXERCISES.values() if e.gta.index is not None}

    assert all(any(name.startswith(verified) for name in names) for verified in VERIFIED_GTA)


def test_gta_figures_cite_selkowitz_and_are_verified() -> None:
    """An encoded GTA index comes from Selkowitz 2013 and is marked verified."""
    for exercise in EXERCISES.values():
        if exercise.gta.index is not None:
            assert exercise.gta.source == "selkowitz2013"
            assert exercise.gta.status is Evidence.VERIFIED
            assert "Selkowitz" in EXERCISE_SOURCES["selkowitz2013"]


@pytest.mark.parametrize("exercise_id", [e.id for e in EXERCISES.values() if e.gta.index is None])
def test_an_exercise_without_a_gta_index_says_why(exercise_id: str) -> None:
    """No index is guessed: the note says it was not measured, not read or not encoded."""
    exercise = EXERCISES[exercise_id]

    assert exercise.gta_index is None
    assert any(
        words in exercise.gta.note
        for words in ("Not measured", "not read", "not encoded", "no EMG source")
    )


def test_the_lunge_keeps_its_rank_but_not_its_probable_index() -> None:
    """The 18 paired with the lunge only by a secondary page is not encoded."""
    lunge = EXERCISES["lunge"].gta

    assert (lunge.index, lunge.rank, lunge.rank_of) == (None, 11, 11)
    assert lunge.status is Evidence.SECONDARY


def test_borrowed_figures_come_from_an_exercise_that_was_measured() -> None:
    """An exercise measured as another has that one's figures and says how they differ."""
    borrowed = [e for e in EXERCISES.values() if e.measured_as is not None]

    assert {e.id for e in borrowed} == {"precision_clamshell", "side_lying_wall_slide"}
    for exercise in borrowed:
        measured = EXERCISES[str(exercise.measured_as)]
        assert measured.measured_as is None
        assert (exercise.gta, exercise.emg) == (measured.gta, measured.emg)
        assert "not measured" in str(exercise.measured_as_note)


def test_every_emg_figure_cites_a_listed_source() -> None:
    """Each %MVIC figure names its source and how far it was checked."""
    for exercise in EXERCISES.values():
        for figure in exercise.emg:
            assert figure.source in EXERCISE_SOURCES, exercise.id
            assert figure.mvic_pct > 0


@pytest.mark.parametrize(
    ("exercise_id", "words"),
    [
        ("precision_clamshell", "hips roll back"),
        ("glute_bridge", "lower back arches"),
        ("single_leg_bridge", "lower back arches"),
        ("monster_walk", "knees cave in"),
        ("single_leg_rdl", "knee caves in"),
    ],
)
def test_the_seed_cheating_checks_are_there(exercise_id: str, words: str) -> None:
    """The issue's examples of "you're cheating if..." checks are in the library."""
    assert any(words in check for check in EXERCISES[exercise_id].cheating_if)


def test_every_exercise_has_instructions_cues_checks_and_two_versions() -> None:
    """Steps, cues, checks, and an easier and a harder version with a description."""
    for exercise in EXERCISES.values():
        assert exercise.steps
        assert exercise.cues
        assert exercise.cheating_if
        assert exercise.easier.how
        assert exercise.harder.how
        assert (exercise.dose is None) == (exercise.dose_note is not None)


def test_linked_versions_are_library_exercises_of_the_same_phase() -> None:
    """An easier or harder version that names an exercise points at a real one."""
    for exercise in EXERCISES.values():
        for variant in (exercise.easier, exercise.harder):
            if variant.exercise_id is not None:
                assert EXERCISES[variant.exercise_id].phase is exercise.phase


def test_the_couch_stretch_has_no_dose_because_no_source_gives_one() -> None:
    """No dose is invented for the stretch; the note says why."""
    stretch = EXERCISES["couch_stretch"]

    assert stretch.dose is None
    assert "No source" in str(stretch.dose_note)


def test_gta_order_puts_measured_exercises_first_highest_first() -> None:
    """Sorting by gta_order: verified indexes descending, then ranks, then the rest."""
    ordered = sorted(EXERCISES.values(), key=gta_order)
    indexes = [e.gta.index for e in ordered if e.gta.index is not None]
    first_unmeasured = next(i for i, e in enumerate(ordered) if e.gta.index is None)

    assert indexes == sorted(indexes, reverse=True)
    assert all(e.gta.index is None for e in ordered[first_unmeasured:])
    ranks = [e.gta.rank for e in ordered[first_unmeasured:] if e.gta.rank is not None]
    assert ranks == sorted(ranks)


def test_a_linked_version_brings_its_own_gta_index_and_dose() -> None:
    """The easier single-leg bridge is the glute bridge, with the glute bridge's figures."""
    easier = exercise_version("single_leg_bridge", Version.EASIER)

    assert (easier.shown_id, easier.gta_index) == ("glute_bridge", None)
    assert easier.dose == EXERCISES["glute_bridge"].dose
    assert exercise_version("glute_bridge", Version.HARDER).gta_index == 59


def test_an_unlinked_version_has_no_gta_index() -> None:
    """A version that was not itself measured shows no index, and says how it differs."""
    harder = exercise_version("precision_clamshell", Version.HARDER)

    assert harder.gta_index is None
    assert harder.change is not None
    assert harder.equipment == {Equipment.BAND, Equipment.WALL}


def test_an_unknown_exercise_is_refused() -> None:
    """Asking for an exercise the library lacks names the field."""
    with pytest.raises(InvalidAnswer) as error:
        exercise_version("burpee", Version.STANDARD)

    assert error.value.field == "exercise_id"


def test_phase_one_exercises_are_lying_or_kneeling_and_phase_two_standing_or_loaded() -> None:
    """The seed's standing exercises are functional integration; the lying ones the reset."""
    reset = {e.id for e in EXERCISES.values() if e.phase is Phase.NEURAL_RESET}

    assert {"precision_clamshell", "side_lying_wall_slide", "glute_bridge"} <= reset
    assert {"monster_walk", "single_leg_rdl", "hip_hike"}.isdisjoint(reset)


def test_equipment_names_are_read() -> None:
    """parse_equipment reads names into Equipment."""
    assert parse_equipment(["band", "wall"]) == {Equipment.BAND, Equipment.WALL}
    assert parse_equipment(iter(["step"])) == {Equipment.STEP}


def test_unknown_equipment_is_refused() -> None:
    """An unknown name is an InvalidAnswer on the equipment field."""
    with pytest.raises(InvalidAnswer) as error:
        parse_equipment(["band", "kettlebell"])

    assert error.value.field == "equipment"


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (Dose(3, 10, None, is_per_side=True), "3 × 10 each side"),
        (Dose(2, None, 15, is_per_side=False), "2 × 15 s hold"),
    ],
)
def test_a_dose_reads_in_plain_words(dose: Dose, text: str) -> None:
    """Dose.text is what the page shows."""
    assert dose.text == text
