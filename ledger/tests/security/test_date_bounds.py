"""The database refuses a new date outside 1900-01-01..2999-12-31 (issue 24), by triggers
that leave rows stored before alone (see migration 0013)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ledger import services
from ledger.models import Allotment, Category, Expense, MonthlyIncome, RecurringExpense
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    RecurringExpenseFactory,
    budget_of,
)
from ledger.tests.far_dates import FIRST, LAST, LAST_MONTH, store_far_rows

pytestmark = pytest.mark.django_db


def refused(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


@pytest.mark.parametrize(
    "day", [datetime.date(1899, 12, 31), datetime.date(3000, 1, 1), FIRST, LAST]
)
def test_it_refuses_a_new_expense_outside_the_range(day):
    category = CategoryFactory()

    refused(
        lambda: Expense.objects.create(
            budget=category.budget, category=category, amount=Decimal("1"), date=day
        )
    )
    assert Expense.objects.count() == 0


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)])
def test_it_accepts_the_ends_of_the_range(day):
    category = CategoryFactory()

    ExpenseFactory(category=category, date=day)

    assert Expense.objects.get().date == day


def test_it_refuses_moving_an_expense_outside_the_range():
    expense = ExpenseFactory(date=datetime.date(2026, 3, 1))

    refused(lambda: Expense.objects.filter(pk=expense.pk).update(date=LAST))
    expense.refresh_from_db()
    assert expense.date == datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (MonthlyIncome, "month", LAST_MONTH),
        (Allotment, "month", datetime.date(1899, 12, 1)),
        (RecurringExpense, "start", FIRST),
        (RecurringExpense, "end", LAST),
        (Category, "rollover_from", datetime.date(3000, 1, 1)),
    ],
)
def test_it_refuses_every_guarded_date(model, field, value):
    category = CategoryFactory(rollover="unspent", rollover_from=datetime.date(2026, 1, 1))
    rows = {
        MonthlyIncome: lambda: MonthlyIncomeFactory(budget=category.budget),
        Allotment: lambda: services.set_allotment(
            budget=category.budget,
            category=category,
            month=datetime.date(2026, 1, 1),
            amount=Decimal("1.00"),
        ),
        RecurringExpense: lambda: RecurringExpenseFactory(category=category),
        Category: lambda: category,
    }
    row = rows[model]()

    refused(lambda: model.objects.filter(pk=row.pk).update(**{field: value}))


def test_a_row_stored_before_keeps_its_date_through_other_edits(user):
    far = store_far_rows(budget_of(user))

    far.first.description = "kept"
    far.first.save()
    far.schedule.amount = Decimal("9.00")
    far.schedule.save()

    far.first.refresh_from_db()
    assert (far.first.date, far.first.description) == (FIRST, "kept")
    assert RecurringExpense.objects.get().end == LAST


def test_a_row_stored_before_can_move_into_the_range(user):
    far = store_far_rows(budget_of(user))

    services.change_expense(expense=far.last, date=datetime.date(2026, 5, 1))

    assert Expense.objects.filter(date=LAST).count() == 0
