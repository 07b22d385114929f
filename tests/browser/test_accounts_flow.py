"""A runner signs up, logs out and logs in again on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.session import log_out

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "glutes-before-knees-2026"


def test_a_runner_signs_up_logs_out_and_logs_in(page: Page, base_url: str) -> None:
    """The whole account flow works in Chromium at phone width and ends on the home page."""
    page.goto(base_url)
    page.get_by_role("link", name="Start here: create a free account").click()
    page.get_by_label("Email address").fill("maya@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Welcome back, maya@example.org")).to_be_visible()

    log_out(page)
    expect(page.locator("button", has_text="Log out")).to_have_count(0)  # hidden ones too
    page.get_by_role("navigation").get_by_role("link", name="Log in").click()
    page.get_by_label("Email address").fill("maya@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(
        page.get_by_role("heading", name="Knee pain when you run? Start at the hip.")
    ).to_be_visible()
    expect(page.get_by_text("Welcome back, maya@example.org")).to_be_visible()


def test_a_taken_email_shows_its_error_in_the_browser(page: Page, base_url: str) -> None:
    """Signing up twice with one address shows the error beside the email field."""
    for _ in range(2):
        page.goto(f"{base_url}/accounts/signup/")
        page.get_by_label("Email address").fill("sam@example.org")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Password again").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        page.wait_for_load_state()
        if page.get_by_text("Welcome back").count():
            log_out(page)

    expect(page.get_by_role("alert")).to_contain_text("already exists")
