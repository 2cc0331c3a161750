import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Expense
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 15)


def test_it_works(user, category):
    expense = services.record_expense(
        budget=budget_of(user),
        created_by=user,
        category=category,
        amount=Decimal("12.50"),
        date=DAY,
        description="Bread",
    )
    stored = Expense.objects.get(pk=expense.pk)
    assert (stored.budget, stored.category, stored.amount, stored.date, stored.description) == (
        budget_of(user),
        category,
        Decimal("12.50"),
        DAY,
        "Bread",
    )


def test_it_refuses_an_archived_category(user):
    old = CategoryFactory(owner=user, is_archived=True)
    with pytest.raises(services.CategoryNotAllowed, match="active categories"):
        services.record_expense(
            budget=budget_of(user), created_by=user, category=old, amount=Decimal("1.00"), date=DAY
        )
    assert not Expense.objects.exists()


def test_it_refuses_another_owners_category(user, others_category):
    with pytest.raises(services.CategoryNotAllowed):
        services.record_expense(
            budget=budget_of(user),
            created_by=user,
            category=others_category,
            amount=Decimal("1.00"),
            date=DAY,
        )
    assert not Expense.objects.exists()
