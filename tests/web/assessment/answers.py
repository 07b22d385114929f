"""Form posts for each wizard step, built from the example answers files."""

from __future__ import annotations

import json
from typing import Any

from tests.data import REPO_ROOT


def example(name: str) -> dict[str, Any]:
    """An example answers document from examples/ (clean or red-flag)."""
    document: dict[str, Any] = json.loads(
        (REPO_ROOT / "examples" / f"answers-{name}.json").read_text()
    )
    return document


def step_posts(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The POST data of each wizard step that would give ``document``."""
    symptoms = document["symptoms"]
    return {
        "profile": {k: "" if v is None else v for k, v in document["profile"].items()},
        "red_flags": {k: "yes" if v else "no" for k, v in document["red_flags"].items()},
        "symptoms": {
            **{
                k: v
                for k, v in symptoms.items()
                if k not in {"dead_butt_feeling", "tight_hamstrings"}
            },
            "dead_butt_feeling": "yes" if symptoms["dead_butt_feeling"] else "no",
            "tight_hamstrings": "yes" if symptoms["tight_hamstrings"] else "no",
            **{f"pain_{k}": v for k, v in document["pain"].items()},
        },
        "kujala": {f"item_{n}": letter for n, letter in enumerate(document["kujala"], 1)},
    }
