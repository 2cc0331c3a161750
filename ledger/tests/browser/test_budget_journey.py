"""A new user's first two months with Budget, in Chromium, at desktop and phone size.

Signs up, reaches every page from the navbar, creates categories, logs
expenses in two months, sets income, reads the summary (numbers, progress
bars, charts), edits and deletes an expense, is refused deleting a used
category and logs out. Saves the README's screenshots on the way.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ledger.models import Category, Expense
from ledger.tests.browser.helpers import (
    amounts_in,
    go_via_nav,
    log_out,
    navbar,
    open_nav,
    row_amounts,
    save_screenshot,
    screenshot_name,
    sign_up,
    signed_in_username,
    submit,
    wait_for_charts,
)
from ledger.tests.factories import PASSWORD

pytestmark = pytest.mark.browser

JANUARY, FEBRUARY = "2026-01", "2026-02"
NAV_PAGES = [
    ("Summary", r"/summary/\d{4}-\d{2}/$"),
    ("Expenses", r"/expenses/"),
    ("Categories", r"/categories/$"),
    ("Income", r"/income/\d{4}-\d{2}/$"),
]


def add_category(page, name, limit):
    page.goto("/categories/new/")
    page.fill("[name=name]", name)
    page.fill("[name=limit]", limit)
    submit(page, "limit")
    expect(page).not_to_have_url(re.compile(r"/categories/new/"))


def add_expense(page, category, amount, date, description):
    page.goto("/expenses/new/")
    page.select_option("[name=category]", label=category)
    page.fill("[name=amount]", amount)
    page.fill("[name=date]", date)
    page.fill("[name=description]", description)
    submit(page, "amount")
    expect(page).not_to_have_url(re.compile(r"/expenses/new/"))


def set_income(page, month, amount, note):
    page.goto(f"/income/{month}/")
    page.fill("[name=amount]", amount)
    page.fill("[name=note]", note)
    submit(page, "amount")


def open_expense(page, month, description):
    """Open an expense's edit page from its row in the month's expense list."""
    page.goto(f"/expenses/?month={month}")
    row = page.get_by_role("row").filter(has_text=description)
    with page.expect_navigation():
        row.get_by_role("link", name="Edit", exact=True).click()


def progress_percent(page, name):
    """The value of the progress bar in the summary row for category `name`."""
    bar = page.get_by_role("row").filter(has_text=name).get_by_role("progressbar")
    expect(bar).to_have_count(1)
    return bar.evaluate("bar => Number(bar.getAttribute('aria-valuenow') ?? bar.value)")


def page_amounts(page):
    return amounts_in(page.locator("main").inner_text())


def assert_january_summary(page, outings_spent, outings_balance, spent, balance, remaining):
    page.goto(f"/summary/{JANUARY}/")
    assert {Decimal("400.00"), Decimal("120.50"), Decimal("279.50")} <= set(
        row_amounts(page, "Groceries")
    )
    assert {Decimal("1200.00"), Decimal("0.00")} <= set(row_amounts(page, "Housing"))
    assert {Decimal("100.00"), outings_spent, outings_balance} <= set(row_amounts(page, "Outings"))
    # Totals: allotted, spent, balance, income, remaining, unallocated (3000 - 1700).
    totals = {Decimal("1700.00"), spent, balance, Decimal("3000.00"), remaining, Decimal("1300.00")}
    assert totals <= set(page_amounts(page))


def test_a_new_user_budgets_two_months(page, screen):
    sign_up(page, "maria", PASSWORD)
    expect(page).to_have_url(re.compile(r"/summary/\d{4}-\d{2}/$"))
    open_nav(page)
    expect(navbar(page)).to_contain_text("maria")

    # Every page is reachable from the navbar, on a phone through its toggler.
    for link, url in NAV_PAGES:
        go_via_nav(page, link)
        expect(page).to_have_url(re.compile(url))
        expect(page.get_by_role("heading", level=1)).to_be_visible()

    add_category(page, "Groceries", "400.00")
    add_category(page, "Housing", "1200.00")
    add_category(page, "Outings", "100.00")
    add_expense(page, "Groceries", "120.50", "2026-01-05", "Market")
    add_expense(page, "Housing", "1200.00", "2026-01-01", "January rent")
    add_expense(page, "Outings", "125.00", "2026-01-31", "Concert")
    add_expense(page, "Groceries", "80.25", "2026-02-10", "Bakery")
    set_income(page, JANUARY, "3000.00", "Salary")

    assert_january_summary(
        page,
        outings_spent=Decimal("125.00"),
        outings_balance=Decimal("-25.00"),
        spent=Decimal("1445.50"),
        balance=Decimal("254.50"),
        remaining=Decimal("1554.50"),
    )
    assert progress_percent(page, "Groceries") == pytest.approx(30.125, abs=0.5)
    assert progress_percent(page, "Housing") == pytest.approx(100)
    assert progress_percent(page, "Outings") >= 100  # over budget: the bar is full
    wait_for_charts(page, count=2)
    save_screenshot(page, screenshot_name("summary", screen))

    page.goto(f"/expenses/?month={JANUARY}")
    expect(page.get_by_role("row").filter(has_text="Concert")).to_contain_text("125.00")
    save_screenshot(page, screenshot_name("expenses", screen))
    go_via_nav(page, "Categories")
    for name in ["Groceries", "Housing", "Outings"]:
        expect(page.get_by_role("row").filter(has_text=name)).to_have_count(1)
    save_screenshot(page, screenshot_name("categories", screen))

    # Editing an expense changes the summary.
    open_expense(page, JANUARY, "Concert")
    page.fill("[name=amount]", "90.00")
    submit(page, "amount")
    assert_january_summary(
        page,
        outings_spent=Decimal("90.00"),
        outings_balance=Decimal("10.00"),
        spent=Decimal("1410.50"),
        balance=Decimal("289.50"),
        remaining=Decimal("1589.50"),
    )

    # Deleting one does too.
    page.goto(f"/summary/{FEBRUARY}/")
    assert {Decimal("80.25"), Decimal("319.75")} <= set(row_amounts(page, "Groceries"))
    open_expense(page, FEBRUARY, "Bakery")
    with page.expect_navigation():
        page.get_by_role("link", name="Delete", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Delete")).click()
    page.goto(f"/summary/{FEBRUARY}/")
    assert Decimal("80.25") not in row_amounts(page, "Groceries")
    assert {Decimal("400.00"), Decimal("0.00")} <= set(row_amounts(page, "Groceries"))
    assert Expense.objects.filter(created_by__username="maria").count() == 3

    # A category that holds expenses is not deleted with them.
    go_via_nav(page, "Categories")
    with page.expect_navigation():
        page.get_by_role("row").filter(has_text="Housing").get_by_role(
            "link", name=re.compile(r"^Delete")
        ).click()
    expect(page.locator("main")).to_contain_text("1 expense")
    expect(page.get_by_role("button", name=re.compile(r"^Archive"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Delete"))).to_have_count(0)
    housing = Category.objects.get(budget__name="maria's budget", name="Housing")
    assert not housing.is_archived
    assert housing.expenses.count() == 1

    log_out(page)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert signed_in_username(page.context) is None
