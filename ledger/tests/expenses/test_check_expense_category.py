import pytest

from ledger import services
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db


def test_it_accepts_an_active_category_of_the_owner(user, category):
    assert services.check_expense_category(budget_id=budget_of(user).pk, category=category) is None


def test_it_refuses_an_archived_category_unless_the_expense_is_already_there(user):
    old = CategoryFactory(owner=user, is_archived=True)
    with pytest.raises(services.CategoryNotAllowed):
        services.check_expense_category(budget_id=budget_of(user).pk, category=old)
    services.check_expense_category(
        budget_id=budget_of(user).pk, category=old, current_category_id=old.pk
    )


def test_it_refuses_another_owners_category(user, others_category):
    with pytest.raises(services.CategoryNotAllowed):
        services.check_expense_category(
            budget_id=budget_of(user).pk,
            category=others_category,
            current_category_id=others_category.pk,
        )
