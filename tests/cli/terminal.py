"""Running ``hipfirst`` in-process with a terminal's streams, for the fuzz tests."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence

from hipfirst.cli import main


def run_cli(argv: Sequence[str]) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``hipfirst ARGV``.

    As on a terminal, stdout is strict UTF-8 (a lone surrogate there is a crash) and
    stderr escapes what it cannot encode; pytest's capture would be strict on both.
    argparse's ``SystemExit`` becomes the status it carries.
    """
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 2
    texts = []
    for stream in (out, err):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode())
    return status, texts[0], texts[1]


def one_line(err: str) -> str:
    """The single ``hipfirst: ...`` line that stderr must hold."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("hipfirst: ")
    return lines[0]
