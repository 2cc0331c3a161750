"""What a person does in the browser, as functions the browser tests share.

Selectors go by field names, labels and roles (the interface the issues fix),
not by CSS classes, so a restyled page keeps its tests.
"""

import re
from decimal import Decimal
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from playwright.sync_api import expect

SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"

# 1,234.56 with an optional sign before or after a currency sign or code:
# -$25.00, $-25.00, −25.00 USD, USD 1,300.00. A bare 1234.56 does not match:
# the pages show thousands separators.
AMOUNT = re.compile(
    r"(?<![\w.,])([-−]?)\s?(?:[A-Z]{3}\s?|[$€£¥]\s?)?([-−]?)(\d{1,3}(?:,\d{3})*\.\d{2})(?![\d.,])"
)


def save_screenshot(page, name):
    """Save the whole page as docs/screenshots/<name>.png, the pictures the README shows."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    # A full-page capture resizes the page and shoots before Chart.js has redrawn its
    # canvases (blank charts at phone size): grow the viewport instead and let them settle.
    size = page.viewport_size
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    try:
        charts = page.locator("canvas").count()
        if charts:
            wait_for_charts(page, count=charts)
        page.screenshot(path=path, animations="disabled")
    finally:
        page.set_viewport_size(size)
    return path


def screenshot_name(name, screen):
    """`summary` at desktop size, `summary-phone` at phone size."""
    return name if screen == "desktop" else f"{name}-{screen}"


def submit(page, field_name):
    """Submit the form that holds the field `field_name` and wait for the next page."""
    form = page.locator("form", has=page.locator(f"[name={field_name}]"))
    with page.expect_navigation():
        form.locator("button:not([type=button]), input[type=submit]").first.click()


def sign_up(page, username, password):
    page.goto("/accounts/signup/")
    page.fill("[name=username]", username)
    page.fill("[name=password1]", password)
    page.fill("[name=password2]", password)
    submit(page, "password2")


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", password)
    submit(page, "password")


def navbar(page):
    """The site's navigation bar: the first navigation landmark on every page."""
    return page.get_by_role("navigation").first


def open_nav(page):
    """Open the navbar when it is collapsed behind its toggler (phone size)."""
    toggler = page.locator(".navbar-toggler, [data-bs-toggle=collapse]").first
    if (
        toggler.count()
        and toggler.is_visible()
        and toggler.get_attribute("aria-expanded") != "true"
    ):
        toggler.click()
        expect(toggler).to_have_attribute("aria-expanded", "true")
        # Bootstrap adds `show` when the opening transition ends. A click on a link
        # or button while the menu is still `collapsing` can be lost (seen under load:
        # "Log out" clicked, no POST sent).
        menu = page.locator(toggler.get_attribute("data-bs-target"))
        expect(menu).to_have_class(re.compile(r"(^|\s)show(\s|$)"))


def go_via_nav(page, link_text):
    """Follow a navbar link (Summary, Expenses, Categories, Income) as a person would."""
    open_nav(page)
    with page.expect_navigation():
        navbar(page).get_by_role("link", name=link_text, exact=True).click()


def log_out(page):
    """Log out with the navbar's form (a POST: logging out by GET is refused)."""
    open_nav(page)
    with page.expect_navigation():
        navbar(page).get_by_role("button", name="Log out").click()


def signed_in_username(context):
    """Whom the browser's session cookie signs in, read from the session store; None if nobody."""
    session_key = next(
        (c["value"] for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME), None
    )
    if session_key is None:
        return None
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return None
    return get_user_model().objects.get(pk=user_id).get_username()


def amounts_in(text):
    """The money amounts in a text, as Decimals, in order ("-$25.00" is Decimal("-25.00"))."""
    amounts = []
    for sign_before, sign_after, digits in AMOUNT.findall(text):
        amount = Decimal(digits.replace(",", ""))
        amounts.append(-amount if (sign_before or sign_after) else amount)
    return amounts


def row_amounts(page, name):
    """The amounts in the one table row that names `name` (a category, an expense)."""
    row = page.get_by_role("row").filter(has_text=name)
    expect(row).to_have_count(1)
    return amounts_in(row.inner_text())


def wait_for_charts(page, count, timeout=10_000):
    """Wait until `count` canvases have drawn something and their animation has settled."""
    page.wait_for_function(
        """count => {
            const canvases = [...document.querySelectorAll("canvas")];
            const drawn = canvases.filter(canvas => {
                if (!canvas.width || !canvas.height) return false;
                const pixels = canvas.getContext("2d")
                    .getImageData(0, 0, canvas.width, canvas.height).data;
                for (let alpha = 3; alpha < pixels.length; alpha += 4) {
                    if (pixels[alpha]) return true;
                }
                return false;
            });
            return drawn.length >= count;
        }""",
        arg=count,
        timeout=timeout,
    )
    # An animated chart keeps redrawing for a moment: wait for two equal frames.
    page.wait_for_function(
        """() => {
            const now = [...document.querySelectorAll("canvas")].map(c => c.toDataURL()).join();
            const same = now === window.__lastCharts;
            window.__lastCharts = now;
            return same;
        }""",
        polling=250,
        timeout=timeout,
    )
