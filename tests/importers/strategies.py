"""Hypothesis strategies for the importer tests: damaged versions of real files.

They sit here rather than in ``tests/strategies.py`` only because that module is shared
and was being edited by others when these were written; move them there freely.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from tests.data import shared_files

FIT_FILES = shared_files("fit/*.fit")
GPX_FILES = shared_files("gpx/*.gpx")
TCX_FILES = shared_files("tcx/*.tcx")
_SMALL_LIMIT_BYTES = 200_000  # keep each example quick: damage the smaller real files


def _small(paths: list[Path]) -> list[Path]:
    return [path for path in paths if path.stat().st_size <= _SMALL_LIMIT_BYTES]


@st.composite
def damaged(draw: st.DrawFn, paths: list[Path]) -> bytes:
    """A real file cut short, with bytes flipped, or both."""
    data = bytearray(draw(st.sampled_from(_small(paths))).read_bytes())
    cut = draw(st.integers(0, len(data)))
    data = data[:cut]
    for _ in range(draw(st.integers(0, 8))):
        if data:
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


damaged_fit = damaged(FIT_FILES)
damaged_gpx = damaged(GPX_FILES)
damaged_tcx = damaged(TCX_FILES)
any_bytes = st.binary(max_size=2048)
