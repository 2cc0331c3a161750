"""The budget settings page in Chromium, at desktop and phone size and in dark mode.

Alice opens her budget's settings from the budgets page, types 25 as the month
start day and sees this month's new dates before saving; after saving, the
summary's heading says the month's dates. Saves the page's screenshots.
"""

import pytest
from playwright.sync_api import expect

from ledger.months import current_month, month_dates
from ledger.tests.browser.conftest import SCREENS
from ledger.tests.browser.helpers import save_screenshot, screenshot_name, sign_up, submit
from ledger.tests.factories import PASSWORD
from ledger.views.budget_settings import this_month_with

pytestmark = pytest.mark.browser


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def open_settings(page):
    sign_up(page, "alice", PASSWORD)
    page.goto("/budgets/")
    with page.expect_navigation():
        page.get_by_role("row").filter(has_text="alice's budget").get_by_role(
            "link", name="Settings"
        ).click()
    expect(page.get_by_role("heading", name="When a month starts")).to_be_visible()


def test_an_owner_moves_the_month_to_payday(page, screen):
    open_settings(page)
    preview = page.locator("#month-start-preview")
    expect(preview).to_contain_text(this_month_with(1))

    page.get_by_label("Months start on day").fill("25")

    expect(preview).to_contain_text(this_month_with(25))
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("budget-settings", screen))
    submit(page, "month_start_day")
    expect(page.get_by_text("Months now start on day 25")).to_be_visible()

    page.goto("/")
    month = current_month(25)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"({month_dates(month, 25)})")
    assert_no_sideways_scroll(page)


def test_a_day_past_the_28th_is_refused_next_to_the_field(page):
    open_settings(page)
    field = page.get_by_label("Months start on day")
    field.fill("31")

    expect(page.locator("#month-start-preview")).to_be_hidden()
    submit(page, "month_start_day")

    expect(page.get_by_text("Choose a day from 1 to 28")).to_be_visible()
    expect(page.get_by_label("Months start on day")).to_have_value("31")


def test_it_reads_well_in_dark_mode(new_context, live_server, screen, browser_problems):
    page = new_context(base_url=live_server.url, color_scheme="dark", **SCREENS[screen]).new_page()
    browser_problems.watch(page)
    open_settings(page)
    page.get_by_label("Months start on day").fill("5")

    expect(page.locator("#month-start-preview")).to_contain_text(this_month_with(5))
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("budget-settings-dark", screen))
    browser_problems.assert_none()
