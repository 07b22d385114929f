"""A runner imports training files in Chromium at phone width and opens a run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.session import log_in
from tests.data import SHARED_DATA
from tests.web.factories import make_run, make_runner

pytestmark = pytest.mark.django_db(transaction=True)

RUN_FIT = SHARED_DATA / "fit" / "runalyze-FR735XT-with-performance-condition.fit"
RIDE_FIT = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-bike.fit"


def test_a_runner_imports_files_and_sees_a_run(page: Page, base_url: str, tmp_path) -> None:
    """Upload, live progress, results with a skipped file, the list and one run's charts."""
    make_runner("kim@example.org")
    log_in(page, base_url, "kim@example.org")
    garbage = tmp_path / "notes.gpx"
    garbage.write_text("not a gpx file")

    page.get_by_role("navigation").get_by_role("link", name="Training").click()
    page.get_by_role("link", name="Import training files").click()
    page.get_by_label("Your training files").set_input_files([RUN_FIT, RIDE_FIT, garbage])
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_role("heading", name="Importing your training…")).to_be_visible()
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    expect(page.get_by_role("heading", name="Your import is done")).to_be_visible()
    expect(page.get_by_role("cell", name="notes.gpx")).to_be_visible()
    page.get_by_role("link", name="See your runs").click()
    expect(page.get_by_text("1 other activity")).to_be_visible()
    page.locator("table.runs a").first.click()
    expect(page.get_by_text("Pace (minutes per km)")).to_be_visible()
    expect(page.get_by_role("heading", name="Each kilometre")).to_be_visible()


def test_a_runner_reads_their_training_load(page: Page, base_url: str) -> None:
    """From Training, the load page shows the level, the chart, its table and the plan."""
    runner = make_runner("ola@example.org")
    start = timezone.now() - timedelta(days=56)
    for day in range(0, 56, 2):
        make_run(runner, start + timedelta(days=day), 7.0)
    log_in(page, base_url, "ola@example.org")

    page.get_by_role("navigation").get_by_role("link", name="Training").click()
    page.get_by_role("link", name="Training load and a safe plan").click()

    expect(page.locator("#risk-level")).to_have_text("low")
    expect(page.locator("figure.chart svg")).to_be_visible()
    expect(page.locator("#volume-plan tbody tr")).to_have_count(8)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_logging_high_pain_on_a_run_steps_the_plan_back(page: Page, base_url: str) -> None:
    """Pain 7/10 on the latest run is saved and the load page's plan steps back."""
    runner = make_runner("eva@example.org")
    start = timezone.now() - timedelta(days=43)
    for day in range(0, 43, 2):
        make_run(runner, start + timedelta(days=day), 6.0)
    log_in(page, base_url, "eva@example.org")
    page.goto(f"{base_url}/training/load/")
    before = page.locator("#volume-plan").inner_text()

    page.goto(f"{base_url}/training/")
    page.locator("table.runs a").first.click()
    page.get_by_label("Knee pain during the run (0–10)").fill("7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. Your running plan takes this into account.")).to_be_visible()
    page.goto(f"{base_url}/training/load/")

    expect(page.get_by_text("Your knee pain while running")).to_be_visible()
    assert page.locator("#volume-plan").inner_text() != before
