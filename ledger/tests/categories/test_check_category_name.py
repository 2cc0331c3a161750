import pytest

from ledger import services
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db


def test_it_accepts_a_new_name(user):
    CategoryFactory(owner=user, name="Rent")
    assert services.check_category_name(budget=budget_of(user), name="Food") is None


def test_it_refuses_a_taken_name_ignoring_case(user):
    CategoryFactory(owner=user, name="Rent")
    with pytest.raises(services.DuplicateCategoryName):
        services.check_category_name(budget=budget_of(user), name="RENT")


def test_a_category_may_keep_its_own_name(user):
    rent = CategoryFactory(owner=user, name="Rent")
    assert services.check_category_name(budget=budget_of(user), name="rent", category=rent) is None
