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


def open_from_menu(page: Page, name: str) -> None:
    """Open a page from the main navigation, through "More" when it is there."""
    navigation = page.get_by_role("navigation")
    link = navigation.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        navigation.get_by_text("More", exact=True).click()
    link.click()


def log_out(page: Page) -> None:
    """Log out through the "More" menu, as a runner on a phone would."""
    page.get_by_role("navigation").get_by_text("More", exact=True).click()
    page.get_by_role("button", name="Log out").click()
