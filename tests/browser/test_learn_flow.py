"""The learn pages in Chromium: the listen button speaks, the recording plays, the slider
moves, and the shoe advisor works without JavaScript."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import Browser, Page, expect

from hipfirst.core.learn import learn_page
from hipfirst.web.learn.audio import build_learn_audio
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

# A stand-in for the browser's speech synthesis (Chromium has no voices here): it
# records what it is asked to say and ends each utterance at once.
SPEECH_STUB = """
window.hipfirstSpoken = [];
window.SpeechSynthesisUtterance = function (text) { this.text = text; this.onend = null; };
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: {
    speak: function (utterance) {
      window.hipfirstSpoken.push(utterance.text);
      setTimeout(function () { if (utterance.onend) { utterance.onend({}); } }, 0);
    },
    cancel: function () {},
    getVoices: function () { return []; },
  },
});
"""
SPOKEN = "window.hipfirstSpoken.length"
AUDIO_STATE = """() => {
  const audio = document.querySelector('audio[data-learn-audio]');
  return {readyState: audio.readyState, duration: audio.duration,
          error: audio.error && audio.error.code, src: audio.currentSrc};
}"""


def _poll(page: Page, expression: str, until, *, timeout_ms: int = 10_000):
    """Evaluate until ``until(value)``; our CSP forbids wait_for_function's string eval."""
    value = page.evaluate(expression)
    for _ in range(timeout_ms // 100):
        if until(value):
            return value
        page.wait_for_timeout(100)
        value = page.evaluate(expression)
    raise AssertionError(f"{expression} never met the condition; last value {value!r}")


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_listen_button_speaks_the_page_text(page: Page, base_url: str) -> None:
    """Listen sends the title, summary, headings, paragraphs and cautions, in order."""
    knee = learn_page("knee")
    assert knee is not None
    page.add_init_script(SPEECH_STUB)
    page.goto(f"{base_url}/learn/knee/")

    page.get_by_role("button", name="Listen to this page").click()
    _poll(page, SPOKEN, lambda count: count >= len(knee.listen_chunks()))
    spoken = page.evaluate("window.hipfirstSpoken")

    assert spoken == [_normalised(chunk) for chunk in knee.listen_chunks()]
    expect(page.locator("[data-listen-status]")).to_have_text("Finished.")


def test_without_speech_synthesis_the_listen_button_stays_hidden(page: Page, base_url: str) -> None:
    """A browser without a voice sees no button that cannot work."""
    page.add_init_script("delete window.speechSynthesis; window.speechSynthesis = undefined;")
    page.goto(f"{base_url}/learn/glutes/")

    expect(page.locator("[data-listen]")).to_be_hidden()


def test_the_recording_loads_and_plays(page: Page, base_url: str) -> None:
    """The built recording is served, decoded and starts playing (muted)."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed; `make test` installs it.")
    tips = learn_page("tips")
    assert tips is not None
    build_learn_audio(pages=[tips])  # already there after `make test`'s build: a no-op
    page.goto(f"{base_url}/learn/tips/")

    page.evaluate("document.querySelector('audio[data-learn-audio]').muted = true")
    page.evaluate("document.querySelector('audio[data-learn-audio]').play().catch(() => {})")
    state = _poll(
        page,
        AUDIO_STATE,
        lambda s: s["error"] is not None or (s["readyState"] >= 2 and s["duration"] > 0),
    )

    assert state["error"] is None
    assert state["duration"] > 30
    assert re.search(r"/static/hipfirst/learn-audio/tips-\w+\.(ogg|wav)$", state["src"])


def test_the_stress_slider_shows_stress_rising_as_the_area_shrinks(
    page: Page, base_url: str
) -> None:
    """At 200 mm² the stress reads 16.1 MPa, twice that at 400 mm²."""
    page.goto(f"{base_url}/learn/knee/")
    slider = page.get_by_label(re.compile("Contact area"))

    slider.fill("400")
    at_400 = float(page.locator("[data-stress-value]").inner_text())
    slider.fill("200")
    at_200 = float(page.locator("[data-stress-value]").inner_text())

    assert at_200 == pytest.approx(16.1, abs=0.05)
    assert at_200 == pytest.approx(2 * at_400, abs=0.1)


def test_the_shoe_advisor_works_without_javascript(browser: Browser, base_url: str) -> None:
    """With scripts off, the questions submit and three shoes come back."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/learn/shoes/")
        page.get_by_role("group", name=re.compile("knee move inward")).get_by_label("No").check()
        page.get_by_label("A little").check()
        page.get_by_role("group", name=re.compile("quicker step")).get_by_label("Yes").check()
        page.get_by_label("My heel").check()
        page.get_by_label("Your budget").fill("150")
        page.get_by_role("button", name="Show three shoes to try").click()

        expect(page.get_by_role("heading", name="Shoes to try on")).to_be_visible()
        expect(page.locator("li.shoe")).to_have_count(3)
        expect(page.locator("#shoe-caveats")).to_contain_text("cannot strengthen your glutes")
    finally:
        context.close()
