"""Every number of the training-load core, read from ``data/load_thresholds.toml``.

The file holds each threshold beside its citation and how sure we are of it (VERIFIED,
SECONDARY, UNVERIFIED): the single-run spike, the ACWR zones, the weekly change, running
consistency, the pain bands and the walk–run return-to-running table. It is the package's
own data, read once through ``importlib.resources``; nothing else in the code holds these
numbers. Evidence: ``../shared/science/training_load.md`` and ``programme.md``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

KM_PER_MILE = 1.609344  # the international mile, exact by definition


@dataclass(frozen=True, slots=True)
class WalkRunPhase:
    """One phase of the walk–run return-to-running table."""

    phase: int
    walk_min: int
    run_min: int | None  # None: continuous running
    session_km: float
    rpe_0_10: int


@dataclass(frozen=True, slots=True)
class LoadThresholds:
    """Every number of ``data/load_thresholds.toml``, and each section's short source."""

    spike_moderate_above_pct: float
    spike_high_above_pct: float
    spike_lookback_days: int
    acwr_moderate_above: float
    acwr_high_from: float
    change_moderate_above_pct: float
    change_high_above_pct: float
    consistency_moderate_below_weeks: int
    consistency_high_below_weeks: int
    pain_safe_max_0_10: int
    pain_acceptable_max_0_10: int
    walk_run_sessions_per_week: int
    walk_run_phases: tuple[WalkRunPhase, ...]
    sources: tuple[tuple[str, str], ...]  # (section, short source)

    def source(self, section: str) -> str:
        """The short source of one section of the file, e.g. ``"acwr"``."""
        return dict(self.sources)[section]


@cache
def read_load_thresholds() -> LoadThresholds:
    """Read ``data/load_thresholds.toml``, the package's own data, once."""
    text = (files("hipfirst.core") / "data" / "load_thresholds.toml").read_text(encoding="utf-8")
    return _parse_thresholds(tomllib.loads(text))


def _parse_thresholds(toml: dict[str, Any]) -> LoadThresholds:  # Any: tomllib's untyped tables
    spike, acwr, change = toml["single_run_spike"], toml["acwr"], toml["weekly_change"]
    consistency, pain, walk_run = toml["consistency"], toml["pain"], toml["return_to_run"]
    phases = tuple(
        WalkRunPhase(
            int(row["phase"]),
            int(row["walk_min"]),
            int(row["run_min"]) if "run_min" in row else None,
            float(row["distance_mi"]) * KM_PER_MILE,
            int(row["rpe_0_10"]),
        )
        for row in walk_run["phase"]
    )
    return LoadThresholds(
        float(spike["moderate_above_pct"]),
        float(spike["high_above_pct"]),
        int(spike["lookback_days"]),
        float(acwr["moderate_above"]),
        float(acwr["high_from"]),
        float(change["moderate_above_pct"]),
        float(change["high_above_pct"]),
        int(consistency["moderate_below_weeks"]),
        int(consistency["high_below_weeks"]),
        int(pain["safe_max_0_10"]),
        int(pain["acceptable_max_0_10"]),
        int(walk_run["sessions_per_week"]),
        phases,
        tuple((name, str(table["source"])) for name, table in toml.items()),
    )
