"""Signing up, logging out and logging in, in Chromium, at desktop and phone size."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from ledger.tests.browser.helpers import (
    log_in,
    log_out,
    navbar,
    open_nav,
    save_screenshot,
    screenshot_name,
    sign_up,
    signed_in_username,
    submit,
)
from ledger.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

LOGIN_URL = re.compile(r"/accounts/login/")
SIGNUP_URL = re.compile(r"/accounts/signup/")


def test_the_signup_page_shows_its_fields(page, screen):
    page.goto("/accounts/signup/")

    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Password:?$"))).to_be_visible()
    expect(page.get_by_label("Password confirmation")).to_be_visible()
    path = save_screenshot(page, screenshot_name("signup", screen))
    assert path.read_bytes().startswith(b"\x89PNG")


def test_signing_up_signs_the_new_user_in(page):
    sign_up(page, "alice", PASSWORD)

    # Lands on "/" (the month's summary once the web pages are in).
    expect(page).not_to_have_url(SIGNUP_URL)
    assert signed_in_username(page.context) == "alice"
    assert get_user_model().objects.filter(username="alice").exists()


def test_the_navbar_names_the_signed_in_user(page):
    sign_up(page, "alice", PASSWORD)

    # The login page renders the navbar for a signed-in user on every branch.
    page.goto("/accounts/login/")
    open_nav(page)
    expect(navbar(page)).to_contain_text("alice")
    expect(navbar(page).get_by_role("button", name="Log out")).to_be_visible()


def test_logging_out_from_the_navbar_signs_the_user_out(page):
    sign_up(page, "alice", PASSWORD)
    page.goto("/accounts/login/")

    log_out(page)

    expect(page).to_have_url(LOGIN_URL)
    assert signed_in_username(page.context) is None
    open_nav(page)
    expect(navbar(page)).not_to_contain_text("alice")


def test_a_user_can_log_in_again_after_logging_out(page):
    sign_up(page, "alice", PASSWORD)
    page.goto("/accounts/login/")
    log_out(page)

    log_in(page, "alice", PASSWORD)

    expect(page).not_to_have_url(LOGIN_URL)
    assert signed_in_username(page.context) == "alice"


def test_a_wrong_password_shows_an_error_and_signs_nobody_in(page):
    UserFactory(username="erin")

    log_in(page, "erin", "not-the-password")

    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    assert signed_in_username(page.context) is None


def test_mismatched_passwords_are_refused_next_to_the_field(page):
    page.goto("/accounts/signup/")
    page.fill("[name=username]", "bob")
    page.fill("[name=password1]", PASSWORD)
    page.fill("[name=password2]", PASSWORD + "x")

    submit(page, "password2")

    expect(page.get_by_text("The two password fields didn’t match.")).to_be_visible()
    assert not get_user_model().objects.filter(username="bob").exists()
