import pytest

from ledger import services
from ledger.models import Category
from ledger.tests.factories import CategoryFactory, ExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_deletes_empty_categories(user):
    CategoryFactory.create_batch(3, owner=user)
    assert services.delete_categories(categories=Category.objects.all()) == 3
    assert not Category.objects.exists()


def test_it_deletes_none_when_one_holds_expenses(user, category):
    CategoryFactory(owner=user)
    ExpenseFactory(category=category)
    with pytest.raises(services.CategoryInUse):
        services.delete_categories(categories=Category.objects.all())
    assert Category.objects.count() == 2
