"""Template filters of the progress pages and the physio report."""

from __future__ import annotations

from calendar import day_name
from collections.abc import Iterable

from django import template

from hipfirst.web.ui.templatetags.hipfirst import citation

register = template.Library()


@register.filter
def words(answer_id: object) -> str:
    """An answer's id in words: ``around_kneecap`` reads ``around kneecap``."""
    return str(answer_id or "").replace("_", " ")


@register.filter
def percent(value: float | None) -> str:
    """A percentage rounded to a whole number, or ``–`` when nothing was due yet."""
    return "–" if value is None else f"{value:.0f}%"


_WEEKDAYS = dict(zip(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), day_name, strict=True))


@register.filter
def weekdays(days: list[str]) -> str:
    """Stored weekday values as names: ``Monday, Wednesday, Friday``."""
    return ", ".join(_WEEKDAYS.get(day, day) for day in days)


_DECISIONS = {
    "progress": "moves up",
    "regress": "easier from now on",
    "hold": "stays the same",
    "pause": "paused",
}


@register.filter
def decision_words(kind: object) -> str:
    """A change the plan made, in words (``regress`` reads ``easier from now on``)."""
    return _DECISIONS.get(str(kind), str(kind))


@register.filter
def citations(sources: Iterable[str]) -> str:
    """Sources as citations one after another; ``""`` when none is more than a pointer
    to our fact sheets, so that the template can leave the line out."""
    return " ".join(text for text in (citation(source) for source in sources) if text)
