"""The password change and reset pages (issue 22): guessing through the change page counts
toward the login lockout; the reset page answers without a mail server, with no traceback."""

import logging

import pytest
from axes.models import AccessAttempt

from ledger.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CHANGE = "/accounts/password_change/"


def change(client, old):
    return client.post(
        CHANGE,
        {
            "old_password": old,
            "new_password1": "N3w-pass-phrase!",
            "new_password2": "N3w-pass-phrase!",
        },
    )


@pytest.fixture
def erin_client(client):
    erin = UserFactory(username="erin")
    client.force_login(erin)
    return client, erin


def test_wrong_old_passwords_count_toward_the_lockout(erin_client):
    client, erin = erin_client
    for _ in range(4):
        response = change(client, "wrong")
        assert response.status_code == 200
        assert b"Your old password was entered incorrectly" in response.content

    response = change(client, "wrong")

    assert response.status_code == 429
    attempt = AccessAttempt.objects.get(username="erin", ip_address="127.0.0.1")
    assert attempt.failures_since_start == 5
    erin.refresh_from_db()
    assert erin.check_password(PASSWORD)


def test_a_locked_out_user_cannot_change_the_password_even_with_the_right_one(erin_client):
    client, erin = erin_client
    for _ in range(5):
        change(client, "wrong")

    response = change(client, PASSWORD)

    assert response.status_code == 429
    erin.refresh_from_db()
    assert erin.check_password(PASSWORD)


def test_the_right_old_password_changes_it(erin_client):
    client, erin = erin_client

    response = change(client, PASSWORD)

    assert response.status_code == 302
    erin.refresh_from_db()
    assert erin.check_password("N3w-pass-phrase!")


def test_the_reset_page_answers_without_a_mail_server_and_logs_no_traceback(
    client, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    UserFactory(username="erin", email="erin@example.com")

    with caplog.at_level(logging.WARNING):
        response = client.post("/accounts/password_reset/", {"email": "erin@example.com"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert [record.exc_info for record in caplog.records] == [None] * len(caplog.records)
    assert "The password reset email was not sent" in caplog.text
