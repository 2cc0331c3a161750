from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_it_answers_ok_after_a_database_round_trip(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_needs_no_login(client):
    response = client.get("/health")
    assert response.status_code == 200


def test_it_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("ledger.views.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert "down" not in response.content.decode()


def test_it_rejects_post(client):
    assert client.post("/health").status_code == 405
