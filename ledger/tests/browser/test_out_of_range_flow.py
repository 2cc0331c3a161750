"""Rows dated outside 1900-01-01..2999-12-31 in Chromium (issue 24), at desktop and phone size
and in dark mode: the expense list warns and links to /expenses/out-of-range/, which lists
them; one income is deleted there and an expense is given a date in the range. Saves the
page's screenshots."""

import pytest
from django.db import transaction
from playwright.sync_api import expect

from ledger.models import Expense, MonthlyIncome
from ledger.tests.browser.conftest import SCREENS
from ledger.tests.browser.helpers import log_in, save_screenshot, screenshot_name, submit
from ledger.tests.factories import PASSWORD, UserFactory, budget_of
from ledger.tests.far_dates import store_far_rows

pytestmark = pytest.mark.browser


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def far_rows():
    user = UserFactory(username="alice")
    with transaction.atomic():
        return store_far_rows(budget_of(user))


def open_the_page(page):
    log_in(page, "alice", PASSWORD)
    page.goto("/expenses/")
    with page.expect_navigation():
        page.get_by_role("link", name="review them").click()
    expect(page.get_by_role("heading", name="Dates out of range", level=1)).to_be_visible()


def test_the_rows_out_of_range_are_listed_fixed_and_deleted(page, screen):
    far = far_rows()
    open_the_page(page)

    expect(page.get_by_role("cell", name="0001-01-01", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="9999-12-31", exact=True)).to_be_visible()
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("out-of-range", screen))

    page.get_by_role("row").filter(has_text="0001-01").filter(has_text="Income").get_by_role(
        "button", name="Delete"
    ).click()
    expect(page.get_by_text("Income deleted.")).to_be_visible()
    assert not MonthlyIncome.objects.filter(pk=far.income_first.pk).exists()

    with page.expect_navigation():
        page.get_by_role("row").filter(
            has=page.get_by_role("cell", name="0001-01-01", exact=True)
        ).get_by_role("link", name="Edit").click()
    page.fill("[name=date]", "2026-05-02")
    submit(page, "date")
    expect(page.get_by_text("Expense saved.")).to_be_visible()
    assert Expense.objects.get(pk=far.first.pk).date.isoformat() == "2026-05-02"


def test_it_reads_well_in_dark_mode(new_context, live_server, screen, browser_problems):
    page = new_context(base_url=live_server.url, color_scheme="dark", **SCREENS[screen]).new_page()
    browser_problems.watch(page)
    far_rows()
    open_the_page(page)

    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("out-of-range-dark", screen))
    browser_problems.assert_none()
