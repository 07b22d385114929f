"""A runner reads their progress at phone width and downloads the report for their physio."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.session import log_in, open_from_menu
from tests.web.progress.builders import runner_with_history

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


def test_the_dashboard_fits_a_phone_and_the_report_downloads(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    """Every chart shows without sideways scrolling; the button saves a PDF."""
    runner_with_history("mia@example.org")
    log_in(page, base_url, "mia@example.org")

    open_from_menu(page, "Progress")
    expect(page.get_by_role("heading", name="Your progress")).to_be_visible()
    expect(page.locator("figure.chart svg")).to_have_count(5)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    page.get_by_text("The figures as a table").first.click()
    expect(page.locator("#pain-table")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report for your physio").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    assert saved.name.startswith("hipfirst-report-")
    assert saved.read_bytes().startswith(b"%PDF")


def test_a_runner_downloads_their_data_and_deletes_their_account(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    """From the dashboard to "Your data": the zip downloads; the password deletes."""
    runner_with_history("ola@example.org")
    log_in(page, base_url, "ola@example.org")
    page.goto(f"{base_url}/progress/")

    page.get_by_role("link", name="Your data: download everything, or delete your account").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data (zip)").click()
    assert download_info.value.suggested_filename.endswith(".zip")
    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_label("Your password").fill("knee-pain-is-not-forever-42")
    page.get_by_role("button", name="Delete my account and all my data").click()

    expect(page.get_by_text("Your account and all your data have been deleted.")).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role("link", name="Log in")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
