"""Paths to the real files in ../shared/data that the tests read (never copied here)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("HIPFIRST_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def shared_files(pattern: str) -> list[Path]:
    """Real files from ../shared/data; matching nothing is an error, not a skip."""
    if not (files := sorted(SHARED_DATA.glob(pattern))):
        raise FileNotFoundError(f"nothing matches {pattern!r} under {SHARED_DATA}")
    return files
