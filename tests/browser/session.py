"""Steps many browser tests share."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.web.factories import PASSWORD


def log_in(page: Page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Log in through the real login form."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
