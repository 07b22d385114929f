"""Template filters of the programme pages: sources, scores, percentages and doses."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import template

from hipfirst.core.exercises import Dose

register = template.Library()


_FOLDER = re.compile(r"\bin \.\./shared/science\b")


@register.filter
def plain(text: str | None) -> str:
    """Library notes without our folder names: "no source in ../shared/science" reads
    "no source we have read"."""
    return _FOLDER.sub("we have read", text or "")


@register.filter
def out_of_10(score: int | None) -> str:
    """A 0–10 score as ``3/10``, or ``not logged`` when there is none."""
    return "not logged" if score is None else f"{score}/10"


@register.filter
def percent(value: float | None) -> str:
    """A percentage rounded to a whole number, or ``–`` when nothing was due yet."""
    return "–" if value is None else f"{value:.0f}%"


@register.filter
def dose_text(dose: Dose | None) -> str:
    """A dose in plain words (``2 × 8 each side``), or "as many as you can with good form"."""
    return "as many as you can with good form" if dose is None else dose.text


_DECISIONS = {
    "progress": "Moves up",
    "regress": "Easier from now on",
    "hold": "Stays the same",
    "pause": "Paused",
}
_MUSCLES = {
    "gmed": "Gluteus medius (side of the hip)",
    "gmax": "Gluteus maximus (buttock)",
    "tfl": "TFL (front of the hip)",
}
_DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_KIT = {"band": "a band", "step": "a step", "dumbbell": "a dumbbell", "wall": "a wall"}


@register.filter
def decision_label(kind: str) -> str:
    """What a decision does to an exercise, in a few words."""
    return _DECISIONS.get(str(kind), str(kind))


@register.filter
def muscle_name(muscle: str) -> str:
    """A muscle's name with where a runner feels it."""
    return _MUSCLES.get(str(muscle), str(muscle))


@register.filter
def clock(seconds: int) -> str:
    """Seconds as ``m:ss``."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


@register.filter
def day_names(days: list[str]) -> str:
    """Stored weekday values as names: ``Monday, Wednesday and Friday``."""
    return _joined([_DAYS.get(day, day) for day in days])


@register.filter
def kit_names(equipment: Iterable[str]) -> str:
    """Equipment values (stored names or ``Equipment``) in words, or ``no equipment``."""
    return _joined([_KIT.get(str(item), str(item)) for item in sorted(equipment)]) or "no equipment"


def _joined(words: list[str]) -> str:
    return " and ".join(filter(None, [", ".join(words[:-1]), *words[-1:]]))
