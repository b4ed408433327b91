"""The browser tests' fixtures: the app served once per run by `streamlit run` on a free localhost
port, and Debian's Chromium driven by Playwright, with every host but localhost unresolvable."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS, AppServer
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


@pytest.fixture(scope="session")
def app_url():
    """The app served by `streamlit run` on a free localhost port."""
    server = AppServer(ROOT / "app.py", log=ARTIFACTS / "streamlit.log")
    try:
        server.start(timeout_s=60)
    except RuntimeError as error:
        pytest.fail(str(error))
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A fresh browser page that records every request and every dialog."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def foreign_requests(self) -> list[str]:
        """Requests to any host other than this machine (data:/blob:/about: are local)."""
        out = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about", "file"):
                continue
            if parsed.hostname not in LOCAL_HOSTS:
                out.append(url)
        return out


@pytest.fixture
def browser_page(chromium):
    page = Page(chromium)
    yield page
    page.context.close()


def wait_idle(page, quiet_s: float = 1.5, timeout_s: float = 60.0) -> None:
    """Wait until Streamlit has not been running the script for `quiet_s` seconds.

    The map reports its view after it is drawn, which reruns the app; a click
    made during such a rerun can be lost, as it would be for a person.
    """
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        state = page.evaluate("document.querySelector('[data-testid=stApp]')?.dataset.testScriptState")
        if state == "notRunning":
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= quiet_s:
                return
        else:
            quiet_since = None
        time.sleep(0.1)
    pytest.fail(f"the app kept running for {timeout_s} s")
