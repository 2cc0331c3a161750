import pytest

from ledger import services
from ledger.models import Expense
from ledger.tests.factories import CategoryFactory, ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_moves_every_expense_of_the_category(user, category):
    ExpenseFactory.create_batch(3, category=category)
    rent = CategoryFactory(owner=user, name="Rent")
    assert services.move_category_expenses(source=category, target=rent) == 3
    assert Expense.objects.filter(category=rent).count() == 3


def test_it_refuses_the_same_category(category):
    ExpenseFactory(category=category)
    with pytest.raises(services.InvalidMove, match="different category"):
        services.move_category_expenses(source=category, target=category)


def test_it_refuses_another_owners_category(category, others_category):
    ExpenseFactory(category=category)
    with pytest.raises(services.InvalidMove, match="same budget"):
        services.move_category_expenses(source=category, target=others_category)
    assert Expense.objects.get().category == category
