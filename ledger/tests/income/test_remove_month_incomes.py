import pytest

from ledger import services
from ledger.models import MonthlyIncome
from ledger.tests.factories import MonthlyIncomeFactory, budget_of

pytestmark = pytest.mark.django_db


def test_it_deletes_the_queryset_and_says_how_many(user, other_user):
    MonthlyIncomeFactory(owner=user)
    kept = MonthlyIncomeFactory(owner=other_user)
    assert (
        services.remove_month_incomes(incomes=MonthlyIncome.objects.filter(budget=budget_of(user)))
        == 1
    )
    assert list(MonthlyIncome.objects.values_list("pk", flat=True)) == [kept.pk]
