"""/api/allotments/{month}: what each active category is given in a month, set and cleared."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from ledger import services
from ledger.models import Allotment, Role
from ledger.rules import ROLE_CANNOT_CHANGE
from ledger.tests.api_client import ApiClient
from ledger.tests.factories import ApiTokenFactory, CategoryFactory, MembershipFactory, budget_of

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 1)


@pytest.fixture
def food(user):
    return CategoryFactory(owner=user, name="Food", limit=Decimal("300.00"))


@pytest.fixture
def rent(user):
    return CategoryFactory(owner=user, name="rent", limit=Decimal("900.00"))


def _stored(category):
    return dict(Allotment.objects.filter(category=category).values_list("month", "amount"))


# List


def test_it_lists_each_active_category_with_its_limit(api, food, rent, user):
    CategoryFactory(owner=user, name="Old", is_archived=True)

    response = api.get("/api/allotments/2026-03")

    assert response.status_code == 200
    assert response.json() == [
        {"category_id": food.pk, "allotted": "300.00", "is_set": False},
        {"category_id": rent.pk, "allotted": "900.00", "is_set": False},
    ]


def test_it_lists_the_months_allotments(api, food, rent, user):
    services.set_allotment(budget=budget_of(user), category=food, month=MARCH, amount=Decimal(0))
    services.set_allotment(
        budget=budget_of(user),
        category=rent,
        month=datetime.date(2026, 4, 1),
        amount=Decimal("1"),
    )

    body = api.get("/api/allotments/2026-03").json()

    assert body == [
        {"category_id": food.pk, "allotted": "0.00", "is_set": True},
        {"category_id": rent.pk, "allotted": "900.00", "is_set": False},
    ]


def test_it_lists_only_the_own_budgets_categories(api, food, other_user):
    theirs = CategoryFactory(owner=other_user)
    services.set_allotment(
        budget=budget_of(other_user), category=theirs, month=MARCH, amount=Decimal("5")
    )

    assert [line["category_id"] for line in api.get("/api/allotments/2026-03").json()] == [food.pk]


@pytest.mark.parametrize("month", ["2026-13", "2026-3", "x"])
def test_it_refuses_a_bad_month(api, month):
    response = api.get(f"/api/allotments/{month}")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "month"]


def test_listing_costs_a_constant_number_of_queries(api, user, django_assert_max_num_queries):
    for n in range(20):
        CategoryFactory(owner=user, name=f"C{n}")
    # token lookup, last-used update, categories, allotments
    with django_assert_max_num_queries(4):
        assert len(api.get("/api/allotments/2026-03").json()) == 20


# Set


def test_it_sets_an_allotment(api, food):
    response = api.put(f"/api/allotments/2026-03/{food.pk}", {"amount": "280.5"})

    assert response.status_code == 200
    assert response.json() == {"category_id": food.pk, "allotted": "280.50", "is_set": True}
    assert _stored(food) == {MARCH: Decimal("280.50")}


def test_it_replaces_an_allotment(api, food):
    api.put(f"/api/allotments/2026-03/{food.pk}", {"amount": 280})

    api.put(f"/api/allotments/2026-03/{food.pk}", {"amount": 0})

    assert _stored(food) == {MARCH: Decimal("0.00")}


def test_the_summary_uses_the_allotment(api, food):
    api.put(f"/api/allotments/2026-03/{food.pk}", {"amount": "280.00"})

    line = api.get("/api/summary/2026-03").json()["categories"][0]

    assert (line["limit"], line["allotted"], line["available"]) == ("280.00", "280.00", "280.00")
    assert api.get("/api/summary/2026-04").json()["categories"][0]["allotted"] == "300.00"


@pytest.mark.parametrize(
    "body",
    [
        {"amount": "-1"},
        {"amount": -0.01},
        {"amount": "12.345"},
        {"amount": 12.345},
        {"amount": "1e2"},
        {"amount": "abc"},
        {"amount": None},
        {"amount": True},
        {"amount": "99999999999"},
        {},
    ],
)
def test_it_refuses_a_bad_amount(api, food, body):
    response = api.put(f"/api/allotments/2026-03/{food.pk}", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "amount"]
    assert _stored(food) == {}


def test_it_refuses_an_archived_category(api, user):
    old = CategoryFactory(owner=user, is_archived=True)

    response = api.put(f"/api/allotments/2026-03/{old.pk}", {"amount": "1"})

    assert response.status_code == 409
    assert "active" in response.json()["detail"]
    assert _stored(old) == {}


def test_it_hides_another_budgets_category(api, others_category):
    response = api.put(f"/api/allotments/2026-03/{others_category.pk}", {"amount": "1"})

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert _stored(others_category) == {}


@pytest.mark.parametrize("category_id", [0, 999999, 2**63])
def test_it_answers_404_for_unknown_ids(api, category_id):
    assert api.put(f"/api/allotments/2026-03/{category_id}", {"amount": 1}).status_code == 404


# Clear


def test_it_clears_an_allotment(api, food):
    api.put(f"/api/allotments/2026-03/{food.pk}", {"amount": "1"})
    api.put(f"/api/allotments/2026-04/{food.pk}", {"amount": "2"})

    response = api.delete(f"/api/allotments/2026-03/{food.pk}")

    assert response.status_code == 204
    assert _stored(food) == {datetime.date(2026, 4, 1): Decimal("2.00")}
    first = api.get("/api/allotments/2026-03").json()[0]
    assert (first["allotted"], first["is_set"]) == ("300.00", False)


def test_clearing_nothing_is_fine(api, food):
    assert api.delete(f"/api/allotments/2026-03/{food.pk}").status_code == 204


def test_clearing_hides_another_budgets_category(api, other_user, others_category):
    services.set_allotment(
        budget=budget_of(other_user), category=others_category, month=MARCH, amount=Decimal(1)
    )

    response = api.delete(f"/api/allotments/2026-03/{others_category.pk}")

    assert response.status_code == 404
    assert _stored(others_category) == {MARCH: Decimal("1.00")}


# Roles


@pytest.fixture
def shared(user):
    """A viewer's and an editor's token on `user`'s budget, which has Food."""
    budget = budget_of(user)
    food = CategoryFactory(budget=budget, name="Food")
    clients = {}
    for role in (Role.VIEWER, Role.EDITOR):
        member = MembershipFactory(budget=budget, role=role)
        token = ApiTokenFactory(owner=member.user, budget=budget)
        clients[role] = ApiClient(Client(), {"HTTP_AUTHORIZATION": f"Bearer {token.raw}"})
    return food, clients


def test_a_viewer_reads_the_allotments(shared):
    food, clients = shared

    assert clients[Role.VIEWER].get("/api/allotments/2026-03").status_code == 200


def test_a_viewer_cannot_set_an_allotment(shared):
    food, clients = shared

    response = clients[Role.VIEWER].put(f"/api/allotments/2026-03/{food.pk}", {"amount": "1"})

    assert (response.status_code, response.json()) == (403, {"detail": ROLE_CANNOT_CHANGE})
    assert _stored(food) == {}


def test_a_viewer_cannot_clear_an_allotment(shared, user):
    food, clients = shared
    services.set_allotment(budget=budget_of(user), category=food, month=MARCH, amount=Decimal(1))

    response = clients[Role.VIEWER].delete(f"/api/allotments/2026-03/{food.pk}")

    assert response.status_code == 403
    assert _stored(food) == {MARCH: Decimal("1.00")}


def test_an_editor_sets_and_clears(shared):
    food, clients = shared
    editor = clients[Role.EDITOR]

    assert editor.put(f"/api/allotments/2026-03/{food.pk}", {"amount": "1"}).status_code == 200
    assert _stored(food) == {MARCH: Decimal("1.00")}
    assert editor.delete(f"/api/allotments/2026-03/{food.pk}").status_code == 204
    assert _stored(food) == {}
