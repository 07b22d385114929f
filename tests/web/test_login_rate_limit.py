"""Repeated failed logins lock that email address from that IP address for a while."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from hipfirst.web.ratelimit import LOGIN_FAILURES, RateLimit
from tests.web.factories import PASSWORD, make_runner

pytestmark = pytest.mark.django_db

EMAIL = "ana@example.org"


def _log_in(client: Client, password: str, *, email: str = EMAIL, ip: str = "203.0.113.7"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def _fail(client: Client, times: int, **kwargs: str) -> None:
    for _ in range(times):
        _log_in(client, "wrong-password", **kwargs)


def test_after_too_many_failures_even_the_right_password_is_refused(client: Client) -> None:
    """The attempt after LOGIN_FAILURES.attempts failures is refused with a plain message."""
    make_runner(EMAIL)
    _fail(client, LOGIN_FAILURES.attempts)

    response = _log_in(client, PASSWORD)

    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert "Wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_fewer_failures_still_let_the_right_password_in(client: Client) -> None:
    """One attempt short of the limit, the right password logs in (and clears the count)."""
    make_runner(EMAIL)
    _fail(client, LOGIN_FAILURES.attempts - 1)

    response = _log_in(client, PASSWORD)

    assert response.status_code == 302
    assert not LOGIN_FAILURES.is_blocked("203.0.113.7", EMAIL)


def test_the_lock_is_for_that_email_address_only(client: Client) -> None:
    """Failures for one address do not lock another account out from the same network."""
    make_runner(EMAIL)
    make_runner("ben@example.org")
    _fail(client, LOGIN_FAILURES.attempts)

    response = _log_in(client, PASSWORD, email="ben@example.org")

    assert response.status_code == 302


def test_the_lock_is_for_that_ip_address_only(client: Client) -> None:
    """The runner's own login from elsewhere still works while a guesser is locked out."""
    make_runner(EMAIL)
    _fail(client, LOGIN_FAILURES.attempts, ip="198.51.100.1")

    response = _log_in(Client(), PASSWORD, ip="203.0.113.7")

    assert response.status_code == 302


def test_the_email_address_is_matched_whatever_its_case(client: Client) -> None:
    """ANA@example.org and ana@example.org share one count."""
    make_runner(EMAIL)
    _fail(client, LOGIN_FAILURES.attempts, email="ANA@Example.org")

    response = _log_in(client, PASSWORD)

    assert "Too many failed attempts" in response.content.decode()


def test_a_limit_lifts_when_its_window_has_passed() -> None:
    """After the window the key may try again (a one-second window, really waited)."""
    limit = RateLimit("test", attempts=1, window_s=1)
    limit.hit("key")
    blocked = limit.is_blocked("key")

    time.sleep(1.1)

    assert blocked
    assert not limit.is_blocked("key")
