import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Expense, MonthlyTotal
from ledger.tests.factories import CategoryFactory, RecurringExpenseFactory, budget_of

pytestmark = pytest.mark.django_db


def _dates(recurring):
    return list(recurring.expenses.order_by("date").values_list("date", flat=True))


def test_monthly_on_the_31st_posts_on_each_months_last_day(category):
    rent = RecurringExpenseFactory(
        category=category, start=datetime.date(2026, 1, 31), auto_post=True
    )

    posted = services.post_due(budget=category.budget, today=datetime.date(2026, 5, 31))

    assert posted == 5
    assert _dates(rent) == [
        datetime.date(2026, 1, 31),
        datetime.date(2026, 2, 28),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 4, 30),
        datetime.date(2026, 5, 31),
    ]


def test_in_a_leap_year_february_gets_the_29th(category):
    rent = RecurringExpenseFactory(
        category=category,
        start=datetime.date(2028, 1, 31),
        auto_post=True,
        today=datetime.date(2028, 1, 1),
    )

    services.post_due(budget=category.budget, today=datetime.date(2028, 3, 1))

    assert _dates(rent) == [datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)]


def test_yearly_on_29_february_posts_on_28_february_in_common_years(category):
    insurance = RecurringExpenseFactory(
        category=category,
        frequency="yearly",
        start=datetime.date(2028, 2, 29),
        auto_post=True,
        today=datetime.date(2028, 1, 1),
    )

    services.post_due(budget=category.budget, today=datetime.date(2030, 3, 1))

    assert _dates(insurance) == [
        datetime.date(2028, 2, 29),
        datetime.date(2029, 2, 28),
        datetime.date(2030, 2, 28),
    ]


def test_every_two_weeks(category):
    cleaner = RecurringExpenseFactory(
        category=category,
        frequency="weekly",
        interval=2,
        start=datetime.date(2026, 1, 2),
        auto_post=True,
    )

    services.post_due(budget=category.budget, today=datetime.date(2026, 2, 12))

    assert _dates(cleaner) == [
        datetime.date(2026, 1, 2),
        datetime.date(2026, 1, 16),
        datetime.date(2026, 1, 30),
    ]


def test_it_stops_at_the_end_date(category):
    course = RecurringExpenseFactory(
        category=category,
        start=datetime.date(2026, 1, 5),
        end=datetime.date(2026, 3, 5),
        auto_post=True,
    )

    services.post_due(budget=category.budget, today=datetime.date(2026, 12, 31))

    assert _dates(course) == [
        datetime.date(2026, 1, 5),
        datetime.date(2026, 2, 5),
        datetime.date(2026, 3, 5),
    ]
    course.refresh_from_db()
    assert course.next_due is None


def test_it_stops_after_count_occurrences(category):
    loan = RecurringExpenseFactory(
        category=category, start=datetime.date(2026, 1, 5), count=2, auto_post=True
    )

    services.post_due(budget=category.budget, today=datetime.date(2026, 12, 31))

    assert _dates(loan) == [datetime.date(2026, 1, 5), datetime.date(2026, 2, 5)]


def test_it_posts_nothing_from_before_the_schedule_was_made(category):
    rent = RecurringExpenseFactory(
        category=category,
        start=datetime.date(2025, 6, 1),
        auto_post=True,
        today=datetime.date(2026, 1, 15),
    )

    services.post_due(budget=category.budget, today=datetime.date(2026, 3, 1))

    assert _dates(rent) == [datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)]


def test_it_keeps_the_monthly_totals_exact(category):
    RecurringExpenseFactory(
        category=category,
        start=datetime.date(2026, 1, 31),
        amount=Decimal("950.10"),
        auto_post=True,
    )

    services.post_due(budget=category.budget, today=datetime.date(2026, 3, 31))

    assert list(MonthlyTotal.objects.order_by("month").values_list("month", "spent_cents")) == [
        (datetime.date(2026, 1, 1), 95010),
        (datetime.date(2026, 2, 1), 95010),
        (datetime.date(2026, 3, 1), 95010),
    ]


def test_running_it_twice_posts_each_occurrence_once(category):
    RecurringExpenseFactory(category=category, auto_post=True)

    first = services.post_due(budget=category.budget, today=datetime.date(2026, 3, 1))
    second = services.post_due(budget=category.budget, today=datetime.date(2026, 3, 1))

    assert (first, second, Expense.objects.count()) == (3, 0, 3)


def test_the_unique_occurrence_stops_a_second_posting_of_the_same_day(category):
    rent = RecurringExpenseFactory(category=category, auto_post=True)
    services.post_due(budget=category.budget, today=datetime.date(2026, 1, 1))
    # As if another worker had not seen the first posting: its cursor is back.
    type(rent).objects.filter(pk=rent.pk).update(
        posts_from=datetime.date(2026, 1, 1), next_due=datetime.date(2026, 1, 1)
    )

    assert services.post_due(budget=category.budget, today=datetime.date(2026, 1, 1)) == 0
    assert Expense.objects.count() == 1


def test_schedules_that_do_not_auto_post_are_left_due(category):
    phone = RecurringExpenseFactory(category=category)

    assert services.post_due(budget=category.budget, today=datetime.date(2026, 3, 1)) == 0
    phone.refresh_from_db()
    assert phone.next_due == datetime.date(2026, 1, 1)


def test_a_paused_schedule_posts_nothing(category):
    RecurringExpenseFactory(category=category, auto_post=True, active=False)

    assert services.post_due(budget=category.budget, today=datetime.date(2026, 3, 1)) == 0


def test_it_posts_only_the_budgets_own(category, other_user):
    RecurringExpenseFactory(category=category, auto_post=True)
    theirs = RecurringExpenseFactory(owner=other_user, auto_post=True)

    services.post_due(budget=category.budget, today=datetime.date(2026, 1, 1))

    assert not theirs.expenses.exists()


def test_a_schedule_whose_category_was_archived_pauses(user, category):
    rent = RecurringExpenseFactory(category=category, auto_post=True)
    services.archive_category(category=category)

    assert services.post_due(budget=budget_of(user), today=datetime.date(2026, 2, 1)) == 0
    rent.refresh_from_db()
    assert not rent.active


def test_the_expense_is_recorded_as_by_the_schedules_maker(user, category):
    RecurringExpenseFactory(category=category, auto_post=True, created_by=user)

    services.post_due(budget=category.budget, today=datetime.date(2026, 1, 1))

    expense = Expense.objects.get()
    assert (expense.created_by, expense.occurrence_date) == (user, datetime.date(2026, 1, 1))


def test_post_all_due_posts_every_budgets_schedules(category, other_user):
    RecurringExpenseFactory(category=category, auto_post=True)
    RecurringExpenseFactory(category=CategoryFactory(owner=other_user), auto_post=True)

    assert services.post_all_due(today=datetime.date(2026, 1, 1)) == 2
