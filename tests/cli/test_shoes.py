"""`hipfirst shoes`: the JSON shape, the text for a person and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ANSWERS = {
    "knee_collapse": True,
    "overpronation": "mild",
    "cadence_goal": True,
    "foot_strike": "heel",
    "preferred_drop_mm": 8,
    "budget": 150,
}


def _shoes(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hipfirst.cli", "shoes", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _answers_file(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document))
    return path


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("hipfirst: ")
    return lines[0]


def test_json_prints_three_shoes_with_reasons_and_the_caveats(tmp_path: Path) -> None:
    """--json prints one object: recommendations with id, name, reasons; caveats."""
    result = _shoes(_answers_file(tmp_path, ANSWERS), "--json")
    document = json.loads(result.stdout)

    assert result.returncode == 0
    assert list(document) == ["recommendations", "caveats"]
    assert len(document["recommendations"]) == 3
    assert all(set(pick) == {"id", "name", "reasons"} for pick in document["recommendations"])
    assert all(pick["reasons"] for pick in document["recommendations"])
    assert document["caveats"]


def test_without_json_the_advice_reads_as_plain_words(tmp_path: Path) -> None:
    """The text lists the three shoes and what shoes can and cannot do."""
    result = _shoes(_answers_file(tmp_path, ANSWERS))

    assert result.returncode == 0
    assert result.stdout.startswith("Shoes to try on")
    assert "What shoes can and cannot do:" in result.stdout
    assert "\n1. " in result.stdout
    assert "\n3. " in result.stdout


def test_null_drop_and_budget_mean_no_preference(tmp_path: Path) -> None:
    """null is accepted for the two optional answers."""
    document = {**ANSWERS, "preferred_drop_mm": None, "budget": None}

    result = _shoes(_answers_file(tmp_path, document), "--json")

    assert result.returncode == 0


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({**ANSWERS, "knee_collapse": "yes"}, "knee_collapse"),
        ({k: v for k, v in ANSWERS.items() if k != "overpronation"}, "overpronation"),
        ({**ANSWERS, "foot_strike": "toes"}, "foot_strike"),
        ({**ANSWERS, "preferred_drop_mm": -2}, "preferred_drop_mm"),
        ({**ANSWERS, "budget": "lots"}, "budget"),
        ({**ANSWERS, "shoe_size": 42}, "shoe_size"),
    ],
    ids=["not-a-boolean", "missing", "unknown-choice", "negative-drop", "word-budget", "extra"],
)
def test_a_malformed_answer_exits_2_naming_the_field(
    tmp_path: Path, document: dict[str, object], field: str
) -> None:
    """One line on stderr that names the answer, exit status 2, no traceback."""
    line = _one_line_error(_shoes(_answers_file(tmp_path, document), "--json"))

    assert f"({field})" in line


def test_a_file_that_is_not_json_exits_2(tmp_path: Path) -> None:
    """Broken JSON is one plain line too."""
    path = tmp_path / "answers.json"
    path.write_text("{not json")

    line = _one_line_error(_shoes(path))

    assert "not valid JSON" in line


def test_a_json_list_is_refused(tmp_path: Path) -> None:
    """The file must hold one object."""
    line = _one_line_error(_shoes(_answers_file(tmp_path, [ANSWERS])))

    assert "one JSON object" in line
