"""Writes of the cadence app."""

from __future__ import annotations

from datetime import date

from hipfirst.web.accounts.models import User
from hipfirst.web.cadence.models import CountedCadence


def record_counted_cadence(runner: User, steps_in_30_s: int, *, today: date) -> CountedCadence:
    """Store a cadence the runner counted by hand today."""
    return CountedCadence.objects.create(
        runner=runner, counted_on=today, steps_in_30_s=steps_in_30_s
    )
