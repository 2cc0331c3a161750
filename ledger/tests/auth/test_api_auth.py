import datetime
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from ledger import services
from ledger.models import ApiToken, Category
from ledger.tests.factories import ApiTokenFactory, CategoryFactory, UserFactory, budget_of

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("get", "/api/categories/"),
    ("post", "/api/categories/"),
    ("get", "/api/categories/1"),
    ("patch", "/api/categories/1"),
    ("delete", "/api/categories/1"),
    ("get", "/api/expenses/"),
    ("post", "/api/expenses/"),
    ("put", "/api/expenses/1"),
    ("get", "/api/income/"),
    ("post", "/api/income/"),
    ("get", "/api/income/2026-03"),
    ("get", "/api/summary/2026-03"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_it_answers_401_json_without_auth(client, method, path):
    response = getattr(client, method)(path, content_type="application/json")

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize(
    "header", ["Bearer nope", "Bearer ", "Token abc", "bearer bgt_x", "Basic dXNlcjpwdw=="]
)
def test_it_answers_401_for_a_wrong_token(client, header):
    response = client.get("/api/categories/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_it_accepts_a_token(client, user, api_token):
    CategoryFactory(owner=user, name="Food")

    response = client.get("/api/categories/", HTTP_AUTHORIZATION=f"Bearer {api_token.raw}")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_it_refuses_a_revoked_token(client, api_token):
    services.revoke_api_token(token=api_token)

    response = client.get("/api/categories/", HTTP_AUTHORIZATION=f"Bearer {api_token.raw}")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked API token."}


def test_it_refuses_the_token_of_an_inactive_user(client, user, api_token):
    user.is_active = False
    user.save()

    response = client.get("/api/categories/", HTTP_AUTHORIZATION=f"Bearer {api_token.raw}")

    assert response.status_code == 401


def test_a_wrong_token_is_refused_even_with_a_session(user_client):
    response = user_client.get("/api/categories/", HTTP_AUTHORIZATION="Bearer wrong")
    assert response.status_code == 401


def test_a_token_sees_only_its_owners_data(client, other_user):
    CategoryFactory(owner=other_user, name="Theirs")
    token = ApiTokenFactory(owner=UserFactory())

    response = client.get("/api/categories/", HTTP_AUTHORIZATION=f"Bearer {token.raw}")

    assert response.json() == {"items": [], "count": 0}


def test_it_stores_only_a_hash_of_the_token(api_token):
    stored = ApiToken.objects.get(pk=api_token.pk)

    assert api_token.raw not in (stored.token_hash, stored.prefix, stored.name)
    assert stored.token_hash == ApiToken.digest(api_token.raw)
    assert api_token.raw.startswith(stored.prefix)


def test_it_notes_when_a_token_was_last_used(client, api_token):
    assert api_token.last_used_at is None

    client.get("/api/categories/", HTTP_AUTHORIZATION=f"Bearer {api_token.raw}")

    api_token.refresh_from_db()
    assert timezone.now() - api_token.last_used_at < datetime.timedelta(seconds=10)


def test_it_writes_last_used_at_most_once_a_minute(client, api_token, django_assert_num_queries):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token.raw}"}
    client.get("/api/income/", **headers)

    # token lookup, count, page: no write this time
    with django_assert_num_queries(3):
        client.get("/api/income/", **headers)


def test_it_accepts_a_session(user_client, user):
    CategoryFactory(owner=user)
    assert user_client.get("/api/categories/").json()["count"] == 1


def test_a_session_write_needs_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(
        "/api/categories/", {"name": "Food", "limit": "1"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check failed: send the X-CSRFToken header."}
    assert not Category.objects.exists()


def test_a_session_write_with_the_csrf_token_works(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/api/docs")  # the docs page sets the CSRF cookie, as in a browser
    csrf_token = client.cookies["csrftoken"].value

    response = client.post(
        "/api/categories/",
        {"name": "Food", "limit": "1"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf_token,
    )

    assert response.status_code == 201
    assert Category.objects.filter(budget=budget_of(user), name="Food").exists()


def test_a_token_write_needs_no_csrf_token(user, api_token):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/api/categories/",
        {"name": "Food", "limit": "1"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token.raw}",
    )

    assert response.status_code == 201


def test_it_does_not_redirect_api_calls_to_the_login_page(client):
    response = client.get("/api/summary/2026-03")
    assert response.status_code == 401
    assert "Location" not in response


# Errors


def test_it_answers_json_404_for_unknown_api_paths(client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_it_answers_json_404_to_a_post_without_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/api/no-such-thing", {}, content_type="application/json")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_it_points_to_the_path_with_a_slash(api):
    response = api.get("/api/categories")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found. Did you mean /api/categories/ ?"}


def test_it_answers_json_405_for_a_wrong_method(api):
    response = api.post("/api/summary/2026-03", {})

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "Method not allowed; use GET."}


def test_it_hides_internals_of_a_server_error_and_logs_them(api, caplog):
    with mock.patch(
        "ledger.selectors.monthly_summary", side_effect=RuntimeError("secret internals")
    ):
        response = api.get("/api/summary/2026-03")

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert "secret internals" not in response.content.decode()
    record = next(r for r in caplog.records if r.name == "budget.api")
    assert record.levelname == "ERROR"
    assert "secret internals" in caplog.text
    assert "Traceback" in caplog.text


def test_it_answers_413_for_a_too_large_body(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100

    response = api.post("/api/categories/", {"name": "x" * 200, "limit": "1"})

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert not Category.objects.exists()


def test_a_client_with_only_a_token_can_run_a_budget(client, api_token):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token.raw}"}

    def send(method, path, body=None):
        return getattr(client, method)(path, body, content_type="application/json", **headers)

    assert client.get("/health").status_code == 200
    food = send("post", "/api/categories/", {"name": "Food", "limit": "200"}).json()
    assert send("patch", f"/api/categories/{food['id']}", {"limit": 250}).status_code == 200
    expense = send(
        "post",
        "/api/expenses/",
        {"category_id": food["id"], "amount": "20.5", "date": "2026-03-02"},
    ).json()
    assert send("post", "/api/income/", {"month": "2026-03", "amount": "1000"}).status_code == 201
    assert client.get("/api/expenses/?month=2026-03", **headers).json()["count"] == 1

    summary = client.get("/api/summary/2026-03", **headers).json()

    assert (summary["total_spent"], summary["remaining"], summary["unallocated"]) == (
        "20.50",
        "979.50",
        "750.00",
    )
    assert send("delete", f"/api/expenses/{expense['id']}").status_code == 204
    assert send("delete", f"/api/categories/{food['id']}").status_code == 204
