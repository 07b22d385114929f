"""The pain-monitoring model: a week of pain logs read as safe, acceptable, worsening or not.

Pain is logged on a 0–10 numeric rating scale during or after a run, or the next morning,
on the runner's local date. The safe band and the acceptable ceiling are read from
``data/load_thresholds.toml``. The model is that of Silbernagel et al. 2007, from Achilles
tendinopathy, not knee pain; evidence in ``../shared/science/programme.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.load_thresholds import LoadThresholds


class PainTiming(StrEnum):
    """When a pain score was given, relative to a run."""

    DURING = "during"
    AFTER = "after"
    NEXT_MORNING = "next_morning"


class PainState(StrEnum):
    """The pain-monitoring model's reading of one week of pain logs."""

    SAFE = "safe"  # all within the safe band
    ACCEPTABLE = "acceptable"  # up to the acceptable ceiling, settled and not rising
    WORSENING = "worsening"  # above the safe band and rising, or not settled by next morning
    UNACCEPTABLE = "unacceptable"  # above the acceptable ceiling


@dataclass(frozen=True, slots=True)
class PainLog:
    """One pain score on the runner's local date."""

    on: date
    pain_0_10: int
    timing: PainTiming = PainTiming.DURING

    def __post_init__(self) -> None:
        if not 0 <= self.pain_0_10 <= 10:
            raise InvalidAnswer("Pain goes from 0 (none) to 10 (worst).", field="pain_0_10")


def pain_state(
    pain_logs: Sequence[PainLog], *, today: date, thresholds: LoadThresholds
) -> PainState | None:
    """Read the 7 days ending ``today`` with the pain-monitoring model; ``None`` without logs.

    Notes
    -----
    Pain may reach the acceptable ceiling (5/10) during and after exercise, should have
    subsided by the next morning, and may not rise from week to week [1]_. We read
    "subsided" as next-morning pain within the safe band (0–3/10, [2]_), and allow rises
    that stay within that band. SECONDARY; from Achilles tendinopathy, not knee pain.

    References
    ----------
    .. [1] Silbernagel KG et al. Am J Sports Med. 2007;35(6):897-906 (as quoted, SECONDARY).
    .. [2] bim.physio, "The Pain-Monitoring Model" (SECONDARY). Both in
       ../shared/science/programme.md.
    """
    week = [log for log in pain_logs if 0 <= (today - log.on).days < 7]
    if not week:
        return None
    highest = max(log.pain_0_10 for log in week)
    if highest > thresholds.pain_acceptable_max_0_10:
        return PainState.UNACCEPTABLE
    if highest <= thresholds.pain_safe_max_0_10:
        return PainState.SAFE
    before = [log.pain_0_10 for log in pain_logs if 7 <= (today - log.on).days < 14]
    mornings = [log.pain_0_10 for log in week if log.timing is PainTiming.NEXT_MORNING]
    is_rising = bool(before) and highest > max(before)
    if is_rising or max(mornings, default=0) > thresholds.pain_safe_max_0_10:
        return PainState.WORSENING
    return PainState.ACCEPTABLE
