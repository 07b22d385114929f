"""Typed readers for settings from environment variables that fail loudly.

As in healthchecks' ``hc/settings.py``: a malformed value stops start-up with
``ImproperlyConfigured`` rather than silently meaning something else.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

__all__ = ["env", "env_bool", "env_int", "env_list", "env_required"]


def env(name: str, *, default: str) -> str:
    """The variable's value, or ``default`` when it is unset or empty."""
    return os.environ.get(name) or default


def env_required(name: str) -> str:
    """The variable's value; unset or empty is a configuration error."""
    if not (value := os.environ.get(name)):
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, *, default: bool) -> bool:
    """``true`` or ``false`` (any case); anything else is a configuration error."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"true", "false"}:
        return value.lower() == "true"
    raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}.")


def env_int(name: str, *, default: int) -> int:
    """A whole number; anything else is a configuration error."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, *, default: list[str]) -> list[str]:
    """A comma-separated list, blanks dropped."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
