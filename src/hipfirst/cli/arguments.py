"""Argument types the commands share, each with one plain message when the text is wrong."""

from __future__ import annotations

import argparse
import re
from datetime import date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> date:
    """A calendar date written YYYY-MM-DD (``--today``, ``--start``), and nothing looser.

    ``date.fromisoformat`` alone also takes ``20260301`` and week dates such as
    ``2026-W09-1``; a runner who typed those most likely meant something else.
    """
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass  # a well-formed but impossible date, such as 2026-13-01
    raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2026-03-01")
