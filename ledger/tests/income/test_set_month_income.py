import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import MonthlyIncome
from ledger.tests.factories import budget_of

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 1)


def test_it_creates_the_months_income(user):
    services.set_month_income(
        budget=budget_of(user), month=MARCH, amount=Decimal("3000.00"), note="Salary"
    )
    stored = MonthlyIncome.objects.get(budget=budget_of(user))
    assert (stored.month, stored.amount, stored.note) == (MARCH, Decimal("3000.00"), "Salary")


def test_it_replaces_an_income_already_set(user):
    services.set_month_income(budget=budget_of(user), month=MARCH, amount=Decimal("3000.00"))
    services.set_month_income(
        budget=budget_of(user), month=MARCH, amount=Decimal("3100.00"), note="Raise"
    )
    stored = MonthlyIncome.objects.get(budget=budget_of(user))
    assert (stored.amount, stored.note) == (Decimal("3100.00"), "Raise")


def test_it_refuses_a_day_that_is_not_the_first(user):
    with pytest.raises(services.NotAMonth, match="e.g. 2026-03-01"):
        services.set_month_income(
            budget=budget_of(user), month=datetime.date(2026, 3, 15), amount=Decimal("1.00")
        )
    assert not MonthlyIncome.objects.exists()
