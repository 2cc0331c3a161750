"""Brute-force protection: django-axes locks a username at one address after 5 failures."""

from datetime import timedelta

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone

from ledger.security import client_ip
from ledger.tests.deployment.test_settings import manage
from ledger.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
FORM_ERROR = b"Please enter a correct username and password"


def fail(client, username="erin", **extra):
    return client.post(LOGIN, {"username": username, "password": "wrong"}, **extra)


def sign_in(client, username="erin", **extra):
    return client.post(LOGIN, {"username": username, "password": PASSWORD}, **extra)


@pytest.fixture
def erin(db):
    return UserFactory(username="erin")


def test_it_shows_the_form_error_until_the_limit(client, erin):
    for _ in range(4):
        response = fail(client)
        assert response.status_code == 200
        assert FORM_ERROR in response.content
    assert "_auth_user_id" not in client.session


def test_it_locks_out_at_the_fifth_failure(client, erin):
    for _ in range(4):
        fail(client)
    response = fail(client)
    assert response.status_code == 429
    assert b"Signing in is paused" in response.content
    assert b"wait 15 minutes" in response.content
    attempt = AccessAttempt.objects.get(username="erin", ip_address="127.0.0.1")
    assert attempt.failures_since_start == 5


def test_a_locked_out_user_cannot_sign_in_even_with_the_right_password(client, erin):
    for _ in range(5):
        fail(client)
    response = sign_in(client)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_only_at_the_attacking_address(client, erin):
    for _ in range(5):
        fail(client, REMOTE_ADDR="203.0.113.66")
    response = sign_in(client, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(erin.pk)


def test_the_lockout_holds_only_for_the_attacked_username(client, erin):
    frank = UserFactory(username="frank")
    for _ in range(5):
        fail(client)
    response = sign_in(client, username="frank")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(frank.pk)


def test_the_lockout_ends_after_the_cool_off(client, erin):
    for _ in range(5):
        fail(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = sign_in(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(erin.pk)


def test_a_successful_login_resets_the_failure_count(client, erin):
    for _ in range(4):
        fail(client)
    sign_in(client)
    client.post("/accounts/logout/")
    for _ in range(4):
        response = fail(client)
    assert response.status_code == 200
    assert FORM_ERROR in response.content


def test_the_admin_login_is_protected_too(client):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "root", "password": "wrong"})
    assert response.status_code == 429
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_escapes_the_username(client):
    for _ in range(5):
        response = fail(client, username="<script>alert(1)</script>")
    assert response.status_code == 429
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_signup_still_signs_the_new_user_in(client):
    response = client.post(
        "/accounts/signup/", {"username": "gina", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_password_check_without_the_request_is_refused(erin):
    """Lockouts need the client's address: code (and tests) must pass the request.

    In tests, use client.force_login(user) or client.login(request=HttpRequest(), ...).
    """
    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="erin", password=PASSWORD)
    assert authenticate(RequestFactory().post(LOGIN), username="erin", password=PASSWORD) == erin


def forwarded_request(remote_addr="10.0.0.2", forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().post(LOGIN, **extra)


def test_client_ip_is_the_remote_address_without_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = forwarded_request(forwarded_for="198.51.100.7")
    assert client_ip(request) == "10.0.0.2"


def test_client_ip_is_the_address_our_proxy_recorded(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = forwarded_request(forwarded_for="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"


def test_client_ip_counts_back_through_each_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = forwarded_request(forwarded_for="1.2.3.4, 198.51.100.7, 10.0.0.9")
    assert client_ip(request) == "198.51.100.7"


def test_client_ip_falls_back_to_the_remote_address_on_a_short_or_bad_header(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(forwarded_request(forwarded_for="198.51.100.7")) == "10.0.0.2"
    assert client_ip(forwarded_request()) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(forwarded_request(forwarded_for="not-an-address")) == "10.0.0.2"


def test_behind_a_proxy_clients_are_counted_apart(client, erin, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        fail(client, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert fail(client, HTTP_X_FORWARDED_FOR="203.0.113.66").status_code == 429
    # A spoofed left-hand entry does not escape the lockout...
    spoofed = fail(client, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.66")
    assert spoofed.status_code == 429
    # ...while another client behind the same proxy signs in.
    response = sign_in(client, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302


def test_the_proxy_count_comes_from_the_environment():
    code = "from django.conf import settings as s; print(s.TRUSTED_PROXY_COUNT)"
    result = manage("shell", "--no-imports", "-c", code, env={"DJANGO_TRUSTED_PROXY_COUNT": "2"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
