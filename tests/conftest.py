"""Shared test set-up: the hypothesis profile and the Django database for web tests."""

from __future__ import annotations

import os

os.environ.setdefault("HIPFIRST_ENV", "test")  # before pytest-django imports the settings

from hypothesis import HealthCheck, settings  # after the environment is set

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
