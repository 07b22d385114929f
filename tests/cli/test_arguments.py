"""The argument types the commands share."""

from __future__ import annotations

import argparse
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.cli.arguments import iso_date


@given(day=st.dates())
def test_every_date_written_yyyy_mm_dd_reads_back(day: date) -> None:
    """A date written as YYYY-MM-DD is read as that date."""
    assert iso_date(day.isoformat()) == day


@given(text=st.text(max_size=20))
def test_any_other_text_is_refused_with_one_plain_message(text: str) -> None:
    """Text that is not a real YYYY-MM-DD date gets the one message, never another error."""
    message = f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2026-03-01"
    try:
        day = iso_date(text)
    except argparse.ArgumentTypeError as error:
        said = str(error)
    else:
        said = message if day.isoformat() == text else "read as another day"

    assert said == message


@pytest.mark.parametrize(
    "text", ["20260301", "2026-W09-1", "2026-02-30", "2026-3-1", " 2026-03-01"]
)
def test_looser_iso_forms_and_impossible_dates_are_refused(text: str) -> None:
    """Forms ``date.fromisoformat`` would take, and days that do not exist, are refused."""
    with pytest.raises(argparse.ArgumentTypeError):
        iso_date(text)
