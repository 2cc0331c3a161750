import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Expense, RecurringExpense
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def _create(user, category, **fields):
    values = {
        "budget": budget_of(user),
        "category": category,
        "amount": Decimal("950.00"),
        "frequency": "monthly",
        "start": datetime.date(2026, 1, 1),
        "description": "Rent",
        "created_by": user,
        "today": TODAY,
        **fields,
    }
    return services.create_recurring_expense(**values)


def test_it_works(user, category):
    rent = _create(user, category)

    stored = RecurringExpense.objects.get(pk=rent.pk)
    assert (stored.amount, stored.description, stored.created_by) == (
        Decimal("950.00"),
        "Rent",
        user,
    )
    # Posting starts the day it is made: the next one is April's, not January's.
    assert (stored.posts_from, stored.next_due) == (TODAY, datetime.date(2026, 4, 1))
    assert not Expense.objects.exists()


def test_an_occurrence_on_the_day_it_is_made_is_due(user, category):
    rent = _create(user, category, start=TODAY)

    assert rent.next_due == TODAY


def test_it_records_the_past_occurrences_asked_for(user, category):
    _create(user, category, record_past=2)

    assert list(Expense.objects.order_by("date").values_list("date", "amount")) == [
        (datetime.date(2026, 2, 1), Decimal("950.00")),
        (datetime.date(2026, 3, 1), Decimal("950.00")),
    ]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"interval": 0}, "interval"),
        ({"interval": 100}, "interval"),
        ({"end": datetime.date(2025, 12, 31)}, "end"),
        ({"day_of_month": 32}, "day_of_month"),
        ({"day_of_month": 0}, "day_of_month"),
        ({"day_of_month": 5, "last_day": True}, "day_of_month"),
        ({"frequency": "weekly", "day_of_month": 5}, "day_of_month"),
        ({"frequency": "daily"}, "frequency"),
        ({"end": datetime.date(2026, 6, 1), "count": 3}, "count"),
        ({"count": 0}, "count"),
        ({"amount": Decimal("0.00")}, "amount"),
        ({"start": datetime.date(1800, 1, 1)}, "start"),
        ({"record_past": 101}, "record_past"),
    ],
)
def test_it_refuses_a_bad_schedule_naming_the_field(user, category, fields, field):
    with pytest.raises(services.InvalidSchedule) as refused:
        _create(user, category, **fields)

    assert list(refused.value.errors) == [field]
    assert not RecurringExpense.objects.exists()


def test_it_refuses_a_category_of_another_budget(user, others_category):
    with pytest.raises(services.InvalidSchedule) as refused:
        _create(user, others_category)

    assert list(refused.value.errors) == ["category"]
    assert not RecurringExpense.objects.exists()


def test_it_refuses_an_archived_category(user):
    archived = CategoryFactory(owner=user, is_archived=True)

    with pytest.raises(services.InvalidSchedule):
        _create(user, archived)
