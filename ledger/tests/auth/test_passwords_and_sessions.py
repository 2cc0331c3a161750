"""Password change and reset by email, the sessions list, and signing out the other sessions."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from ledger.tests.auth.signin_steps import (
    MFA_AUTHENTICATE,
    is_signed_in,
    recovery_codes,
    sign_in_with_password,
    totp_code,
    turn_on_totp,
)
from ledger.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-newer-passphrase-42"
RESET = "/accounts/password/reset/"


@pytest.fixture
def erin(db):
    user = UserFactory(username="erin", email="erin@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def browser(user, **extra):
    client = Client(**extra)
    assert sign_in_with_password(client, user).status_code == 302
    return client


def still_signed_in(client) -> bool:
    return client.get("/categories/").status_code == 200


def test_the_login_and_signup_pages_keep_their_field_names(client):
    login = client.get("/accounts/login/").content.decode()
    assert 'name="username"' in login
    assert 'name="password"' in login
    signup = client.get("/accounts/signup/").content.decode()
    for name in ["username", "email", "password1", "password2"]:
        assert f'name="{name}"' in signup


def test_signing_up_without_an_email_makes_the_user_and_their_budget(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "gina", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_signed_in(client)
    assert client.get("/budgets/").content.count(b"gina&#x27;s budget") >= 1


def test_changing_the_password_signs_out_the_other_sessions(erin):
    here, elsewhere = browser(erin), browser(erin, REMOTE_ADDR="198.51.100.7")
    response = here.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert still_signed_in(here)
    assert not still_signed_in(elsewhere)
    erin.refresh_from_db()
    assert erin.check_password(NEW_PASSWORD)


def test_wrong_current_passwords_on_the_change_page_count_toward_the_lockout(erin):
    here = browser(erin)
    for _ in range(4):
        response = here.post(
            "/accounts/password/change/",
            {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert response.status_code == 200
    response = here.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 429
    erin.refresh_from_db()
    assert erin.check_password(PASSWORD)


def test_the_sessions_list_shows_each_browser_and_signs_out_the_others(erin):
    here = browser(erin, HTTP_USER_AGENT="Firefox on the laptop")
    elsewhere = browser(erin, HTTP_USER_AGENT="Chrome on the phone", REMOTE_ADDR="198.51.100.7")
    page = here.get("/accounts/sessions/")
    assert page.status_code == 200
    assert b"198.51.100.7" in page.content
    assert b"Chrome on the phone" in page.content or b"Chrome" in page.content

    assert here.post("/accounts/sessions/").status_code == 302
    assert still_signed_in(here)
    assert not still_signed_in(elsewhere)


def test_turning_on_a_factor_signs_out_the_other_sessions(erin, django_capture_on_commit_callbacks):
    here, elsewhere = browser(erin), browser(erin, REMOTE_ADDR="198.51.100.7")
    here.post("/accounts/reauthenticate/", {"password": PASSWORD})
    secret = here.get("/accounts/2fa/totp/activate/").context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = here.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert still_signed_in(here)
    assert not still_signed_in(elsewhere)


def reset_link(outbox_message) -> str:
    return re.search(
        r"https?://testserver(/accounts/password/reset/key/\S+/)", outbox_message.body
    )[1]


def test_a_reset_link_by_email_works_once(client, erin):
    response = client.post(RESET, {"email": "erin@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = reset_link(mail.outbox[0])

    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password = form.redirect_chain[-1][0]
    response = client.post(set_password, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    erin.refresh_from_db()
    assert erin.check_password(NEW_PASSWORD)

    again = Client().get(link, follow=True)
    assert b"invalid" in again.content.lower()
    assert b'name="password1"' not in again.content


def test_a_reset_ends_every_session(client, erin):
    elsewhere = browser(erin, REMOTE_ADDR="198.51.100.7")
    client.post(RESET, {"email": "erin@example.com"})
    form = client.get(reset_link(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not still_signed_in(elsewhere)


def test_an_unknown_address_gets_the_same_answer(client, erin):
    known = client.post(RESET, {"email": "erin@example.com"})
    unknown = client.post(RESET, {"email": "nobody@example.com"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # No reset link goes to the unknown address.
    assert all("/password/reset/key/" not in m.body for m in mail.outbox if "nobody" in m.to[0])


def test_an_unverified_address_gets_no_reset_link(client):
    UserFactory(username="hal", email="hal@example.com")
    client.post(RESET, {"email": "hal@example.com"})
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)


def test_no_mail_server_is_one_log_line_and_the_same_page(client, erin, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 8289  # nothing listens there
    response = client.post(RESET, {"email": "erin@example.com"})
    assert response.status_code == 302
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert [r.getMessage().startswith("Could not send the password_reset_key") for r in errors] == [
        True
    ]
    assert all(r.exc_info is None for r in errors)


def test_with_totp_the_other_sessions_end_when_it_is_turned_off(
    erin, django_capture_on_commit_callbacks
):
    secret = turn_on_totp(erin)
    here = Client()
    sign_in_with_password(here, erin)
    here.post(MFA_AUTHENTICATE, {"code": totp_code(secret)})
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    sign_in_with_password(elsewhere, erin)
    elsewhere.post(MFA_AUTHENTICATE, {"code": recovery_codes(erin)[0]})
    assert still_signed_in(elsewhere)

    here.post("/accounts/reauthenticate/", {"password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        assert here.post("/accounts/2fa/totp/deactivate/").status_code == 302
    assert still_signed_in(here)
    assert not still_signed_in(elsewhere)
