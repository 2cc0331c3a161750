"""The Django admin is for staff only: everyone else is sent to the admin's login page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from ledger.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_it_sends_anonymous_visitors_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_it_keeps_a_signed_in_non_staff_user_out(user_client):
    response = user_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_it_tells_a_non_staff_user_they_are_not_authorized(user_client, user):
    response = user_client.get("/admin/login/?next=/admin/")
    assert response.status_code == 200
    assert b"not authorized to access this page" in response.content


def test_it_keeps_a_non_staff_user_out_of_model_pages(user_client, other_user):
    for url in [
        "/admin/auth/user/",
        f"/admin/auth/user/{other_user.pk}/change/",
        "/admin/axes/accessattempt/",
    ]:
        response = user_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url


def test_a_non_staff_user_cannot_change_anything_through_the_admin(user_client, other_user):
    response = user_client.post(f"/admin/auth/user/{other_user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert User.objects.filter(pk=other_user.pk).exists()


def test_the_admin_login_refuses_a_non_staff_account(client):
    UserFactory(username="ivan")
    response = client.post("/admin/login/", {"username": "ivan", "password": PASSWORD})
    assert response.status_code == 200
    assert b"correct username and password for a staff account" in response.content
    assert "_auth_user_id" not in client.session


def test_staff_without_permissions_sees_no_models(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_staff_with_a_view_permission_sees_that_model(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(staff)
    assert client.get("/admin/auth/user/").status_code == 200


def test_a_superuser_uses_the_admin(client, user):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/auth/user/{user.pk}/change/").status_code == 200
