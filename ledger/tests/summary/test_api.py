import datetime
from decimal import Decimal

import pytest

from ledger import selectors
from ledger.tests.factories import CategoryFactory, ExpenseFactory, MonthlyIncomeFactory, budget_of

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 1)


@pytest.fixture
def march(user, other_user):
    """Food over budget, Rent under, Gifts with a 0 limit but spending, an archived category."""
    food = CategoryFactory(owner=user, name="Food", limit=Decimal("100"))
    rent = CategoryFactory(owner=user, name="Rent", limit=Decimal("900"))
    gifts = CategoryFactory(owner=user, name="Gifts", limit=Decimal("0"))
    old = CategoryFactory(owner=user, name="Old", limit=Decimal("50"), is_archived=True)
    CategoryFactory(owner=user, name="Unused archived", is_archived=True)
    ExpenseFactory(category=food, amount=Decimal("80.10"), date=datetime.date(2026, 3, 1))
    ExpenseFactory(category=food, amount=Decimal("40"), date=datetime.date(2026, 3, 31))
    ExpenseFactory(category=food, amount=Decimal("999"), date=datetime.date(2026, 4, 1))
    ExpenseFactory(category=rent, amount=Decimal("300"), date=datetime.date(2026, 3, 2))
    ExpenseFactory(category=gifts, amount=Decimal("25"), date=datetime.date(2026, 3, 3))
    ExpenseFactory(category=old, amount=Decimal("5"), date=datetime.date(2026, 3, 4))
    ExpenseFactory(category=CategoryFactory(owner=other_user), amount=Decimal("1000"))
    MonthlyIncomeFactory(owner=user, month=MARCH, amount=Decimal("1500"))
    return {"food": food, "rent": rent, "gifts": gifts, "old": old}


def test_it_answers_the_months_summary(api, march):
    response = api.get("/api/summary/2026-03")

    assert response.status_code == 200
    body = response.json()
    # The order is the selector's (the page shows the same); compare by name here.
    body["categories"].sort(key=lambda line: line["name"])
    assert body == {
        "month": "2026-03",
        "income": "1500.00",
        "income_is_set": True,
        "total_limit": "1050.00",
        "total_carried_in": "0.00",
        "total_spent": "450.10",
        "total_available": "599.90",
        "total_balance": "599.90",
        "overspent_from_last_month": "0.00",
        "remaining": "1049.90",
        "unallocated": "450.00",
        "categories": [
            {
                "id": march["food"].id,
                "name": "Food",
                "limit": "100.00",
                "allotted": "100.00",
                "carried_in": "0.00",
                "spent": "120.10",
                "available": "-20.10",
                "balance": "-20.10",
                "percent_used": "120.1",
                "rollover": "none",
                "is_archived": False,
            },
            {
                "id": march["gifts"].id,
                "name": "Gifts",
                "limit": "0.00",
                "allotted": "0.00",
                "carried_in": "0.00",
                "spent": "25.00",
                "available": "-25.00",
                "balance": "-25.00",
                "percent_used": None,
                "rollover": "none",
                "is_archived": False,
            },
            {
                "id": march["old"].id,
                "name": "Old",
                "limit": "50.00",
                "allotted": "50.00",
                "carried_in": "0.00",
                "spent": "5.00",
                "available": "45.00",
                "balance": "45.00",
                "percent_used": "10.0",
                "rollover": "none",
                "is_archived": True,
            },
            {
                "id": march["rent"].id,
                "name": "Rent",
                "limit": "900.00",
                "allotted": "900.00",
                "carried_in": "0.00",
                "spent": "300.00",
                "available": "600.00",
                "balance": "600.00",
                "percent_used": "33.3",
                "rollover": "none",
                "is_archived": False,
            },
        ],
    }


def test_it_agrees_with_the_summary_the_page_uses(api, user, march):
    expected = selectors.monthly_summary(budget_of(user), MARCH)

    body = api.get("/api/summary/2026-03").json()

    assert Decimal(body["total_spent"]) == expected.total_spent
    assert Decimal(body["total_limit"]) == expected.total_limit
    assert Decimal(body["remaining"]) == expected.remaining
    assert Decimal(body["unallocated"]) == expected.unallocated
    assert [(c["id"], Decimal(c["spent"]), Decimal(c["balance"])) for c in body["categories"]] == [
        (line.id, line.spent, line.balance) for line in expected.lines
    ]


def test_it_calls_the_shared_selector(api, user, march, monkeypatch):
    calls = []
    real = selectors.monthly_summary

    def spy(who, month):
        calls.append((who, month))
        return real(who, month)

    monkeypatch.setattr(selectors, "monthly_summary", spy)

    api.get("/api/summary/2026-03")

    assert calls == [(budget_of(user), MARCH)]


def test_it_answers_an_empty_month(api):
    body = api.get("/api/summary/2030-01").json()

    assert body["categories"] == []
    assert (body["income"], body["income_is_set"], body["total_spent"]) == ("0.00", False, "0.00")


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "26-01", "0000-01"])
def test_it_answers_422_for_an_impossible_month(api, month):
    response = api.get(f"/api/summary/{month}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "month"]


def test_it_costs_a_constant_number_of_queries(api, march, django_assert_max_num_queries):
    # token lookup, last-used update, categories, the months' allotments, their totals, income
    with django_assert_max_num_queries(6):
        assert api.get("/api/summary/2026-03").status_code == 200
