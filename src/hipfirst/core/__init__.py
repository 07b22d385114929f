"""The pure core of hipfirst: numbers in, frozen dataclasses out.

Nothing here imports Django, reads files, the network, environment variables or the
clock; callers pass ``today`` in. ``tests/core/test_purity.py`` enforces it.
"""

from hipfirst.core.errors import HipfirstError, InvalidAnswer, ProgrammeBlocked, UnreadableFile

__all__ = ["HipfirstError", "InvalidAnswer", "ProgrammeBlocked", "UnreadableFile"]
