from decimal import Decimal

import pytest

from ledger.models import Category
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of

pytestmark = pytest.mark.django_db


# List


def test_it_lists_own_categories_by_name(api, user, other_user):
    CategoryFactory(owner=user, name="rent", limit=Decimal("900"))
    CategoryFactory(owner=user, name="Food", limit=Decimal("12.5"), is_archived=True)
    CategoryFactory(owner=other_user, name="Theirs")

    response = api.get("/api/categories/")

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "id": Category.objects.get(name="Food").id,
                "name": "Food",
                "limit": "12.50",
                "is_archived": True,
                "rollover": "none",
                "rollover_from": None,
            },
            {
                "id": Category.objects.get(name="rent").id,
                "name": "rent",
                "limit": "900.00",
                "is_archived": False,
                "rollover": "none",
                "rollover_from": None,
            },
        ],
        "count": 2,
    }


def test_it_filters_archived_categories(api, user):
    CategoryFactory(owner=user, name="Old", is_archived=True)
    CategoryFactory(owner=user, name="New")

    response = api.get("/api/categories/", archived="false")

    assert [c["name"] for c in response.json()["items"]] == ["New"]


def test_it_paginates_categories(api, user):
    for name in ["a", "b", "c"]:
        CategoryFactory(owner=user, name=name)

    response = api.get("/api/categories/", limit=2, offset=1)

    assert response.json()["count"] == 3
    assert [c["name"] for c in response.json()["items"]] == ["b", "c"]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 501}, {"limit": "x"}, {"offset": -1}, {"offset": 10**20}]
)
def test_it_refuses_bad_pagination(api, params):
    response = api.get("/api/categories/", **params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


# Create


def test_it_creates_a_category(api, user):
    response = api.post("/api/categories/", {"name": "  Groceries ", "limit": "300.5"})

    assert response.status_code == 201
    category = Category.objects.get(budget=budget_of(user))
    assert (category.name, category.limit) == ("Groceries", Decimal("300.50"))
    assert response.json() == {
        "id": category.id,
        "name": "Groceries",
        "limit": "300.50",
        "is_archived": False,
        "rollover": "none",
        "rollover_from": None,
    }


def test_it_accepts_a_json_number_limit(api, user):
    response = api.post("/api/categories/", {"name": "Fun", "limit": 19.99})
    assert response.status_code == 201
    assert Category.objects.get(budget=budget_of(user)).limit == Decimal("19.99")


def test_it_accepts_a_zero_limit(api, user):
    assert api.post("/api/categories/", {"name": "Gifts", "limit": 0}).status_code == 201
    assert Category.objects.get(budget=budget_of(user)).limit == Decimal("0.00")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "A", "limit": "-1"}, "limit"),
        ({"name": "A", "limit": "ten"}, "limit"),
        ({"name": "A", "limit": "NaN"}, "limit"),
        ({"name": "A", "limit": "Infinity"}, "limit"),
        ({"name": "A", "limit": "1.005"}, "limit"),
        ({"name": "A", "limit": "12345678901"}, "limit"),
        ({"name": "A", "limit": True}, "limit"),
        ({"name": "A", "limit": None}, "limit"),
        ({"name": "A"}, "limit"),
        ({"name": "   ", "limit": "1"}, "name"),
        ({"name": "x" * 101, "limit": "1"}, "name"),
        ({"name": "nul\x00", "limit": "1"}, "name"),
        ({"name": 5, "limit": "1"}, "name"),
        ({"name": "lone \ud800 surrogate", "limit": "1"}, "name"),
    ],
)
def test_it_refuses_bad_input_with_field_detail(api, body, field):
    response = api.post("/api/categories/", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", field]
    assert not Category.objects.exists()


def test_it_refuses_malformed_json(api):
    response = api.post("/api/categories/", '{"name": "A", "limit": ')

    assert response.status_code == 400
    assert "detail" in response.json()
    assert not Category.objects.exists()


def test_it_refuses_a_json_list(api):
    response = api.post("/api/categories/", [{"name": "A", "limit": "1"}])
    assert response.status_code == 422
    assert not Category.objects.exists()


def test_it_refuses_a_duplicate_name_ignoring_case(api, user):
    CategoryFactory(owner=user, name="Food")

    response = api.post("/api/categories/", {"name": "FOOD", "limit": "1"})

    assert response.status_code == 409
    assert response.json() == {"detail": "You already have a category with this name."}
    assert Category.objects.count() == 1


def test_it_allows_a_name_another_user_has(api, user, other_user):
    CategoryFactory(owner=other_user, name="Food")
    assert api.post("/api/categories/", {"name": "Food", "limit": "1"}).status_code == 201


# Read, update


def test_it_gets_a_category(api, user):
    category = CategoryFactory(owner=user, name="Rent", limit=Decimal("900"))

    response = api.get(f"/api/categories/{category.id}")

    assert response.status_code == 200
    assert response.json()["limit"] == "900.00"


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_it_hides_other_users_categories(api, other_user, method):
    category = CategoryFactory(owner=other_user, name="Theirs", limit=Decimal("5"))

    response = getattr(api, method)(f"/api/categories/{category.id}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    category.refresh_from_db()
    assert (category.name, category.limit) == ("Theirs", Decimal("5.00"))


@pytest.mark.parametrize("category_id", ["999999", str(2**63), "99999999999999999999999"])
def test_it_answers_404_for_unknown_ids(api, category_id):
    assert api.get(f"/api/categories/{category_id}").status_code == 404


def test_it_patches_some_fields(api, user):
    category = CategoryFactory(owner=user, name="Food", limit=Decimal("100"))

    response = api.patch(f"/api/categories/{category.id}", {"limit": "150.25"})

    assert response.status_code == 200
    category.refresh_from_db()
    assert (category.name, category.limit) == ("Food", Decimal("150.25"))


def test_it_puts_name_and_archived(api, user):
    category = CategoryFactory(owner=user, name="Food")

    response = api.put(f"/api/categories/{category.id}", {"name": "Meals", "is_archived": True})

    assert response.status_code == 200
    category.refresh_from_db()
    assert (category.name, category.is_archived) == ("Meals", True)


def test_it_keeps_the_name_when_only_its_case_changes(api, user):
    category = CategoryFactory(owner=user, name="food")
    assert api.patch(f"/api/categories/{category.id}", {"name": "Food"}).status_code == 200


def test_it_refuses_renaming_to_a_taken_name(api, user):
    CategoryFactory(owner=user, name="Rent")
    category = CategoryFactory(owner=user, name="Food")

    response = api.patch(f"/api/categories/{category.id}", {"name": "rent"})

    assert response.status_code == 409
    category.refresh_from_db()
    assert category.name == "Food"


@pytest.mark.parametrize(
    "body",
    [{"limit": "-0.01"}, {"limit": None}, {"name": None}, {"name": ""}, {"is_archived": None}],
)
def test_it_refuses_bad_updates(api, user, body):
    category = CategoryFactory(owner=user, name="Food", limit=Decimal("10"))

    response = api.patch(f"/api/categories/{category.id}", body)

    assert response.status_code == 422
    category.refresh_from_db()
    assert (category.name, category.limit, category.is_archived) == (
        "Food",
        Decimal("10.00"),
        False,
    )


@pytest.mark.parametrize("value", ["yes", "true", 1, 0])
def test_it_takes_only_json_booleans_for_is_archived(api, user, value):
    # Found by the schemathesis fuzz: lax parsing took "yes" and 1 as true.
    category = CategoryFactory(owner=user, name="Food")

    response = api.patch(f"/api/categories/{category.id}", {"is_archived": value})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "is_archived"]
    category.refresh_from_db()
    assert category.is_archived is False


# Delete


def test_it_deletes_an_empty_category(api, user):
    category = CategoryFactory(owner=user)

    response = api.delete(f"/api/categories/{category.id}")

    assert response.status_code == 204
    assert not Category.objects.exists()


def test_it_refuses_deleting_a_category_with_expenses(api, user):
    category = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(category=category)

    response = api.delete(f"/api/categories/{category.id}")

    assert response.status_code == 409
    assert "archive it or move its expenses" in response.json()["detail"]
    assert Category.objects.filter(pk=category.pk).exists()
    assert category.expenses.count() == 1
