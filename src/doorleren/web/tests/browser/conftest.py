"""Fixtures for the real-browser tests: chromium through Playwright, against pytest-django's live_server.

Chromium comes from the system (Debian package ``chromium``), not from ``playwright install``.
Without it the tests skip, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("DOORLEREN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    return shutil.which(CHROMIUM)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        reason = f"chromium is not installed ({CHROMIUM}); install it: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}. In CI the browser tests must run.")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django then refuses database access
    # from "async" code. The test code itself is synchronous, so allow it while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def world(live_server):
    from .world import build_world

    return build_world()
