import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Category, Expense, MonthlyIncome
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db

ROWS = {
    "categories": [
        {"name": "Food", "limit": Decimal("300.00"), "archived": False},
        {"name": "Old", "limit": Decimal("0.00"), "archived": True},
    ],
    "expenses": [
        {
            "category": "food",
            "fields": {
                "date": datetime.date(2026, 3, 15),
                "amount": Decimal("12.50"),
                "description": "Bread",
            },
        }
    ],
    "incomes": [{"month": datetime.date(2026, 3, 1), "amount": Decimal("3000.00"), "note": ""}],
}


def test_it_stores_every_row_for_the_owner(user):
    counts = services.restore_backup(budget=budget_of(user), **ROWS)
    assert counts == {"categories": 2, "expenses": 1, "incomes": 1, "allotments": 0}
    assert list(
        Category.objects.for_budget(budget_of(user)).values_list("name", "is_archived")
    ) == [
        ("Food", False),
        ("Old", True),
    ]
    expense = Expense.objects.for_budget(budget_of(user)).get()
    assert (expense.category.name, expense.amount) == ("Food", Decimal("12.50"))
    assert MonthlyIncome.objects.for_budget(budget_of(user)).get().amount == Decimal("3000.00")


def test_it_refuses_a_budget_with_data_and_stores_nothing(user):
    CategoryFactory(owner=user, name="Mine")
    with pytest.raises(services.BudgetNotEmpty, match="restore into an empty budget"):
        services.restore_backup(budget=budget_of(user), **ROWS)
    assert list(Category.objects.values_list("name", flat=True)) == ["Mine"]
    assert not Expense.objects.exists()
