"""Whatever the bytes, readers raise nothing but UnreadableFile and archives never raise."""

from __future__ import annotations

from hypothesis import given, settings

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers import expand, read_fit, read_gpx, read_tcx
from tests.importers.strategies import any_bytes, damaged_fit, damaged_gpx, damaged_tcx

EXAMPLES = settings(max_examples=60, deadline=None)


def _reads_or_refuses(reader, data: bytes) -> None:
    try:
        activities = reader(data, filename="damaged")
    except UnreadableFile as exc:
        refusal: UnreadableFile | None = exc
    else:
        refusal = None
        assert all(a.elapsed_s >= 0 for a in activities)
    if refusal is not None:
        assert refusal.message
        assert refusal.field == "damaged"


@EXAMPLES
@given(data=damaged_fit)
def test_damaged_fit_never_raises_anything_but_unreadable_file(data: bytes) -> None:
    """Cut or flipped FIT bytes give activities or UnreadableFile."""
    _reads_or_refuses(read_fit, data)


@EXAMPLES
@given(data=damaged_gpx)
def test_damaged_gpx_never_raises_anything_but_unreadable_file(data: bytes) -> None:
    """Cut or flipped GPX bytes give an activity or UnreadableFile."""
    _reads_or_refuses(read_gpx, data)


@EXAMPLES
@given(data=damaged_tcx)
def test_damaged_tcx_never_raises_anything_but_unreadable_file(data: bytes) -> None:
    """Cut or flipped TCX bytes give activities or UnreadableFile."""
    _reads_or_refuses(read_tcx, data)


@EXAMPLES
@given(data=any_bytes)
def test_random_bytes_never_raise_anything_but_unreadable_file(data: bytes) -> None:
    """Random bytes, to every reader."""
    for reader in (read_fit, read_gpx, read_tcx):
        _reads_or_refuses(reader, data)


@EXAMPLES
@given(data=any_bytes)
def test_random_uploads_never_raise(data: bytes) -> None:
    """Expanding any upload yields members or reasons, never an exception."""
    for name in ("upload.zip", "upload.gz", "upload"):
        assert all(item is not None for item in expand(name, data))
