"""GET /api/budgets/: my budgets with my role; PATCH /api/budgets/{id}: the month start day."""

import pytest

from ledger import services
from ledger.models import Budget, Role
from ledger.tests.api_client import ApiClient
from ledger.tests.factories import ApiTokenFactory, MembershipFactory, budget_of
from ledger.tests.month_start_data import populated_budget

pytestmark = pytest.mark.django_db


def test_a_token_lists_only_its_own_budget(api, user):
    """A token bound to one budget does not reveal the others its user belongs to (issue 22)."""
    MembershipFactory(user=user, role=Role.OWNER, budget__name="Home")
    MembershipFactory(user=user, role=Role.VIEWER, budget__name="Parents")

    response = api.get("/api/budgets/")

    assert response.status_code == 200
    own = budget_of(user)  # the token's budget
    assert [(b["id"], b["name"], b["role"]) for b in response.json()] == [
        (own.pk, own.name, "owner")
    ]


def test_a_session_lists_my_budgets_with_my_role(user_client, user):
    own = budget_of(user)
    home = MembershipFactory(user=user, role=Role.OWNER, budget__name="Home")
    parents = MembershipFactory(user=user, role=Role.VIEWER, budget__name="Parents")
    MembershipFactory(budget__name="Not mine")

    response = user_client.get("/api/budgets/")

    assert response.status_code == 200
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


def test_it_shows_the_day_months_start_on(api, user):
    services.change_month_start_day(budget=budget_of(user), day=25)

    response = api.get("/api/budgets/")

    assert [b["month_start_day"] for b in response.json()] == [25]


def test_an_owner_sets_the_month_start_day(api, user):
    budget = populated_budget(user)

    response = api.patch(f"/api/budgets/{budget.pk}", {"month_start_day": 25})

    assert response.status_code == 200
    assert response.json()["month_start_day"] == 25
    assert Budget.objects.get(pk=budget.pk).month_start_day == 25
    # The summary follows at once: 2026-03 is 25 Feb - 24 Mar, 88.88 + 11.11 + 200.00.
    food = api.get("/api/summary/2026-03").json()["categories"][1]
    assert (food["name"], food["spent"]) == ("Food", "299.99")


@pytest.mark.parametrize("day", [0, 29, -5, 100, "25", True, None, 2.5, [25]])
def test_it_refuses_a_day_not_from_1_to_28(api, user, day):
    budget = budget_of(user)

    response = api.patch(f"/api/budgets/{budget.pk}", {"month_start_day": day})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "month_start_day"
    assert Budget.objects.get(pk=budget.pk).month_start_day == 1


def test_an_empty_change_changes_nothing(api, user):
    budget = budget_of(user)

    response = api.patch(f"/api/budgets/{budget.pk}", {})

    assert response.status_code == 200
    assert response.json()["month_start_day"] == 1


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_only_an_owner_may_set_it(client, role):
    member = MembershipFactory(role=role)
    token = ApiTokenFactory(owner=member.user, budget=member.budget)
    api = ApiClient(client, {"HTTP_AUTHORIZATION": f"Bearer {token.raw}"})

    response = api.patch(f"/api/budgets/{member.budget_id}", {"month_start_day": 25})

    assert response.status_code == 403
    assert response.json()["detail"] == "Only the budget's owners can do this."
    assert Budget.objects.get(pk=member.budget_id).month_start_day == 1


def test_someone_elses_budget_is_a_404(api):
    theirs = MembershipFactory(role=Role.OWNER).budget

    response = api.patch(f"/api/budgets/{theirs.pk}", {"month_start_day": 25})

    assert response.status_code == 404
    assert Budget.objects.get(pk=theirs.pk).month_start_day == 1


def test_a_token_reaches_only_its_own_budget(api, user):
    # An owner of two budgets, calling with the token of the first.
    other = MembershipFactory(user=user, role=Role.OWNER).budget

    response = api.patch(f"/api/budgets/{other.pk}", {"month_start_day": 25})

    assert response.status_code == 404
    assert Budget.objects.get(pk=other.pk).month_start_day == 1


def test_a_session_reaches_every_budget_it_owns(user_client, user):
    other = MembershipFactory(user=user, role=Role.OWNER).budget
    response = user_client.patch(
        f"/api/budgets/{other.pk}", '{"month_start_day": 5}', content_type="application/json"
    )

    assert response.status_code == 200
    assert Budget.objects.get(pk=other.pk).month_start_day == 5
