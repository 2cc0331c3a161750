import datetime

import pytest

from ledger import services
from ledger.models import MonthlyIncome
from ledger.tests.factories import MonthlyIncomeFactory

pytestmark = pytest.mark.django_db


def test_it_deletes_only_that_month(user):
    gone = MonthlyIncomeFactory(owner=user)
    kept = MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 4, 1))
    services.remove_month_income(income=gone)
    assert list(MonthlyIncome.objects.values_list("pk", flat=True)) == [kept.pk]
