"""Migration 0009 on a populated database: the monthly totals it fills equal the expense rows.

The database is migrated back to 0007 (before envelopes), filled with the
historical models (two budgets, amounts that drift as floats, months and
categories with no expenses), and migrated forward. Every total must match a
recomputation from the rows, and every summary the figures before.
"""

import datetime
from decimal import Decimal

import pytest

from ledger import selectors
from ledger.models import Budget, MonthlyTotal
from ledger.services.money_changes import differing_totals
from ledger.tests.migrating import latest_ledger_migrations, migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("ledger", "0007_budget_owns_data")]


@pytest.fixture
def old_apps():
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to(latest_ledger_migrations())


def test_the_totals_it_fills_match_every_month_of_every_budget(old_apps):
    Budget_ = old_apps.get_model("ledger", "Budget")
    Category = old_apps.get_model("ledger", "Category")
    Expense = old_apps.get_model("ledger", "Expense")
    home, club = Budget_.objects.create(name="Home"), Budget_.objects.create(name="Club")
    food = Category.objects.create(budget=home, name="Food", limit=Decimal("300.00"))
    rent = Category.objects.create(budget=home, name="Rent", limit=Decimal("900.00"))
    Category.objects.create(budget=home, name="Unused", limit=Decimal("10.00"))
    drinks = Category.objects.create(budget=club, name="Drinks", limit=Decimal("50.00"))
    rows = [
        (home, food, "0.10", datetime.date(2026, 1, 1)),
        (home, food, "0.20", datetime.date(2026, 1, 31)),
        (home, food, "9999999999.99", datetime.date(2026, 2, 1)),
        (home, food, "0.01", datetime.date(2026, 2, 28)),
        (home, rent, "900.00", datetime.date(2025, 12, 31)),
        (club, drinks, "12.34", datetime.date(2026, 1, 15)),
        (club, drinks, "12.34", datetime.date(2026, 1, 15)),
    ]
    for budget, category, amount, day in rows:
        Expense.objects.create(budget=budget, category=category, amount=Decimal(amount), date=day)

    migrate_to(latest_ledger_migrations())

    stored = {
        (t.category.name, t.month): (t.spent, t.count)
        for t in MonthlyTotal.objects.select_related("category")
    }
    assert stored == {
        ("Food", datetime.date(2026, 1, 1)): (Decimal("0.30"), 2),
        ("Food", datetime.date(2026, 2, 1)): (Decimal("10000000000.00"), 2),
        ("Rent", datetime.date(2025, 12, 1)): (Decimal("900.00"), 1),
        ("Drinks", datetime.date(2026, 1, 1)): (Decimal("24.68"), 2),
    }
    for budget in Budget.objects.all():
        assert differing_totals(budget) == []
    home_summary = selectors.monthly_summary(
        Budget.objects.get(name="Home"), datetime.date(2026, 2, 1)
    )
    assert home_summary.total_spent == Decimal("10000000000.00")
