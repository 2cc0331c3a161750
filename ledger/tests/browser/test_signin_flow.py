"""Signing in, in Chromium at desktop and phone size and in dark mode: the pages, TOTP,
a recovery code, a passkey (Chromium's virtual authenticator) and a password reset by email."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from ledger.tests.auth.oidc import CALLBACK, PROVIDER_PASSWORD, oidc_provider  # noqa: F401
from ledger.tests.auth.signin_steps import recovery_codes, totp_code, turn_on_totp
from ledger.tests.browser.conftest import SCREENS
from ledger.tests.browser.helpers import (
    log_in,
    log_out,
    navbar,
    open_nav,
    save_screenshot,
    screenshot_name,
    signed_in_username,
    submit,
)
from ledger.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

MFA_PAGE = re.compile(r"/accounts/2fa/authenticate/")


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_login_page(page, screen):
    page.goto("/accounts/login/")
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in with a passkey")).to_be_visible()
    expect(page.get_by_role("link", name="Forgot your password?")).to_be_visible()
    no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("signin", screen))


def test_the_sign_in_pages_read_well_in_dark_mode(
    new_context, live_server, screen, browser_problems
):
    context = new_context(base_url=live_server.url, color_scheme="dark", **SCREENS[screen])
    page = context.new_page()
    browser_problems.watch(page)
    page.goto("/accounts/login/")
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("signin-dark", screen))
    page.goto("/accounts/password/reset/")
    no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("password-reset-dark", screen))
    browser_problems.assert_none()


def test_signing_in_with_totp(page, screen):
    erin = UserFactory(username="erin")
    secret = turn_on_totp(erin)
    log_in(page, "erin", PASSWORD)
    expect(page).to_have_url(MFA_PAGE)
    assert signed_in_username(page.context) is None
    no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("signin-totp", screen))

    page.fill("[name=code]", "000000")
    submit(page, "code")
    expect(page.get_by_text("Incorrect code")).to_be_visible()

    page.fill("[name=code]", totp_code(secret))
    submit(page, "code")
    expect(page).not_to_have_url(MFA_PAGE)
    assert signed_in_username(page.context) == "erin"


def test_signing_in_with_a_recovery_code(page):
    erin = UserFactory(username="erin")
    turn_on_totp(erin)
    log_in(page, "erin", PASSWORD)
    page.fill("[name=code]", recovery_codes(erin)[0])
    submit(page, "code")
    assert signed_in_username(page.context) == "erin"


def test_setting_up_totp_shows_the_secret_as_text(page, screen):
    UserFactory(username="erin")
    log_in(page, "erin", PASSWORD)
    page.goto("/accounts/2fa/totp/activate/")
    page.fill("[name=password]", PASSWORD)  # proving it is still them
    submit(page, "password")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("totp-setup", screen))
    page.fill("[name=code]", totp_code(secret))
    submit(page, "code")
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    save_screenshot(page, screenshot_name("recovery-codes", screen))


def test_a_passkey_signs_in_without_a_password(page, screen):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    UserFactory(username="erin")
    log_in(page, "erin", PASSWORD)
    page.goto("/accounts/2fa/webauthn/add/")
    page.fill("[name=password]", PASSWORD)
    submit(page, "password")
    page.fill("[name=name]", "Laptop")
    page.check("[name=passwordless]")
    no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("passkey-add", screen))
    with page.expect_navigation():
        page.get_by_role("button", name="Add").click()
    page.goto("/accounts/2fa/webauthn/")
    expect(page.get_by_text("Laptop")).to_be_visible()
    save_screenshot(page, screenshot_name("passkeys", screen))

    log_out(page)
    assert signed_in_username(page.context) is None
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    assert signed_in_username(page.context) == "erin"


def test_a_password_reset_from_the_email(page, screen):
    erin = UserFactory(username="erin", email="erin@example.com")
    EmailAddress.objects.create(user=erin, email=erin.email, verified=True, primary=True)
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="Forgot your password?").click()
    page.fill("[name=email]", "erin@example.com")
    save_screenshot(page, screenshot_name("password-reset", screen))
    submit(page, "email")
    expect(page.get_by_text("sent you an email", exact=False)).to_be_visible()

    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", mail.outbox[-1].body)[0]
    page.goto(link)
    page.fill("[name=password1]", "a-much-newer-passphrase-42")
    page.fill("[name=password2]", "a-much-newer-passphrase-42")
    no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("password-reset-new", screen))
    submit(page, "password2")
    log_in(page, "erin", "a-much-newer-passphrase-42")
    assert signed_in_username(page.context) == "erin"


def test_the_security_pages_list_factors_and_sessions(
    new_context, live_server, screen, browser_problems
):
    UserFactory(username="erin")
    for scheme in ["light", "dark"]:
        context = new_context(base_url=live_server.url, color_scheme=scheme, **SCREENS[screen])
        page = context.new_page()
        browser_problems.watch(page)
        log_in(page, "erin", PASSWORD)
        suffix = "" if scheme == "light" else "-dark"
        page.goto("/accounts/2fa/")
        expect(page.get_by_role("navigation", name="Sign-in and security")).to_be_visible()
        no_sideways_scroll(page)
        save_screenshot(page, screenshot_name(f"security{suffix}", screen))
        page.goto("/accounts/sessions/")
        expect(page.get_by_text("HeadlessChrome").first).to_be_visible()
        no_sideways_scroll(page)
        save_screenshot(page, screenshot_name(f"sessions{suffix}", screen))
    browser_problems.assert_none()


def test_single_sign_on_with_the_provider(page, screen, live_server, oidc_provider, settings):  # noqa: F811
    settings.SOCIALACCOUNT_PROVIDERS = oidc_provider.app_settings(name="Pocket ID")
    settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 60  # the provider's runserver on a loaded machine
    oidc_provider.allow_redirect(f"{live_server.url}{CALLBACK}")
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="Pocket ID").click()
    save_screenshot(page, screenshot_name("sso-continue", screen))
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.fill("[name=username]", "olivia")
    page.fill("[name=password]", PROVIDER_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    # Back at Budget, signed in (the provider's own session cookie is also named sessionid).
    expect(page).to_have_url(re.compile(r"^http://localhost:\d+/summary/"))
    open_nav(page)
    expect(navbar(page)).to_contain_text("olivia")
    save_screenshot(page, screenshot_name("sso-signed-in", screen))
