import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Expense, RecurringExpense
from ledger.tests.factories import CategoryFactory, RecurringExpenseFactory

pytestmark = pytest.mark.django_db


def test_it_changes_future_occurrences_only(category):
    rent = RecurringExpenseFactory(category=category, amount=Decimal("900.00"), auto_post=True)
    services.post_due(budget=category.budget, today=datetime.date(2026, 2, 10))

    services.change_recurring_expense(recurring=rent, amount=Decimal("950.00"), day_of_month=15)
    services.post_due(budget=category.budget, today=datetime.date(2026, 3, 31))

    assert list(rent.expenses.order_by("date").values_list("date", "amount")) == [
        (datetime.date(2026, 1, 1), Decimal("900.00")),
        (datetime.date(2026, 2, 1), Decimal("900.00")),
        (datetime.date(2026, 2, 15), Decimal("950.00")),
        (datetime.date(2026, 3, 15), Decimal("950.00")),
    ]


def test_a_pending_occurrence_follows_the_change(category):
    phone = RecurringExpenseFactory(category=category)

    services.change_recurring_expense(recurring=phone, day_of_month=20)

    phone.refresh_from_db()
    assert phone.next_due == datetime.date(2026, 1, 20)


def test_resuming_a_paused_schedule_starts_from_today(category):
    rent = RecurringExpenseFactory(category=category, auto_post=True, active=False)

    services.change_recurring_expense(recurring=rent, active=True, today=datetime.date(2026, 4, 2))
    services.post_due(budget=category.budget, today=datetime.date(2026, 5, 1))

    assert list(rent.expenses.values_list("date", flat=True)) == [datetime.date(2026, 5, 1)]


def test_it_refuses_a_bad_change_and_keeps_the_stored_one(category):
    rent = RecurringExpenseFactory(category=category)

    with pytest.raises(services.InvalidSchedule) as refused:
        services.change_recurring_expense(recurring=rent, interval=0)

    assert list(refused.value.errors) == ["interval"]
    assert RecurringExpense.objects.get(pk=rent.pk).interval == 1


def test_delete_keeps_the_expenses_it_recorded(category):
    rent = RecurringExpenseFactory(category=category, auto_post=True)
    services.post_due(budget=category.budget, today=datetime.date(2026, 2, 1))

    services.delete_recurring_expense(recurring=rent)

    assert list(Expense.objects.values_list("recurring", "date").order_by("date")) == [
        (None, datetime.date(2026, 1, 1)),
        (None, datetime.date(2026, 2, 1)),
    ]


def test_moving_a_categorys_expenses_before_deleting_it_moves_its_schedules(user, category):
    rent = RecurringExpenseFactory(category=category, auto_post=True)
    services.post_due(budget=category.budget, today=datetime.date(2026, 1, 1))
    home = CategoryFactory(owner=user, name="Home")

    services.move_expenses_and_delete_category(source=category, target=home)

    rent.refresh_from_db()
    assert rent.category == home
