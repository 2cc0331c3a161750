import pytest
from django.contrib.auth import get_user_model

from ledger.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_signup_page_renders(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password1"' in response.content
    assert b'name="password2"' in response.content


def test_signup_creates_the_user_and_signs_them_in(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "alice", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    alice = User.objects.get(username="alice")
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_signup_refuses_a_weak_password(client):
    response = client.post(
        "/accounts/signup/", {"username": "bob", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert b"too short" in response.content
    assert not User.objects.filter(username="bob").exists()


def test_signup_refuses_mismatched_passwords(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "bob", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="bob").exists()


def test_signup_refuses_a_taken_username(client):
    UserFactory(username="carol")
    response = client.post(
        "/accounts/signup/",
        {"username": "carol", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert User.objects.filter(username="carol").count() == 1


def test_login_signs_the_user_in(client):
    user = UserFactory(username="dave")
    response = client.post("/accounts/login/", {"username": "dave", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_refuses_a_wrong_password(client):
    UserFactory(username="erin")
    response = client.post("/accounts/login/", {"username": "erin", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_signs_the_user_out(user_client):
    response = user_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in user_client.session


def test_logout_by_get_is_refused(user_client):
    assert user_client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in user_client.session


def test_pages_need_a_signed_in_user(client):
    response = client.get("/admin/")
    assert response.status_code == 302
