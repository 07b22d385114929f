"""Builders for web tests: real rows through real code, no JSON fixtures."""

from __future__ import annotations

from datetime import datetime
from itertools import count

from hipfirst.web.accounts.models import User
from hipfirst.web.training.models import Activity

PASSWORD = "knee-pain-is-not-forever-42"
_numbers = count(1)


def make_runner(email: str | None = None, *, password: str = PASSWORD) -> User:
    """A new runner account with a known password."""
    return User.objects.create_user(email or f"runner{next(_numbers)}@example.org", password)


def make_run(
    runner: User, start: datetime, distance_km: float, *, minutes: float | None = None
) -> Activity:
    """A stored run (no series needed for load figures), at 6 min/km unless told."""
    duration_s = (minutes if minutes is not None else distance_km * 6) * 60
    return Activity.objects.create(
        runner=runner,
        file_name=f"run-{start:%Y%m%d%H%M}.fit",
        file_sha256="0" * 64,
        sport="running",
        is_running=True,
        start=start,
        utc_offset_s=0,
        elapsed_s=duration_s,
        moving_s=duration_s,
        distance_m=distance_km * 1000,
        dedupe_bucket=int(start.timestamp()) // 3600,
    )
