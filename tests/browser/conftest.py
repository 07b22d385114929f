"""Playwright on Debian's Chromium against the live test server, at phone size.

Never a downloaded browser: ``executable_path`` points at the Debian package. A failing
test leaves a full-page screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from tests.data import REPO_ROOT

CHROMIUM = Path(os.environ.get("HIPFIRST_CHROMIUM", "/usr/lib/chromium/chromium"))
PHONE: ViewportSize = {"width": 390, "height": 844}
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    # This machine has no internet: stop Chromium trying to reach Google at start-up.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; `make test` installs it.")
    # Playwright's sync API keeps an event loop running in this thread; Django's ORM
    # refuses to run beside one unless told that this test-only use is safe.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_failed] = report.failed
    return report


_failed = pytest.StashKey[bool]()


@pytest.fixture
def page(
    browser: Browser,
    request: pytest.FixtureRequest,
    live_server: object,
) -> Iterator[Page]:
    """A fresh phone-size browser page; on failure its screenshot is saved."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    if request.node.stash.get(_failed, False):
        ARTIFACTS.mkdir(exist_ok=True)
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def base_url(live_server: object) -> str:
    return str(live_server.url)  # type: ignore[attr-defined]  # pytest-django's LiveServer
