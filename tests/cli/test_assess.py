"""`hipfirst assess`: exit codes, the JSON shape and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"


def _assess(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hipfirst.cli", "assess", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("hipfirst: ")
    return lines[0]


def test_clean_answers_print_the_documented_json_shape() -> None:
    """--json prints one object with exactly the documented keys and types."""
    result = _assess(EXAMPLES / "answers-clean.json", "--json")
    document = json.loads(result.stdout)

    assert result.returncode == 0
    assert list(document) == [
        "red_flags",
        "referral",
        "likely_conditions",
        "kujala",
        "programme_allowed",
    ]
    assert document["red_flags"] == []
    assert document["referral"] is None
    assert {c["id"] for c in document["likely_conditions"]} <= {
        "pfp",
        "itbs",
        "glute_amnesia",
        "other",
    }
    assert all(
        set(c) == {"id", "reasons_for", "reasons_against"} for c in document["likely_conditions"]
    )
    assert 0 <= document["kujala"]["score"] <= 100
    assert document["programme_allowed"] is True


def test_red_flag_answers_print_a_referral_and_block_the_programme() -> None:
    """A red-flag answer set gives a referral with its urgency and programme_allowed false."""
    document = json.loads(_assess(EXAMPLES / "answers-red-flag.json", "--json").stdout)

    assert document["red_flags"]
    assert document["referral"]["urgency"] in {"emergency", "urgent", "routine"}
    assert document["referral"]["who"]
    assert document["programme_allowed"] is False


def test_without_json_the_result_reads_as_plain_words() -> None:
    """The person-readable form says 'consistent with' and never 'you have'."""
    result = _assess(EXAMPLES / "answers-clean.json")

    assert result.returncode == 0
    assert "consistent with" in result.stdout
    assert "you have" not in result.stdout.lower()


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ('{"profile": {"age": "old"}}', "red_flags"),
        ("not json at all", "not valid JSON"),
        ("[1, 2, 3]", "one JSON object"),
    ],
)
def test_a_malformed_file_exits_2_with_one_line(tmp_path: Path, content: str, field: str) -> None:
    """Malformed answers exit 2 with one plain line that names the problem."""
    answers = tmp_path / "answers.json"
    answers.write_text(content)

    assert field in _one_line_error(_assess(answers))


def test_a_wrong_answer_is_named_by_its_field(tmp_path: Path) -> None:
    """An out-of-range age is reported on profile.age."""
    document = json.loads((EXAMPLES / "answers-clean.json").read_text())
    document["profile"]["age"] = -4
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(document))

    assert "profile.age" in _one_line_error(_assess(answers))


def test_a_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    """A path that does not exist is one line, not a traceback."""
    assert "Cannot read" in _one_line_error(_assess(tmp_path / "nope.json"))
