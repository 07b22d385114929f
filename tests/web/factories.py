"""Builders for web tests: real rows through real code, no JSON fixtures."""

from __future__ import annotations

from itertools import count

from hipfirst.web.accounts.models import User

PASSWORD = "knee-pain-is-not-forever-42"
_numbers = count(1)


def make_runner(email: str | None = None, *, password: str = PASSWORD) -> User:
    """A new runner account with a known password."""
    return User.objects.create_user(email or f"runner{next(_numbers)}@example.org", password)
