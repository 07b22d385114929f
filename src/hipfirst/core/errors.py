"""Errors hipfirst expects and can explain.

* HipfirstError       .message: plain words a runner can act on; .code: stable id for the API
  * InvalidAnswer     .field: the answer that is wrong
  * UnreadableFile    .field: the file name; the batch goes on without it
  * ProgrammeBlocked  a red flag was answered yes; the message says whom to see

Each edge catches these in one place: a form adds ``message`` to ``field``; the API
answers ``{"error": {"code", "field", "message"}}``; the CLI prints
``hipfirst: <message>`` and exits 2; an import batch lists the file as skipped.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["HipfirstError", "InvalidAnswer", "ProgrammeBlocked", "UnreadableFile"]


class HipfirstError(Exception):
    """Base of every error hipfirst expects, with a message a runner can act on."""

    code: ClassVar[str] = "error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidAnswer(HipfirstError):
    """An answer is missing, of the wrong kind or out of range; ``field`` names it."""

    code = "invalid_answer"


class UnreadableFile(HipfirstError):
    """A file cannot be read; ``field`` is its name and the rest of the batch goes on."""

    code = "unreadable_file"


class ProgrammeBlocked(HipfirstError):
    """A red flag is open: the programme waits until a clinician has cleared the runner."""

    code = "programme_blocked"
