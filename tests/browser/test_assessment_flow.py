"""A runner walks the whole knee check in Chromium at phone width, without help."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hipfirst.core.kujala import KUJALA_ITEMS
from hipfirst.core.triage import RED_FLAG_QUESTIONS
from tests.browser.session import log_in
from tests.web.assessment.answers import example
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page: Page, base_url: str) -> None:
    make_runner("lee@example.org")
    log_in(page, base_url, "lee@example.org")


def _choose(page: Page, group: str, value: str) -> None:
    page.locator(f"input[name='{group}'][value='{value}']").check()


def _walk_wizard(page: Page, answers: dict[str, Any]) -> None:
    page.get_by_role("link", name="Go to your knee check").click()
    page.get_by_role("button", name="Start the knee check").click()

    profile = answers["profile"]
    page.get_by_label("Your age (years)").fill(str(profile["age"]))
    _choose(page, "sex", profile["sex"])
    page.get_by_label("Height (cm)").fill(str(profile["height_cm"]))
    page.get_by_label("How far you run in a normal week (km)").fill(str(profile["weekly_km"]))
    page.get_by_label("How many years you have run").fill(str(profile["years_running"]))
    page.get_by_label("Hours you sit on a normal day").fill(str(profile["sitting_hours_per_day"]))
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Warning signs")).to_be_visible()
    for flag in RED_FLAG_QUESTIONS:
        _choose(page, flag.id, "yes" if answers["red_flags"].get(flag.id) else "no")
    page.get_by_role("button", name="Save and continue").click()

    symptoms = answers["symptoms"]
    _choose(page, "pain_location", symptoms["pain_location"])
    _choose(page, "side", symptoms["side"])
    for aggravator in symptoms["worse_with"]:
        _choose(page, "worse_with", aggravator)
    _choose(page, "onset", symptoms["onset"])
    _choose(page, "dead_butt_feeling", "yes" if symptoms["dead_butt_feeling"] else "no")
    _choose(page, "tight_hamstrings", "yes" if symptoms["tight_hamstrings"] else "no")
    for key in ("now", "usual", "worst"):
        page.locator(f"input[name='pain_{key}']").fill(str(answers["pain"][key]))
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Knee score")).to_be_visible()
    for item, letter in zip(KUJALA_ITEMS, answers["kujala"], strict=True):
        _choose(page, f"item_{item.number}", letter)
    page.get_by_role("button", name="Save and continue").click()


def test_a_clean_answer_set_ends_on_the_score_without_a_banner(page: Page, base_url: str) -> None:
    """Clean answers reach the results page with the Kujala score and no red-flag banner."""
    _log_in(page, base_url)

    _walk_wizard(page, example("clean"))

    expect(page.get_by_role("heading", name="Your knee check results")).to_be_visible()
    expect(page.locator("#kujala-score")).to_contain_text("79")
    expect(page.get_by_role("heading", name="Patellofemoral pain")).to_be_visible()
    expect(page.locator("#red-flag-heading")).to_have_count(0)


def test_a_red_flag_answer_set_shows_the_banner_first(page: Page, base_url: str) -> None:
    """A red-flag answer shows the referral banner at the top of the results."""
    _log_in(page, base_url)

    _walk_wizard(page, example("red-flag"))

    banner = page.get_by_role("alert").filter(has=page.locator("#red-flag-heading"))
    expect(banner).to_contain_text("Please see a clinician in the next few days")
    expect(banner).to_contain_text("Who to see")
    banner_box, score_box = banner.bounding_box(), page.locator("#kujala-score").bounding_box()
    assert banner_box is not None
    assert score_box is not None
    assert banner_box["y"] < score_box["y"]


def test_a_missing_answer_shows_its_error_in_the_browser(page: Page, base_url: str) -> None:
    """Skipping the age re-renders the profile step with the error on that field."""
    _log_in(page, base_url)
    page.get_by_role("link", name="Go to your knee check").click()
    page.get_by_role("button", name="Start the knee check").click()

    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="About you")).to_be_visible()
    expect(page.locator(".field.has-error").first).to_contain_text("This field is required")
