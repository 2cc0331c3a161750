"""`import_typed_expenses`: rows another importer typed (the admin's CSV import) stored like a
bank file's rows."""

import datetime
from decimal import Decimal

import pytest

from ledger import selectors, services
from ledger.models import Expense
from ledger.tests.factories import CategoryFactory, UserFactory, budget_of

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2026, 3, 1)


def _row(category, amount, day=2, description=""):
    return services.NewExpense(
        category.pk, datetime.date(2026, 3, day), Decimal(amount), description
    )


def test_it_stores_the_rows_and_answers_their_ids_in_order(user):
    food, rent = CategoryFactory(owner=user, name="Food"), CategoryFactory(owner=user, name="Rent")

    ids = services.import_typed_expenses(
        budget=budget_of(user),
        rows=[_row(food, "42.10", 2, "Market"), _row(rent, "950.00", 1, "Rent")],
        created_by=user,
    )

    stored = [Expense.objects.get(pk=pk) for pk in ids]
    assert [(e.category, e.amount, e.description, e.created_by) for e in stored] == [
        (food, Decimal("42.10"), "Market", user),
        (rent, Decimal("950.00"), "Rent", user),
    ]


def test_the_month_counts_what_it_stored(user):
    food = CategoryFactory(owner=user, name="Food")

    services.import_typed_expenses(
        budget=budget_of(user), rows=[_row(food, "42.10"), _row(food, "7.90", 20)]
    )

    summary = selectors.monthly_summary(budget_of(user), MARCH)
    assert summary.total_spent == Decimal("50.00")


@pytest.mark.parametrize("which", ["archived", "another budget's"])
def test_it_refuses_a_category_that_cannot_hold_expenses_and_stores_nothing(user, which):
    food = CategoryFactory(owner=user, name="Food")
    if which == "archived":
        other = CategoryFactory(owner=user, name="Old", is_archived=True)
    else:
        other = CategoryFactory(owner=UserFactory(), name="Theirs")

    with pytest.raises(services.CategoryNotAllowed):
        services.import_typed_expenses(
            budget=budget_of(user), rows=[_row(food, "1.00"), _row(other, "2.00")]
        )

    assert not Expense.objects.exists()
