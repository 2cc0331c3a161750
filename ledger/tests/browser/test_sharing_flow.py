"""Sharing a budget in Chromium, at desktop and phone size: invite, join, switch.

Alice signs up (her own budget is made for her), starts "Household", invites
Bob as an editor from the members page; Bob, signed up in his own browser,
opens the link, sees the budget's name and role and joins; the navbar
switcher then offers him both budgets. Saves the pages' screenshots, also in
dark mode.
"""

import re

import pytest
from playwright.sync_api import expect

from ledger.models import Membership
from ledger.tests.browser.conftest import SCREENS
from ledger.tests.browser.helpers import (
    navbar,
    open_nav,
    save_screenshot,
    screenshot_name,
    sign_up,
    submit,
)
from ledger.tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def start_household_and_invite(page, screen):
    sign_up(page, "alice", PASSWORD)
    page.goto("/budgets/")
    page.fill("[name=name]", "Household")
    submit(page, "name")
    expect(page.get_by_role("row").filter(has_text="Household")).to_contain_text("owner")
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("budgets", screen))

    page.get_by_role("row").filter(has_text="Household").get_by_role("link", name="Members").click()
    expect(page.get_by_role("heading", name="Household")).to_be_visible()
    page.select_option("#invite-role", "editor")
    with page.expect_navigation():
        page.get_by_role("button", name="Make invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    assert re.search(r"/invitations/[\w-]+/$", link)
    assert_no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("budget-members", screen))
    return link


def test_two_people_share_a_budget(page, screen, new_context, live_server, browser_problems):
    link = start_household_and_invite(page, screen)

    bob = new_context(base_url=live_server.url, **SCREENS[screen]).new_page()
    browser_problems.watch(bob)
    sign_up(bob, "bob", PASSWORD)
    bob.goto(link)
    expect(bob.get_by_role("heading", name="Join “Household”")).to_be_visible()
    expect(bob.get_by_text("editor")).to_be_visible()
    assert_no_sideways_scroll(bob)
    save_screenshot(bob, screenshot_name("invitation", screen))
    with bob.expect_navigation():
        bob.get_by_role("button", name="Join this budget").click()

    assert Membership.objects.get(user__username="bob", budget__name="Household").role == "editor"
    open_nav(bob)
    switcher = navbar(bob).get_by_role("button", name="Current budget: Household")
    expect(switcher).to_be_visible()
    switcher.click()
    with bob.expect_navigation():
        navbar(bob).get_by_role("button", name=re.compile("bob's budget")).click()
    open_nav(bob)
    expect(navbar(bob).get_by_role("button", name="Current budget: bob's budget")).to_be_visible()

    # The link worked once: a second look at it is a clear page.
    page.goto(link)
    expect(page.get_by_text("This invitation has already been used.")).to_be_visible()


def test_a_used_link_is_a_clear_page_in_dark_mode(page, screen, new_context, live_server):
    link = start_household_and_invite(page, screen)
    bob = new_context(base_url=live_server.url, color_scheme="dark", **SCREENS[screen]).new_page()
    sign_up(bob, "bob", PASSWORD)
    bob.goto(link)
    with bob.expect_navigation():
        bob.get_by_role("button", name="Join this budget").click()

    carol = new_context(base_url=live_server.url, color_scheme="dark", **SCREENS[screen]).new_page()
    sign_up(carol, "carol", PASSWORD)
    response = carol.goto(link)

    assert response.status == 410
    expect(carol.get_by_text("This invitation has already been used.")).to_be_visible()
    assert carol.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    assert_no_sideways_scroll(carol)
    save_screenshot(carol, screenshot_name("invitation-used-dark", screen))


def test_a_viewer_looks_and_is_refused_a_change(page, screen, new_context, live_server):
    sign_up(page, "alice", PASSWORD)
    page.goto("/categories/new/")
    page.fill("[name=name]", "Groceries")
    page.fill("[name=limit]", "400")
    submit(page, "limit")
    page.goto("/budgets/")
    page.get_by_role("link", name="Members").click()
    page.select_option("#invite-role", "viewer")
    with page.expect_navigation():
        page.get_by_role("button", name="Make invitation link").click()
    link = page.get_by_label("Invitation link").input_value()

    grandpa = new_context(base_url=live_server.url, **SCREENS[screen]).new_page()
    sign_up(grandpa, "grandpa", PASSWORD)
    grandpa.goto(link)
    with grandpa.expect_navigation():
        grandpa.get_by_role("button", name="Join this budget").click()
    grandpa.goto("/categories/")
    expect(grandpa.get_by_role("row").filter(has_text="Groceries")).to_be_visible()
    expect(grandpa.get_by_role("link", name="Add category")).to_have_count(0)
    expect(grandpa.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
    assert_no_sideways_scroll(grandpa)
    save_screenshot(grandpa, screenshot_name("viewer-categories", screen))

    # Opening the form by its address answers the 403 page at once (issue 24).
    response = grandpa.goto("/categories/new/")
    assert response.status == 403
    expect(grandpa.locator("[name=limit]")).to_have_count(0)
    expect(
        grandpa.get_by_role("heading", name="Your role cannot change this budget.")
    ).to_be_visible()
    save_screenshot(grandpa, screenshot_name("forbidden", screen))
