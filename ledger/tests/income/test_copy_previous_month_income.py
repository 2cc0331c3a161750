import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import MonthlyIncome
from ledger.tests.factories import MonthlyIncomeFactory, budget_of

pytestmark = pytest.mark.django_db

MARCH, APRIL = datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)


def test_it_copies_amount_and_note(user):
    MonthlyIncomeFactory(owner=user, month=MARCH, amount=Decimal("2500.00"), note="Salary")
    services.copy_previous_month_income(budget=budget_of(user), month=APRIL)
    stored = MonthlyIncome.objects.get(budget=budget_of(user), month=APRIL)
    assert (stored.amount, stored.note) == (Decimal("2500.00"), "Salary")


def test_it_stores_nothing_when_the_month_before_is_unset(user):
    assert services.copy_previous_month_income(budget=budget_of(user), month=APRIL) is None
    assert not MonthlyIncome.objects.exists()


def test_it_reads_only_the_owners_income(user, other_user):
    MonthlyIncomeFactory(owner=other_user, month=MARCH)
    assert services.copy_previous_month_income(budget=budget_of(user), month=APRIL) is None
    assert not MonthlyIncome.objects.filter(budget=budget_of(user)).exists()
