"""The database itself refuses a bad schedule, or a second expense for one occurrence."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from ledger import services
from ledger.models import Expense, RecurringExpense
from ledger.tests.factories import RecurringExpenseFactory

pytestmark = pytest.mark.django_db
JAN_1 = datetime.date(2026, 1, 1)


@pytest.mark.parametrize(
    "change",
    [
        {"amount": 0},
        {"interval": 0},
        {"interval": 100},
        {"frequency": "daily"},
        {"end": datetime.date(2025, 12, 31)},
        {"end": datetime.date(2026, 6, 1), "count": 2},
        {"count": 0},
        {"day_of_month": 32},
        {"day_of_month": 0},
        {"day_of_month": 5, "last_day": True},
        {"frequency": "weekly", "day_of_month": 5},
        {"frequency": "yearly", "last_day": True},
    ],
)
def test_it_refuses_a_bad_schedule(category, change):
    rent = RecurringExpenseFactory(category=category)

    with pytest.raises(IntegrityError), transaction.atomic():
        RecurringExpense.objects.filter(pk=rent.pk).update(**change)


def test_it_refuses_a_second_expense_for_one_occurrence(category):
    rent = RecurringExpenseFactory(category=category, auto_post=True, today=JAN_1)
    services.post_due(budget=category.budget, today=JAN_1)
    first = Expense.objects.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        services.record_expense(
            budget=category.budget,
            category=category,
            amount=first.amount,
            date=first.date,
            recurring=rent,
            occurrence_date=first.occurrence_date,
        )
    assert Expense.objects.count() == 1
