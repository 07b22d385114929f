"""The home page and the error pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db


def test_the_home_page_says_what_to_do_first(client: Client) -> None:
    """A visitor sees what hipfirst does and the way to start."""
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert b"What to do first" in response.content
    assert reverse("accounts:signup").encode() in response.content


def test_the_home_page_greets_a_logged_in_runner(client: Client) -> None:
    """A logged-in runner is greeted by email."""
    client.force_login(make_runner("ana@example.org"))

    response = client.get(reverse("home"))

    assert b"ana@example.org" in response.content


def _main_navigation(client: Client) -> str:
    page = client.get(reverse("home")).content.decode()
    return page[page.index('<nav aria-label="Main">') : page.index("</nav>")]


def test_a_runner_reaches_every_section_from_the_navigation(client: Client) -> None:
    """Every section, the API keys page and logging out are one or two taps away."""
    client.force_login(make_runner())

    navigation = _main_navigation(client)

    for name in (
        "programme:home",
        "training:runs",
        "progress:dashboard",
        "assessment:list",
        "cadence:page",
        "movement:checks",
        "learn:index",
        "sharing:home",
        "api:tokens",
        "accounts:logout",
    ):
        assert f'"{reverse(name)}"' in navigation, name
    assert "My runners" not in navigation


def test_a_clinician_finds_their_runners_first(client: Client) -> None:
    """A clinician's navigation starts with the list of runners who invited them."""
    clinician = make_runner("physio@example.org")
    clinician.is_clinician = True
    clinician.save()
    client.force_login(clinician)

    navigation = _main_navigation(client)

    assert navigation.index("My runners") < navigation.index("Plan")


def test_pages_carry_a_content_security_policy_without_inline_scripts(client: Client) -> None:
    """The CSP allows scripts from our own origin only."""
    response = client.get(reverse("home"))

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert b"<script>" not in response.content


def test_an_unknown_page_is_a_404_in_the_house_style(client: Client) -> None:
    """A missing page answers 404 with our own page, not Django's."""
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"We can't find that page" in response.content


@pytest.mark.urls("tests.web.failing_urls")
def test_a_server_error_shows_no_stack_trace(client: Client) -> None:
    """An unexpected error answers 500 with a plain page and no traceback."""
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"Traceback" not in response.content
    assert b"RuntimeError" not in response.content


def test_too_many_files_in_one_post_get_a_plain_400(client: Client, settings) -> None:
    """Past the file-count limit the runner gets our 400 page, not a stack trace."""
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    client.force_login(make_runner())
    files = [SimpleUploadedFile(f"run{i}.gpx", b"<gpx/>") for i in range(3)]

    response = client.post(reverse("training:upload"), {"training_files": files})

    assert response.status_code == 400
    assert b"We couldn't read that request" in response.content
