"""`for_budget` is the one door to a budget's data."""

import pytest

from ledger.models import Category, Expense, MonthlyIncome
from ledger.tests.factories import CategoryFactory, ExpenseFactory, MonthlyIncomeFactory, budget_of

pytestmark = pytest.mark.django_db


def test_it_returns_only_the_budgets_categories(user, other_user):
    mine = CategoryFactory(owner=user)
    CategoryFactory(owner=other_user)
    assert list(Category.objects.for_budget(budget_of(user))) == [mine]


def test_it_returns_only_the_budgets_expenses(user, other_user):
    mine = ExpenseFactory(category__owner=user)
    ExpenseFactory(category__owner=other_user)
    assert list(Expense.objects.for_budget(budget_of(user))) == [mine]


def test_it_returns_only_the_budgets_income(user, other_user):
    mine = MonthlyIncomeFactory(owner=user)
    MonthlyIncomeFactory(owner=other_user)
    assert list(MonthlyIncome.objects.for_budget(budget_of(user))) == [mine]


@pytest.mark.parametrize("model", [Category, Expense, MonthlyIncome])
def test_it_returns_nothing_without_a_budget(model):
    ExpenseFactory()
    MonthlyIncomeFactory()
    assert not model.objects.for_budget(None).exists()


def test_active_and_archived_split_categories(user):
    active = CategoryFactory(owner=user, name="Food")
    archived = CategoryFactory(owner=user, name="Old", is_archived=True)
    assert list(Category.objects.for_budget(budget_of(user)).active()) == [active]
    assert list(Category.objects.for_budget(budget_of(user)).archived()) == [archived]
