"""`Budget.next_due`, the earliest pending occurrence of a budget's auto-posting schedules,
kept by the recurring services: never later than the truth, so no due occurrence waits."""

import datetime

import pytest

from ledger import services
from ledger.models import Budget
from ledger.tests.factories import CategoryFactory, RecurringExpenseFactory

pytestmark = pytest.mark.django_db
JAN_1 = datetime.date(2026, 1, 1)


def _next_due(budget_id):
    return Budget.objects.get(pk=budget_id).next_due


def test_a_new_posting_schedule_sets_it_and_the_earliest_wins(category):
    later = RecurringExpenseFactory(
        category=category, start=datetime.date(2026, 3, 5), auto_post=True
    )
    assert _next_due(later.budget_id) == datetime.date(2026, 3, 5)

    RecurringExpenseFactory(category=category, start=datetime.date(2026, 2, 1), auto_post=True)
    assert _next_due(later.budget_id) == datetime.date(2026, 2, 1)


def test_a_schedule_that_does_not_post_by_itself_leaves_it_empty(category):
    bill = RecurringExpenseFactory(category=category, start=datetime.date(2026, 2, 1))

    assert _next_due(bill.budget_id) is None


def test_switching_auto_post_on_and_off_and_pausing(category):
    bill = RecurringExpenseFactory(category=category, start=datetime.date(2026, 2, 1))

    services.change_recurring_expense(recurring=bill, auto_post=True)
    assert _next_due(bill.budget_id) == datetime.date(2026, 2, 1)
    services.change_recurring_expense(recurring=bill, active=False)
    assert _next_due(bill.budget_id) is None
    services.change_recurring_expense(recurring=bill, active=True, today=datetime.date(2026, 4, 2))
    assert _next_due(bill.budget_id) == datetime.date(2026, 5, 1)


def test_an_edit_that_brings_the_schedule_earlier(category):
    rent = RecurringExpenseFactory(
        category=category, start=datetime.date(2026, 6, 1), auto_post=True
    )

    services.change_recurring_expense(recurring=rent, start=datetime.date(2026, 1, 15))

    assert _next_due(rent.budget_id) == datetime.date(2026, 1, 15)
    assert rent.budget.next_due == datetime.date(2026, 1, 15)


def test_deleting_the_last_posting_schedule_empties_it(category):
    rent = RecurringExpenseFactory(category=category, auto_post=True)

    services.delete_recurring_expense(recurring=rent)

    assert _next_due(category.budget_id) is None


def test_posting_moves_it_to_the_next_occurrence(category):
    rent = RecurringExpenseFactory(category=category, auto_post=True)
    budget = rent.budget

    assert services.post_due(budget=budget, today=datetime.date(2026, 2, 10)) == 2

    assert budget.next_due == _next_due(budget.pk) == datetime.date(2026, 3, 1)


def test_a_schedule_of_an_archived_category_pauses_and_stops_being_due(category):
    rent = RecurringExpenseFactory(category=category, auto_post=True)
    services.archive_category(category=category)

    assert services.post_due(budget=rent.budget, today=datetime.date(2026, 2, 10)) == 0

    assert _next_due(rent.budget_id) is None


def test_the_command_puts_every_budget_right(category, other_user):
    mine = RecurringExpenseFactory(category=category, auto_post=True)
    theirs = RecurringExpenseFactory(
        category=CategoryFactory(owner=other_user), start=datetime.date(2026, 9, 1), auto_post=True
    )
    Budget.objects.filter(pk=theirs.budget_id).update(next_due=JAN_1)  # stale, too early

    services.post_all_due(today=datetime.date(2026, 2, 10))

    assert _next_due(mine.budget_id) == datetime.date(2026, 3, 1)
    assert _next_due(theirs.budget_id) == datetime.date(2026, 9, 1)
