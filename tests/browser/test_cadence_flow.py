"""The in-page metronome starts, keeps time on the audio clock, and stops."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page, expect

from tests.browser.session import log_in, open_from_menu
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page: Page, base_url: str) -> None:
    make_runner("mo@example.org")
    log_in(page, base_url, "mo@example.org")


BEATS = "document.querySelector('[data-metronome]').hipfirstBeats.length"


def _wait_for_beats(page: Page, count: int, *, timeout_ms: int = 10_000) -> None:
    for _ in range(timeout_ms // 100):
        if page.evaluate(BEATS) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"fewer than {count} beats scheduled in {timeout_ms} ms")


def test_the_metronome_schedules_beats_at_the_asked_interval(page: Page, base_url: str) -> None:
    """At 180 spm the beats are scheduled 1/3 s apart to within 1 ms, and Stop stops them."""
    _log_in(page, base_url)
    open_from_menu(page, "Cadence")
    page.get_by_label("Steps per minute", exact=True).first.fill("180")

    page.get_by_role("button", name="Start").click()
    expect(page.locator("[data-metronome-status]")).to_contain_text("Playing 180 steps per minute")
    _wait_for_beats(page, 8)  # wait_for_function evaluates a string, which our CSP forbids
    page.get_by_role("button", name="Stop").click()
    beats = page.evaluate("Array.from(document.querySelector('[data-metronome]').hipfirstBeats)")
    page.wait_for_timeout(500)
    after_stop = page.evaluate(BEATS)

    gaps = [later - earlier for earlier, later in itertools.pairwise(beats)]
    assert len(beats) >= 8
    assert all(abs(gap - 60 / 180) < 0.001 for gap in gaps)
    assert after_stop == len(beats)
    expect(page.locator("[data-metronome-status]")).to_have_text("Stopped.")


def test_counting_steps_sets_a_target(page: Page, base_url: str) -> None:
    """A runner without a watch enters a count and gets a cadence and a target."""
    _log_in(page, base_url)
    page.goto(f"{base_url}/cadence/")

    page.get_by_label("Steps you counted in 30 seconds").fill("82")
    page.get_by_role("button", name="Save my count").click()

    expect(page.locator("#easy-cadence")).to_contain_text("164")
    expect(page.locator("#target-cadence")).to_contain_text("173")
