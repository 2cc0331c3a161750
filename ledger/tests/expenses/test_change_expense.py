import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Expense
from ledger.tests.factories import CategoryFactory, ExpenseFactory, UserFactory, budget_of

pytestmark = pytest.mark.django_db


def test_it_changes_the_given_fields_only(category):
    expense = ExpenseFactory(category=category, description="Bread")
    services.change_expense(
        expense=expense, amount=Decimal("14.00"), date=datetime.date(2026, 4, 1)
    )
    stored = Expense.objects.get(pk=expense.pk)
    assert (stored.amount, stored.date, stored.description, stored.category) == (
        Decimal("14.00"),
        datetime.date(2026, 4, 1),
        "Bread",
        category,
    )


def test_it_moves_to_another_active_category(user, category):
    expense = ExpenseFactory(category=category)
    rent = CategoryFactory(owner=user, name="Rent")
    services.change_expense(expense=expense, category=rent)
    assert Expense.objects.get(pk=expense.pk).category == rent


def test_it_refuses_to_move_into_an_archived_category(user, category):
    expense = ExpenseFactory(category=category)
    old = CategoryFactory(owner=user, is_archived=True)
    with pytest.raises(services.CategoryNotAllowed):
        services.change_expense(expense=expense, category=old)
    assert Expense.objects.get(pk=expense.pk).category == category


def test_it_may_stay_in_its_archived_category(user):
    old = CategoryFactory(owner=user, is_archived=True)
    expense = ExpenseFactory(category=old)
    services.change_expense(expense=expense, category=old, amount=Decimal("2.00"))
    assert Expense.objects.get(pk=expense.pk).amount == Decimal("2.00")


def test_it_refuses_another_owners_category(category, others_category):
    expense = ExpenseFactory(category=category)
    with pytest.raises(services.CategoryNotAllowed):
        services.change_expense(expense=expense, category=others_category)
    assert Expense.objects.get(pk=expense.pk).category == category


def test_a_new_budget_needs_a_category_of_its_own(category):
    expense = ExpenseFactory(category=category)
    newcomer = budget_of(UserFactory())
    with pytest.raises(services.CategoryNotAllowed):
        services.change_expense(expense=expense, budget=newcomer)
    theirs = CategoryFactory(budget=newcomer)
    services.change_expense(expense=expense, budget=newcomer, category=theirs)
    stored = Expense.objects.get(pk=expense.pk)
    assert (stored.budget, stored.category) == (newcomer, theirs)
