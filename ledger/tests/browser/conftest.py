"""Browser tests: Debian's Chromium, driven by pytest-playwright, against pytest-django's live_server.

Every test gets a `page` at a desktop and at a phone size, opened on the live
server, and fails at teardown if the page logged a JavaScript error or a
request for a static file (or any script, style, image or fetch) failed.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Playwright's assertions wait 5 s by default: too tight when CI runs on a loaded
# machine. Waiting longer costs nothing when the page is right.
expect.set_options(timeout=15_000)

CHROMIUM = Path(os.environ.get("BUDGET_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # runs as root in containers and CI
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Not is_mobile: with it, Chromium's full-page screenshot resizes the page,
# which makes Chart.js clear its canvases and the picture shows empty charts.
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True},
}


def chromium_missing_message():
    return f"Chromium not found at {CHROMIUM}: apt-get install chromium (the CI script installs it)"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium: Playwright's own browser download does not work here."""
    if not os.access(CHROMIUM, os.X_OK):
        # CI sets BUDGET_REQUIRE_BROWSER=1 so a broken install cannot pass as a skip.
        if os.environ.get("BUDGET_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{chromium_missing_message()} [BUDGET_REQUIRE_BROWSER=1]", pytrace=False)
        pytest.skip(chromium_missing_message())
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def playwright(playwright):
    """pytest-playwright's Playwright, with Django's ORM allowed in the test thread.

    The sync API keeps an asyncio loop running in this thread until the end of
    the session, and Django then refuses every ORM call (SynchronousOnlyOperation)
    although the tests are plain synchronous code.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield playwright


@pytest.fixture(scope="session")
def base_url():
    """None: each context takes the live server's URL (see `context`).

    Also replaces the plugin's own fixture, which pytest 9 warns about.
    """
    return None


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Sign-ups and logins hash a password each: the default hasher takes most of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(params=list(SCREENS))
def screen(request):
    """The screen size a test runs at: "desktop" (1280x900) or "phone" (390x844)."""
    return request.param


@pytest.fixture
def context(new_context, screen, live_server):
    """A fresh browser (no cookies) sized for `screen`; relative URLs go to the live server."""
    return new_context(base_url=live_server.url, **SCREENS[screen])


class BrowserProblems:
    """What went wrong in the browser that a page's text would not show."""

    def __init__(self):
        self.problems = []

    def watch(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, message):
        # A failed load is also logged to the console, without its URL: the
        # response and requestfailed listeners record it with the URL instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error: {message.text} ({message.location['url']})")

    def _on_request_failed(self, request):
        # ERR_ABORTED is a request cancelled by leaving the page (a favicon
        # still loading when a form is sent). A server's error arrives as a
        # response (below); a refused or blocked request has its own code.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response):
        # A page answering 404 may be what a test checks; a static file, script
        # request or any server error never is.
        is_page = response.request.resource_type == "document"
        is_static = "/static/" in response.url
        if response.status >= 500 or (response.status >= 400 and (is_static or not is_page)):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def assert_none(self):
        assert not self.problems, "problems in the browser:\n" + "\n".join(self.problems)


@pytest.fixture
def browser_problems():
    return BrowserProblems()


@pytest.fixture
def page(context, browser_problems):
    """A page watched for console errors and failed requests, asserted away at teardown."""
    page = context.new_page()
    browser_problems.watch(page)
    yield page
    browser_problems.assert_none()
