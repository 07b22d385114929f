"""Plain words for the load-risk components (ids and values come from the core)."""

from __future__ import annotations

from django import template

register = template.Library()

TITLES = {
    "single_run_spike": "Your longest recent run against the 30 days before",
    "acwr": "This week against your last four weeks (acute:chronic ratio)",
    "weekly_change": "Change in distance from last week",
    "consistency": "Running regularly",
    "pain_trend": "Your knee pain while running",
}


@register.filter
def component_title(component_id: str) -> str:
    """The component's name in a runner's words."""
    return TITLES.get(str(component_id), str(component_id))


@register.filter
def component_value(component: object) -> str:
    """The component's value with its unit, or "not enough data yet"."""
    value = getattr(component, "value", None)
    kind = str(getattr(component, "id", ""))
    if value is None:
        return "not enough data yet"
    if kind in {"single_run_spike", "weekly_change"}:
        return f"{value:+.0f}%"
    if kind == "acwr":
        return f"{value:.2f}"
    if kind == "consistency":
        return f"ran in {value:.0f} of the last 4 weeks"
    return f"{value:.0f} out of 10 at worst"
