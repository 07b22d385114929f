"""Sign-up: good input makes an account; bad input re-renders with field errors."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hipfirst.web.accounts.models import User
from tests.web.factories import PASSWORD, make_runner

pytestmark = pytest.mark.django_db


def _sign_up(client: Client, email: str, password1: str = PASSWORD, password2: str | None = None):
    return client.post(
        reverse("accounts:signup"),
        {"email": email, "password1": password1, "password2": password2 or password1},
    )


def test_signing_up_creates_an_account_and_logs_in(client: Client) -> None:
    """A valid email and password create the account and land on the home page, logged in."""
    response = _sign_up(client, "Ana@Example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert User.objects.get().email == "ana@example.org"
    assert client.get(reverse("home")).context["user"].is_authenticated


def test_the_password_is_stored_with_argon2(client: Client) -> None:
    """Passwords are hashed with Argon2, never stored as given."""
    _sign_up(client, "ana@example.org")

    assert User.objects.get().password.startswith("argon2$")


def test_a_malformed_email_is_shown_on_its_field(client: Client) -> None:
    """A malformed address re-renders the form with the error on the email field."""
    response = _sign_up(client, "not-an-email")

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not User.objects.exists()


def test_a_weak_password_is_shown_on_its_field(client: Client) -> None:
    """A common, short password is refused with the reason on the password field."""
    response = _sign_up(client, "ana@example.org", "12345678")

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


def test_mismatched_passwords_are_shown_on_their_field(client: Client) -> None:
    """Two different passwords re-render with an error, not an account."""
    response = _sign_up(client, "ana@example.org", PASSWORD, PASSWORD + "x")

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors


def test_an_email_already_taken_is_shown_on_its_field(client: Client) -> None:
    """Signing up twice with one address, in any case, says the address is taken."""
    make_runner("ana@example.org")

    response = _sign_up(client, "ANA@example.org")

    assert response.status_code == 200
    assert "already exists" in response.context["form"].errors["email"][0]
    assert User.objects.count() == 1


def test_an_empty_form_is_not_a_server_error(client: Client) -> None:
    """Posting nothing at all re-renders with errors on every required field."""
    response = client.post(reverse("accounts:signup"), {})

    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"email", "password1", "password2"}
