"""Migration 0012 on a populated database: the envelope balances it fills equal a new walk.

The database is migrated back to 0011, filled with the historical models (a
budget with an `unspent` and an `all` category with data before and after their
rollover_from, allotments, a category without rollover, and a second budget),
and migrated forward. The stored balances must equal `balances_from_data`, and
each summary the carry walked from the first month.
"""

import datetime
from decimal import Decimal

import pytest

from ledger import carry, selectors
from ledger.models import Budget, Category, EnvelopeBalance
from ledger.services.balances import differing_balances
from ledger.tests.migrating import latest_ledger_migrations, migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("ledger", "0011_recurring_expenses")]
D = Decimal


def month(n):
    return datetime.date(2025 + (n - 1) // 12, (n - 1) % 12 + 1, 1)


@pytest.fixture
def old_apps():
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to(latest_ledger_migrations())


def test_the_balances_it_fills_match_a_walk_from_the_first_month(old_apps):
    Budget_ = old_apps.get_model("ledger", "Budget")
    Category_ = old_apps.get_model("ledger", "Category")
    MonthlyTotal = old_apps.get_model("ledger", "MonthlyTotal")
    Allotment = old_apps.get_model("ledger", "Allotment")
    home, club = Budget_.objects.create(name="Home"), Budget_.objects.create(name="Club")
    food = Category_.objects.create(
        budget=home, name="Food", limit=D("300.00"), rollover="unspent", rollover_from=month(3)
    )
    car = Category_.objects.create(
        budget=home, name="Car", limit=D("100.00"), rollover="all", rollover_from=month(2)
    )
    Category_.objects.create(budget=home, name="Rent", limit=D("900.00"))
    drinks = Category_.objects.create(
        budget=club, name="Drinks", limit=D("50.00"), rollover="all", rollover_from=month(1)
    )
    for category, n, cents in [
        (food, 1, 99_999),  # before rollover_from: not in the chain
        (food, 3, 25_000),
        (food, 4, 40_000),
        (food, 9, 10_000),
        (car, 2, 25_000),
        (car, 7, 1),
        (drinks, 1, 12_345),
    ]:
        MonthlyTotal.objects.create(
            budget=category.budget, category=category, month=month(n), spent_cents=cents, count=1
        )
    Allotment.objects.create(budget=home, category=food, month=month(4), amount=D("280.00"))
    Allotment.objects.create(budget=home, category=car, month=month(11), amount=D("0.00"))

    migrate_to(latest_ledger_migrations())

    food_balances = dict(
        EnvelopeBalance.objects.filter(category_id=food.pk).values_list("month", "available_cents")
    )
    # March 300 - 250 = 50; April 280 + 50 - 400 = -70; September 300 * 4 - 100 (unspent
    # drops the debt in May, then May to August add 300 each, 1200, and September spends 100).
    assert food_balances == {month(3): 5_000, month(4): -7_000, month(9): 140_000}
    for budget in Budget.objects.all():
        assert differing_balances(budget) == []
    assert not EnvelopeBalance.objects.filter(category__rollover="none").exists()
    home_now = Budget.objects.get(pk=home.pk)
    categories = list(Category.objects.for_budget(home_now))
    for n in range(1, 15):
        summary = selectors.monthly_summary(home_now, month(n))
        for line in summary.lines:
            category = next(c for c in categories if c.pk == line.id)
            walked = carry.envelope(
                month=month(n),
                limit=category.limit,
                rollover=category.rollover,
                rollover_from=category.rollover_from,
                allotments={month(4): D("280.00")}
                if category.name == "Food"
                else ({month(11): D("0.00")} if category.name == "Car" else {}),
                spent={
                    "Food": {
                        month(1): D("999.99"),
                        month(3): D("250"),
                        month(4): D("400"),
                        month(9): D("100"),
                    },
                    "Car": {month(2): D("250"), month(7): D("0.01")},
                    "Rent": {},
                }[category.name],
            )
            assert (line.allotted, line.carried_in, line.spent) == (
                walked.allotted,
                walked.carried_in,
                walked.spent,
            ), (category.name, n)
