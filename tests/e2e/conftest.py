"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

Every journey fails on a browser console error, an uncaught script error or a content-security-
policy violation, and leaves a screenshot of its last page in tests/e2e/screenshots/ (also when
it fails). Chromium that does not start is a failure, never a skip: the set-up installs it.
"""

import os
import re
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

from tests.factories import PASSWORD

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
TIMEOUT_MS = 15_000
LOAD_FAILED = "Failed to load resource: the server responded with a status of 4"

# [href, number of rules] of each style sheet: a sheet that failed to load has no rules.
STYLE_SHEETS = """
[...document.styleSheets].map((sheet) => {
  try {
    return [sheet.href || "", sheet.cssRules.length];
  } catch (error) {
    return [sheet.href || "", 0];
  }
})
"""

# Reports CSP violations to the console as errors even where Chromium itself would only warn
# (e.g. report-only policies); injected through the DevTools protocol, so CSP does not block it.
CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def browser(live_server, monkeypatch):
    """A headless Chromium per journey, started once the live server and its database are up.

    Playwright's sync API runs an asyncio loop in this thread while it is open; the test's own
    ORM calls (factories, checks) are plain synchronous code all the same, hence the switch.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make e2e-deps` (apt-get install chromium)")
    with sync_playwright() as playwright:
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
        # The connection the test's ORM calls opened lives in the storage asgiref gives this
        # thread while the loop runs: close it now, or it outlives the test database.
        connections.close_all()


class Journey:
    """The browser side of one journey: a context per person, every page watched for errors."""

    def __init__(self, browser, base_url, name):
        self.browser = browser
        self.base_url = base_url
        self.name = name
        self.errors = []
        self.contexts = []
        self.last_page = None

    def _watch(self, page, who):
        documents = set()  # pages the browser navigated to: their status is the view's answer

        def on_response(response):
            request = response.request
            if request.is_navigation_request() and request.frame == page.main_frame:
                documents.add(response.url)
                if response.status >= 500:
                    self.errors.append(f"[{who}] {response.status} for {response.url}")

        def on_console(message):
            if message.type != "error":
                return
            # Chromium also logs a page whose view answered 4xx on purpose (a form with errors
            # is a 400); only a failed script, style sheet, image or request counts.
            if message.text.startswith(LOAD_FAILED) and message.location.get("url") in documents:
                return
            self.errors.append(f"[{who}] console error on {page.url}: {message.text}")

        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"[{who}] page error: {exc}"))
        page.on("framenavigated", lambda frame: self._seen(page, frame))

    def _seen(self, page, frame):
        if frame == page.main_frame:
            self.last_page = page

    def new_page(self, who="visitor"):
        """A fresh browser (own cookies) reading the portal in English."""
        context = self.browser.new_context(
            base_url=self.base_url,
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
            locale="en-US",
        )
        context.add_cookies([{"name": "django_language", "value": "en", "url": self.base_url}])
        context.add_init_script(CSP_REPORTER)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        # Confirmation prompts (data-confirm) are answered "yes", as the person means it.
        page.on("dialog", lambda dialog: dialog.accept())
        self._watch(page, who)
        self.last_page = page
        return page

    def login(self, user, who=None):
        """A browser in which `user` logged in through the login form."""
        page = self.new_page(who or user.role)
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("form[action='/accounts/login/'] button[type=submit]")
        page.wait_for_url(re.compile(r"^(?!.*/accounts/login/)"))
        self.assert_styled(page)
        return page

    def assert_styled(self, page):
        """The page's own style sheets loaded and applied (served by the static files handler)."""
        sheets = page.evaluate(STYLE_SHEETS)
        for name in ("bootstrap.min.css", "intan.css"):
            assert any(href.endswith(name) and rules for href, rules in sheets), (name, sheets)

    def assert_clean(self):
        """No browser error so far, and the last page fits its window (no sideways scrolling)."""
        page = self.last_page
        if page is not None and not page.is_closed():
            width, window = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if width > window:
                self.errors.append(f"{page.url} is {width}px wide in a {window}px window")
        assert not self.errors, "\n".join(self.errors)

    def close(self):
        try:
            if self.last_page is not None and not self.last_page.is_closed():
                SCREENSHOTS.mkdir(exist_ok=True)
                self.last_page.screenshot(path=SCREENSHOTS / f"{self.name}.png", full_page=True)
        finally:
            for context in self.contexts:
                context.close()


@pytest.fixture
def journey(browser, live_server, request):
    trip = Journey(browser, live_server.url, request.node.name)
    yield trip
    trip.close()
    if trip.errors:
        pytest.fail("Browser errors during the journey:\n" + "\n".join(trip.errors))
