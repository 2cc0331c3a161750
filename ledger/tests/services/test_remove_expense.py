import pytest

from ledger import services
from ledger.models import Expense
from ledger.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_deletes_only_that_expense(category):
    gone, kept = ExpenseFactory.create_batch(2, category=category)
    services.remove_expense(expense=gone)
    assert list(Expense.objects.values_list("pk", flat=True)) == [kept.pk]
