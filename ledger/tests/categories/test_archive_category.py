import pytest

from ledger import services
from ledger.models import Category, Expense
from ledger.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_works(category):
    services.archive_category(category=category)
    assert Category.objects.get(pk=category.pk).is_archived


def test_it_keeps_the_expenses(category):
    ExpenseFactory.create_batch(2, category=category)
    services.archive_category(category=category)
    assert Expense.objects.filter(category=category).count() == 2
