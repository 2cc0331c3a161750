import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Allotment
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of

pytestmark = pytest.mark.django_db

APRIL = datetime.date(2026, 4, 1)


def allotted(budget):
    return dict(
        Allotment.objects.filter(budget=budget, month=APRIL).values_list("category__name", "amount")
    )


def spend(category, day, amount):
    ExpenseFactory(category=category, date=day, amount=Decimal(amount))


def test_it_allots_the_average_of_the_three_months_before(user):
    budget = budget_of(user)
    food = CategoryFactory(budget=budget, name="Food")
    spend(food, datetime.date(2026, 1, 5), "100.00")
    spend(food, datetime.date(2026, 2, 5), "200.00")
    spend(food, datetime.date(2026, 3, 5), "50.00")
    spend(food, datetime.date(2026, 3, 31), "10.00")

    assert services.allot_average_spending(budget=budget, month=APRIL) == 1
    assert allotted(budget) == {"Food": Decimal("120.00")}


def test_a_month_without_spending_counts_as_zero_and_it_rounds_to_the_cent(user):
    budget = budget_of(user)
    car = CategoryFactory(budget=budget, name="Car")
    CategoryFactory(budget=budget, name="Idle")
    spend(car, datetime.date(2026, 3, 5), "100.00")

    services.allot_average_spending(budget=budget, month=APRIL)

    assert allotted(budget) == {"Car": Decimal("33.33"), "Idle": Decimal("0.00")}


def test_it_rounds_half_a_cent_up(user):
    budget = budget_of(user)
    car = CategoryFactory(budget=budget, name="Car")
    spend(car, datetime.date(2026, 2, 5), "0.05")
    spend(car, datetime.date(2026, 3, 5), "0.10")

    services.allot_average_spending(budget=budget, month=APRIL)

    assert allotted(budget) == {"Car": Decimal("0.05")}


def test_it_ignores_older_months_and_april_itself(user):
    budget = budget_of(user)
    food = CategoryFactory(budget=budget, name="Food")
    spend(food, datetime.date(2025, 12, 31), "900.00")
    spend(food, datetime.date(2026, 4, 1), "900.00")

    services.allot_average_spending(budget=budget, month=APRIL)

    assert allotted(budget) == {"Food": Decimal("0.00")}


def test_it_follows_the_budgets_month_start_day(user):
    budget = budget_of(user)
    budget.month_start_day = 25
    budget.save()
    food = CategoryFactory(budget=budget, name="Food")
    # With months starting on the 25th, 25 March belongs to April: not in the average.
    spend(food, datetime.date(2026, 3, 24), "30.00")
    spend(food, datetime.date(2026, 3, 25), "600.00")

    services.allot_average_spending(budget=budget, month=APRIL)

    assert allotted(budget) == {"Food": Decimal("10.00")}


def test_it_reads_only_the_budgets_own_spending(user, other_user):
    budget = budget_of(user)
    CategoryFactory(budget=budget, name="Food")
    spend(CategoryFactory(owner=other_user, name="Food"), datetime.date(2026, 3, 5), "90.00")

    services.allot_average_spending(budget=budget, month=APRIL)

    assert allotted(budget) == {"Food": Decimal("0.00")}
