"""A runner films, uploads and reads a movement check in Chromium at phone width."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.session import log_in, open_from_menu
from tests.data import SHARED_DATA
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_progress_and_results(page: Page, base_url: str, settings, tmp_path: Path) -> None:
    """From the guide to the results: squats measured, a table and annotated pictures."""
    settings.MEDIA_ROOT = tmp_path / "media"
    make_runner("ida@example.org")
    log_in(page, base_url, "ida@example.org")

    open_from_menu(page, "Movement")
    page.get_by_role("link", name="How to film it (1 minute read)").click()
    expect(page.get_by_role("img", name="A phone on a chair at hip height")).to_be_visible()
    page.get_by_role("link", name="Upload my video").click()
    page.get_by_label("Your video").set_input_files(
        SHARED_DATA / "media" / "tfjs-models-pose_squats.mp4"
    )
    page.get_by_label("Two-leg squats, filmed from the front").check()
    page.get_by_role("button", name="Upload and analyse").click()
    expect(page.locator("#import-progress")).to_be_visible()
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    expect(page.locator("#reps")).to_be_visible(timeout=20_000)
    expect(page.locator("img.rep-picture").first).to_be_visible()
    assert page.evaluate("document.querySelector('img.rep-picture').naturalWidth") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
