import pytest

from ledger import services
from ledger.models import Expense
from ledger.tests.factories import CategoryFactory, ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_moves_the_given_expenses(user, category):
    moving = ExpenseFactory.create_batch(2, category=category)
    staying = ExpenseFactory(category=category)
    rent = CategoryFactory(owner=user, name="Rent")
    moved = services.move_expenses(
        expenses=Expense.objects.filter(pk__in=[e.pk for e in moving]), target=rent
    )
    assert moved == 2
    assert Expense.objects.filter(category=rent).count() == 2
    assert Expense.objects.get(pk=staying.pk).category == category


def test_it_refuses_a_category_of_another_owner(category, others_category):
    ExpenseFactory(category=category)
    with pytest.raises(services.InvalidMove, match="same budget"):
        services.move_expenses(expenses=Expense.objects.all(), target=others_category)
    assert Expense.objects.get().category == category


def test_it_refuses_an_archived_category(user, category):
    ExpenseFactory(category=category)
    old = CategoryFactory(owner=user, is_archived=True)
    with pytest.raises(services.InvalidMove, match="active category"):
        services.move_expenses(expenses=Expense.objects.all(), target=old)
    assert Expense.objects.get().category == category
