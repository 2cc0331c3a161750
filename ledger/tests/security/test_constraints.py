"""The database itself refuses bad data, whatever path it comes by."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ledger.models import Category, Expense, MonthlyIncome
from ledger.tests.factories import CategoryFactory, ExpenseFactory, MonthlyIncomeFactory, budget_of

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_it_refuses_a_negative_limit(user):
    refused(
        lambda: Category.objects.create(budget=budget_of(user), name="Food", limit=Decimal("-0.01"))
    )
    assert Category.objects.count() == 0


def test_it_accepts_a_zero_limit(user):
    Category.objects.create(budget=budget_of(user), name="Gifts", limit=Decimal("0"))
    assert Category.objects.get().limit == Decimal("0.00")


def test_it_refuses_an_empty_category_name(user):
    refused(lambda: Category.objects.create(budget=budget_of(user), name="", limit=1))


def test_it_refuses_a_duplicate_name_in_other_letter_case(user):
    Category.objects.create(budget=budget_of(user), name="Groceries", limit=1)
    refused(lambda: Category.objects.create(budget=budget_of(user), name="gROCERIES", limit=1))
    assert Category.objects.count() == 1


def test_two_users_may_use_the_same_name(user, other_user):
    Category.objects.create(budget=budget_of(user), name="Rent", limit=1)
    Category.objects.create(budget=budget_of(other_user), name="rent", limit=1)
    assert Category.objects.count() == 2


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5.00")])
def test_it_refuses_an_expense_that_is_not_positive(amount):
    category = CategoryFactory()
    refused(
        lambda: Expense.objects.create(
            budget=category.budget, category=category, amount=amount, date=datetime.date(2026, 1, 1)
        )
    )
    assert Expense.objects.count() == 0


def test_it_keeps_expense_amounts_to_the_cent():
    category = CategoryFactory()
    ExpenseFactory(category=category, amount=Decimal("0.01"), date=datetime.date(2026, 1, 31))
    assert Expense.objects.get().amount == Decimal("0.01")


def test_it_refuses_negative_income(user):
    refused(lambda: MonthlyIncomeFactory(owner=user, amount=Decimal("-1")))


def test_it_refuses_an_income_month_that_is_not_the_first_day(user):
    refused(lambda: MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 2, 2)))
    assert MonthlyIncome.objects.count() == 0


def test_it_refuses_two_incomes_for_one_month(user):
    MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 2, 1))
    refused(lambda: MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 2, 1)))


def test_a_category_with_expenses_cannot_be_deleted_with_them(user):
    from django.db.models import ProtectedError

    from ledger.tests.factories import ExpenseFactory

    expense = ExpenseFactory(category__owner=user)
    with pytest.raises(ProtectedError):
        expense.category.delete()
    assert Expense.objects.filter(pk=expense.pk).exists()
