from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Category
from ledger.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_it_renames_and_changes_the_limit(category):
    services.change_category(category=category, name="Food", limit=Decimal("410.00"))
    category.refresh_from_db()
    assert (category.name, category.limit) == ("Food", Decimal("410.00"))


def test_values_left_out_stay_as_they_are(category):
    services.change_category(category=category, limit=Decimal("1.00"))
    category.refresh_from_db()
    assert (category.name, category.limit, category.is_archived) == (
        "Groceries",
        Decimal("1.00"),
        False,
    )


def test_it_may_change_only_the_case_of_its_own_name(category):
    services.change_category(category=category, name="GROCERIES")
    assert Category.objects.get(pk=category.pk).name == "GROCERIES"


def test_it_refuses_another_categorys_name_and_changes_nothing(user, category):
    CategoryFactory(owner=user, name="Rent")
    with pytest.raises(services.DuplicateCategoryName):
        services.change_category(category=category, name="rent", limit=Decimal("5.00"))
    assert category.name == "Groceries"
    category.refresh_from_db()
    assert (category.name, category.limit) == ("Groceries", Decimal("300.00"))


def test_it_can_archive(category):
    services.change_category(category=category, is_archived=True)
    assert Category.objects.get(pk=category.pk).is_archived
