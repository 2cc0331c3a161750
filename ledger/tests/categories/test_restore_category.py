import pytest

from ledger import services
from ledger.models import Category
from ledger.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_it_works(user):
    category = CategoryFactory(owner=user, is_archived=True)
    services.restore_category(category=category)
    assert not Category.objects.get(pk=category.pk).is_archived
