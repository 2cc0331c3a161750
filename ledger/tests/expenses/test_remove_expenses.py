import pytest

from ledger import services
from ledger.models import Expense
from ledger.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_deletes_the_queryset_and_says_how_many(category):
    ExpenseFactory.create_batch(3, category=category, description="old")
    kept = ExpenseFactory(category=category, description="new")
    assert services.remove_expenses(expenses=Expense.objects.filter(description="old")) == 3
    assert list(Expense.objects.values_list("pk", flat=True)) == [kept.pk]
