"""A runner starts a plan, logs a painful session and sees why it got easier; the primer's
timer runs and speaks its cues, in Chromium at phone width."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hipfirst.core.primer import PRIMER
from tests.browser.session import open_from_menu
from tests.web.factories import PASSWORD, make_runner
from tests.web.programme.builders import finished_assessment

pytestmark = pytest.mark.django_db(transaction=True)

# Records what the page asks the browser to say, instead of saying it.
SPEECH_STUB = """
window.__spoken = [];
const stub = {
  speaking: false, pending: false,
  speak(utterance) { window.__spoken.push(utterance.text); },
  cancel() {}, pause() {}, resume() {}, getVoices() { return []; },
};
Object.defineProperty(window, "speechSynthesis", { value: stub, configurable: true });
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def _log_in(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_painful_session_makes_the_plan_easier_and_says_why(page: Page, base_url: str) -> None:
    """Start a plan with today as a day, log pain of 7/10, read the regression's reason."""
    today = timezone.localdate()
    finished_assessment(make_runner("ash@example.org"), on=today)
    _log_in(page, base_url, "ash@example.org")

    open_from_menu(page, "Plan")
    page.get_by_label(f"{today:%A}", exact=True).check()
    page.get_by_role("button", name="Start my plan").click()
    expect(page.get_by_role("heading", name="Today’s session")).to_be_visible()
    page.get_by_role("link", name="Log today’s session").click()
    page.get_by_label("Knee pain during the exercises (out of 10)").fill("7")
    page.get_by_label("Knee pain just after (out of 10)").fill("4")
    page.get_by_role("button", name="Save this session").click()

    changes = page.locator("#changes")
    expect(changes.get_by_role("heading", name="What this session changed")).to_be_visible()
    expect(changes).to_contain_text("Easier from now on")
    expect(changes).to_contain_text("Pain during the session reached 7/10")
    page.get_by_role("link", name="◀ Your plan").click()
    expect(page.locator(".decisions")).to_contain_text("above the 5/10 the pain-monitoring model")


def test_the_primer_timer_moves_through_the_steps_and_speaks(page: Page, base_url: str) -> None:
    """Start shows and says the first step; 13 s later the reps of that step are under way."""
    make_runner("kai@example.org")
    page.add_init_script(SPEECH_STUB)
    page.clock.install()
    _log_in(page, base_url, "kai@example.org")
    page.goto(f"{base_url}/programme/primer/")
    first_set_up, first_reps = PRIMER.steps[0], PRIMER.steps[1]

    page.get_by_role("button", name="Start").click()
    expect(page.locator("#primer-step")).to_have_text(f"Get ready: {first_set_up.title}")
    page.clock.run_for(first_set_up.duration_s * 1000 + 1000)

    expect(page.locator("#primer-step")).to_have_text(first_reps.title)
    expect(page.locator("#primer-rep")).to_have_text(f"Rep 1 of {first_reps.reps}")
    spoken = page.evaluate("window.__spoken")
    assert spoken[:2] == [first_set_up.spoken_cue, first_reps.spoken_cue]
    expect(page.locator("#primer-caption")).not_to_be_empty()
