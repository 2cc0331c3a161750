import pytest

from ledger import services
from ledger.models import Expense
from ledger.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_deletes_only_that_expense(category):
    gone, kept = ExpenseFactory.create_batch(2, category=category)
    services.remove_expense(expense=gone)
    assert list(Expense.objects.values_list("pk", flat=True)) == [kept.pk]


def test_removing_a_months_last_expense_removes_its_total_and_keeps_the_others(category):
    import datetime
    from decimal import Decimal

    from ledger.models import MonthlyTotal

    march = ExpenseFactory(category=category, date=datetime.date(2026, 3, 9))
    ExpenseFactory(category=category, date=datetime.date(2026, 4, 9), amount=Decimal("4.00"))

    services.remove_expense(expense=march)

    assert [(t.month, t.spent, t.count) for t in MonthlyTotal.objects.all()] == [
        (datetime.date(2026, 4, 1), Decimal("4.00"), 1)
    ]
