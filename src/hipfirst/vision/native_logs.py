"""Quiet the native libraries' start-up chatter on the terminal.

MediaPipe's C++ graph (absl logging) and FFmpeg inside OpenCV write warnings straight to
file descriptor 2 ("Feedback manager requires a model with a single signature", "moov
atom not found"), past Python's ``sys.stderr``, and no environment variable turns them
off in these versions. Our own plain-words message says what went wrong instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["native_logs_quieted"]


@contextmanager
def native_logs_quieted() -> Iterator[None]:
    """Send file descriptor 2 to the null device for the duration of the block."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
