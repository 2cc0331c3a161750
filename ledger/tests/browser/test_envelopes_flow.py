"""Envelopes in Chromium, at desktop and phone size: plan a month on the budget page and
watch the envelopes carry over on the summary (issue 15's worked example).

Food (limit 300, rollover `unspent`) and Car (limit 100, rollover `all`) carry from
January 2026; the spending is made beforehand. In the browser: February's budget page
gives Food 280 (a bad amount first, refused beside its field), March copies February's
allotments and is reset to the limits, and March's summary shows the carried-in column
and the 70.00 that February's Food overspend takes from March. Saves the screenshots,
also in dark mode.
"""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ledger import services
from ledger.models import Allotment, Category, Role
from ledger.tests.browser.conftest import SCREENS
from ledger.tests.browser.helpers import (
    amounts_in,
    save_screenshot,
    screenshot_name,
    sign_up,
    submit,
)
from ledger.tests.factories import PASSWORD, ExpenseFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
D = Decimal


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def add_category(page, name, limit, rollover):
    page.goto("/categories/new/")
    page.fill("[name=name]", name)
    page.fill("[name=limit]", limit)
    page.select_option("[name=rollover]", rollover)
    page.fill("[name=rollover_from]", "2026-01")
    submit(page, "limit")
    expect(page).to_have_url(re.compile(r"/categories/$"))


def the_example(page):
    """Alice's Food and Car envelopes, made in the category form; the spending made for her."""
    sign_up(page, "alice", PASSWORD)
    add_category(page, "Food", "300", "unspent")
    add_category(page, "Car", "100", "all")
    food, car = Category.objects.get(name="Food"), Category.objects.get(name="Car")
    for category, day, amount in [
        (food, datetime.date(2026, 1, 20), "250.00"),
        (food, datetime.date(2026, 2, 3), "400.00"),
        (car, datetime.date(2026, 2, 14), "250.00"),
        (food, datetime.date(2026, 3, 31), "100.00"),
    ]:
        ExpenseFactory(category=category, date=day, amount=D(amount))
    services.set_month_income(budget=food.budget, month=datetime.date(2026, 3, 1), amount=D(1000))
    return food, car


def row_amounts(page, name):
    """The amounts shown in the table row of category `name` (or "Total")."""
    row = page.get_by_role("row").filter(has=page.get_by_text(name, exact=True))
    expect(row).to_have_count(1)
    return amounts_in(row.inner_text())


def allotment_box(page, category):
    return page.locator(f"[name=allot-{category.pk}]")


def test_plan_a_month_and_watch_it_carry_over(page, screen):
    food, car = the_example(page)

    page.goto("/budget/2026-02/")
    expect(page.get_by_role("heading", name="Budget · February 2026")).to_be_visible()
    expect(allotment_box(page, food)).to_have_attribute("placeholder", "300.00")
    allotment_box(page, food).fill("2.805")
    submit(page, f"allot-{food.pk}")
    expect(page.locator(f"#id_allot-{food.pk}_error")).to_have_text("Use at most 2 decimal places.")
    assert not Allotment.objects.exists()

    allotment_box(page, food).fill("280")
    submit(page, f"allot-{food.pk}")
    expect(page.get_by_role("status")).to_contain_text("Allotments for February 2026 saved.")
    # limit, carried in, spent, available (the allotment is in its box)
    assert row_amounts(page, "Food") == [D("300.00"), D("50.00"), D("400.00"), D("-70.00")]
    assert row_amounts(page, "Car") == [D("100.00"), D("100.00"), D("250.00"), D("-50.00")]
    assert_no_sideways_scroll(page)

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Next month")).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Copy last month's allotments").click()
    expect(page.get_by_role("status")).to_contain_text("copied from February 2026")
    expect(allotment_box(page, food)).to_have_value("280.00")
    with page.expect_navigation():
        page.get_by_role("button", name="Reset to the monthly limits").click()
    expect(allotment_box(page, food)).to_have_value("")
    expect(
        page.get_by_text("Overspent last month, taken from this month: 70.00 USD")
    ).to_be_visible()
    assert row_amounts(page, "Car") == [D("100.00"), D("-50.00"), D("0.00"), D("50.00")]
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("budget-month", screen))

    with page.expect_navigation():
        page.get_by_role("link", name="Summary", exact=True).last.click()
    expect(page).to_have_url(re.compile(r"/summary/2026-03/$"))
    # Allotted, carried in, spent, available; a phone says carried in under the name.
    if screen == "desktop":
        expect(page.get_by_role("columnheader", name="Carried in")).to_be_visible()
        food_shown, car_shown = ["300.00", "0.00"], ["100.00", "-50.00"]
    else:
        expect(page.get_by_text("carried in -50.00")).to_be_visible()
        food_shown, car_shown = ["0.00", "300.00"], ["-50.00", "100.00"]
    assert row_amounts(page, "Food") == [D(a) for a in [*food_shown, "100.00", "200.00"]]
    assert row_amounts(page, "Car") == [D(a) for a in [*car_shown, "0.00", "50.00"]]
    expect(
        page.get_by_text("Overspent last month, taken from this month: 70.00 USD")
    ).to_be_visible()
    expect(page.get_by_text("530.00 USD")).to_be_visible()  # 1000 - 400 allotted - 70
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("summary-envelopes", screen))


def test_the_budget_page_reads_in_dark_mode(
    page, screen, new_context, live_server, browser_problems
):
    food, _ = the_example(page)
    owner = Category.objects.get(pk=food.pk).budget
    vera = MembershipFactory(budget=owner, role=Role.VIEWER, user=UserFactory(username="vera"))
    dark = new_context(base_url=live_server.url, color_scheme="dark", **SCREENS[screen]).new_page()
    browser_problems.watch(dark)
    dark.goto("/accounts/login/")
    dark.fill("[name=username]", vera.user.username)
    dark.fill("[name=password]", PASSWORD)
    submit(dark, "password")

    dark.goto("/budget/2026-02/")

    assert dark.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    expect(dark.get_by_text("You are a viewer of this budget")).to_be_visible()
    assert dark.locator("input[type=number]").count() == 0
    # Limit, carried in, allotted, spent, available; a phone says spent beside the name.
    shown = ["300.00", "50.00", "300.00", "400.00", "-50.00"]
    if screen == "phone":
        shown[2:4] = ["400.00", "300.00"]
    assert row_amounts(dark, "Food") == [D(amount) for amount in shown]
    assert_no_sideways_scroll(dark)
    save_screenshot(dark, screenshot_name("budget-month-dark", screen))
