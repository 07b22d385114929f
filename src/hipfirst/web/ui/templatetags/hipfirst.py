"""Template filters: show sources as citations a runner can look up."""

from __future__ import annotations

import re
from typing import Any

from django import template

register = template.Library()

# Our sources point developers at the fact sheets ("../shared/science/x.md, section 2")
# and their reference labels ("[C5]"); a runner needs the paper, not those.
# "(none)" marks a figure with no fact sheet behind it (a product decision).
_FACT_SHEET = re.compile(
    r"\s*\(none\)\s*$|[,;]?\s*\(?(?:(?:Both|All) in )?\.\./shared/science/\S+\.md.*$",
    re.DOTALL,
)
_FOLDER = re.compile(r"\bin \.\./shared/science\b")
_LABEL = re.compile(r"\s*\[[A-Z]+\d+(?:,\s*[A-Z]+\d+)*\]")


@register.filter
def citation(source: str) -> str:
    """The source as a citation, or ``""`` when it is only a pointer to a fact sheet."""
    text = _LABEL.sub("", _FACT_SHEET.sub("", _FOLDER.sub("we have read", source)))
    text = text.strip(" ;,.")
    return f"{text}." if text else ""


@register.filter
def km(distance_m: float | None, style: str = "") -> str:
    """Metres as kilometres with two decimals: ``10.02 km``, or ``10.02`` with ``"short"``
    where a column header carries the unit."""
    if distance_m is None:
        return "–"
    return f"{distance_m / 1000:.2f}" + ("" if style == "short" else " km")


@register.filter
def duration(seconds: float | None) -> str:
    """Seconds as ``h:mm:ss`` (or ``m:ss`` under an hour)."""
    if seconds is None:
        return "–"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def pace(min_per_km: float | None, style: str = "") -> str:
    """Minutes per kilometre as ``m:ss /km``, or ``m:ss`` with ``"short"``."""
    if min_per_km is None:
        return "–"
    minutes, secs = divmod(round(min_per_km * 60), 60)
    return f"{minutes}:{secs:02d}" + ("" if style == "short" else " /km")


@register.filter
def per_minute(value: float | None, unit: str) -> str:
    """A rate with its unit (``172 spm``, ``148 bpm``), or a dash when not recorded."""
    if value is None:
        return "–"
    return f"{value:.0f} {unit}".rstrip()


@register.filter
def run_pace(activity: Any) -> float | None:  # Any: a training Activity row
    """Average pace while moving, in minutes per kilometre."""
    seconds = activity.moving_s or activity.elapsed_s
    if not activity.distance_m or not seconds:
        return None
    return float(seconds) / 60 / (float(activity.distance_m) / 1000)
