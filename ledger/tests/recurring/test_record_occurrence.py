import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Expense, SkippedOccurrence
from ledger.tests.factories import RecurringExpenseFactory

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = (datetime.date(2026, month, 1) for month in (1, 2, 3))


def test_it_records_the_next_occurrence_with_its_own_amount(user, category):
    phone = RecurringExpenseFactory(category=category, amount=Decimal("30.00"))

    expense = services.record_occurrence(
        recurring=phone, date=JAN, amount=Decimal("31.40"), created_by=user
    )

    stored = Expense.objects.get(pk=expense.pk)
    assert (stored.date, stored.amount, stored.recurring, stored.created_by) == (
        JAN,
        Decimal("31.40"),
        phone,
        user,
    )
    phone.refresh_from_db()
    assert phone.next_due == FEB


def test_without_an_amount_it_takes_the_schedules(category):
    phone = RecurringExpenseFactory(category=category, amount=Decimal("30.00"))

    assert services.record_occurrence(recurring=phone, date=JAN).amount == Decimal("30.00")


def test_it_refuses_an_occurrence_that_is_not_the_next(category):
    phone = RecurringExpenseFactory(category=category)
    services.record_occurrence(recurring=phone, date=JAN)

    with pytest.raises(services.OccurrenceNotPending):
        services.record_occurrence(recurring=phone, date=JAN)
    with pytest.raises(services.OccurrenceNotPending):
        services.record_occurrence(recurring=phone, date=MAR)
    assert Expense.objects.count() == 1


def test_it_refuses_a_zero_amount(category):
    phone = RecurringExpenseFactory(category=category)

    with pytest.raises(services.InvalidSchedule):
        services.record_occurrence(recurring=phone, date=JAN, amount=Decimal("0.00"))
    assert not Expense.objects.exists()


def test_skipping_never_posts_it(category):
    phone = RecurringExpenseFactory(category=category)

    services.skip_occurrence(recurring=phone, date=JAN)
    services.change_recurring_expense(recurring=phone, auto_post=True)
    services.post_due(budget=category.budget, today=FEB)

    assert list(phone.expenses.values_list("date", flat=True)) == [FEB]
    assert list(SkippedOccurrence.objects.values_list("date", flat=True)) == [JAN]


def test_skipping_refuses_an_occurrence_that_is_not_the_next(category):
    phone = RecurringExpenseFactory(category=category)

    with pytest.raises(services.OccurrenceNotPending):
        services.skip_occurrence(recurring=phone, date=FEB)
    assert not SkippedOccurrence.objects.exists()


def test_record_past_skips_what_is_recorded_already(category):
    phone = RecurringExpenseFactory(category=category, today=MAR, start=JAN)

    assert services.record_past_occurrences(recurring=phone, count=2) == 2
    assert services.record_past_occurrences(recurring=phone, count=2) == 0
    assert sorted(phone.expenses.values_list("date", flat=True)) == [JAN, FEB]
