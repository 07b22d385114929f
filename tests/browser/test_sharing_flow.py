"""A runner invites a clinician, who accepts and sees them, until the runner revokes."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE
from tests.browser.session import log_in, open_from_menu
from tests.web.factories import PASSWORD, make_runner

pytestmark = pytest.mark.django_db(transaction=True)


def test_invite_accept_see_and_revoke(page: Page, browser: Browser, base_url: str) -> None:
    """The whole sharing flow in two browsers at phone width."""
    make_runner("runa@example.org")
    log_in(page, base_url, "runa@example.org")
    open_from_menu(page, "Sharing")
    page.get_by_label("Your clinician's email address").fill("physio@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to physio@example.org.")).to_be_visible()
    link = re.search(r"https?://\S+/sharing/invitations/\S+/", str(mail.outbox[-1].body))
    assert link is not None

    clinician = browser.new_context(viewport=PHONE).new_page()
    clinician.goto(link.group(0))
    clinician.get_by_label("Password").fill(PASSWORD)
    clinician.get_by_role("button", name="Create account and accept").click()
    expect(clinician.locator("#read-only")).to_contain_text("runa@example.org invited you")
    page.reload()
    expect(page.get_by_text("physio@example.org")).to_be_visible()
    runner_page = clinician.url

    page.get_by_role("button", name="Remove access").click()
    expect(page.get_by_text("Access removed.")).to_be_visible()
    clinician.goto(runner_page)

    expect(clinician.get_by_role("heading", name="We can't find that page")).to_be_visible()
    clinician.context.close()
