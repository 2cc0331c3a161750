"""Recurring expenses in Chromium, at desktop and phone size, also in dark mode.

Rita sets up her rent on /recurring/ (a day 32 is refused beside the field,
then day 31 is saved), sees it listed with its next date and amount, and adds
a phone bill that asks before recording: the summary shows it as due, and she
records it with the amount of this month's bill. Saves the list's and the
form's screenshots.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from ledger.models import Expense
from ledger.tests.browser.helpers import go_via_nav, save_screenshot, screenshot_name, sign_up
from ledger.tests.factories import PASSWORD, CategoryFactory

pytestmark = pytest.mark.browser


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def start(page):
    sign_up(page, "rita", PASSWORD)
    rita = get_user_model().objects.get(username="rita")
    CategoryFactory(owner=rita, name="Home")
    CategoryFactory(owner=rita, name="Phone and internet")


def add_schedule(page, description, category, amount, **fields):
    page.get_by_role("link", name="Add recurring expense").first.click()
    page.fill("[name=description]", description)
    page.select_option("[name=category]", label=category)
    page.fill("[name=amount]", amount)
    for name, value in fields.items():
        if name == "frequency":
            page.select_option("[name=frequency]", value)
        elif value is True:
            page.check(f"[name={name}]")
        else:
            page.fill(f"[name={name}]", value)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()


def test_set_up_rent_and_record_a_due_bill(page, screen):
    start(page)
    go_via_nav(page, "Recurring")
    expect(page.get_by_text("No recurring expenses yet.")).to_be_visible()

    add_schedule(page, "Rent", "Home", "950", start="2026-01-31", day_of_month="32")
    expect(page.locator("#id_day_of_month_error")).to_contain_text("less than or equal to 31")
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("recurring-form", screen))
    page.fill("[name=day_of_month]", "31")
    page.check("[name=auto_post]")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()

    today = timezone.localdate()
    add_schedule(page, "Mobile phone", "Phone and internet", "30", start=today.isoformat())
    rent = page.get_by_role("row").filter(has_text="Rent")
    expect(rent).to_contain_text("950.00")
    expect(rent).to_contain_text("by itself")
    expect(page.get_by_role("row").filter(has_text="Mobile phone")).to_contain_text(
        today.isoformat()
    )
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("recurring", screen))

    go_via_nav(page, "Summary")
    occurrences = page.locator("#recurring-occurrences")
    expect(occurrences.get_by_role("row", name="due Mobile phone")).to_be_visible()
    expect(page.locator("#recurring-takes")).to_contain_text("Phone and internet")
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("summary-recurring", screen))
    answer = occurrences.locator("form", has=page.get_by_label("Amount of Mobile phone"))
    answer.get_by_label("Amount of Mobile phone").fill("31.40")
    with page.expect_navigation():
        answer.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Recorded “Mobile phone”")).to_be_visible()
    assert_no_sideways_scroll(page)
    phone = Expense.objects.get(recurring__description="Mobile phone")
    assert (str(phone.amount), phone.date) == ("31.40", today)


def test_the_list_and_form_read_in_dark_mode(page, screen):
    page.emulate_media(color_scheme="dark")
    start(page)
    go_via_nav(page, "Recurring")
    add_schedule(page, "Insurance", "Home", "420", frequency="yearly", start="2028-02-29")

    assert page.evaluate("document.documentElement.getAttribute('data-bs-theme')") == "dark"
    insurance = page.get_by_role("row").filter(has_text="Insurance")
    expect(insurance).to_contain_text("420.00")
    expect(insurance).to_contain_text("Yearly on 29 February")
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("recurring-dark", screen))
