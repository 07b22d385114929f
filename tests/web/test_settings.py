"""Settings come from the environment and production passes Django's deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from hipfirst.web.env import env_bool, env_int, env_list

PRODUCTION = {
    "HIPFIRST_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-ZWq8Jv3nT0pX7yR2mL5sK9dF4hB6cA1e",
    "ALLOWED_HOSTS": "hipfirst.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "django", *args, "--settings", "hipfirst.web.settings"],
        # Without the browser tests' async override, which check --deploy rightly rejects.
        env={k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_checks_with_no_warnings() -> None:
    """`manage.py check --deploy --fail-level WARNING` is clean in production."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    """A missing SECRET_KEY in production stops start-up with a plain message."""
    result = _manage("check", env={**PRODUCTION, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_env_bool_accepts_only_true_or_false(monkeypatch: pytest.MonkeyPatch) -> None:
    """'yes' is not a boolean: it is a configuration error, not a silent False."""
    monkeypatch.setenv("HIPFIRST_FLAG", "yes")

    with pytest.raises(ImproperlyConfigured, match="'true' or 'false'"):
        env_bool("HIPFIRST_FLAG", default=False)


def test_env_readers_parse_their_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """Booleans, numbers and lists come through typed, blanks dropped."""
    monkeypatch.setenv("HIPFIRST_FLAG", "TRUE")
    monkeypatch.setenv("HIPFIRST_NUMBER", "42")
    monkeypatch.setenv("HIPFIRST_LIST", "a.org, ,b.org")

    assert env_bool("HIPFIRST_FLAG", default=False) is True
    assert env_int("HIPFIRST_NUMBER", default=0) == 42
    assert env_list("HIPFIRST_LIST", default=[]) == ["a.org", "b.org"]


def test_env_int_refuses_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """A non-number is a configuration error naming the variable."""
    monkeypatch.setenv("HIPFIRST_NUMBER", "many")

    with pytest.raises(ImproperlyConfigured, match="HIPFIRST_NUMBER"):
        env_int("HIPFIRST_NUMBER", default=0)


def test_a_stall_threshold_under_a_second_is_refused() -> None:
    """HIPFIRST_STALLED_AFTER_S of 0 would requeue every running job: start-up stops."""
    result = _manage(
        "check", env={"HIPFIRST_STALLED_AFTER_S": "0", "DATABASE_URL": "sqlite:///:memory:"}
    )

    assert result.returncode != 0
    assert "HIPFIRST_STALLED_AFTER_S must be at least 1" in result.stderr
