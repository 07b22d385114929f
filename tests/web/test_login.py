"""Logging in and out, and resetting a forgotten password by email."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.web.factories import PASSWORD, make_runner

pytestmark = pytest.mark.django_db


def test_the_right_password_logs_in(client: Client) -> None:
    """Email and password of an account log in and redirect home."""
    make_runner("ana@example.org")

    response = client.post(
        reverse("accounts:login"), {"username": "ana@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].email == "ana@example.org"


def test_a_wrong_password_re_renders_with_a_plain_error(client: Client) -> None:
    """A wrong password shows the form again with a message, and no session."""
    make_runner("ana@example.org")

    response = client.post(
        reverse("accounts:login"), {"username": "ana@example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert b"don't match an account" in response.content
    assert "_auth_user_id" not in client.session


def test_logging_out_ends_the_session(client: Client) -> None:
    """Logging out (a POST) ends the session."""
    client.force_login(make_runner())

    client.post(reverse("accounts:logout"))

    assert "_auth_user_id" not in client.session


def test_a_password_reset_email_sets_a_new_password(client: Client) -> None:
    """The emailed link lets the runner choose a new password and log in with it."""
    make_runner("ana@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    link = re.search(r"https?://[^/]+(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    new_password = "a-brand-new-hip-password-7"

    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    assert len(mail.outbox) == 1
    assert client.login(username="ana@example.org", password=new_password)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client: Client) -> None:
    """Asking to reset an unknown address reveals nothing and sends nothing."""
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []
