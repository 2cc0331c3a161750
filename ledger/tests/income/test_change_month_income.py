import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import MonthlyIncome
from ledger.tests.factories import MonthlyIncomeFactory

pytestmark = pytest.mark.django_db


def test_it_changes_the_given_fields_only(user):
    income = MonthlyIncomeFactory(owner=user, note="Salary")
    services.change_month_income(income=income, amount=Decimal("10.00"))
    stored = MonthlyIncome.objects.get(pk=income.pk)
    assert (stored.month, stored.amount, stored.note) == (
        datetime.date(2026, 3, 1),
        Decimal("10.00"),
        "Salary",
    )


def test_it_moves_the_income_to_another_month(user):
    income = MonthlyIncomeFactory(owner=user)
    services.change_month_income(income=income, month=datetime.date(2026, 5, 1))
    assert MonthlyIncome.objects.get(pk=income.pk).month == datetime.date(2026, 5, 1)


def test_it_refuses_a_day_that_is_not_the_first(user):
    income = MonthlyIncomeFactory(owner=user)
    with pytest.raises(services.NotAMonth):
        services.change_month_income(income=income, month=datetime.date(2026, 5, 2))
    assert MonthlyIncome.objects.get(pk=income.pk).month == datetime.date(2026, 3, 1)
