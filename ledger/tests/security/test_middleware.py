import logging
import re

import pytest

pytestmark = pytest.mark.django_db

ALLOWED = "https://app.example.com"


# Request logging


def test_it_logs_one_line_per_request(client, caplog):
    with caplog.at_level(logging.INFO, logger="budget.requests"):
        client.get("/health")

    records = [r for r in caplog.records if r.name == "budget.requests"]
    assert len(records) == 1
    assert re.fullmatch(r"GET /health 200 \d+\.\dms user=-", records[0].getMessage())
    assert (records[0].method, records[0].path, records[0].status) == ("GET", "/health", 200)
    assert records[0].user_id is None
    assert records[0].duration_ms >= 0


def test_it_logs_the_session_user(user_client, user, caplog):
    with caplog.at_level(logging.INFO, logger="budget.requests"):
        user_client.get("/api/income/")

    record = next(r for r in caplog.records if r.name == "budget.requests")
    assert record.getMessage().endswith(f"user={user.pk}")
    assert record.user_id == user.pk


def test_it_logs_the_token_user(api, user, caplog):
    with caplog.at_level(logging.INFO, logger="budget.requests"):
        api.get("/api/income/")

    record = next(r for r in caplog.records if r.name == "budget.requests")
    assert record.user_id == user.pk
    assert record.status == 200


def test_it_logs_refused_requests_with_their_status(client, caplog):
    with caplog.at_level(logging.INFO, logger="budget.requests"):
        client.get("/api/income/")

    record = next(r for r in caplog.records if r.name == "budget.requests")
    assert record.getMessage().startswith("GET /api/income/ 401 ")


def test_it_escapes_control_characters_in_the_logged_path(client, caplog):
    with caplog.at_level(logging.INFO, logger="budget.requests"):
        client.get("/api/x%0Afake-line")

    record = next(r for r in caplog.records if r.name == "budget.requests")
    assert "\n" not in record.getMessage()
    assert "\\n" in record.getMessage()


def test_the_logger_is_configured_in_settings(settings):
    assert settings.LOGGING["loggers"]["budget.requests"]["level"] == "INFO"


def test_it_adds_a_server_timing_header(client):
    response = client.get("/health")
    assert re.fullmatch(r"app;dur=\d+\.\d", response["Server-Timing"])


def test_it_times_error_pages_too(client):
    assert "Server-Timing" in client.get("/api/nothing-here")


# CORS, for /api/ only


@pytest.fixture
def cors(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


def test_it_allows_a_listed_origin(cors, api):
    response = api.client.get("/api/income/", HTTP_ORIGIN=ALLOWED, **api.headers)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED


def test_it_refuses_an_unlisted_origin(cors, api):
    response = api.client.get("/api/income/", HTTP_ORIGIN="https://evil.example", **api.headers)

    assert "Access-Control-Allow-Origin" not in response


def test_it_answers_a_preflight_for_a_listed_origin(cors, client):
    response = client.options(
        "/api/categories/",
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "authorization" in response["Access-Control-Allow-Headers"]
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_it_shares_no_cookies_across_origins(cors, client):
    response = client.get("/api/income/", HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Credentials" not in response


def test_it_adds_no_cors_headers_outside_the_api(cors, client):
    response = client.get("/health", HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Origin" not in response


def test_cors_covers_only_the_api(settings):
    assert settings.CORS_URLS_REGEX == r"^/api/.*$"
