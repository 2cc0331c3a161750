"""GET /api/budgets/: my budgets with my role."""

import pytest

from ledger.models import Role
from ledger.tests.factories import MembershipFactory, budget_of

pytestmark = pytest.mark.django_db


def test_it_lists_my_budgets_with_my_role(api, user):
    home = MembershipFactory(user=user, role=Role.OWNER, budget__name="Home")
    parents = MembershipFactory(user=user, role=Role.VIEWER, budget__name="Parents")
    MembershipFactory(budget__name="Not mine")

    response = api.get("/api/budgets/")

    assert response.status_code == 200
    own = budget_of(user)  # the token's budget
    assert [(b["id"], b["name"], b["role"]) for b in response.json()] == [
        (own.pk, own.name, "owner"),
        (home.budget_id, "Home", "owner"),
        (parents.budget_id, "Parents", "viewer"),
    ]


def test_it_needs_auth(client):
    response = client.get("/api/budgets/")

    assert response.status_code == 401
    assert response.json()["detail"]


def test_it_works_with_a_session(user_client, user):
    MembershipFactory(user=user, budget__name="Home")

    response = user_client.get("/api/budgets/")

    assert [b["name"] for b in response.json()] == ["Home"]


def test_it_answers_a_write_with_405(api):
    assert api.post("/api/budgets/", {"name": "x"}).status_code == 405
