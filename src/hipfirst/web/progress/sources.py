"""Where each clinical number on the dashboard and in the report comes from.

Read from the core's own data files, so a corrected source reaches every page; nothing
here restates a figure. The ``citation`` template filter turns each into the words a
runner or clinician can look up.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from hipfirst.core.cadence_target import SOURCES as CADENCE_SOURCES
from hipfirst.core.load_thresholds import read_load_thresholds

#: How weekly adherence is counted: ours, not a published measure.
ADHERENCE_SOURCE = (
    "hipfirst's count: sessions of the week with at least one set logged, over the sessions "
    "due so far (hipfirst.core.programme_logs.weekly_adherence)"
)


@dataclass(frozen=True, slots=True)
class ProgressSources:
    """The sources of the figures the dashboard and the report show."""

    kujala_scale: str  # the points of each answer of the AKPS
    kujala_mcid: str  # the 10-point minimal important difference
    pain_bands: str  # the 0–3 safe and 5 acceptable bands of the pain-monitoring model
    acwr: str  # the acute:chronic ratio's zones
    cadence_target: tuple[str, ...]  # why +5% then up to +10%
    adherence: str


@cache
def progress_sources() -> ProgressSources:
    """Read the sources once from ``hipfirst/core/data``."""
    kujala = tomllib.loads(
        (files("hipfirst.core") / "data" / "kujala.toml").read_text(encoding="utf-8")
    )
    thresholds = read_load_thresholds()
    return ProgressSources(
        kujala_scale=str(kujala["source"]),
        kujala_mcid=str(kujala["mcid"]["source"]),
        pain_bands=thresholds.source("pain"),
        acwr=thresholds.source("acwr"),
        cadence_target=tuple(
            CADENCE_SOURCES[key]
            for key in ("heiderscheit2011", "lenhart2014", "bramah2019")
            if key in CADENCE_SOURCES
        ),
        adherence=ADHERENCE_SOURCE,
    )
