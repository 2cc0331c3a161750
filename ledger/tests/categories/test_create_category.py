from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Category
from ledger.services import categories
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db


def test_it_works(user):
    category = services.create_category(
        budget=budget_of(user), name="Rent", limit=Decimal("950.00")
    )
    stored = Category.objects.get(pk=category.pk)
    assert (stored.budget, stored.name, stored.limit, stored.is_archived) == (
        budget_of(user),
        "Rent",
        Decimal("950.00"),
        False,
    )


def test_the_limit_defaults_to_zero(user):
    assert services.create_category(budget=budget_of(user), name="Gifts").limit == Decimal("0.00")


def test_it_can_create_an_archived_category(user):
    category = services.create_category(budget=budget_of(user), name="Old", is_archived=True)
    assert Category.objects.get(pk=category.pk).is_archived


def test_it_refuses_a_name_the_owner_has_in_another_case(user):
    CategoryFactory(owner=user, name="Rent")
    with pytest.raises(services.DuplicateCategoryName, match="already have a category"):
        services.create_category(budget=budget_of(user), name="rENT")
    assert Category.objects.filter(budget=budget_of(user)).count() == 1


def test_it_allows_a_name_another_owner_has(user, other_user):
    CategoryFactory(owner=other_user, name="Rent")
    services.create_category(budget=budget_of(user), name="Rent")
    assert Category.objects.filter(name="Rent").count() == 2


def test_it_turns_a_race_for_the_name_into_a_duplicate_name(user, monkeypatch):
    CategoryFactory(owner=user, name="Rent")
    real, calls = categories._name_taken, []

    def blind_first_time(*args):
        calls.append(args)  # the first check misses the name, as if it were stored just after
        return len(calls) > 1 and real(*args)

    monkeypatch.setattr(categories, "_name_taken", blind_first_time)
    with pytest.raises(services.DuplicateCategoryName):
        services.create_category(budget=budget_of(user), name="RENT")
    assert Category.objects.filter(budget=budget_of(user)).count() == 1
