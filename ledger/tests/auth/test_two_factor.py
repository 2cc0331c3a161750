"""TOTP and recovery codes: asked for at sign-in, counted by the lockout, turned off only with proof."""

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt

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


@pytest.fixture
def erin(db):
    return UserFactory(username="erin")


def test_setting_up_totp_shows_the_secret_as_text_and_asks_for_a_code(client, erin):
    sign_in_with_password(client, erin)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")  # the password again
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert secret.encode() in page.content  # not only inside the QR code
    assert b"<svg" in page.content or b"data:image" in page.content

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=erin).exists()

    right = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert right.status_code == 302
    types = set(Authenticator.objects.filter(user=erin).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


def test_with_totp_the_password_alone_does_not_sign_in(client, erin):
    secret = turn_on_totp(erin)
    response = sign_in_with_password(client, erin)
    assert response.status_code == 302
    assert response["Location"] == MFA_AUTHENTICATE
    assert not is_signed_in(client)

    response = client.post(MFA_AUTHENTICATE, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert is_signed_in(client)
    assert client.get("/").status_code == 302  # home opens this month's summary


def test_a_wrong_code_is_refused_and_counted_by_the_lockout(client, erin):
    secret = turn_on_totp(erin)
    sign_in_with_password(client, erin)
    response = client.post(MFA_AUTHENTICATE, {"code": "123456"})
    assert response.status_code == 200
    assert b"Incorrect code" in response.content
    assert not is_signed_in(client)
    attempt = AccessAttempt.objects.get(username="erin")
    assert attempt.failures_since_start == 1

    for _ in range(4):
        response = client.post(MFA_AUTHENTICATE, {"code": "123456"})
    assert response.status_code == 429
    assert b"Signing in is paused" in response.content
    # Locked out: even the right code (and the right password) is refused now.
    response = client.post(MFA_AUTHENTICATE, {"code": totp_code(secret)})
    assert response.status_code == 429
    assert not is_signed_in(client)
    client.cookies.clear()  # a fresh browser, with the right password
    assert sign_in_with_password(client, erin).status_code == 429


def test_wrong_passwords_and_wrong_codes_count_together(client, erin):
    turn_on_totp(erin)
    for _ in range(3):
        sign_in_with_password(client, erin, password="wrong")
    sign_in_with_password(client, erin)
    client.post(MFA_AUTHENTICATE, {"code": "123456"})
    response = client.post(MFA_AUTHENTICATE, {"code": "123456"})
    assert response.status_code == 429


def test_a_recovery_code_works_once(client, erin):
    turn_on_totp(erin)
    code = recovery_codes(erin)[0]
    sign_in_with_password(client, erin)
    assert client.post(MFA_AUTHENTICATE, {"code": code}).status_code == 302
    assert is_signed_in(client)
    client.post("/accounts/logout/")

    sign_in_with_password(client, erin)
    response = client.post(MFA_AUTHENTICATE, {"code": code})
    assert response.status_code == 200
    assert not is_signed_in(client)
    assert code not in recovery_codes(erin)


def test_turning_totp_off_asks_for_the_password_or_a_code_first(client, erin):
    secret = turn_on_totp(erin)
    sign_in_with_password(client, erin)
    client.post(MFA_AUTHENTICATE, {"code": totp_code(secret)})

    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert Authenticator.objects.filter(user=erin, type=Authenticator.Type.TOTP).exists()

    wrong = client.post("/accounts/reauthenticate/", {"password": "wrong"})
    assert wrong.status_code == 200
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=erin, type=Authenticator.Type.TOTP).exists()


def test_the_admin_login_refuses_an_account_with_a_second_factor(client):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    turn_on_totp(root)
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 200
    assert b"This account has a second factor" in response.content
    assert not is_signed_in(client)


def test_the_admin_opens_after_the_second_factor_at_the_main_login(client):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    secret = turn_on_totp(root)
    sign_in_with_password(client, root)
    client.post(MFA_AUTHENTICATE, {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200


class TestRequireMFA:
    @pytest.fixture(autouse=True)
    def _require(self, settings):
        settings.BUDGET_REQUIRE_MFA = True

    def test_a_user_without_a_factor_is_sent_to_set_one_up(self, user_client):
        response = user_client.get("/categories/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/"
        assert user_client.get("/accounts/2fa/totp/activate/").status_code in (200, 302)

    def test_the_api_by_session_says_why(self, user_client):
        response = user_client.get("/api/categories/")
        assert response.status_code == 403
        assert "second factor" in response.json()["detail"]

    def test_api_tokens_are_exempt(self, client, user):
        from ledger.tests.factories import ApiTokenFactory

        raw = ApiTokenFactory(owner=user).raw
        response = client.get("/api/categories/", HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code == 200

    def test_a_user_with_a_factor_uses_the_app(self, client, erin):
        secret = turn_on_totp(erin)
        sign_in_with_password(client, erin)
        client.post(MFA_AUTHENTICATE, {"code": totp_code(secret)})
        assert client.get("/categories/").status_code == 200
