import pytest

from ledger import services
from ledger.models import Category, Expense
from ledger.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_deletes_an_empty_category(category):
    services.delete_category(category=category)
    assert not Category.objects.filter(pk=category.pk).exists()


def test_it_refuses_a_category_with_expenses_and_keeps_everything(category):
    ExpenseFactory.create_batch(2, category=category)
    with pytest.raises(services.CategoryInUse) as refused:
        services.delete_category(category=category)
    assert refused.value.expense_count == 2
    assert str(refused.value) == (
        "Category 'Groceries' holds 2 expense(s): archive it or move its expenses first."
    )
    assert Category.objects.filter(pk=category.pk).exists()
    assert Expense.objects.count() == 2
