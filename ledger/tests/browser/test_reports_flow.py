"""The reports page in Chromium, at desktop and phone size and in dark mode (issue 18)."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ledger.months import current_month, previous_month
from ledger.tests.browser.helpers import (
    go_via_nav,
    log_in,
    row_amounts,
    save_screenshot,
    screenshot_name,
    wait_for_charts,
)
from ledger.tests.factories import (
    PASSWORD,
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    UserFactory,
    budget_of,
)

pytestmark = pytest.mark.browser
D = Decimal
# name, limit, amount spent in the n-th of the last 12 months
CATEGORIES = [
    ("Rent", "1200.00", lambda n: D("1200.00")),
    ("Groceries", "450.00", lambda n: D("380.00") + 15 * (n % 5)),
    ("Restaurants", "150.00", lambda n: D("60.00") + 25 * (n % 4)),
    ("Transport", "120.00", lambda n: D("90.00") + 10 * (n % 3)),
    ("Holidays", "100.00", lambda n: D("900.00") if n in (6, 7) else D("0.00")),
]


def no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.fixture
def year_of_data(transactional_db):
    """alice's last 12 months: five categories, an income each month but the latest."""
    user = UserFactory(username="alice")
    budget = budget_of(user)
    months = [current_month()]
    while len(months) < 12:
        months.insert(0, previous_month(months[0]))
    for name, limit, spent in CATEGORIES:
        category = CategoryFactory(budget=budget, name=name, limit=D(limit))
        for n, month in enumerate(months):
            if spent(n):
                ExpenseFactory(
                    category=category,
                    owner=user,
                    date=month + datetime.timedelta(days=3),
                    amount=spent(n),
                )
    for month in months[:-1]:
        MonthlyIncomeFactory(budget=budget, month=month, amount=D("3200.00"))
    return months


def test_a_year_in_three_charts_and_tables(page, screen, year_of_data):
    log_in(page, "alice", PASSWORD)
    go_via_nav(page, "Reports")

    expect(page.get_by_role("heading", name="Reports")).to_be_visible()
    for title in ("Spending by category", "Income against spending", "Budget against actual"):
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    wait_for_charts(page, count=3)
    rent = row_amounts(page.locator("table").first, "Rent")
    assert rent == [D("1200.00")] * 12 + [D("14400.00"), D("1200.00")]
    assert no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("reports", screen))

    with page.expect_navigation():
        page.locator("table").first.get_by_role("link", name="Holidays").click()
    expect(page.get_by_role("heading", name="Report: Holidays")).to_be_visible()
    wait_for_charts(page, count=3)
    assert row_amounts(page.locator("table").first, "Holidays")[-2:] == [
        D("1800.00"),
        D("150.00"),
    ]
    assert no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("reports-category", screen))


def test_the_reports_read_in_dark_mode(page, screen, year_of_data):
    page.emulate_media(color_scheme="dark")
    log_in(page, "alice", PASSWORD)
    page.goto("/reports/")

    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    wait_for_charts(page, count=3)
    assert no_sideways_scroll(page)
    if screen == "desktop":
        save_screenshot(page, "reports-dark")


def test_a_bad_range_says_so(page, year_of_data):
    log_in(page, "alice", PASSWORD)
    response = page.goto("/reports/?from=2026-05&to=2026-01")

    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("starts after it ends")
    assert no_sideways_scroll(page)
