"""How sub-commands print: one JSON object, or plain text for a person."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(document: dict[str, Any]) -> None:
    """Print exactly one JSON object on stdout, keys in the order given."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
