import pytest

from ledger import services
from ledger.models import Category, Expense
from ledger.services import categories
from ledger.tests.factories import CategoryFactory, ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_moves_then_deletes(user, category):
    ExpenseFactory.create_batch(2, category=category)
    rent = CategoryFactory(owner=user, name="Rent")
    assert services.move_expenses_and_delete_category(source=category, target=rent) == 2
    assert not Category.objects.filter(pk=category.pk).exists()
    assert Expense.objects.filter(category=rent).count() == 2


def test_nothing_moves_when_the_delete_is_refused(user, category, monkeypatch):
    def refuse(*, category):
        raise services.CategoryInUse(category, 1)

    ExpenseFactory.create_batch(2, category=category)
    rent = CategoryFactory(owner=user, name="Rent")
    monkeypatch.setattr(categories, "delete_category", refuse)
    with pytest.raises(services.CategoryInUse):
        services.move_expenses_and_delete_category(source=category, target=rent)
    assert Expense.objects.filter(category=category).count() == 2
